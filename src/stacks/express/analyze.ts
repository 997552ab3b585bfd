// Node files → policies: expressjs/cors, @fastify/cors, @koa/cors, hono/cors, NestJS, and hand-written headers.
import type * as t from '@babel/types';
import type { AdapterHost, AdapterResult, StackParser } from '../../model/adapter.js';
import type { CorsPolicy, Diagnostic, Located, MiddlewarePlacement, OriginRule, StackId } from '../../model/policy.js';
import type { SourceFile } from '../../model/source.js';
import { createResolver, forEachChild, loadJsParser, moduleCandidates, spanOf, type JsParse, type JsValue } from '../shared/js/index.js';
import { memberName, pathDnf, toChecks, unwrap, type OriginContext } from './checks.js';
import { sourceText } from './callback.js';
import { headerPolicies, isHeaderWrite, isRequestOrigin } from './headers.js';
import { candidateImports, HotSpots } from './hot.js';
import { readOptions, type Library, type OptionsContext, type PolicyParts } from './options.js';
import { pathEvents } from './paths.js';

/** Router methods that register a route handler (Express `app.METHOD`, `router.METHOD`). */
const ROUTE_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'all', 'options', 'head']);
/** Member calls worth looking at; everything else is skipped without resolving anything. */
const INTERESTING = new Set([...ROUTE_METHODS, 'use', 'register', 'enableCors', 'create', 'addHook']);
/**
 * Fastify's request lifecycle in order (fastify docs/Reference/Lifecycle.md), restricted to the hooks
 * @fastify/cors accepts for its `hook` option (index.js L23-43).
 */
