// nginx configuration → CORS policies: one per effective scope (server, location, `if` in location).
// Semantics: shared/reference/semantics.md §3; sources are cited where each fact is used.
import type { AdapterHost, AdapterResult, StackParser } from '../../model/adapter.js';
import type { Context, CorsPolicy, Diagnostic, DroppedHeaders, HeaderList, Located, OriginRule, PreflightHandling } from '../../model/policy.js';
import type { SourceFile, SourceSpan } from '../../model/source.js';
import { fileSpan } from '../../model/source.js';
import { checkContexts, topLevelContext } from './contexts.js';
import type { NginxContext } from './contexts.js';
import { NginxFiles, expandIncludes } from './includes.js';
import type { ExpandedConfig } from './includes.js';
import { collectMaps, positive, readCondition, testsOptions } from './maps.js';
import type { Condition, NginxMap } from './maps.js';
import { resolveOrigins, singleVariable } from './origins.js';
import type { Assignment, Guard, OriginEnv } from './origins.js';
import type { NginxDirective } from './parser.js';
import { EMPTY_LEVEL, childLevel, droppedFrom, emittedHeaders, isCorsHeader } from './resolve-add-header.js';
import type { AddHeader, Emitter, Level } from './resolve-add-header.js';

/** Statuses plain `add_header` applies to (ngx_http_headers_filter_module.c `safe_status`, L217-259). */
const SAFE_STATUS = new Set([200, 201, 204, 206, 301, 302, 303, 304, 307, 308]);

/** Content handlers that hand the request (OPTIONS included) to an upstream application. */
const PASS = new Set(['proxy_pass', 'fastcgi_pass', 'uwsgi_pass', 'scgi_pass', 'grpc_pass', 'memcached_pass']);

const ACAO = 'access-control-allow-origin';

/** Headers a preflight response needs; other CORS headers missing from a preflight-only scope are harmless. */
const PREFLIGHT_HEADERS: ReadonlySet<string> = new Set([ACAO, 'access-control-allow-credentials', 'access-control-allow-methods', 'access-control-allow-headers']);

/** The loaded half of the nginx adapter. */
export const nginxParser: StackParser = {
  analyze: (files, host) => analyzeNginx(files, host),
};

/**
 * Analyses nginx files together. Files that another given file includes are analysed only in
 * their includer's context (the first of a cycle stands for the others); each root is expanded
 * with its includes and walked as nginx would merge it.
 */
export function analyzeNginx(files: readonly SourceFile[], host: AdapterHost): AdapterResult {
  const store = new NginxFiles(host, files);
  const expansions = new Map<string, ExpandedConfig>();
  for (const f of files) expansions.set(f.path, expandIncludes(f.path, store));
  const reachedBy = new Map<string, string[]>();
  for (const [root, exp] of expansions) {
    for (const f of exp.files.slice(1)) reachedBy.set(f, [...(reachedBy.get(f) ?? []), root]);
  }
  const roots = files
    .map((f) => f.path)
    .filter((p) => !(reachedBy.get(p) ?? []).some((g) => g !== p && (!expansions.get(p)?.files.includes(g) || g < p)));

  const result: AdapterResult = { policies: [], diagnostics: [] };
  const seenDiagnostics = new Set<string>();
  const addDiagnostic = (d: Diagnostic) => {
    const key = `${d.ruleId}\0${d.span.file}:${d.span.line}:${d.span.column}\0${d.message}`;
    if (seenDiagnostics.has(key)) return;
    seenDiagnostics.add(key);
    result.diagnostics.push(d);
  };
  const linked = new Set<string>();
  const given = new Set(files.map((f) => f.path));
  for (const root of roots) {
    const exp = expansions.get(root) as ExpandedConfig;
    for (const f of exp.files) if (!given.has(f)) linked.add(f);
    for (const d of exp.diagnostics) addDiagnostic(d);
    const top = topLevelContext(exp.directives);
    const checks: Diagnostic[] = [];
    checkContexts(exp.directives, top, checks);
    for (const d of checks) addDiagnostic(d);
    const walker = new ScopeWalker(root, host.contextFor(root), collectMaps(httpLevel(exp.directives, top)));
    walker.walkTop(exp.directives, top);
    walker.pairUpstreams();
    result.policies.push(...walker.policies);
  }
  // Syntax errors of every file read, once each (nginx stops at the first; the parser recovers).
  for (const [, parsed] of store.parsedFiles()) {
    for (const e of parsed.errors) addDiagnostic({ ruleId: 'parse-error', message: `nginx: ${e.message}`, span: e.span });
  }
  if (linked.size > 0) result.linkedFiles = [...linked];
  return result;
}

