// nginx `map` blocks and `if` conditions, reduced to what origin analysis needs.
import type { SourceSpan } from '../../model/source.js';
import type { NginxArg, NginxDirective } from './parser.js';

/** One `key value;` line of a map. */
export interface MapEntry {
  /** The key as nginx compares it (for regex keys: without the leading `~`/`~*`). */
  key: string;
  /** Regex keys: `~` is case-sensitive, `~*` adds the `i` flag. */
  regex?: { flags: '' | 'i' };
  value: NginxArg;
  keySpan: SourceSpan;
}

/** A `map $source $target { … }` block. */
export interface NginxMap {
  /** The source as written (`$http_origin`). */
  source: string;
  /** The target variable's name without `$`, lower-cased. */
  target: string;
  entries: MapEntry[];
  /** `default` value; absent means the empty string (ngx_http_map_module.c: `map->default` stays empty). */
  default?: NginxArg;
}

/**
 * Reads a map block the way ngx_http_map (ngx_http_map_module.c) does: `default`, `hostnames`,
 * `volatile` and `include` are keywords; a leading `\` escapes a key that would be one; `~` starts
 * a case-sensitive regex and `~*` a case-insensitive one; every other key is a string.
 */
export function readMap(d: NginxDirective): NginxMap | undefined {
  if (d.args.length !== 2 || !d.block || !d.args[1].value.startsWith('$')) return undefined;
  const map: NginxMap = { source: d.args[0].value, target: d.args[1].value.slice(1).toLowerCase(), entries: [] };
  for (const e of d.block) {
    if (e.args.length !== 1 || e.block) continue;
    if (e.name === 'default') {
      map.default = e.args[0];
      continue;
    }
    let key = e.name;
    if (key.startsWith('\\')) key = key.slice(1);
    else if (key.startsWith('~*')) {
      map.entries.push({ key: key.slice(2), regex: { flags: 'i' }, value: e.args[0], keySpan: e.nameSpan });
      continue;
    } else if (key.startsWith('~')) {
      map.entries.push({ key: key.slice(1), regex: { flags: '' }, value: e.args[0], keySpan: e.nameSpan });
      continue;
    }
    map.entries.push({ key, value: e.args[0], keySpan: e.nameSpan });
  }
  return map;
}

/** The maps among http-level directives, by target variable (a map's variable is global to `http`). */
export function collectMaps(httpDirectives: readonly NginxDirective[]): Map<string, NginxMap> {
  const out = new Map<string, NginxMap>();
  for (const d of httpDirectives) {
    if (d.name !== 'map') continue;
    const map = readMap(d);
    if (map) out.set(map.target, map);
  }
  return out;
}

/** The comparison operators of `if` (ngx_http_rewrite_if_condition). */
export type ConditionOp = '=' | '!=' | '~' | '~*' | '!~' | '!~*';

/** An `if (…)` condition: a variable test, or a comparison of a variable with an operand. */
export interface Condition {
  /** Variable name without `$`, lower-cased; undefined for file tests (`-f`, `-d`, …). */
  variable?: string;
  op?: ConditionOp;
  operand?: { value: string; span: SourceSpan };
  /** The condition as written, for scope names. */
  text: string;
  span: SourceSpan;
}

const OPS = new Set(['=', '!=', '~', '~*', '!~', '!~*']);

/**
 * Reads an `if` condition as ngx_http_rewrite_if_condition does: the `(` is taken off the first
 * argument (or the argument is dropped when it is only `(`), the `)` off the last one.
 */
export function readCondition(args: readonly NginxArg[]): Condition | undefined {
  const n = args.length;
  if (n === 0 || !args[0].value.startsWith('(')) return undefined;
  // The condition's words are args[from..to) with the values in `values` (parentheses taken off).
  const values = args.map((a) => a.value);
  let from = 0;
  if (values[0] === '(') from = 1;
  else values[0] = values[0].slice(1);
  if (from === n) return undefined;
  let to = n;
  const last = values[n - 1];
  const lastQuoted = args[n - 1].quoted;
  if (!last.endsWith(')') && !lastQuoted) return undefined;
  if (last === ')' && !lastQuoted) to--;
  else if (!lastQuoted) values[n - 1] = last.slice(0, -1);
  if (to === from) return undefined;
  const text = args.map((a) => a.raw).join(' ');
  const first = args[0].span;
  const end = n === 1 ? first : args[n - 1].span;
  const span = { ...first, endLine: end.endLine, endColumn: end.endColumn };
  const head = values[from];
  const variable = head.startsWith('$') ? head.slice(1).replace(/^\{(.*)\}$/, '$1').toLowerCase() : undefined;
  const count = to - from;
  if (count === 1) return { variable, text, span };
  if (count === 3 && OPS.has(values[from + 1])) {
    return { variable, op: values[from + 1] as ConditionOp, operand: { value: values[from + 2], span: args[from + 2].span }, text, span };
  }
  return { text, span };
}

/** Whether a condition holds for OPTIONS requests: `$request_method = OPTIONS` or a regex matching it. */
export function testsOptions(c: Condition): boolean {
  if (c.variable !== 'request_method' || !c.operand) return false;
  if (c.op === '=') return c.operand.value === 'OPTIONS';
  if (c.op === '~' || c.op === '~*') {
    try {
      // PCRE and JS agree on the plain alternations and anchors such patterns use.
      return new RegExp(c.operand.value, c.op === '~*' ? 'i' : '').test('OPTIONS');
    } catch {
      return false;
    }
  }
  return false;
}

/** The positive form of a negated comparison (`!~*` → `~*`), for guards written as "reject unless". */
export function positive(op: ConditionOp): ConditionOp {
  return op === '!=' ? '=' : op === '!~' ? '~' : op === '!~*' ? '~*' : op;
}
