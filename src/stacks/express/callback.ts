// Origin callbacks (`origin: (origin, cb) => …`, async functions, @koa/cors `origin(ctx)`) → predicate rules.
import type * as t from '@babel/types';
import type { Diagnostic, Located, OriginRule, PredicateCheck } from '../../model/policy.js';
import { forEachChild, spanOf, type JsResolver } from '../shared/js/index.js';
import { pathDnf, product, testDnf, toChecks, union, unwrap, type Conjunction, type Dnf, type OriginContext } from './checks.js';
import { pathEvents, type Atom } from './paths.js';

/** How the function hands back its answer. */
export type CallbackStyle =
  /** `(origin, cb)`: `cb(err, value)` (expressjs/cors `lib/index.js` L218-226; @fastify/cors with arity 2). */
  | 'callback'
  /** `async (origin) => value` or a returned value (@fastify/cors `L268-277`, @koa/cors `origin(ctx)` `L61-65`). */
  | 'return';

export interface CallbackInput {
  fn: t.Function | t.ObjectMethod;
  style: CallbackStyle;
  /** Identifies the origin inside the function (parameter, `ctx.get('Origin')`). */
  isOrigin(node: t.Node): boolean;
  /** Interprets a non-boolean value handed back (`cb(null, 'https://a.com')`, `cb(null, [...])`). */
  staticValue(node: t.Node): Located<OriginRule>[];
  /** Called for a denial by a falsy value other than `false` (`undefined`, `null`, `''`). */
  onNonFalseDenial?(node: t.Node): void;
  resolver: JsResolver;
  file: string;
  /** The file's text, for the `source` of the predicate. */
  text: string;
  diagnostics: Diagnostic[];
}

/** The origin rules a callback amounts to: one predicate for the allowing paths, plus values it hands back. */
export function callbackRules(input: CallbackInput): Located<OriginRule>[] {
  const { fn, resolver, file } = input;
  const ctx: OriginContext = { isOrigin: input.isOrigin, resolver, file };
  const fnSpan = spanOf(fn, file);
  const unknown = (): Located<OriginRule>[] => [{ value: { kind: 'unknown', expression: sourceText(fn, input.text) }, span: fnSpan }];
  const cbName = input.style === 'callback' ? paramName(fn.params[1]) : undefined;
  if (input.style === 'callback' && !cbName) return unknown();

  const returns = new Set<t.Node>();
  if (input.style === 'return') {
    if (fn.body.type !== 'BlockStatement') returns.add(fn.body);
    else collectReturns(fn.body, returns);
  }
  const isEvent = (n: t.Node): boolean =>
    input.style === 'callback'
      ? n.type === 'CallExpression' && n.callee.type === 'Identifier' && n.callee.name === cbName && n.arguments.every((a) => a != null)
      : returns.has(n);
  const events = pathEvents(fn.body, isEvent);

  let allowed: Dnf = [];
  const statics: Located<OriginRule>[] = [];
  for (const event of events) {
    if (event.nested) return unknown();
    let value: t.Node | undefined;
    if (input.style === 'callback') {
      const call = event.node as t.CallExpression;
      const err = call.arguments[0] as t.Expression | undefined;
      if (err && !isNullish(unwrap(err))) {
        if (swapped(unwrap(err), ctx)) {
          input.diagnostics.push({
            ruleId: 'config-invalid',
            message: 'the first argument of the origin callback is the error: passing a value there fails every request that has an Origin header (the library reports an error instead of sending CORS headers); call callback(null, value)',
            span: spanOf(call, file),
          });
        }
        continue;
      }
      value = call.arguments[1] as t.Expression | undefined;
      if (!value) {
        input.onNonFalseDenial?.(call);
        continue;
      }
    } else value = event.node;
    const result = valueDnf(value, event.conditions, ctx, input, statics);
    allowed = union(allowed, result);
    if (allowed === 'unknown') return unknown();
  }
  const out: Located<OriginRule>[] = [];
  if (allowed.length > 0) out.push({ value: { kind: 'predicate', checks: toChecks(dedupe(allowed)), source: sourceText(fn, input.text) }, span: fnSpan });
  return [...out, ...statics];
}