/**
 * The directives at the http level, where nginx accepts `map` (ngx_http_map_module.c: NGX_HTTP_MAIN_CONF);
 * maps anywhere else are config-invalid and never take effect.
 */
function httpLevel(directives: readonly NginxDirective[], top: NginxContext): readonly NginxDirective[] {
  if (top === 'http') return directives;
  if (top !== 'main') return [];
  return directives.flatMap((d) => (d.name === 'http' && d.block ? d.block : []));
}

/** What the rewrite phase of a server (and the locations on the way) contributes to a scope. */
interface Env {
  label: string;
  assignments: Map<string, Assignment[]>;
  guards: Guard[];
  /** A server-level `if ($request_method = OPTIONS) { return 2xx; }` answers every preflight. */
  optionsHandled?: SourceSpan;
  /** Named locations (`location @app`) of the server, for `try_files … @app`. */
  named: Map<string, NginxDirective>;
  /** `listen` ports of the server, for pairing a local proxy_pass with it. */
  ports: string[];
}

interface Forward {
  target: string;
  /** The `*_pass` directive; its span is taken only for the scopes that become policies. */
  directive: NginxDirective;
}

/**
 * A scope's name, built only for the scopes that become policies: a server's (or a fragment's)
 * name, or a location inside an outer scope.
 */
type Label = string | { outer: Label; loc: NginxDirective };

function labelText(label: Label): string {
  if (typeof label === 'string') return label;
  return `${labelText(label.outer)} › location ${label.loc.args.map((a) => a.raw).join(' ')}`;
}

interface Scope {
  label: string;
  span: SourceSpan;
  level: Level;
  env: Env;
  preflight: Located<PreflightHandling>;
  /** The status of an unconditional `return` that answers every request of this scope. */
  fixedStatus?: number;
  forward?: Forward;
  dropped?: DroppedHeaders;
}

function headSpan(d: NginxDirective): SourceSpan {
  const last = d.args.length > 0 ? d.args[d.args.length - 1].span : d.nameSpan;
  return { ...d.nameSpan, endLine: last.endLine, endColumn: last.endColumn };
}

function returnCode(block: readonly NginxDirective[]): { code: number; directive: NginxDirective } | undefined {
  let r: NginxDirective | undefined;
  for (let i = 0; i < block.length && !r; i++) if (block[i].name === 'return' && block[i].args.length > 0) r = block[i];
  if (!r) return undefined;
  // `return URL` is a 302 (ngx_http_rewrite_return); `return code [text]` otherwise.
  const code = /^\d{3}$/.test(r.args[0].value) ? Number(r.args[0].value) : 302;
  return { code, directive: r };
}

/** Whether a block has rewrite directives that add assignments or guards. */
function hasRewrites(block: readonly NginxDirective[]): boolean {
  for (let i = 0; i < block.length; i++) if (block[i].name === 'set' || block[i].name === 'if') return true;
  return false;
}

const is2xx = (code: number) => code >= 200 && code < 300;

function cloneAssignments(a: Map<string, Assignment[]>): Map<string, Assignment[]> {
  return new Map([...a].map(([k, v]) => [k, [...v]]));
}

/** Adds the `set` lines of a block (guarded by the block's `if` condition, if any) to `into`. */
function addAssignments(block: readonly NginxDirective[], into: Map<string, Assignment[]>, guard?: Guard): void {
  for (const d of block) {
    if (d.name !== 'set' || d.args.length !== 2) continue;
    const name = singleVariable(d.args[0].value);
    if (!name) continue;
    const list = into.get(name) ?? [];
    list.push({ value: d.args[1].value, span: d.args[1].span, ...(guard ? { guard } : {}) });
    into.set(name, list);
  }
}

class ScopeWalker {
  readonly policies: CorsPolicy[] = [];
  private readonly forwards = new Map<CorsPolicy, { forward: Forward; hidden: string[] }>();
  private readonly serverPolicies: { ports: string[]; policies: CorsPolicy[] }[] = [];
  private readonly upstreams = new Map<string, string[]>();
  /** Each `if` is read by the rewrite pass, its own scope and the preflight check: read it once. */
  private readonly conditions = new Map<NginxDirective, Condition | undefined>();

