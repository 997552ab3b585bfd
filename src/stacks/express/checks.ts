// Origin tests in code (`list.includes(origin)`, `origin.endsWith(…)`, `re.test(origin)`) → predicate checks.
import type * as t from '@babel/types';
import type { PredicateCheck } from '../../model/policy.js';
import { forEachChild, spanOf, type JsResolver, type JsValue } from '../shared/js/index.js';
import type { Atom } from './paths.js';

/** One way to be allowed: every check must pass (empty: no check at all). */
export type Conjunction = PredicateCheck[];
/** Alternatives (any may allow); `[]` never allows, `[[]]` always does; `unknown` when a test is not understood. */
export type Dnf = Conjunction[] | 'unknown';

export interface OriginContext {
  /** Whether an expression is the request's origin (a callback parameter, `req.headers.origin`, …). */
  isOrigin(node: t.Node): boolean;
  resolver: JsResolver;
  file: string;
}

const ALWAYS: Conjunction[] = [[]];
/** Larger condition products are given up on (they do not occur in hand-written origin checks). */
const MAX_ALTERNATIVES = 64;

export function unwrap(node: t.Node): t.Node {
  let n = node;
  while (n.type === 'ParenthesizedExpression' || n.type === 'TSAsExpression' || n.type === 'TSNonNullExpression' || n.type === 'TSSatisfiesExpression') n = n.expression;
  return n;
}

export function memberName(node: t.Node): string | undefined {
  if (node.type !== 'MemberExpression' && node.type !== 'OptionalMemberExpression') return undefined;
  if (!node.computed && node.property.type === 'Identifier') return node.property.name;
  if (node.property.type === 'StringLiteral') return node.property.value;
  return undefined;
}

export function product(a: Dnf, b: Dnf): Dnf {
  if (a === 'unknown' || b === 'unknown') return 'unknown';
  const out: Conjunction[] = [];
  for (const x of a) for (const y of b) out.push([...x, ...y]);
  return out.length > MAX_ALTERNATIVES ? 'unknown' : out;
}

export function union(a: Dnf, b: Dnf): Dnf {
  if (a === 'unknown' || b === 'unknown') return 'unknown';
  const out = [...a, ...b];
  return out.length > MAX_ALTERNATIVES ? 'unknown' : out;
}

/** The conjunction of a path's tests. */
export function pathDnf(atoms: readonly Atom[], ctx: OriginContext): Dnf {
  let dnf: Dnf = ALWAYS;
  for (const atom of atoms) {
    dnf = product(dnf, testDnf(atom.test, atom.negated, ctx));
    if (dnf === 'unknown' || dnf.length === 0) return dnf;
  }
  return dnf;
}

/** Reduces alternatives to the checks of a `predicate` origin rule. */
export function toChecks(dnf: Conjunction[]): PredicateCheck[] {
  return dnf.map((c) => (c.length === 0 ? { op: 'always' } : c.length === 1 ? c[0] : { op: 'all', checks: c }));
}

function mentionsOrigin(node: t.Node, ctx: OriginContext): boolean {
  if (ctx.isOrigin(node)) return true;
  let found = false;
  forEachChild(node, (child) => {
    if (!found && mentionsOrigin(child, ctx)) found = true;
  });
  return found;
}

type Leaf =
  | { kind: 'present' }
  | { kind: 'absent' }
  | { kind: 'checks'; alternatives: PredicateCheck[] };

/**
 * The origins a test lets through when it is true (or false, with `negated`). A test that does not
 * involve the origin (`process.env.NODE_ENV === 'development'`) may go either way: both branches
 * count. The false branch of an allow check (`!list.includes(origin)`) admits every origin outside
 * the list, which for an attacker is every origin: it counts as no restriction.
 */
export function testDnf(node: t.Node, negated: boolean, ctx: OriginContext): Dnf {
  const n = unwrap(node);
  if (n.type === 'UnaryExpression' && n.operator === '!') return testDnf(n.argument, !negated, ctx);
  if (n.type === 'LogicalExpression' && n.operator !== '??') {
    const l = testDnf(n.left, negated, ctx);
    const r = testDnf(n.right, negated, ctx);
    // De Morgan: a negated `&&` is an `||` of the negations.
    return (n.operator === '&&') !== negated ? product(l, r) : union(l, r);
  }
  if (!mentionsOrigin(n, ctx)) return ALWAYS;
  const leaf = leafOf(n, ctx);
  if (!leaf) return 'unknown';
  const inverted = leaf.invert ? !negated : negated;
  switch (leaf.value.kind) {
    case 'present': return inverted ? [[{ op: 'no-origin', span: spanOf(n, ctx.file) }]] : ALWAYS;
    case 'absent': return inverted ? ALWAYS : [[{ op: 'no-origin', span: spanOf(n, ctx.file) }]];
    case 'checks': return inverted ? ALWAYS : leaf.value.alternatives.map((c) => [c]);
  }
}

