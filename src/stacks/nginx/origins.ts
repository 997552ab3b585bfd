// From an emitted Access-Control-Allow-Origin value to origin rules: `$http_origin`, `set`, `map` and `if` guards.
import type { Located, OriginRule } from '../../model/policy.js';
import type { SourceSpan } from '../../model/source.js';
import type { Condition, NginxMap } from './maps.js';

/** A condition known to hold where a value is used (the enclosing `if`, or a "reject unless" `if` before it). */
export interface Guard {
  condition: Condition;
}

/** A `set $name value;` with the condition of the `if` it sits in, if any. */
export interface Assignment {
  value: string;
  span: SourceSpan;
  guard?: Guard;
}

/** What is visible where a header value is evaluated. */
export interface OriginEnv {
  maps: ReadonlyMap<string, NginxMap>;
  /** `set` assignments by variable name (lower-case, without `$`) on the request's path. */
  assignments: ReadonlyMap<string, readonly Assignment[]>;
  guards: readonly Guard[];
}

/** Origin rules for one emitted value, and whether the value depends on the request's Origin. */
export interface ResolvedOrigins {
  rules: Located<OriginRule>[];
  dependent: boolean;
}

const SINGLE_VAR = /^\$(?:\{([A-Za-z0-9_]+)\}|([A-Za-z0-9_]+))$/;

/** The variable name of a value that is exactly one variable (`$x`, `${x}`), lower-cased. */
export function singleVariable(value: string): string | undefined {
  const m = SINGLE_VAR.exec(value);
  return m ? (m[1] ?? m[2]).toLowerCase() : undefined;
}

const MAX_DEPTH = 8;

/**
 * Resolves a header value as nginx evaluates it at response time. `$http_origin` is the request's
 * Origin header (ngx_http_variables.c `ngx_http_variable_unknown_header`): unguarded it reflects
 * every origin, `null` included; under an `if ($http_origin ~* re)` it is the origins the regex
 * accepts (unanchored PCRE, `ngx_regex.c`). A map over `$http_origin` yields its entries: string keys
 * compare exactly but case-insensitively (`ngx_hash_find` on the lower-cased key), regex keys as
 * above, and an empty value sends no header (`ngx_http_headers_filter_module.c` skips empty values).
 */
export function resolveOrigins(value: string, span: SourceSpan, env: OriginEnv): ResolvedOrigins {
  const out: ResolvedOrigins = { rules: [], dependent: false };
  resolveInto(value, span, env, env.guards, out, 0);
  return out;
}

function literal(value: string, span: SourceSpan): Located<OriginRule> | undefined {
  if (value === '') return undefined;
  if (value === '*') return { value: { kind: 'any' }, span };
  if (value === 'null') return { value: { kind: 'null' }, span };
  // A literal header value is sent as written; the browser compares it with the request origin.
  return { value: { kind: 'exact', origin: value, comparison: 'exact', emitted: true }, span };
}

function resolveInto(value: string, span: SourceSpan, env: OriginEnv, guards: readonly Guard[], out: ResolvedOrigins, depth: number): void {
  if (!value.includes('$')) {
    const rule = literal(value, span);
    if (rule) out.rules.push(rule);
    return;
  }
  const name = singleVariable(value);
  if (name === undefined || depth > MAX_DEPTH) {
    out.rules.push({ value: { kind: 'unknown', expression: value }, span });
    return;
  }
  if (name === 'http_origin') {
    out.dependent = true;
    for (const g of guards) {
      const guarded = guardRules(g.condition, env);
      if (guarded) {
        out.rules.push(...guarded);
        return;
      }
    }
    out.rules.push({ value: { kind: 'reflect' }, span });
    return;
  }
  const map = env.maps.get(name);
  if (map) {
    resolveMap(map, env, guards, out, depth);
    return;
  }
  const assignments = env.assignments.get(name);
  if (assignments && assignments.length > 0) {
    for (const a of assignments) {
      // An assignment guarded by an origin check only happens for the origins the check accepts.
      if (a.guard && guardRules(a.guard.condition, env)) out.dependent = true;
      resolveInto(a.value, a.span, env, a.guard ? [a.guard, ...guards] : guards, out, depth + 1);
    }
    return;
  }
  out.rules.push({ value: { kind: 'unknown', expression: value }, span });
}

function isOriginSource(source: string): boolean {
  return singleVariable(source) === 'http_origin';
}

function keyRule(map: NginxMap, i: number): Located<OriginRule> {
  const e = map.entries[i];
  if (e.regex) {
    return { value: { kind: 'pattern', pattern: e.key, flavor: 'pcre-unanchored', ...(e.regex.flags ? { flags: e.regex.flags } : {}) }, span: e.keySpan };
  }
  // The string `null` is what opaque origins send (semantics.md §5.6): trusting it is its own case.
  if (e.key.toLowerCase() === 'null') return { value: { kind: 'null' }, span: e.keySpan };
  return { value: { kind: 'exact', origin: e.key, comparison: 'ignore-case' }, span: e.keySpan };
}

function resolveMap(map: NginxMap, env: OriginEnv, guards: readonly Guard[], out: ResolvedOrigins, depth: number): void {
  const byOrigin = isOriginSource(map.source);
  if (byOrigin) out.dependent = true;
  map.entries.forEach((e, i) => {
    if (byOrigin && singleVariable(e.value.value) === 'http_origin') out.rules.push(keyRule(map, i));
    else resolveInto(e.value.value, e.value.span, env, guards, out, depth + 1);
  });
  if (map.default) resolveInto(map.default.value, map.default.span, env, guards, out, depth + 1);
}

/** Whether a map value lets the guarded request through (`if ($v)` is false for "" and "0"). */
const truthy = (v: string) => v !== '' && v !== '0';

/**
 * The origins for which a condition holds, when it is a test of the request's Origin: a comparison
 * of `$http_origin`, or a test of a map over `$http_origin`. Undefined for any other condition.
 */
export function guardRules(c: Condition, env: OriginEnv): Located<OriginRule>[] | undefined {
  if (c.variable === 'http_origin' && c.operand) {
    const { value, span } = c.operand;
    if (c.op === '~' || c.op === '~*') {
      return [{ value: { kind: 'pattern', pattern: value, flavor: 'pcre-unanchored', ...(c.op === '~*' ? { flags: 'i' } : {}) }, span }];
    }
    // `=` compares the whole strings byte for byte (ngx_http_script_equal_code).
    if (c.op === '=') return value === '' ? [] : [{ value: { kind: 'exact', origin: value, comparison: 'exact' }, span }];
    return undefined;
  }
  const map = c.variable === undefined ? undefined : env.maps.get(c.variable);
  if (!map || !isOriginSource(map.source)) return undefined;
  let passes: (v: string) => boolean;
  if (c.op === undefined) passes = truthy;
  else if (c.op === '=' && c.operand) {
    const want = c.operand.value;
    passes = (v) => v === want;
  } else if (c.op === '!=' && c.operand) {
    const unwanted = c.operand.value;
    passes = (v) => v !== unwanted;
  } else return undefined;
  const rules: Located<OriginRule>[] = [];
  map.entries.forEach((e, i) => {
    if (passes(e.value.value)) rules.push(keyRule(map, i));
  });
  if (passes(map.default?.value ?? '')) rules.push({ value: { kind: 'reflect' }, span: map.default?.span ?? c.span });
  return rules;
}