  constructor(
    private readonly root: string,
    private readonly context: Context,
    private readonly maps: Map<string, NginxMap>,
  ) {}

  walkTop(directives: readonly NginxDirective[], ctx: NginxContext): void {
    if (ctx === 'main') {
      for (const d of directives) if (d.name === 'http' && d.block) this.walkHttp(d.block, childLevel(EMPTY_LEVEL, d.block));
    } else if (ctx === 'http') this.walkHttp(directives, childLevel(EMPTY_LEVEL, directives));
    else if (ctx === 'server') this.walkServer(directives, EMPTY_LEVEL, undefined, 'server');
    else {
      // A fragment whose includer is not among the scanned files: read it as a location body.
      const e: Env = { label: '', assignments: new Map(), guards: [], named: new Map(), ports: [] };
      this.readRewrite(directives, e);
      this.walkLocationBody(directives, childLevel(EMPTY_LEVEL, directives), e, this.root, undefined);
    }
  }

  /** The span a scope is reported at: the head of its block directive, or the whole file. */
  private scopeSpan(head: NginxDirective | undefined): SourceSpan {
    return head ? headSpan(head) : fileSpan(this.root);
  }

  private condition(d: NginxDirective): Condition | undefined {
    if (this.conditions.has(d)) return this.conditions.get(d);
    const cond = readCondition(d.args);
    this.conditions.set(d, cond);
    return cond;
  }

  /**
   * Rewrite-phase facts of a server or location body: `set`s (inside `if`s guarded by the condition),
   * "reject unless" guards (`if ($http_origin !~* re) { return 403; }` means the rest of the block
   * only runs for origins matching `re`), and an OPTIONS branch that answers with a 2xx.
   */
  private readRewrite(block: readonly NginxDirective[], env: Env): { optionsIf?: NginxDirective } {
    addAssignments(block, env.assignments);
    let optionsIf: NginxDirective | undefined;
    for (const d of block) {
      if (d.name !== 'if' || !d.block) continue;
      const cond = this.condition(d);
      if (!cond) continue;
      addAssignments(d.block, env.assignments, { condition: cond });
      const ret = returnCode(d.block);
      if (ret && cond.op && cond.op.startsWith('!') && cond.operand) {
        env.guards.push({ condition: { ...cond, op: positive(cond.op) } });
      }
      if (ret && is2xx(ret.code) && testsOptions(cond)) optionsIf ??= d;
    }
    return { optionsIf };
  }

  private walkHttp(block: readonly NginxDirective[], level: Level): void {
    for (const d of block) {
      if (d.name === 'upstream' && d.block && d.args.length === 1) {
        const servers = d.block.filter((s) => s.name === 'server' && s.args.length > 0).map((s) => s.args[0].value);
        this.upstreams.set(d.args[0].value, servers);
      }
    }
    for (const d of block) if (d.name === 'server' && d.block) this.walkServer(d.block, level, d, serverLabel(d.block));
  }

  /** `server` is the block's directive, undefined for a file read as a server body. */
  private walkServer(block: readonly NginxDirective[], parent: Level, server: NginxDirective | undefined, label: string): void {
    const level = childLevel(parent, block);
    const env: Env = { label, assignments: new Map(), guards: [], named: new Map(), ports: [] };
    let locations = 0;
    for (const d of block) {
      if (d.name === 'location') {
        if (d.block) locations++;
        if (d.args.length === 1 && d.args[0].value.startsWith('@')) env.named.set(d.args[0].value, d);
      } else if (d.name === 'listen' && d.args.length > 0) env.ports.push(portOf(d.args[0].value));
    }
    if (env.ports.length === 0) env.ports.push('80');
    const { optionsIf } = this.readRewrite(block, env);
    if (optionsIf) env.optionsHandled = optionsIf.span;
    const before = this.policies.length;
    for (const d of block) if (d.name === 'location' && d.block) this.walkLocation(d, level, env, label);
    // A server without locations serves every request with its own configuration. (With locations
    // but no `location /`, only requests for paths nothing serves would use it: not a CORS scope.)
    if (locations === 0) {
      const span = this.scopeSpan(server);
      const ret = returnCode(block);
      const preflight: Located<PreflightHandling> = env.optionsHandled
        ? { value: 'handled', span: env.optionsHandled }
        : ret && is2xx(ret.code)
          ? { value: 'handled', span: ret.directive.span }
          : { value: 'not-handled', span, implicit: true };
      this.emit({ label, span, level, env, preflight, fixedStatus: ret?.code, dropped: level.dropped });
    }
    this.serverPolicies.push({ ports: env.ports, policies: this.policies.slice(before) });
  }