function leafOf(n: t.Node, ctx: OriginContext): { value: Leaf; invert: boolean } | undefined {
  if (ctx.isOrigin(n)) return { value: { kind: 'present' }, invert: false };
  const span = spanOf(n, ctx.file);
  if (n.type === 'BinaryExpression' && n.left.type !== 'PrivateName') {
    const op = n.operator;
    const invert = op === '!==' || op === '!=';
    if (op === '===' || op === '==' || invert) {
      for (const [a, b] of [[n.left, n.right], [n.right, n.left]] as const) {
        if (ctx.isOrigin(unwrap(a))) {
          const other = unwrap(b);
          if (isNullish(other)) return { value: { kind: 'absent' }, invert };
          const v = ctx.resolver.resolve(other);
          if (v.kind === 'string') return { value: { kind: 'checks', alternatives: [{ op: 'equals', value: v.value, span }] }, invert };
          return undefined;
        }
        // `typeof origin === 'undefined'`
        const ua = unwrap(a);
        if (ua.type === 'UnaryExpression' && ua.operator === 'typeof' && ctx.isOrigin(unwrap(ua.argument))) {
          const v = ctx.resolver.resolve(b);
          return v.kind === 'string' && v.value === 'undefined' ? { value: { kind: 'absent' }, invert } : undefined;
        }
      }
    }
    // `list.indexOf(origin) !== -1`, `origin.indexOf('x') >= 0`, `origin.indexOf('https://') === 0`.
    const index = indexComparison(n);
    if (index) {
      const call = unwrap(index.call);
      if (call.type !== 'CallExpression' || memberName(call.callee) !== 'indexOf' || call.arguments.length < 1) return undefined;
      const receiver = (call.callee as t.MemberExpression).object;
      const arg = call.arguments[0] as t.Expression;
      if (ctx.isOrigin(unwrap(arg))) {
        const list = listOf(receiver, ctx);
        return list && index.meaning !== 'at-start' ? { value: { kind: 'checks', alternatives: [{ op: 'in-list', values: list, span }] }, invert: index.meaning === 'absent' } : undefined;
      }
      if (ctx.isOrigin(unwrap(receiver))) {
        const s = ctx.resolver.resolve(arg);
        if (s.kind !== 'string') return undefined;
        if (index.meaning === 'at-start') return { value: { kind: 'checks', alternatives: [{ op: 'startsWith', value: s.value, span }] }, invert: false };
        return { value: { kind: 'checks', alternatives: [{ op: 'includes', value: s.value, span }] }, invert: index.meaning === 'absent' };
      }
    }
    return undefined;
  }
  if (n.type === 'CallExpression' || n.type === 'OptionalCallExpression') {
    const method = memberName(n.callee);
    if (!method) return undefined;
    const receiver = unwrap((n.callee as t.MemberExpression).object);
    const arg = n.arguments[0] as t.Expression | undefined;
    const argIsOrigin = arg !== undefined && ctx.isOrigin(unwrap(arg));
    const receiverIsOrigin = ctx.isOrigin(receiver);
    const checks = (c: PredicateCheck[]) => ({ value: { kind: 'checks', alternatives: c } as Leaf, invert: false });
    switch (method) {
      case 'includes':
      case 'has':
        if (argIsOrigin) {
          const list = listOf(receiver, ctx);
          return list ? checks([{ op: 'in-list', values: list, span }]) : undefined;
        }
        if (receiverIsOrigin && method === 'includes' && arg) {
          const s = ctx.resolver.resolve(arg);
          return s.kind === 'string' ? checks([{ op: 'includes', value: s.value, span }]) : undefined;
        }
        return undefined;
      case 'startsWith':
      case 'endsWith': {
        if (!receiverIsOrigin || !arg) return undefined;
        const s = ctx.resolver.resolve(arg);
        return s.kind === 'string' ? checks([{ op: method, value: s.value, span }]) : undefined;
      }
      case 'test':
      case 'exec': {
        if (!argIsOrigin) return undefined;
        const re = regexOf(ctx.resolver.resolve(receiver));
        return re ? checks([{ op: 'regex', ...re, span }]) : undefined;
      }
      case 'match': {
        if (!receiverIsOrigin || !arg) return undefined;
        // String.prototype.match turns a string argument into `new RegExp(string)`.
        const re = regexOf(ctx.resolver.resolve(arg), true);
        return re ? checks([{ op: 'regex', ...re, span }]) : undefined;
      }
      case 'some':
      case 'find': {
        if (!arg || (arg.type !== 'ArrowFunctionExpression' && arg.type !== 'FunctionExpression')) return undefined;
        const elements = ctx.resolver.resolve(receiver);
        if (elements.kind !== 'array' || elements.spreadUnknown) return undefined;
        const alternatives = elementChecks(arg, elements.elements, span, ctx);
        return alternatives ? checks(alternatives) : undefined;
      }
      default:
        return undefined;
    }
  }
  return undefined;
}

