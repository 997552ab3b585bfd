// Options of expressjs/cors, @fastify/cors, @koa/cors and hono/cors → policy fields, exactly as each library reads them.
import type * as t from '@babel/types';
import type { CorsPolicy, Diagnostic, HeaderList, Located, OriginRule, PreflightHandling } from '../../model/policy.js';
import type { SourceSpan } from '../../model/source.js';
import { spanOf, type JsResolver, type JsValue } from '../shared/js/index.js';
import { callbackRules } from './callback.js';
import { memberName, unwrap } from './checks.js';

export type Library = 'cors' | 'fastify' | 'koa' | 'hono';

/** The policy fields an options object determines. */
export type PolicyParts = Pick<CorsPolicy, 'origins' | 'credentials' | 'allowMethods' | 'allowHeaders' | 'exposeHeaders' | 'maxAge' | 'varyOrigin' | 'headerEmitters' | 'allowPrivateNetwork'> & {
  preflight: Located<PreflightHandling>;
  /** expressjs/cors `preflightContinue: true`: the preflight goes on to the routes. */
  preflightContinue: boolean;
};

export interface OptionsContext {
  resolver: JsResolver;
  file: string;
  text: string;
  diagnostics: Diagnostic[];
  /** The `cond ? a : b` of this file written at a span, for options chosen at run time. */
  conditionalAt?(span: SourceSpan): t.ConditionalExpression | undefined;
}

/** Option names each library reads; any other key is ignored by it. */
const KNOWN_KEYS: Record<Exclude<Library, 'fastify'>, Set<string>> = {
  // expressjs/cors lib/index.js L8-13 (defaults) and configure* functions L19-142.
  cors: new Set(['origin', 'methods', 'allowedHeaders', 'headers', 'exposedHeaders', 'credentials', 'maxAge', 'preflightContinue', 'optionsSuccessStatus']),
  // @koa/cors index.js L24-50.
  koa: new Set(['origin', 'allowMethods', 'allowHeaders', 'exposeHeaders', 'credentials', 'maxAge', 'keepHeadersOnError', 'secureContext', 'privateNetworkAccess']),
  // hono/cors CORSOptions (src/middleware/cors/index.ts, semantics.md §1.4).
  hono: new Set(['origin', 'allowMethods', 'allowHeaders', 'exposeHeaders', 'credentials', 'maxAge']),
};

/**
 * Default methods: expressjs/cors L10; @fastify/cors L11 since v11.0.0; @koa/cors L24; hono/cors L66
 * (hono ≥ 4.13 adds `QUERY`, which changes nothing here: every entry but GET/HEAD/POST needs a preflight).
 */
const DEFAULT_METHODS: Record<Library, string[]> = {
  cors: ['GET', 'HEAD', 'PUT', 'PATCH', 'POST', 'DELETE'],
  fastify: ['GET', 'HEAD', 'POST'],
  koa: ['GET', 'HEAD', 'PUT', 'POST', 'DELETE', 'PATCH'],
  hono: ['GET', 'HEAD', 'PUT', 'POST', 'DELETE', 'PATCH'],
};

const LIBRARY_NAME: Record<Library, string> = { cors: 'cors()', fastify: '@fastify/cors', koa: '@koa/cors', hono: 'hono/cors' };

type Obj = Extract<JsValue, { kind: 'object' }>;

/**
 * Reads the options argument (`undefined` when absent) of one library call at `at`. Every library
 * merges the argument over its defaults with `Object.assign` (expressjs/cors L192-208), so an
 * argument of the wrong shape (a module namespace without these keys, an array, a string) leaves
 * the defaults in force: that is what is modelled, with a `config-invalid` note.
 */