  private walkLocation(loc: NginxDirective, parent: Level, outer: Env, outerLabel: Label): void {
    const block = loc.block as NginxDirective[];
    // Only a body with rewrite directives adds assignments or guards; others share the outer ones.
    const rewrites = hasRewrites(block);
    const env: Env = rewrites ? { ...outer, assignments: cloneAssignments(outer.assignments), guards: [...outer.guards] } : outer;
    const label: Label = { outer: outerLabel, loc };
    if (rewrites) this.readRewrite(block, env);
    const level = childLevel(parent, block);
    this.walkLocationBody(block, level, env, label, loc);
    for (const d of block) if (d.name === 'location' && d.block) this.walkLocation(d, level, env, label);
  }

  /** A location (or a fragment read as one, `loc` undefined) and the `if` blocks in it. */
  private walkLocationBody(block: readonly NginxDirective[], level: Level, env: Env, label: Label, loc: NginxDirective | undefined): void {
    // Most locations of a large configuration send no CORS header: their span, name, preflight
    // facts and upstream are only worked out when a scope in them is emitted.
    let spanMemo: SourceSpan | undefined;
    const span = () => (spanMemo ??= this.scopeSpan(loc));
    let labelMemo: string | undefined;
    const name = () => (labelMemo ??= labelText(label));
    let preflightMemo: Located<PreflightHandling> | undefined;
    const preflight = () => (preflightMemo ??= this.locationPreflight(block, env, span(), loc === undefined));
    let forwardMemo: Forward | null | undefined;
    const forward = () => (forwardMemo === undefined ? (forwardMemo = forwardOf(block) ?? null) : forwardMemo) ?? undefined;
    if (level.addCors || level.moreCors || level.dropped) {
      this.emit({ label: name(), span: span(), level, env, preflight: preflight(), fixedStatus: returnCode(block)?.code, forward: forward(), dropped: level.dropped });
    }

    // Each `if` is its own nameless location (ngx_http_rewrite_if → ngx_http_add_location): when its
    // condition holds, its header list replaces the location's; of several true ones the last wins.
    const earlier: AddHeader[] = [];
    for (const d of block) {
      if (d.name !== 'if' || !d.block) continue;
      const cond = this.condition(d);
      const ifLevel = childLevel(level, d.block);
      const own = ifLevel.own.length > 0 || ifLevel.more.length > level.more.length;
      const ifRet = returnCode(d.block);
      if (own && cond) {
        const ifEnv: Env = { ...env, guards: [{ condition: cond }, ...env.guards] };
        const preflightScope = testsOptions(cond) && ifRet !== undefined;
        const ifPreflight: Located<PreflightHandling> =
          ifRet && is2xx(ifRet.code) ? { value: 'handled', span: ifRet.directive.span } : preflight();
        // Compared with the location's list and the CORS headers of earlier `if`s that can be true
        // together with this one (an earlier `if` that returns ends the rewrite phase first).
        const reference = [...level.add, ...earlier];
        const dropped =
          ifLevel.own.length > 0 && ifLevel.inherit !== 'merge'
            ? droppedFrom(reference, ifLevel.add, ifLevel.own[0].directive, preflightScope ? PREFLIGHT_HEADERS : undefined)
            : undefined;
        this.emit({
          label: `${name()} › if ${cond.text.replace(/ \)$/, ')')}`,
          span: headSpan(d),
          level: ifLevel,
          env: ifEnv,
          preflight: ifPreflight,
          fixedStatus: ifRet?.code,
          forward: forwardOf(d.block) ?? forward(),
          dropped,
        });
      }
      if (!ifRet) earlier.push(...ifLevel.own.filter((h) => isCorsHeader(h.lname)));
    }
  }

