// Where nginx accepts the directives that matter for CORS, and the `config-invalid` diagnostics for the rest.
import type { Diagnostic } from '../../model/policy.js';
import type { NginxDirective } from './parser.js';

/**
 * Configuration contexts in nginx's terms: `main`, `http`, `server`, `location`, `sif`/`lif` (an `if`
 * block in a server or a location: NGX_HTTP_SIF_CONF / NGX_HTTP_LIF_CONF), `limit_except`; `other`
 * for blocks whose contents are not checked here (map, upstream, types, stream, mail, …), and
 * `unknown` for the top level of a fragment whose includer is not in the scanned files.
 */
export type NginxContext = 'main' | 'http' | 'server' | 'location' | 'sif' | 'lif' | 'limit_except' | 'other' | 'unknown';

type Allowed = readonly NginxContext[];

const HEADERS: Allowed = ['http', 'server', 'location', 'lif'];
const REWRITE: Allowed = ['server', 'sif', 'location', 'lif'];

/**
 * The contexts each directive declares in its module's command table (nginx 1.22 sources):
 * ngx_http_headers_filter_module.c (add_header, expires: MAIN|SRV|LOC|LIF), headers-more's
 * ngx_http_headers_more_filter_module.c (the same), ngx_http_rewrite_module.c (if, set, return,
 * rewrite, break: SRV|SIF|LOC|LIF — `if` itself is SRV|LOC only), ngx_http_core_module.c (location:
 * SRV|LOC; server: HTTP main; limit_except: LOC), ngx_http_map_module.c (map: HTTP main),
 * ngx_http_proxy_module.c (proxy_pass: LOC|LIF|LMT; proxy_hide_header: MAIN|SRV|LOC), and the other
 * upstream modules' `*_pass` (LOC|LIF).
 */
const ALLOWED = new Map<string, Allowed>(Object.entries({
  add_header: HEADERS,
  add_trailer: HEADERS,
  add_header_inherit: HEADERS,
  expires: HEADERS,
  more_set_headers: HEADERS,
  more_clear_headers: HEADERS,
  if: ['server', 'location'],
  set: REWRITE,
  return: REWRITE,
  rewrite: REWRITE,
  break: REWRITE,
  location: ['server', 'location'],
  server: ['http'],
  http: ['main'],
  events: ['main'],
  map: ['http'],
  upstream: ['http'],
  limit_except: ['location'],
  proxy_pass: ['location', 'lif', 'limit_except'],
  fastcgi_pass: ['location', 'lif'],
  uwsgi_pass: ['location', 'lif'],
  scgi_pass: ['location', 'lif'],
  grpc_pass: ['location', 'lif'],
  proxy_hide_header: ['http', 'server', 'location'],
  fastcgi_hide_header: ['http', 'server', 'location'],
  uwsgi_hide_header: ['http', 'server', 'location'],
  grpc_hide_header: ['http', 'server', 'location'],
} satisfies Record<string, Allowed>));

/** The context a block directive opens, given the context it is in. */
export function childContext(name: string, ctx: NginxContext): NginxContext {
  switch (name) {
    case 'http':
      return 'http';
    case 'server':
      return ctx === 'http' || ctx === 'unknown' ? 'server' : 'other';
    case 'location':
      return 'location';
    case 'if':
      return ctx === 'server' ? 'sif' : 'lif';
    case 'limit_except':
      return 'limit_except';
    default:
      return 'other';
  }
}

const MAIN_ONLY = new Set(['http', 'events', 'stream', 'mail', 'load_module', 'worker_processes', 'user', 'pid', 'worker_rlimit_nofile']);
const HTTP_ONLY = new Set(['server', 'map', 'upstream', 'geo', 'split_clients', 'log_format', 'limit_req_zone', 'limit_conn_zone', 'proxy_cache_path']);
const SERVER_ONLY = new Set(['location', 'listen', 'server_name']);

/**
 * The context of a file's top level when nothing in the scanned files includes it: a file with
 * `http`/`events` is a whole configuration; one with `server` or `map` blocks is included inside
 * `http {}` (conf.d/, sites-enabled/); one with `location` or `listen` inside `server {}`; any other
 * fragment (a CORS snippet) could be included anywhere.
 */
export function topLevelContext(directives: readonly NginxDirective[]): NginxContext {
  if (directives.some((d) => MAIN_ONLY.has(d.name))) return 'main';
  if (directives.some((d) => HTTP_ONLY.has(d.name))) return 'http';
  if (directives.some((d) => SERVER_ONLY.has(d.name))) return 'server';
  return 'unknown';
}

/**
 * Reports directives in a context nginx refuses, with nginx's own message (`ngx_conf_handler`:
 * `"%s" directive is not allowed here`), and `add_header` with the wrong arguments (its handler
 * `ngx_http_headers_add`: `invalid number of arguments`, `invalid parameter`). Blocks nginx hands
 * to their own parsers (map, types, upstream, …) are not descended into.
 */
export function checkContexts(directives: readonly NginxDirective[], ctx: NginxContext, out: Diagnostic[]): void {
  for (const d of directives) {
    const allowed = ALLOWED.get(d.name);
    if (allowed && ctx !== 'unknown' && ctx !== 'other' && !allowed.includes(ctx)) {
      out.push({ ruleId: 'config-invalid', message: `"${d.name}" directive is not allowed here (nginx refuses to start)`, span: d.nameSpan });
    } else if (d.name === 'add_header' && ctx !== 'other') {
      if (d.args.length < 2 || d.args.length > 3) {
        out.push({ ruleId: 'config-invalid', message: 'invalid number of arguments in "add_header" directive (nginx refuses to start)', span: d.span });
      } else if (d.args.length === 3 && d.args[2].value !== 'always') {
        out.push({ ruleId: 'config-invalid', message: `invalid parameter "${d.args[2].value}" (nginx refuses to start)`, span: d.args[2].span });
      }
    }
    if (d.block && ctx !== 'other') {
      const inner = childContext(d.name, ctx);
      if (inner !== 'other') checkContexts(d.block, inner, out);
    }
  }
}