export function readOptions(arg: JsValue | undefined, lib: Library, at: SourceSpan, ctx: OptionsContext, argSpan: SourceSpan = at): PolicyParts {
  let obj: Obj | undefined;
  if (arg?.kind === 'object') obj = arg;
  else if (arg && arg.kind !== 'undefined' && arg.kind !== 'null' && arg.kind !== 'unknown' && arg.kind !== 'env' && arg.kind !== 'function') {
    ctx.diagnostics.push({
      ruleId: 'config-invalid',
      message: `${LIBRARY_NAME[lib]} expects an options object, but gets ${describe(arg)}: its keys are not option names, so the library runs with its defaults${lib === 'fastify' ? '' : ' (any origin)'}`,
      span: arg.span.file === ctx.file ? arg.span : argSpan,
    });
  }
  const unknownArg = arg?.kind === 'unknown' || arg?.kind === 'env';
  const get = (key: string) => obj?.properties.get(key);
  if (obj && lib !== 'fastify') checkKeys(obj, lib, ctx, argSpan);

  const originProp = get('origin');
  const parts: PolicyParts = {
    origins: [],
    credentials: { value: false, span: at, implicit: true },
    preflight: { value: 'handled', span: at },
    preflightContinue: false,
  };
  if (unknownArg) {
    parts.origins.push({ value: { kind: 'unknown', expression: (arg as { text: string }).text }, span: arg!.span });
    parts.credentials = { value: 'unknown', span: arg!.span };
  } else if (!originProp && !obj?.spreadUnknown) {
    // The library default: expressjs/cors and @fastify/cors send `*`; @koa/cors v5 too (L67), and hono/cors (§1.4).
    parts.origins.push({ value: { kind: 'any' }, span: at, implicit: true });
    parts.headerEmitters = [{ value: '*', span: at, implicit: true }];
  } else if (!originProp) {
    parts.origins.push({ value: { kind: 'unknown', expression: 'spread of an unknown object' }, span: obj!.span });
  } else {
    const read = originRules(originProp.value, lib, ctx);
    parts.origins.push(...read.rules);
    if (read.emitted.length > 0) parts.headerEmitters = read.emitted;
  }

  // Credentials.
  const cred = get('credentials');
  if (cred) {
    const v = cred.value;
    if (v.kind === 'boolean') parts.credentials = { value: v.value, span: v.span };
    else if (lib === 'cors' && (v.kind === 'string' || v.kind === 'number')) {
      // expressjs/cors L84-92: only `=== true` sends the header.
      parts.credentials = { value: false, span: v.span };
      ctx.diagnostics.push({
        ruleId: 'config-invalid',
        message: `credentials: ${JSON.stringify(v.value)} is ignored: cors() sends Access-Control-Allow-Credentials only for the boolean true`,
        span: v.span,
      });
    } else if (v.kind === 'string' || v.kind === 'number' || v.kind === 'null' || v.kind === 'undefined') {
      parts.credentials = { value: truthy(v), span: v.span };
    } else if (v.kind === 'env' && v.default && (v.default.kind === 'boolean' || v.default.kind === 'string')) {
      parts.credentials = { value: lib === 'cors' ? v.default.kind === 'boolean' && v.default.value : truthy(v.default), span: v.default.span, runtimeDefault: true };
    } else parts.credentials = { value: 'unknown', span: v.span };
  }
  // @koa/cors L77-79: truthy credentials with the origin `*` reflect the request's Origin.
  if (lib === 'koa' && parts.credentials.value === true) {
    parts.origins = parts.origins.map((o) => (o.value.kind === 'any' ? { ...o, value: { kind: 'reflect' } } : o));
    if (parts.headerEmitters) parts.headerEmitters = parts.headerEmitters.filter((e) => e.value !== '*');
  }

  // Methods and headers.
  const koaNames = lib === 'koa' || lib === 'hono';
  const methodsKey = koaNames ? 'allowMethods' : 'methods';
  const headersKey = koaNames ? 'allowHeaders' : 'allowedHeaders';
  const exposeKey = koaNames ? 'exposeHeaders' : 'exposedHeaders';
  parts.allowMethods = listOption(get(methodsKey)?.value) ?? { value: DEFAULT_METHODS[lib], span: at, implicit: true };
  // Unset allowed headers reflect Access-Control-Request-Headers in all three libraries
  // (expressjs/cors L94-115, @fastify/cors L246-257, @koa/cors L156-162).
  const headers = get(headersKey) ?? (lib === 'cors' ? get('headers') : undefined);
  parts.allowHeaders = headers ? listOption(headers.value) : { value: 'reflect', span: at, implicit: true };
  // hono/cors L132-145: an empty `allowHeaders` (its default) reflects the requested headers too.
  if (lib === 'hono' && headers && Array.isArray(parts.allowHeaders?.value) && parts.allowHeaders.value.length === 0) parts.allowHeaders = { value: 'reflect', span: parts.allowHeaders.span };
  const expose = get(exposeKey);
  if (expose) parts.exposeHeaders = listOption(expose.value);

  const maxAge = get('maxAge')?.value;
  if (maxAge?.kind === 'number') parts.maxAge = { value: maxAge.value, span: maxAge.span };
  else if (maxAge?.kind === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(maxAge.value)) parts.maxAge = { value: Number(maxAge.value), span: maxAge.span };

  // Vary: expressjs/cors adds `Vary: Origin` for every origin but `*` (L41-67); @fastify/cors for
  // every non-string origin (L162-166); @koa/cors always (L58); hono/cors whenever the option is not
  // the string `*` (L119-121, L160-162).
  // An array holding '*' is normalised to the string '*' at registration (L145).
  const originKind = originProp?.value.kind;
  const onlyAny = parts.origins.length === 1 && parts.origins[0].value.kind === 'any';
  const vary = lib === 'koa' ? true : lib === 'fastify' ? originKind !== undefined && originKind !== 'string' && !onlyAny : !onlyAny;
  parts.varyOrigin = { value: vary, span: at, implicit: true };

  const cont = get('preflightContinue')?.value;
  if ((lib === 'cors' || lib === 'fastify') && cont?.kind === 'boolean' && cont.value) {
    parts.preflightContinue = true;
    parts.preflight = { value: 'delegated', span: cont.span };
  }
  if (lib === 'fastify') {
    const preflight = get('preflight')?.value;
    if (preflight?.kind === 'boolean' && !preflight.value) parts.preflight = { value: 'not-handled', span: preflight.span };
  }
  if (lib === 'koa') {
    const pna = get('privateNetworkAccess')?.value;
    if (pna?.kind === 'boolean') parts.allowPrivateNetwork = { value: pna.value, span: pna.span };
  }
  return parts;
}