  private locationPreflight(block: readonly NginxDirective[], env: Env, span: SourceSpan, fragment: boolean): Located<PreflightHandling> {
    for (const d of block) {
      if (d.name !== 'if' || !d.block) continue;
      const cond = this.condition(d);
      const ret = returnCode(d.block);
      if (cond && ret && is2xx(ret.code) && testsOptions(cond)) return { value: 'handled', span: d.span };
    }
    if (env.optionsHandled) return { value: 'handled', span: env.optionsHandled };
    let forward = forwardOf(block);
    for (const d of block) if (!forward && d.name === 'if' && d.block) forward = forwardOf(d.block);
    if (forward) return { value: 'delegated', span: forward.directive.span };
    const ret = returnCode(block);
    if (ret && is2xx(ret.code)) return { value: 'handled', span: ret.directive.span };
    const tryFiles = block.find((d) => d.name === 'try_files' && d.args.length > 0);
    const fallback = tryFiles?.args[tryFiles.args.length - 1].value;
    const named = fallback?.startsWith('@') ? env.named.get(fallback) : undefined;
    const namedForward = named?.block ? forwardOf(named.block) : undefined;
    if (tryFiles && namedForward) return { value: 'delegated', span: tryFiles.span };
    // A fragment may be included where something else answers OPTIONS; without its includer, unknown.
    if (fragment) return { value: 'unknown', span, implicit: true };
    // The static handler answers OPTIONS with 405 (ngx_http_static_handler accepts GET/HEAD/POST only).
    return { value: 'not-handled', span, implicit: true };
  }

  private emit(scope: Scope): void {
    const policy = buildPolicy(scope, this.maps, this.context);
    if (!policy) return;
    this.policies.push(policy);
    if (scope.forward) this.forwards.set(policy, { forward: scope.forward, hidden: scope.level.hidden });
  }

  /**
   * A `proxy_pass` to a loopback port served by another server of the same configuration: that
   * server's Access-Control-Allow-Origin lines arrive with the upstream response and nginx keeps
   * them unless hidden (ngx_http_upstream.c `ngx_http_upstream_hide_headers_hash`) — then the
   * client gets two lines ([X] /dup vs /dup-hidden).
   */
  pairUpstreams(): void {
    if (this.forwards.size === 0) return;
    const byPort = new Map<string, CorsPolicy[]>();
    for (const s of this.serverPolicies) for (const port of s.ports) if (!byPort.has(port)) byPort.set(port, s.policies);
    for (const [policy, { forward, hidden }] of this.forwards) {
      if (hidden.includes(ACAO)) continue;
      const port = loopbackPort(forward.target, this.upstreams);
      if (!port) continue;
      const upstream = byPort.get(port)?.find((p) => p !== policy && (p.headerEmitters?.length ?? 0) > 0);
      if (!upstream?.headerEmitters) continue;
      policy.headerEmitters = [...upstream.headerEmitters, ...(policy.headerEmitters ?? [])];
    }
  }
}

function serverLabel(block: readonly NginxDirective[]): string {
  const name = block.find((d) => d.name === 'server_name' && d.args.length > 0);
  return name ? `server ${name.args[0].value}` : 'server';
}

/** The port of a `listen` argument (`8080`, `127.0.0.1:8080`, `[::1]:8080`, `unix:` never matches). */
function portOf(listen: string): string {
  if (/^\d+$/.test(listen)) return listen;
  const m = /:(\d+)$/.exec(listen);
  return m ? m[1] : '80';
}

const LOOPBACK = /^(?:127\.\d+\.\d+\.\d+|localhost|\[::1\])$/;

function loopbackPort(target: string, upstreams: ReadonlyMap<string, string[]>): string | undefined {
  const m = /^https?:\/\/([^/:]+|\[[^\]]+\])(?::(\d+))?/.exec(target);
  if (!m) return undefined;
  const [, host, port] = m;
  if (LOOPBACK.test(host)) return port ?? '80';
  const servers = upstreams.get(host);
  const local = servers?.map((s) => /^(127\.\d+\.\d+\.\d+|localhost|\[::1\]):(\d+)$/.exec(s)).find(Boolean);
  return local ? local[2] : undefined;
}

function forwardOf(block: readonly NginxDirective[]): Forward | undefined {
  for (const d of block) if (PASS.has(d.name) && d.args.length > 0) return { target: d.args[0].value, directive: d };
  return undefined;
}