/**
 * The origins for which a handed-back value allows: `true` and the origin itself allow (the origin is
 * echoed), falsy values deny, a test on the origin allows when it holds, and constants (`'*'`, a
 * string, a list) are interpreted by the library as origin options of their own.
 */
function valueDnf(node: t.Node, conds: Atom[], ctx: OriginContext, input: CallbackInput, statics: Located<OriginRule>[]): Dnf {
  const n = unwrap(node);
  if (n.type === 'ConditionalExpression') {
    return union(
      valueDnf(n.consequent, [...conds, { test: n.test, negated: false }], ctx, input, statics),
      valueDnf(n.alternate, [...conds, { test: n.test, negated: true }], ctx, input, statics),
    );
  }
  if (n.type === 'AwaitExpression') return valueDnf(n.argument, conds, ctx, input, statics);
  if (n.type === 'BooleanLiteral') return n.value ? pathDnf(conds, ctx) : [];
  if (isNullish(n) || (n.type === 'StringLiteral' && n.value === '') || (n.type === 'NumericLiteral' && n.value === 0)) {
    input.onNonFalseDenial?.(n);
    return [];
  }
  if (ctx.isOrigin(n)) return pathDnf(conds, ctx);
  if (n.type === 'Identifier') {
    const binding = ctx.resolver.bindingOf(n);
    // `const allowed = list.includes(origin); cb(null, allowed)`
    if (binding && binding.kind === 'const' && binding.path.length === 0 && binding.init && within(binding.init, input.fn) && mentions(binding.init, ctx)) {
      return product(pathDnf(conds, ctx), testDnf(binding.init, false, ctx));
    }
  }
  if (mentions(n, ctx)) {
    if (n.type === 'LogicalExpression' && n.operator === '||' && ctx.isOrigin(unwrap(n.left))) return pathDnf(conds, ctx);
    return product(pathDnf(conds, ctx), testDnf(n, false, ctx));
  }
  const rules = input.staticValue(n);
  if (rules.some((r) => r.value.kind === 'unknown')) return 'unknown';
  statics.push(...rules);
  return [];
}

function swapped(err: t.Node, ctx: OriginContext): boolean {
  if (ctx.isOrigin(err)) return true;
  return err.type === 'BooleanLiteral' || err.type === 'StringLiteral' || err.type === 'NumericLiteral' || err.type === 'ArrayExpression';
}

function isNullish(n: t.Node): boolean {
  return n.type === 'NullLiteral' || (n.type === 'Identifier' && n.name === 'undefined') || (n.type === 'BooleanLiteral' && !n.value);
}

function paramName(p: t.Node | undefined): string | undefined {
  return p?.type === 'Identifier' ? p.name : undefined;
}

function mentions(node: t.Node, ctx: OriginContext): boolean {
  if (ctx.isOrigin(node)) return true;
  let found = false;
  forEachChild(node, (c) => {
    if (!found && mentions(c, ctx)) found = true;
  });
  return found;
}

function within(node: t.Node, fn: t.Node): boolean {
  return node.start != null && fn.start != null && node.start >= fn.start && (node.end ?? 0) <= (fn.end ?? 0);
}

function collectReturns(node: t.Node, out: Set<t.Node>): void {
  if (node.type === 'ReturnStatement') {
    if (node.argument) out.add(node.argument);
    return;
  }
  if (node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression' || node.type === 'FunctionDeclaration') return;
  forEachChild(node, (c) => collectReturns(c, out));
}

function dedupe(dnf: Conjunction[]): Conjunction[] {
  const seen = new Set<string>();
  return dnf.filter((c) => {
    const key = JSON.stringify(c.map(stripSpan));
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function stripSpan(c: PredicateCheck): unknown {
  const { span: _span, ...rest } = c;
  return rest.op === 'all' ? { ...rest, checks: rest.checks.map(stripSpan) } : rest;
}

/** Source text of a node, shortened for messages. */
export function sourceText(node: t.Node, text: string): string {
  const s = text.slice(node.start ?? 0, node.end ?? 0);
  return s.length > 200 ? `${s.slice(0, 200)}…` : s;
}