/**
 * Unknown option names. An object with none of the library's names (typically a config module
 * whose CORS options sit under another key) is reported once where it is passed.
 */
function checkKeys(obj: Obj, lib: Exclude<Library, 'fastify'>, ctx: OptionsContext, argSpan: SourceSpan): void {
  const keys = [...obj.properties.keys()];
  const unknown = keys.filter((k) => !KNOWN_KEYS[lib].has(k));
  if (unknown.length === 0) return;
  if (unknown.length === keys.length && !obj.spreadUnknown) {
    ctx.diagnostics.push({
      ruleId: 'config-invalid',
      message: `${LIBRARY_NAME[lib]} gets an object with no option name it knows (${unknown.slice(0, 5).join(', ')}): it runs with its defaults (any origin)`,
      span: argSpan,
    });
    return;
  }
  for (const key of unknown) {
    const prop = obj.properties.get(key)!;
    const other = lib === 'cors' ? KNOWN_KEYS.koa : KNOWN_KEYS.cors;
    const hint = other.has(key) ? ` (${key} is ${lib === 'cors' ? "@koa/cors's" : "expressjs/cors's"} name)` : '';
    ctx.diagnostics.push({
      ruleId: 'config-invalid',
      message: `${LIBRARY_NAME[lib]} has no option "${key}"${hint}: it is ignored`,
      span: prop.keySpan.file === ctx.file ? prop.keySpan : argSpan,
    });
  }
}