const FASTIFY_HOOKS = ['onRequest', 'preParsing', 'preValidation', 'preHandler', 'preSerialization', 'onSend'];
/** Route methods that always need a preflight (fetch.bs: not a CORS-safelisted method). */
const WRITE_ROUTES = new Set(['put', 'patch', 'delete', 'del']);
/** Names of middleware that typically reject requests without credentials (preflights carry none). */
const AUTH_LIKE = /auth|jwt|passport|guard|protect|verifyToken|requireLogin|ensureLoggedIn/i;
/** Middleware that answers file requests itself (`express.static`, `serve-static`). */
const STATIC_LIKE = /\.static\(|serveStatic\(/;

const LIBRARIES: Record<string, Library> = {
  cors: 'cors',
  '@koa/cors': 'koa',
  'koa2-cors': 'koa',
  '@fastify/cors': 'fastify',
  'fastify-cors': 'fastify',
  // A named export (`import { cors } from 'hono/cors'`): only a direct import is recognised.
  'hono/cors': 'hono',
};

export const nodeParser: StackParser = {
  async analyze(files: readonly SourceFile[], host: AdapterHost): Promise<AdapterResult> {
    const parse = await loadJsParser();
    const result: AdapterResult = { policies: [], diagnostics: [], linkedFiles: [] };
    for (const file of files) analyzeFile(file, parse, host, result);
    return result;
  },
};

interface Mount {
  call: t.CallExpression;
  kind: 'use' | 'route' | 'register';
  receiver: string;
  method: string;
  path?: string;
}

interface LibraryCall {
  call: t.CallExpression;
  lib: Library;
  mounts: Mount[];
}

function analyzeFile(file: SourceFile, parse: JsParse, host: AdapterHost, out: AdapterResult): void {
  const parsed = parse(file.text, file.path);
  out.diagnostics.push(...parsed.diagnostics);
  if (parsed.skipped) (out.notes ??= []).push({ file: file.path, message: `not analysed: ${parsed.skipped.reason}` });
  // Skipped files (over 1 MB, minified bundles) have no AST and nothing to report.
  if (!parsed.ast) return;
  const ast = parsed.ast;
  const resolver = createResolver(ast, file.path, host, { parse, text: file.text });
  const diagnostics: Diagnostic[] = [];
  let conditionals: Map<string, t.ConditionalExpression> | undefined;
  const spanKey = (s: { line: number; column: number; endLine: number; endColumn: number }) => `${s.line}:${s.column}:${s.endLine}:${s.endColumn}`;
  const octx: OptionsContext = {
    resolver, file: file.path, text: file.text, diagnostics,
    // Built on first use: only options chosen by a run-time condition need it.
    conditionalAt(span) {
      if (span.file !== file.path) return undefined;
      if (!conditionals) {
        const found = new Map<string, t.ConditionalExpression>();
        const collect = (n: t.Node): void => {
          if (n.type === 'ConditionalExpression') found.set(spanKey(spanOf(n, file.path)), n);
          forEachChild(n, collect);
        };
        collect(ast.program);
        conditionals = found;
      }
      return conditionals.get(spanKey(span));
    },
  };

  // Local names that may be the middleware, and where in the text CORS code can be at all.
  const imported = candidateImports(ast.program, (source) => source in LIBRARIES, (source) => {
    const target = moduleCandidates(file.path, source).find((c) => host.readFile(c) !== undefined);
    return target !== undefined && host.readFile(target)!.includes('cors');
  });
  const hot = new HotSpots(file.text);
  for (const name of imported.keys()) hot.addName(name);

  // One walk, skipping subtrees without any telling word: candidate calls in source order, header
  // writes with their enclosing function. Route registrations in cold statements are still
  // listed (they matter for middleware order) but never resolved.
  const memberCalls: t.CallExpression[] = [];
  const coldCalls = new Set<t.CallExpression>();
  const plainCalls: t.CallExpression[] = [];
  const headerWrites = new Map<t.Node, t.CallExpression[]>();
  const visit = (node: t.Node, fn: t.Node): void => {
    if (node.start != null && node.end != null && !hot.has(node.start, node.end)) {
      if (node.type === 'ExpressionStatement' && node.expression.type === 'CallExpression' && node.expression.arguments.every((a) => a != null)) {
        const name = memberName(node.expression.callee);
        if (name !== undefined && (name === 'use' || name === 'addHook' || ROUTE_METHODS.has(name))) {
          memberCalls.push(node.expression);
          coldCalls.add(node.expression);
        }
      }
      return;
    }
    let inner = fn;
    if (node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression' || node.type === 'FunctionDeclaration' || node.type === 'ObjectMethod' || node.type === 'ClassMethod') inner = node;
    else if (node.type === 'VariableDeclarator') {
      // `const corsMw = cors(opts)`: later mentions of `corsMw` (its mounting) become interesting.
      const init = node.init ? unwrap(node.init) : undefined;
      if (init?.type === 'CallExpression' && init.callee.type === 'Identifier' && imported.has(init.callee.name) && node.id.type === 'Identifier') hot.addName(node.id.name);
    } else if (node.type === 'CallExpression' && node.arguments.every((a) => a != null)) {
      // (Babel's error recovery can leave holes in an argument list: such calls are not read.)
      const name = memberName(node.callee);
      if (name !== undefined) {
        if (INTERESTING.has(name)) memberCalls.push(node);
        if (isHeaderWrite(node, name)) {
          const list = headerWrites.get(fn);
          if (list) list.push(node);
          else headerWrites.set(fn, [node]);
        }
      } else if ((node.callee.type === 'Identifier' && imported.has(node.callee.name)) || node.callee.type === 'CallExpression') plainCalls.push(node);
    }
    forEachChild(node, (c) => visit(c, inner));
  };
  visit(ast.program, ast.program);

  /**
   * The library a callee or plugin value is: names imported at the top level (from a package, or
   * from a relative module that may re-export one) and inline `require`/`import()`, through the resolver.
   */
  const libraryOf = (node: t.Node): Library | undefined => {
    const n = unwrap(node);
    if (n.type === 'Identifier') {
      const source = imported.get(n.name);
      if (source === undefined) return undefined;
      // A package import needs no resolution (and so no scope analysis of the whole file).
      if (source in LIBRARIES) return LIBRARIES[source];
    } else if (n.type !== 'CallExpression' && n.type !== 'ImportExpression' && n.type !== 'AwaitExpression' && n.type !== 'MemberExpression') return undefined;
    return libraryOfValue(resolver.resolve(n));
  };

  // Library middleware calls: `cors(opts)`, `koaCors(opts)`, hono's `cors(opts)`.
  const libCalls = new Map<t.Node, LibraryCall>();
  for (const call of plainCalls) {
    const lib = libraryOf(call.callee);
    if (lib === 'cors' || lib === 'koa' || lib === 'hono') libCalls.set(call, { call, lib, mounts: [] });
  }

  const routeCalls: Mount[] = [];
  const useCalls: Mount[] = [];
  const hooks: { call: t.CallExpression; stage: string; handler: string }[] = [];
  const fastifyRegistrations: { call: t.CallExpression; opts: JsValue | undefined; policy: CorsPolicy }[] = [];
  const policies: CorsPolicy[] = [];
  const stackOfFile = fileStack(file.text);
  const nestFastify = file.text.includes('FastifyAdapter') || file.text.includes('platform-fastify');

  const mountOf = (arg: t.Node): LibraryCall | undefined => {
    const a = unwrap(arg);
    const direct = libCalls.get(a);
    if (direct) return direct;
    if (a.type === 'Identifier') {
      const init = resolver.bindingOf(a)?.init;
      if (init) return libCalls.get(unwrap(init));
    }
    return undefined;
  };

  for (const call of memberCalls) {
    const method = memberName(call.callee)!;
    const callee = call.callee as t.MemberExpression;
    const receiver = sourceText(callee.object, file.text);
    const args = call.arguments as t.Expression[];
    if (method === 'addHook') {
      if (args[0]?.type === 'StringLiteral' && args[1]) hooks.push({ call, stage: args[0].value, handler: sourceText(args[1], file.text) });
      continue;
    }
    if (method === 'use' || ROUTE_METHODS.has(method)) {
      const cold = coldCalls.has(call);
      const first = args[0] && (!cold || args[0].type === 'StringLiteral') ? resolver.resolve(args[0]) : undefined;
      const path = first?.kind === 'string' ? first.value : undefined;
      const mount: Mount = { call, kind: method === 'use' ? 'use' : 'route', receiver, method, path };
      if (method === 'use') useCalls.push(mount);
      else if (args.length >= 1) routeCalls.push(mount);
      if (cold) continue;
      for (const arg of args) {
        mountOf(arg)?.mounts.push(mount);
        // `app.use(cors)`: the factory itself is called as (req, res, next), returns a middleware
        // and never calls next (expressjs/cors middlewareWrapper; @koa/cors likewise), so requests hang.
        const lib = arg.type === 'Identifier' ? libraryOf(arg) : undefined;
        if (arg.type === 'Identifier' && (lib === 'cors' || lib === 'koa')) {
          diagnostics.push({
            ruleId: 'config-invalid',
            message: `${receiver}.${method}(${arg.name}) mounts the middleware factory, not a middleware: it is called with the request, returns a function and never passes the request on, so no CORS headers are sent and requests hang; call it: ${arg.name}()`,
            span: spanOf(arg, file.path),
          });
        }
      }
      continue;
    }
    if (method === 'register' && args.length >= 1) {
      if (libraryOf(args[0]) !== 'fastify') continue;
      const opts = args[1] ? resolver.resolve(args[1]) : undefined;
      const parts = readOptions(opts, 'fastify', spanOf(call, file.path), octx, args[1] ? spanOf(args[1], file.path) : undefined);
      const policy = policyOf(parts, 'fastify', `${receiver}.register(cors)`, call, file, host);
      policies.push(policy);
      fastifyRegistrations.push({ call, opts, policy });
      continue;
    }
    if (method === 'enableCors') {
      const lib: Library = nestFastify ? 'fastify' : 'cors';
      const opts = args[0] ? resolver.resolve(args[0]) : undefined;
      if (opts?.kind === 'function') policies.push(delegatePolicy(opts, lib, 'nestjs', `${receiver}.enableCors()`, call, octx, file, host));
      else policies.push(policyOf(readOptions(opts, lib, spanOf(call, file.path), octx, args[0] ? spanOf(args[0], file.path) : undefined), 'nestjs', `${receiver}.enableCors()`, call, file, host));
      continue;
    }
    if (method === 'create' && receiver === 'NestFactory') {
      // nest-application.ts applyOptions(): `cors: true` → enableCors() with no options; an object
      // or function is passed through; falsy → nothing.
      const lib: Library = nestFastify || args.some((a) => isNewFastifyAdapter(a)) ? 'fastify' : 'cors';
      for (const a of args.slice(1)) {
        const v = resolver.resolve(a);
        if (v.kind !== 'object') continue;
        const cors = v.properties.get('cors');
        if (!cors) continue;
        const cv = cors.value;
        const scope = 'NestFactory.create({ cors })';
        if (cv.kind === 'boolean' && cv.value) policies.push(policyOf(readOptions(undefined, lib, cv.span, octx), 'nestjs', scope, call, file, host));
        else if (cv.kind === 'object' || cv.kind === 'unknown' || cv.kind === 'env') policies.push(policyOf(readOptions(cv, lib, cv.span, octx), 'nestjs', scope, call, file, host));
        else if (cv.kind === 'function') policies.push(delegatePolicy(cv, lib, 'nestjs', scope, call, octx, file, host));
      }
    }
  }

  for (const reg of fastifyRegistrations) fastifyOrder(reg, hooks, routeCalls, file, diagnostics);

  // expressjs/cors and @koa/cors middleware.
  const hasOptionsRoute = routeCalls.some((r) => r.method === 'options');
  const expressPolicies: { lc: LibraryCall; policy: CorsPolicy }[] = [];
  const corsMounts = new Set<t.Node>([...libCalls.values()].flatMap((c) => c.mounts.map((m) => m.call)));
  const expressGlobal = [...libCalls.values()].some((c) => c.lib === 'cors' && c.mounts.some((m) => m.kind === 'use'));
  for (const lc of libCalls.values()) {
    const args = lc.call.arguments as t.Expression[];
    const arg = args[0] ? resolver.resolve(args[0]) : undefined;
    const mount = lc.mounts[0];
    const scope = mount ? `${mount.receiver}.${mount.method}(${mount.path !== undefined ? `'${mount.path}', ` : ''}cors())` : 'cors()';
    // hono/cors answers every OPTIONS request it sees with 204 (L118-155): readOptions' `handled` stands.
    const stack: StackId = lc.lib === 'koa' ? 'koa' : lc.lib === 'hono' ? 'hono' : stackOfFile === 'nestjs' ? 'express' : stackOfFile;
    const policy = arg?.kind === 'function' && lc.lib === 'cors'
      ? delegatePolicy(arg, 'cors', stack, scope, lc.call, octx, file, host)
      : policyOf(readOptions(arg, lc.lib, spanOf(lc.call, file.path), octx, args[0] ? spanOf(args[0], file.path) : undefined), stack, scope, lc.call, file, host);
    if (lc.lib === 'cors') {
      policy.preflight = expressPreflight(lc, policy, hasOptionsRoute, expressGlobal, file.path);
      const middleware = placement(lc, routeCalls, useCalls, corsMounts, file);
      if (middleware) policy.middleware = middleware;
      expressPolicies.push({ lc, policy });
    }
    policies.push(policy);
  }
  markShadowedAllowLists(expressPolicies);
  markSplitPreflights(expressPolicies, file.path);

  // Hand-written headers, one policy per function that writes Access-Control-Allow-Origin.
  policies.push(...headerPolicies(headerWrites, { resolver, file: file.path, text: file.text, diagnostics, stack: stackOfFile === 'nestjs' ? 'node' : stackOfFile, host }));

  out.policies.push(...policies);
  out.diagnostics.push(...diagnostics);
  out.linkedFiles!.push(...resolver.linkedFiles());
}

function libraryOfValue(v: JsValue): Library | undefined {
  if (v.kind !== 'module' || v.members.length > 0 || (v.imported !== 'default' && v.imported !== '*')) return undefined;
  return LIBRARIES[v.source];
}

/** The stack id for messages: the framework the file imports. */
function fileStack(text: string): StackId {
  if (text.includes('@nestjs/')) return 'nestjs';
  if (/['"]express['"]/.test(text)) return 'express';
  if (/['"]koa['"]/.test(text)) return 'koa';
  if (/['"]fastify['"]/.test(text)) return 'fastify';
  if (/['"]hono['"]/.test(text)) return 'hono';
  return 'node';
}

function isNewFastifyAdapter(node: t.Node): boolean {
  const n = unwrap(node);
  return n.type === 'NewExpression' && n.callee.type === 'Identifier' && n.callee.name === 'FastifyAdapter';
}

function policyOf(parts: PolicyParts, stack: StackId, scope: string, call: t.Node, file: SourceFile, host: AdapterHost): CorsPolicy {
  const { preflightContinue: _continue, ...fields } = parts;
  return { stack, layer: 'app', context: host.contextFor(file.path), scope, span: spanOf(call, file.path), ...fields };
}

/**
 * A global `app.use(cors())` that admits every origin, registered before a narrower cors() of the
 * same app, makes the narrower allow-list void: the earlier one has already set
 * `Access-Control-Allow-Origin` on every response, and the later one only replaces it for origins
 * it allows (expressjs/cors `applyHeaders` skips a missing value, L144-157), so refused origins keep
 * the earlier value; and OPTIONS requests end in the earlier middleware (L173-181).
 */
function markShadowedAllowLists(list: { lc: LibraryCall; policy: CorsPolicy }[]): void {
  for (const { lc, policy } of list) {
    const global = lc.mounts.find((m) => m.kind === 'use' && m.path === undefined);
    if (!global || policy.preflight?.value === 'delegated') continue;
    if (!policy.origins.some((o) => o.value.kind === 'any' || o.value.kind === 'reflect')) continue;
    for (const other of list) {
      if (other.lc === lc || other.policy.origins.length === 0) continue;
      if (other.policy.origins.every((o) => o.value.kind === 'any' || o.value.kind === 'reflect')) continue;
      const later = other.lc.mounts.find((m) => m.receiver === global.receiver && (m.call.start ?? 0) > (global.call.start ?? 0));
      if (!later) continue;
      (other.policy.overrides ??= []).push({
        winner: policy.span,
        dead: other.policy.origins[0].span,
        reason: `${global.receiver}.use(cors()) before it already allows every origin (a later cors() only replaces the header for origins it allows) and answers every preflight itself`,
      });
    }
  }
}

/**
 * @fastify/cors facts that depend on the rest of the file:
 * - `hook` later than `onRequest` (index.js L23-43): an authentication hook of an earlier stage
 *   runs first and rejects the preflight, which carries no credentials (semantics.md §1.2);
 * - no `methods` while the file registers PUT/PATCH/DELETE routes: since v11.0.0 the default is
 *   `GET,HEAD,POST` (L11), so the preflight of those requests is answered without their method and
 *   the browser refuses to send them (fetch.bs CORS-preflight fetch, "methods" check). Modelled as a
 *   preflight that does not serve them (`preflight-not-handled`).
 */
function fastifyOrder(reg: { call: t.CallExpression; opts: JsValue | undefined; policy: CorsPolicy }, hooks: { call: t.CallExpression; stage: string; handler: string }[], routes: Mount[], file: SourceFile, diagnostics: Diagnostic[]): void {
  const { policy, opts } = reg;
  const hook = opts?.kind === 'object' ? opts.properties.get('hook')?.value : undefined;
  if (hook?.kind === 'string') {
    const at = FASTIFY_HOOKS.indexOf(hook.value);
    if (at < 0) {
      diagnostics.push({ ruleId: 'config-invalid', message: `@fastify/cors has no hook "${hook.value}" (one of ${FASTIFY_HOOKS.join(', ')}): registering the plugin throws a TypeError`, span: hook.span });
    } else if (at > 0) {
      const earlier = hooks.filter((h) => FASTIFY_HOOKS.indexOf(h.stage) >= 0 && FASTIFY_HOOKS.indexOf(h.stage) < at && AUTH_LIKE.test(h.handler));
      if (earlier.length > 0) {
        policy.middleware = {
          cors: hook.span,
          pipeline: spanOf(reg.call, file.path),
          answeredEarlierBy: earlier.map((h) => ({ name: `the authentication hook ${h.handler.length > 40 ? `${h.handler.slice(0, 40)}…` : h.handler} (${h.stage} runs before ${hook.value})`, span: spanOf(h.call, file.path) })),
        };
      }
    }
  }
  if (policy.allowMethods?.implicit && policy.preflight?.value === 'handled') {
    const write = routes.find((r) => WRITE_ROUTES.has(r.method));
    if (write) policy.preflight = { value: 'not-handled', span: spanOf(write.call, file.path) };
  }
}

/** What decides which origins a policy trusts, without positions or code text. */
function trustKey(p: CorsPolicy): string {
  return JSON.stringify({ origins: p.origins.map((o) => o.value), credentials: p.credentials.value }, (k, v: unknown) => (k === 'span' || k === 'source' ? undefined : v));
}

/**
 * semantics.md §1.1 pitfall 10: `app.options(path, cors(a))` next to a global `app.use(cors(b))` of
 * the same app, with different origin trust. Reported as `origin-allowlist-overridden`, the rule for
 * "a configuration has no effect because another one decides first": not `preflight-not-handled`
 * (the preflight is answered) nor `config-invalid` (Express accepts both). Which one is void depends
 * on the order, since Express runs handlers in registration order:
 * - `use(cors(b))` first: it ends every OPTIONS request itself (expressjs/cors L173-181, unless
 *   `preflightContinue`), so the OPTIONS route with `a` never runs — `a` is dead;
 * - `options(path, cors(a))` first: it answers the preflights of `path` and `b` only the actual
 *   requests, so `b`'s allow-list no longer decides which origins may send non-simple requests
 *   (they reach the handlers when `a` admits them), and the two answers disagree.
 * The case of an allow-all `use(cors())` before a narrower one is left to {@link markShadowedAllowLists}.
 */
function markSplitPreflights(list: { lc: LibraryCall; policy: CorsPolicy }[], file: string): void {
  for (const b of list) {
    const global = b.lc.mounts.find((m) => m.kind === 'use' && (m.path === undefined || m.path === '/'));
    if (!global) continue;
    for (const a of list) {
      if (a === b || trustKey(a.policy) === trustKey(b.policy)) continue;
      const route = a.lc.mounts.find((m) => m.method === 'options' && m.receiver === global.receiver);
      if (!route) continue;
      const routeName = `${route.receiver}.options(${route.path !== undefined ? `'${route.path}'` : '…'}, cors())`;
      if ((route.call.start ?? 0) < (global.call.start ?? 0)) {
        (b.policy.overrides ??= []).push({
          winner: spanOf(route.call, file),
          dead: b.policy.origins[0]?.span ?? b.policy.span,
          reason: `${routeName} is registered before ${global.receiver}.use(cors()) and answers those preflights with another origin configuration: the browser sends the actual non-simple requests whenever that one allows, and the preflight and the actual response disagree`,
        });
      } else {
        if (b.policy.preflight?.value === 'delegated' || a.policy.overrides?.some((o) => o.winner === b.policy.span)) continue;
        (a.policy.overrides ??= []).push({
          winner: b.policy.span,
          dead: a.policy.origins[0]?.span ?? a.policy.span,
          reason: `${global.receiver}.use(cors()) is registered before ${routeName} and ends every preflight itself with its own origin configuration, so the OPTIONS route never runs`,
        });
      }
    }
  }
}

/**
 * Preflight handling of an expressjs/cors middleware: answered wherever it is mounted with `use`
 * or on an OPTIONS route. Mounted only on other routes (`app.post('/x', cors(), h)`), the OPTIONS
 * request reaches no cors() at all — Express answers it from its router without CORS headers —
 * unless the file has an `app.options(…)` route or a global cors().
 */
function expressPreflight(lc: LibraryCall, policy: CorsPolicy, hasOptionsRoute: boolean, expressGlobal: boolean, file: string): Located<'handled' | 'not-handled' | 'delegated' | 'unknown'> {
  if (lc.mounts.length === 0) return { value: 'unknown', span: spanOf(lc.call, file) };
  if (lc.mounts.some((m) => m.kind === 'use' || m.method === 'options')) return policy.preflight ?? { value: 'handled', span: spanOf(lc.call, file) };
  if (hasOptionsRoute || expressGlobal) return { value: 'handled', span: spanOf(lc.mounts[0].call, file) };
  return { value: 'not-handled', span: spanOf(lc.mounts[0].call, file) };
}

/**
 * `app.use(cors())` registered after routes of the same app, or after an authentication middleware:
 * Express runs middleware and routes in registration order, so those routes answer (and the auth
 * middleware rejects credential-less preflights) before cors() adds anything.
 */
function placement(lc: LibraryCall, routes: Mount[], uses: Mount[], corsMounts: ReadonlySet<t.Node>, file: SourceFile): MiddlewarePlacement | undefined {
  const m = lc.mounts.find((x) => x.kind === 'use' && x.path === undefined);
  if (!m) return undefined;
  const start = m.call.start ?? 0;
  const answeredEarlierBy: MiddlewarePlacement['answeredEarlierBy'] = [];
  for (const r of routes) {
    // A route that mounts cors() itself (`app.options('*', cors())`) answers with CORS headers.
    if (corsMounts.has(r.call)) continue;
    if (r.receiver === m.receiver && (r.call.start ?? 0) < start && r.call.arguments.length >= 2) {
      answeredEarlierBy.push({ name: `${m.receiver}.${r.method}(${r.path !== undefined ? `'${r.path}'` : '…'})`, span: spanOf(r.call, file.path) });
    }
  }
  for (const u of uses) {
    if (u.receiver !== m.receiver || (u.call.start ?? 0) >= start || u.call === m.call) continue;
    const handlers = u.call.arguments.filter((a) => a.type !== 'StringLiteral' && a.type !== 'TemplateLiteral');
    if (corsMounts.has(u.call)) continue;
    // A router, sub-app or static handler mounted on a path answers that path by itself.
    if (u.path !== undefined) {
      answeredEarlierBy.push({ name: `${u.receiver}.use('${u.path}', …)`, span: spanOf(u.call, file.path) });
      continue;
    }
    const auth = handlers.find((a) => AUTH_LIKE.test(sourceText(a, file.text)));
    const files = handlers.find((a) => STATIC_LIKE.test(sourceText(a, file.text)));
    if (auth) answeredEarlierBy.push({ name: `the authentication middleware ${sourceText(auth, file.text)}`, span: spanOf(u.call, file.path) });
    else if (files) answeredEarlierBy.push({ name: `the static file handler ${sourceText(files, file.text)}`, span: spanOf(u.call, file.path) });
  }
  return { cors: spanOf(m.call, file.path), pipeline: spanOf(m.call, file.path), answeredEarlierBy };
}

/**
 * `cors(delegate)` / `enableCors(delegate)`: `delegate(req, cb)` hands per-request options to
 * `cb(null, options)` (expressjs/cors L192-208). Each options object reached is read; an
 * `origin: true` reached only under tests of the request origin allows just what those tests allow.
 */
function delegatePolicy(fnValue: Extract<JsValue, { kind: 'function' }>, lib: Library, stack: StackId, scope: string, call: t.Node, ctx: OptionsContext, file: SourceFile, host: AdapterHost): CorsPolicy {
  const fn = fnValue.node;
  const cbParam = fn.params[1];
  const reqParam = fn.params[0];
  const span = spanOf(call, file.path);
  const unknownPolicy = (): CorsPolicy => {
    const parts = readOptions({ kind: 'unknown', text: sourceText(fn, file.text), span: fnValue.span, reason: 'delegate' }, lib, span, ctx);
    return policyOf(parts, stack, scope, call, file, host);
  };
  if (cbParam?.type !== 'Identifier' || reqParam?.type !== 'Identifier') return unknownPolicy();
  const isOrigin = (n: t.Node) => isRequestOrigin(n, ctx.resolver, reqParam.name);
  const octx: OriginContext = { isOrigin, resolver: ctx.resolver, file: file.path };
  // Option objects: the value passed to cb, or assigned to the variable passed to cb.
  const cbCalls = pathEvents(fn.body, (n) => n.type === 'CallExpression' && n.callee.type === 'Identifier' && n.callee.name === cbParam.name && n.arguments.every((a) => a != null));
  const passed = new Set<string>();
  const objects: { node: t.Node; conds: ReturnType<typeof pathEvents>[number]['conditions'] }[] = [];
  for (const e of cbCalls) {
    const value = (e.node as t.CallExpression).arguments[1];
    if (!value) continue;
    const v = unwrap(value);
    if (v.type === 'Identifier' && ctx.resolver.bindingOf(v)?.reassigned) passed.add(v.name);
    else objects.push({ node: v, conds: e.conditions });
  }
  if (passed.size > 0) {
    const assigns = pathEvents(fn.body, (n) => n.type === 'AssignmentExpression' && n.left.type === 'Identifier' && passed.has(n.left.name));
    for (const a of assigns) objects.push({ node: (a.node as t.AssignmentExpression).right, conds: a.conditions });
  }
  if (objects.length === 0) return unknownPolicy();
  let merged: CorsPolicy | undefined;
  for (const o of objects) {
    const parts = readOptions(ctx.resolver.resolve(o.node), lib, span, ctx);
    const dnf = pathDnf(o.conds, octx);
    parts.origins = parts.origins.flatMap((r): Located<OriginRule>[] => {
      if (r.value.kind !== 'reflect') return [r];
      if (dnf === 'unknown') return [{ value: { kind: 'unknown', expression: sourceText(fn, file.text) }, span: r.span }];
      if (dnf.some((c) => c.length === 0)) return [r];
      return dnf.length === 0 ? [] : [{ value: { kind: 'predicate', checks: toChecks(dnf), source: sourceText(fn, file.text) }, span: r.span }];
    });
    const p = policyOf(parts, stack, scope, call, file, host);
    if (!merged) merged = p;
    else {
      merged.origins.push(...p.origins);
      if (p.credentials.value === true) merged.credentials = p.credentials;
      if (p.headerEmitters) merged.headerEmitters = [...(merged.headerEmitters ?? []), ...p.headerEmitters];
    }
  }
  merged!.originDependent = true;
  return merged!;
}
