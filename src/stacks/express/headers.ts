// Hand-written CORS headers (`res.setHeader`, `res.set`, `res.header`, `writeHead`, `ctx.set`) → policies.
import type * as t from '@babel/types';
import type { AdapterHost } from '../../model/adapter.js';
import type { CorsPolicy, Diagnostic, HeaderList, Located, OriginRule, StackId } from '../../model/policy.js';
import { spanOf, type JsResolver, type JsValue } from '../shared/js/index.js';
import { sourceText } from './callback.js';
import { memberName, pathDnf, toChecks, unwrap, type OriginContext } from './checks.js';
import { pathEvents, type Atom } from './paths.js';

/** Methods that write one header (`name, value`) or several (`{ name: value }`). */
const WRITERS = new Set(['setHeader', 'header', 'set', 'append', 'writeHead', 'headers', 'vary']);
const CORS_HEADERS = new Set([
  'access-control-allow-origin', 'access-control-allow-credentials', 'access-control-allow-methods',
  'access-control-allow-headers', 'access-control-expose-headers', 'access-control-max-age',
  'access-control-allow-private-network', 'vary',
]);

/** Cheap test during the walk: a writer method whose first arguments may name a CORS header. */
export function isHeaderWrite(call: t.CallExpression, method: string): boolean {
  if (!WRITERS.has(method)) return false;
  if (method === 'vary') return true;
  const a = call.arguments[method === 'writeHead' ? 1 : 0];
  if (!a) return false;
  if (a.type === 'StringLiteral') return CORS_HEADERS.has(a.value.toLowerCase());
  return a.type === 'ObjectExpression' || a.type === 'Identifier' || a.type === 'MemberExpression' || a.type === 'ArrayExpression' || a.type === 'NumericLiteral';
}

/**
 * Whether an expression is the request's Origin header: `req.headers.origin`,
 * `req.headers['origin']`, `ctx.request.header.origin`, `req.get('origin')`, `req.header('Origin')`,
 * `ctx.get('Origin')`, `request.headers.get('origin')`, or a constant bound to one
 * (`const origin = req.headers.origin`, `const { origin } = req.headers`).
 */
export function isRequestOrigin(node: t.Node, resolver: JsResolver, _req?: string): boolean {
  const n = unwrap(node);
  if (n.type === 'MemberExpression' || n.type === 'OptionalMemberExpression') {
    if (memberName(n)?.toLowerCase() !== 'origin') return false;
    const parent = memberName(unwrap(n.object));
    return parent === 'headers' || parent === 'header';
  }
  if (n.type === 'CallExpression' || n.type === 'OptionalCallExpression') {
    const m = memberName(n.callee);
    const a = n.arguments[0];
    return (m === 'get' || m === 'header') && n.arguments.length === 1 && a.type === 'StringLiteral' && a.value.toLowerCase() === 'origin';
  }
  if (n.type === 'LogicalExpression' && n.operator !== '&&') return isRequestOrigin(n.left, resolver);
  if (n.type === 'Identifier') {
    const b = resolver.bindingOf(n);
    if (!b || b.reassigned || !b.init || b.kind === 'param') return false;
    const steps = b.path.filter((s) => s.type !== 'default');
    if (steps.length === 0) return b.init !== node && isRequestOrigin(b.init, resolver);
    if (steps.length === 1 && steps[0].type === 'key' && steps[0].key.toLowerCase() === 'origin') {
      const parent = memberName(unwrap(b.init));
      return parent === 'headers' || parent === 'header';
    }
  }
  return false;
}

interface Write {
  name: string;
  value: t.Node;
  call: t.CallExpression;
}

export interface HeaderContext {
  resolver: JsResolver;
  file: string;
  text: string;
  diagnostics: Diagnostic[];
  stack: StackId;
  host: AdapterHost;
}