function describe(v: JsValue): string {
  switch (v.kind) {
    case 'array': return 'an array';
    case 'string': return 'a string';
    case 'number': return 'a number';
    case 'boolean': return `\`${v.value}\``;
    case 'module': return `the module object of "${v.source}"`;
    case 'regexp': return 'a RegExp';
    default: return v.kind;
  }
}

function truthy(v: JsValue): boolean {
  if (v.kind === 'string') return v.value !== '';
  if (v.kind === 'number') return v.value !== 0 && !Number.isNaN(v.value);
  if (v.kind === 'boolean') return v.value;
  return v.kind !== 'null' && v.kind !== 'undefined';
}

/** A string is split on commas (`'GET,POST'`); an array lists names. */
function listOption(v: JsValue | undefined): Located<HeaderList> | undefined {
  if (!v) return undefined;
  if (v.kind === 'string') {
    const names = v.value.split(',').map((s) => s.trim()).filter((s) => s !== '');
    return { value: names.length === 1 && names[0] === '*' ? '*' : names, span: v.span };
  }
  if (v.kind === 'array' && !v.spreadUnknown && v.elements.every((e) => e.kind === 'string')) {
    const names = v.elements.map((e) => (e as { value: string }).value.trim());
    return { value: names.length === 1 && names[0] === '*' ? '*' : names, span: v.span };
  }
  return undefined;
}

interface OriginRead {
  rules: Located<OriginRule>[];
  /** Values sent verbatim as Access-Control-Allow-Origin. */
  emitted: Located<string>[];
}