function isNullish(n: t.Node): boolean {
  return n.type === 'NullLiteral' || (n.type === 'Identifier' && n.name === 'undefined') || (n.type === 'UnaryExpression' && n.operator === 'void');
}

/** `x.indexOf(y) !== -1` / `> -1` / `>= 0` (found), `=== -1` / `< 0` (absent), `=== 0` (at the start). */
function indexComparison(n: t.BinaryExpression): { call: t.Node; meaning: 'found' | 'absent' | 'at-start' } | undefined {
  const num = (x: t.Node): number | undefined => {
    const u = unwrap(x);
    if (u.type === 'NumericLiteral') return u.value;
    if (u.type === 'UnaryExpression' && u.operator === '-' && u.argument.type === 'NumericLiteral') return -u.argument.value;
    return undefined;
  };
  const right = num(n.right);
  if (right === undefined || n.left.type === 'PrivateName') return undefined;
  const op = n.operator;
  if (right === -1 && (op === '!==' || op === '!=' || op === '>')) return { call: n.left, meaning: 'found' };
  if (right === 0 && op === '>=') return { call: n.left, meaning: 'found' };
  if ((right === -1 && (op === '===' || op === '==')) || (right === 0 && op === '<')) return { call: n.left, meaning: 'absent' };
  if (right === 0 && (op === '===' || op === '==')) return { call: n.left, meaning: 'at-start' };
  return undefined;
}

/** A list of full origins (array of strings, or a `new Set([...])` of one). */
export function listOf(node: t.Node, ctx: OriginContext): string[] | undefined {
  let target = unwrap(node);
  if (target.type === 'Identifier') {
    const init = ctx.resolver.bindingOf(target)?.init;
    if (init && unwrap(init).type === 'NewExpression') target = unwrap(init);
  }
  if (target.type === 'NewExpression' && target.callee.type === 'Identifier' && target.callee.name === 'Set') {
    return target.arguments.length === 1 ? listOf(target.arguments[0], ctx) : undefined;
  }
  const v = ctx.resolver.resolve(target);
  const values = v.kind === 'env' && v.default ? v.default : v;
  if (values.kind !== 'array' || values.spreadUnknown) return undefined;
  const out: string[] = [];
  for (const e of values.elements) {
    if (e.kind !== 'string') return undefined;
    out.push(e.value);
  }
  return out;
}

function regexOf(v: JsValue, fromString = false): { pattern: string; flags: string } | undefined {
  if (v.kind === 'regexp') return { pattern: v.pattern, flags: v.flags };
  if (fromString && v.kind === 'string') return { pattern: v.value, flags: '' };
  return undefined;
}

/** `list.some((o) => o === origin)`, `patterns.some((re) => re.test(origin))`, `hosts.some((h) => origin.endsWith(h))`. */
function elementChecks(fn: t.ArrowFunctionExpression | t.FunctionExpression, elements: JsValue[], span: PredicateCheck['span'], ctx: OriginContext): PredicateCheck[] | undefined {
  const param = fn.params[0];
  if (param?.type !== 'Identifier') return undefined;
  let body: t.Node = fn.body;
  if (body.type === 'BlockStatement') {
    const only = body.body.length === 1 ? body.body[0] : undefined;
    if (only?.type !== 'ReturnStatement' || !only.argument) return undefined;
    body = only.argument;
  }
  body = unwrap(body);
  const isParam = (x: t.Node) => {
    const u = unwrap(x);
    return u.type === 'Identifier' && u.name === param.name;
  };
  const strings = () => (elements.every((e) => e.kind === 'string') ? elements.map((e) => (e as { value: string }).value) : undefined);
  if (body.type === 'BinaryExpression' && (body.operator === '===' || body.operator === '==') && body.left.type !== 'PrivateName') {
    const pair = (isParam(body.left) && ctx.isOrigin(unwrap(body.right))) || (isParam(body.right) && ctx.isOrigin(unwrap(body.left)));
    const values = strings();
    return pair && values ? [{ op: 'in-list', values, span }] : undefined;
  }
  if (body.type !== 'CallExpression') return undefined;
  const method = memberName(body.callee);
  const receiver = body.callee.type === 'MemberExpression' ? unwrap(body.callee.object) : undefined;
  const arg = body.arguments[0];
  if (!method || !receiver || !arg) return undefined;
  if ((method === 'test' || method === 'exec') && ctx.isOrigin(unwrap(arg))) {
    const regexes = elements.map((e) => regexOf(e));
    if (isParam(receiver) && regexes.every((r) => r)) return regexes.map((r) => ({ op: 'regex', ...r!, span }));
    return undefined;
  }
  if ((method === 'endsWith' || method === 'startsWith' || method === 'includes') && ctx.isOrigin(receiver) && isParam(arg)) {
    const values = strings();
    return values?.map((value) => ({ op: method, value, span }));
  }
  return undefined;
}