/** The header writes of one call, with their (lower-case) names. */
function writesOf(call: t.CallExpression, resolver: JsResolver): Write[] {
  const method = memberName(call.callee)!;
  const args = call.arguments as t.Expression[];
  if (method === 'vary') return args[0] ? [{ name: 'vary', value: args[0], call }] : [];
  const target = method === 'writeHead' ? args.find((a, i) => i > 0 && unwrap(a).type !== 'StringLiteral') : args[0];
  if (!target) return [];
  if (method !== 'writeHead' && args.length >= 2) {
    const name = resolver.resolve(target);
    return name.kind === 'string' && CORS_HEADERS.has(name.value.toLowerCase()) ? [{ name: name.value.toLowerCase(), value: args[1], call }] : [];
  }
  const obj = unwrap(target);
  if (obj.type !== 'ObjectExpression') return [];
  const out: Write[] = [];
  for (const p of obj.properties) {
    if (p.type !== 'ObjectProperty') continue;
    const key = p.key.type === 'StringLiteral' ? p.key.value : !p.computed && p.key.type === 'Identifier' ? p.key.name : undefined;
    if (key && CORS_HEADERS.has(key.toLowerCase())) out.push({ name: key.toLowerCase(), value: p.value, call });
  }
  return out;
}

/** One policy per function that writes `Access-Control-Allow-Origin` (a handler or a middleware). */
export function headerPolicies(byFunction: Map<t.Node, t.CallExpression[]>, ctx: HeaderContext): CorsPolicy[] {
  const policies: CorsPolicy[] = [];
  for (const [fn, calls] of byFunction) {
    const writes = calls.flatMap((c) => writesOf(c, ctx.resolver));
    const acao = writes.filter((w) => w.name === 'access-control-allow-origin');
    if (acao.length === 0) continue;
    const body = fn.type === 'Program' ? fn : (fn as t.Function).body;
    const events = new Map<t.Node, Atom[]>();
    const callSet = new Set(calls);
    for (const e of pathEvents(body, (n) => callSet.has(n as t.CallExpression))) if (!e.nested) events.set(e.node, e.conditions);
    const octx: OriginContext = { isOrigin: (n) => isRequestOrigin(n, ctx.resolver), resolver: ctx.resolver, file: ctx.file };

    const origins: Located<OriginRule>[] = [];
    const emitters: Located<string>[] = [];
    let dependent = false;
    for (const w of acao) {
      const conds = events.get(w.call) ?? [];
      for (const r of valueRules(w.value, conds, octx, ctx)) {
        if (r.value.kind !== 'exact' && r.value.kind !== 'any' && r.value.kind !== 'null') dependent = true;
        origins.push(r);
      }
      const v = ctx.resolver.resolve(w.value);
      emitters.push({ value: v.kind === 'string' ? v.value : sourceText(w.value, ctx.text), span: spanOf(w.call, ctx.file) });
      if (conds.length > 0) dependent = true;
    }
    const first = acao[0].call;
    const span = spanOf(first, ctx.file);
    const policy: CorsPolicy = {
      stack: ctx.stack,
      layer: 'app',
      context: ctx.host.contextFor(ctx.file),
      scope: functionLabel(fn),
      span,
      origins,
      credentials: { value: false, span, implicit: true },
      headerEmitters: emitters,
      originDependent: dependent,
      varyOrigin: { value: false, span, implicit: true },
    };
    for (const w of writes) {
      const v = ctx.resolver.resolve(w.value);
      const at = spanOf(w.value, ctx.file);
      switch (w.name) {
        case 'access-control-allow-credentials':
          // The browser accepts only the exact value `true` (Fetch §5.1); `setHeader(…, true)` serialises to it.
          if (v.kind === 'boolean' || v.kind === 'string') policy.credentials = { value: v.kind === 'boolean' ? v.value : v.value === 'true', span: at };
          else policy.credentials = { value: 'unknown', span: at };
          break;
        case 'vary': {
          const text = v.kind === 'string' ? v.value : v.kind === 'array' ? v.elements.map((e) => (e.kind === 'string' ? e.value : '')).join(',') : '';
          if (/(^|[\s,])origin($|[\s,])/i.test(text)) policy.varyOrigin = { value: true, span: at };
          break;
        }
        case 'access-control-allow-methods':
          policy.allowMethods = headerList(v, at) ?? policy.allowMethods;
          break;
        case 'access-control-allow-headers':
          policy.allowHeaders = headerList(v, at) ?? policy.allowHeaders;
          break;
        case 'access-control-expose-headers':
          policy.exposeHeaders = headerList(v, at) ?? policy.exposeHeaders;
          break;
        case 'access-control-max-age': {
          const n = v.kind === 'number' ? v.value : v.kind === 'string' && /^\s*-?\d+\s*$/.test(v.value) ? Number(v.value) : undefined;
          if (n !== undefined) policy.maxAge = { value: n, span: at };
          break;
        }
        case 'access-control-allow-private-network':
          if (v.kind === 'boolean' || v.kind === 'string') policy.allowPrivateNetwork = { value: v.kind === 'boolean' ? v.value : v.value === 'true', span: at };
          break;
        default:
          break;
      }
    }
    policies.push(policy);
  }
  return policies;
}