/** The `origin` option of one library → origin rules (semantics.md §1.1–§1.3). */
export function originRules(v: JsValue, lib: Library, ctx: OptionsContext, runtimeDefault = false): OriginRead {
  const out: OriginRead = { rules: [], emitted: [] };
  const rd = runtimeDefault ? { runtimeDefault: true } : {};
  const push = (value: OriginRule, span: SourceSpan) => out.rules.push({ value, span, ...rd });
  switch (v.kind) {
    case 'string':
      if (lib === 'hono') return honoString(v, out);
      // The other three send a string verbatim for every request; '' is falsy: no CORS headers
      // (expressjs/cors L210-229), @koa/cors skips CORS (L61-65).
      if (v.value === '') return out;
      if (v.value === '*') push({ kind: 'any' }, v.span);
      else if (v.value === 'null') push({ kind: 'null' }, v.span);
      else push({ kind: 'exact', origin: v.value, comparison: 'exact', emitted: true }, v.span);
      out.emitted.push({ value: v.value, span: v.span, ...rd });
      return out;
    case 'boolean':
      if (!v.value) return out;
      if (lib === 'hono') return honoUnsupported(v, 'true', ctx, out);
      if (lib === 'koa') {
        // @koa/cors passes the value to ctx.set: the header reads "true".
        ctx.diagnostics.push({ ruleId: 'config-invalid', message: '@koa/cors has no `origin: true`: the value is sent as the text "true", which matches no origin', span: v.span });
        return out;
      }
      push({ kind: 'reflect' }, v.span);
      return out;
    case 'regexp':
      if (lib === 'hono') return honoUnsupported(v, 'a RegExp', ctx, out);
      if (lib === 'koa') {
        ctx.diagnostics.push({ ruleId: 'config-invalid', message: '@koa/cors does not support RegExp origins: the pattern is sent as text and matches no origin', span: v.span });
        return out;
      }
      push(regexRule(v.pattern, v.flags, lib, v.span, ctx), v.span);
      return out;
    case 'array': {
      if (lib === 'koa') {
        // @koa/cors hands the array to ctx.set: one header line per element, read as "a, b".
        const strings = v.elements.filter((e) => e.kind === 'string').map((e) => (e as { value: string }).value);
        const joined = strings.join(', ');
        push({ kind: 'exact', origin: joined, comparison: 'exact', emitted: true }, v.span);
        out.emitted.push({ value: joined, span: v.span, ...rd });
        return out;
      }
      // @fastify/cors L145: an array containing '*' is normalised to '*'.
      if (lib === 'fastify' && v.elements.some((e) => e.kind === 'string' && e.value === '*')) {
        push({ kind: 'any' }, v.span);
        return out;
      }
      if (lib === 'hono') {
        // hono/cors: `origin.includes(requestOrigin)` — whole strings only ('*' is just a string here).
        for (const e of v.elements) {
          if (e.kind === 'string') push(e.value === 'null' ? { kind: 'null' } : { kind: 'exact', origin: e.value, comparison: 'exact' }, e.span);
          else if (e.kind === 'unknown' || e.kind === 'env') push({ kind: 'unknown', expression: e.text }, e.span);
        }
        if (v.spreadUnknown) push({ kind: 'unknown', expression: 'spread of an unknown list' }, v.span);
        return out;
      }
      for (const e of v.elements) {
        if (e.kind === 'string') push(e.value === 'null' ? { kind: 'null' } : { kind: 'exact', origin: e.value, comparison: 'exact' }, e.span);
        else if (e.kind === 'regexp') push(regexRule(e.pattern, e.flags, lib, e.span, ctx), e.span);
        else if (e.kind === 'unknown' || e.kind === 'env') push({ kind: 'unknown', expression: e.text }, e.span);
        // expressjs/cors L32: any other element allows iff truthy (so `[true]` echoes every origin).
        else if (lib === 'cors' && truthy(e)) push({ kind: 'reflect' }, e.span);
      }
      if (v.spreadUnknown) push({ kind: 'unknown', expression: 'spread of an unknown list' }, v.span);
      return out;
    }
    case 'function':
      out.rules.push(...functionRules(v.node, lib, ctx));
      return out;
    case 'env': {
      if (!v.default) {
        push({ kind: 'unknown', expression: v.text }, v.span);
        return out;
      }
      const dflt = v.split !== undefined && v.default.kind === 'string'
        ? { kind: 'array' as const, elements: v.default.value.split(v.split).map((s) => ({ kind: 'string' as const, value: v.trim ? s.trim() : s, span: v.default!.span })), span: v.default.span }
        : v.default;
      return originRules(dflt, lib, ctx, true);
    }
    case 'null':
    case 'undefined':
      return out;
    case 'unknown': {
      const cond = v.reason === 'condition not known' ? ctx.conditionalAt?.(v.span) : undefined;
      if (cond) return conditionalRules(cond, lib, ctx, runtimeDefault);
      push({ kind: 'unknown', expression: v.text }, v.span);
      return out;
    }
    default:
      push({ kind: 'unknown', expression: v.kind }, v.span);
      return out;
  }
}

/**
 * `cond ? a : b` with a condition known only at run time: either value may be in force. When the
 * condition tests `NODE_ENV` against `production` (or `development`), the other branch is a
 * development value and is marked as a runtime default (RULES.md "Defaults visible in code").
 */
function conditionalRules(node: t.ConditionalExpression, lib: Library, ctx: OptionsContext, runtimeDefault: boolean): OriginRead {
  const production = productionBranch(node.test, ctx.resolver, 0);
  const out: OriginRead = { rules: [], emitted: [] };
  for (const branch of ['consequent', 'alternate'] as const) {
    const dev = runtimeDefault || (production !== undefined && branch !== production);
    const read = originRules(ctx.resolver.resolve(node[branch]), lib, ctx, dev);
    out.rules.push(...read.rules);
    out.emitted.push(...read.emitted);
  }
  return out;
}