function headerList(e: Emitter): Located<HeaderList> | undefined {
  const value = e.value.value.trim();
  if (value.includes('$')) {
    // Echoing the preflight's request headers/method is the "reflect" list.
    const v = singleVariable(value);
    if (v === 'http_access_control_request_headers' || v === 'http_access_control_request_method') return { value: 'reflect', span: e.span };
    return undefined;
  }
  if (value === '*') return { value: '*', span: e.span };
  return { value: value.split(',').map((s) => s.trim()).filter(Boolean), span: e.span };
}

function lastList(emitted: Map<string, Emitter[]>, name: string): Located<HeaderList> | undefined {
  const list = emitted.get(name);
  return list && list.length > 0 ? headerList(list[list.length - 1]) : undefined;
}

function buildPolicy(scope: Scope, maps: ReadonlyMap<string, NginxMap>, context: Context): CorsPolicy | undefined {
  if (!scope.level.addCors && !scope.level.moreCors && !scope.dropped) return undefined;
  const emitted = emittedHeaders(scope.level);
  const hasCors = [...emitted.keys()].some(isCorsHeader);
  if (!hasCors && !scope.dropped) return undefined;
  const env: OriginEnv = { maps, assignments: scope.env.assignments, guards: scope.env.guards };
  const acao = emitted.get(ACAO) ?? [];
  const origins: Located<OriginRule>[] = [];
  let dependent = false;
  for (const e of acao) {
    const r = resolveOrigins(e.value.value, e.value.span, env);
    origins.push(...r.rules);
    dependent ||= r.dependent;
  }
  const policy: CorsPolicy = {
    stack: 'nginx',
    layer: 'proxy',
    context,
    scope: scope.label,
    span: scope.span,
    origins,
    credentials: credentialsOf(emitted.get('access-control-allow-credentials'), scope.span),
    preflight: scope.preflight,
    originDependent: dependent,
  };
  const methods = lastList(emitted, 'access-control-allow-methods');
  if (methods) policy.allowMethods = methods;
  const headers = lastList(emitted, 'access-control-allow-headers');
  if (headers) policy.allowHeaders = headers;
  const expose = lastList(emitted, 'access-control-expose-headers');
  if (expose) policy.exposeHeaders = expose;
  const maxAge = emitted.get('access-control-max-age')?.at(-1);
  if (maxAge && /^-?\d+(?:\.\d+)?$/.test(maxAge.value.value.trim())) policy.maxAge = { value: Number(maxAge.value.value), span: maxAge.span };
  const pna = emitted.get('access-control-allow-private-network')?.at(-1);
  if (pna) policy.allowPrivateNetwork = { value: pna.value.value === 'true', span: pna.span };
  const vary = (emitted.get('vary') ?? []).find((e) => e.value.value.split(',').some((t) => t.trim().toLowerCase() === 'origin'));
  policy.varyOrigin = vary ? { value: true, span: vary.span } : { value: false, span: scope.span, implicit: true };
  if (acao.length > 0) {
    policy.headerEmitters = acao.map((e) => ({ value: e.value.value, span: e.span }));
    // A scope that always answers with one safe status (`return 204`) sends plain add_headers on it.
    const onlySafe = scope.fixedStatus !== undefined && SAFE_STATUS.has(scope.fixedStatus);
    if (!onlySafe) {
      const missing = acao.find((e) => !e.onErrors);
      policy.sentOnErrors = missing ? { value: false, span: missing.span } : { value: true, span: acao[0].span };
    }
  }
  if (scope.dropped) policy.droppedHeaders = scope.dropped;
  if (scope.forward) {
    policy.forwardsTo = { value: scope.forward.target, span: scope.forward.directive.span, hiddenHeaders: scope.level.hidden };
  }
  return policy;
}

function credentialsOf(list: Emitter[] | undefined, scopeSpan: SourceSpan): Located<boolean | 'unknown'> {
  if (!list || list.length === 0) return { value: false, span: scopeSpan, implicit: true };
  const e = list[list.length - 1];
  const v = e.value.value;
  // The browser requires exactly `true` (fetch.bs L7289-7299, case-sensitive).
  if (v === 'true') return { value: true, span: e.span };
  if (v.includes('$')) return { value: 'unknown', span: e.span };
  return { value: false, span: e.span };
}