function headerList(v: JsValue, span: Located<unknown>['span']): Located<HeaderList> | undefined {
  const raw = v.kind === 'string' ? v.value.split(',') : v.kind === 'array' && v.elements.every((e) => e.kind === 'string') ? v.elements.map((e) => (e as { value: string }).value) : undefined;
  if (!raw) return undefined;
  const names = raw.map((s) => s.trim()).filter((s) => s !== '');
  return { value: names.length === 1 && names[0] === '*' ? '*' : names, span };
}

/**
 * The origins an allow-origin value admits on its path: the request Origin echoed under the tests
 * that lead there (unconditionally: reflection), a constant as written, a `cond ? origin : x` per branch.
 */
function valueRules(node: t.Node, conds: Atom[], octx: OriginContext, ctx: HeaderContext): Located<OriginRule>[] {
  const n = unwrap(node);
  const span = spanOf(n, ctx.file);
  if (n.type === 'ConditionalExpression') {
    return [
      ...valueRules(n.consequent, [...conds, { test: n.test, negated: false }], octx, ctx),
      ...valueRules(n.alternate, [...conds, { test: n.test, negated: true }], octx, ctx),
    ];
  }
  if (octx.isOrigin(n)) {
    const dnf = pathDnf(conds, octx);
    if (dnf === 'unknown') return [{ value: { kind: 'unknown', expression: sourceText(n, ctx.text) }, span }];
    if (dnf.length === 0) return [];
    if (dnf.some((c) => c.length === 0)) return [{ value: { kind: 'reflect' }, span }];
    return [{ value: { kind: 'predicate', checks: toChecks(dnf), source: sourceText(n, ctx.text) }, span }];
  }
  const v = ctx.resolver.resolve(n);
  if (v.kind === 'string') {
    if (v.value === '') return [];
    if (v.value === '*') return [{ value: { kind: 'any' }, span }];
    if (v.value === 'null') return [{ value: { kind: 'null' }, span }];
    return [{ value: { kind: 'exact', origin: v.value, comparison: 'exact', emitted: true }, span }];
  }
  if (v.kind === 'env' && v.default?.kind === 'string') {
    return [{ value: { kind: 'exact', origin: v.default.value, comparison: 'exact', emitted: true }, span: v.default.span, runtimeDefault: true }];
  }
  if (v.kind === 'null' || v.kind === 'undefined') return [];
  return [{ value: { kind: 'unknown', expression: sourceText(n, ctx.text) }, span }];
}

function functionLabel(fn: t.Node): string {
  if (fn.type === 'Program') return 'module';
  if (fn.type === 'FunctionDeclaration' && fn.id) return `function ${fn.id.name}`;
  return `handler at line ${fn.loc?.start.line ?? 1}`;
}