/** Which branch of a `?:` runs in production, if its test compares `NODE_ENV` with a known value. */
function productionBranch(test: t.Node, resolver: JsResolver, depth: number): 'consequent' | 'alternate' | undefined {
  const n = unwrap(test);
  if (depth > 3) return undefined;
  if (n.type === 'UnaryExpression' && n.operator === '!') {
    const inner = productionBranch(n.argument, resolver, depth + 1);
    return inner === undefined ? undefined : inner === 'consequent' ? 'alternate' : 'consequent';
  }
  if (n.type === 'Identifier') {
    const init = resolver.bindingOf(n)?.init;
    return init && !resolver.bindingOf(n)?.reassigned ? productionBranch(init, resolver, depth + 1) : undefined;
  }
  if (n.type !== 'BinaryExpression' || n.left.type === 'PrivateName' || !['===', '==', '!==', '!='].includes(n.operator)) return undefined;
  const l = resolver.resolve(n.left);
  const r = resolver.resolve(n.right);
  const env = l.kind === 'env' ? l : r.kind === 'env' ? r : undefined;
  const other = env === l ? r : l;
  if (env?.name !== 'NODE_ENV' || other.kind !== 'string') return undefined;
  const equal = n.operator === '===' || n.operator === '==';
  const isProd = other.value === 'production' ? true : ['development', 'dev', 'test', 'local'].includes(other.value) ? false : undefined;
  if (isProd === undefined) return undefined;
  return isProd === equal ? 'consequent' : 'alternate';
}

/**
 * expressjs/cors tests a RegExp as given (`lastIndex` never reset: g/y stay stateful); @fastify/cors
 * sets `lastIndex = 0` before each `test` (L299-301), so `g` has no effect and `y` anchors at the start.
 */
function regexRule(pattern: string, flags: string, lib: Library, span: SourceSpan, ctx: OptionsContext): OriginRule {
  if (lib !== 'fastify') {
    if (/[gy]/.test(flags)) {
      ctx.diagnostics.push({
        ruleId: 'config-invalid',
        message: `the RegExp origin has the ${flags.includes('g') ? 'g' : 'y'} flag: cors() calls test() without resetting lastIndex, so after a match the next request from the same origin is refused (requests alternate between allowed and refused)`,
        span,
      });
    }
    return { kind: 'pattern', pattern, flavor: 'js-regexp-test', flags };
  }
  const sticky = flags.includes('y');
  return { kind: 'pattern', pattern: sticky ? `^(?:${pattern})` : pattern, flavor: 'js-regexp-test', flags: flags.replace(/[gy]/g, '') };
}

/**
 * A hono/cors string origin (L64-87, semantics.md §1.4): `'*'` is sent to everyone; any other string
 * is compared `===` with the request Origin and echoed when equal, so it is an exact entry, not a
 * value sent verbatim. `''` equals the stand-in for a missing Origin, whose echo sends no header.
 */
function honoString(v: Extract<JsValue, { kind: 'string' }>, out: OriginRead): OriginRead {
  if (v.value === '') return out;
  if (v.value === '*') {
    out.rules.push({ value: { kind: 'any' }, span: v.span });
    out.emitted.push({ value: '*', span: v.span });
  } else out.rules.push({ value: v.value === 'null' ? { kind: 'null' } : { kind: 'exact', origin: v.value, comparison: 'exact' }, span: v.span });
  return out;
}

/**
 * hono/cors takes a string, a string array or a function (§1.4); any other value reaches its
 * list branch, `optsOrigin.includes(origin)` (src/middleware/cors/index.ts `findAllowOrigin`),
 * which `true` and a RegExp do not have: the call throws on every request.
 */
function honoUnsupported(v: JsValue, what: string, ctx: OptionsContext, out: OriginRead): OriginRead {
  ctx.diagnostics.push({
    ruleId: 'config-invalid',
    message: `hono/cors has no origin option of the form ${what}: it takes a string, a list of strings or a function, and treats anything else as a list, calling its missing includes method, so every request through it fails with a TypeError (500) and no origin is allowed`,
    span: v.span,
  });
  return out;
}

function functionRules(fn: t.Function | t.ObjectMethod, lib: Library, ctx: OptionsContext): Located<OriginRule>[] {
  const first = fn.params[0];
  if (lib === 'hono') {
    // hono/cors `origin(origin, c)` (sync or async): the returned value is the header as is (L64-87),
    // so a returned string is sent verbatim (not compared), and null/undefined/'' send none.
    const originName = first?.type === 'Identifier' ? first.name : undefined;
    return callbackRules({
      fn, style: 'return', resolver: ctx.resolver, file: ctx.file, text: ctx.text, diagnostics: ctx.diagnostics,
      isOrigin: (n) => originName !== undefined && isIdentifierOf(n, originName, fn, ctx.resolver),
      staticValue: (n) => {
        const v = ctx.resolver.resolve(n);
        return v.kind === 'string' ? originRules(v, 'cors', ctx).rules : originRules(v, 'hono', ctx).rules;
      },
    });
  }
  if (lib === 'koa') {
    // @koa/cors origin(ctx): the returned value is sent as is (L61-65).
    const ctxName = first?.type === 'Identifier' ? first.name : undefined;
    return callbackRules({
      fn, style: 'return', resolver: ctx.resolver, file: ctx.file, text: ctx.text, diagnostics: ctx.diagnostics,
      isOrigin: (n) => ctxName !== undefined && isKoaOrigin(n, ctxName, ctx.resolver),
      staticValue: (n) => originRules(ctx.resolver.resolve(n), 'koa', ctx).rules,
    });
  }
  const originName = first?.type === 'Identifier' ? first.name : undefined;
  if (lib === 'cors' && fn.params.length < 2 && !fn.async) {
    ctx.diagnostics.push({
      ruleId: 'config-invalid',
      message: 'cors() calls an origin function as (origin, callback) and waits for the callback: a function that only returns a value never answers, so every request hangs',
      span: spanOf(fn, ctx.file),
    });
  }
  const style = fn.params.length >= 2 ? 'callback' : 'return';
  return callbackRules({
    fn, style, resolver: ctx.resolver, file: ctx.file, text: ctx.text, diagnostics: ctx.diagnostics,
    isOrigin: (n) => originName !== undefined && isIdentifierOf(n, originName, fn, ctx.resolver),
    staticValue: (n) => originRules(ctx.resolver.resolve(n), lib, ctx).rules,
    // @fastify/cors L185-188: only `false` denies; any other falsy value throws "Invalid CORS origin option" (500).
    onNonFalseDenial: lib === 'fastify'
      ? (n) => ctx.diagnostics.push({
        ruleId: 'config-invalid',
        message: '@fastify/cors treats an origin answer other than false that is falsy (undefined, null, \'\') as an error: the request fails with status 500 instead of being denied; answer false',
        span: spanOf(n, ctx.file),
      })
      : undefined,
  });
}

/** `name` referring to the parameter of `fn` (not a shadowing inner binding). */
function isIdentifierOf(n: t.Node, name: string, fn: t.Node, resolver: JsResolver): boolean {
  const u = unwrap(n);
  if (u.type !== 'Identifier' || u.name !== name) return false;
  const b = resolver.bindingOf(u);
  return b?.kind === 'param' && b.declaration === fn;
}

/** `ctx.get('Origin')`, `ctx.headers.origin`, `ctx.request.header.origin`, `ctx.request.get('origin')`. */
function isKoaOrigin(n: t.Node, ctxName: string, resolver: JsResolver): boolean {
  const u = unwrap(n);
  const rootIsCtx = (x: t.Node): boolean => {
    let cur = unwrap(x);
    while (cur.type === 'MemberExpression') cur = unwrap(cur.object);
    return cur.type === 'Identifier' && cur.name === ctxName && resolver.bindingOf(cur)?.kind === 'param';
  };
  if (u.type === 'CallExpression' && (memberName(u.callee) === 'get' || memberName(u.callee) === 'header')) {
    const a = u.arguments[0];
    return a?.type === 'StringLiteral' && a.value.toLowerCase() === 'origin' && rootIsCtx((u.callee as t.MemberExpression).object);
  }
  if (u.type === 'MemberExpression' && memberName(u)?.toLowerCase() === 'origin') {
    const parent = unwrap(u.object);
    const pn = memberName(parent);
    return (pn === 'headers' || pn === 'header') && rootIsCtx(parent);
  }
  return false;
}
