// FastAPI / Starlette CORSMiddleware calls → policies. Semantics: semantics.md §2.2 (Starlette ≥ 1.0, current release).
import type { AdapterHost, AdapterResult, StackParser } from '../../model/adapter.js';
import type { Context, CorsPolicy, Diagnostic, HeaderList, Located, OriginRule } from '../../model/policy.js';
import type { SourceFile } from '../../model/source.js';
import {
  debugContextOf,
  evaluateModule,
  findCalls,
  listEntries,
  loadPythonParser,
  numberOf,
  offsetsOf,
  truthOf,
  withDefault,
  type CallSite,
  type KeywordArgument,
  type ListEntry,
} from '../shared/python/index.js';

/** `starlette/middleware/cors.py` `ALL_METHODS`: what `"*"` in `allow_methods` expands to. */
const ALL_METHODS = ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT'];
/** `SAFELISTED_HEADERS`: always added to `allow_headers`. */
const SAFELISTED_HEADERS = ['Accept', 'Accept-Language', 'Content-Language', 'Content-Type'];

const CORS_CLASSES = new Set(['fastapi.middleware.cors.CORSMiddleware', 'starlette.middleware.cors.CORSMiddleware', 'CORSMiddleware']);

export const fastapiParser: StackParser = {
  async analyze(files: readonly SourceFile[], host: AdapterHost): Promise<AdapterResult> {
    const parser = await loadPythonParser();
    const policies: CorsPolicy[] = [];
    const diagnostics: Diagnostic[] = [];
    for (const file of files) {
      const parsed = parser.parse(file.text, file.path);
      try {
        diagnostics.push(...parsed.diagnostics);
        const values = evaluateModule(parsed.tree, file.path, { lines: parsed.lines });
        const isCors = (name: string | undefined) => name !== undefined && CORS_CLASSES.has(name);
        const aliases = values.imports.filter((i) => isCors(i.qualifiedName)).map((i) => i.local);
        const at = offsetsOf(file.text, ['CORSMiddleware', ...aliases]);
        const sites = findCalls(parsed.tree, values, (c) => !c.decorator && (c.attribute === 'add_middleware' || c.attribute === 'Middleware' || isCors(c.qualifiedName)), { at });
        const fileContext = host.contextFor(file.path);
        for (const site of sites) {
          if (!isCors(site.callee.qualifiedName)) {
            // `app.add_middleware(CORSMiddleware, …)` / `Middleware(CORSMiddleware, …)`: the class comes first.
            const first = site.positional[0];
            if (first?.kind !== 'unknown' || !isCors(first.qualifiedName)) continue;
          }
          // Only a DEBUG condition can move the call out of production: skip the tree walk without one.
          const context = fileContext === 'production' && file.text.includes('DEBUG') ? (debugContextOf(site.node) ?? fileContext) : fileContext;
          policies.push(starlettePolicy(site, context));
        }
      } finally {
        parsed.tree.delete();
      }
    }
    return { policies, diagnostics };
  },
};

/** The policy a `CORSMiddleware(…)` configuration gives (`__init__` and `is_allowed_origin`). */
export function starlettePolicy(site: CallSite, context: Context): CorsPolicy {
  // Python rejects a keyword given twice; of a keyword and a `**dict` entry, the call fails too, so any match will do.
  const option = (name: string): KeywordArgument | undefined => site.keywords.find((k) => k.name === name);
  const span = site.span;
  const credentialsArg = option('allow_credentials');
  const credentials: Located<boolean | 'unknown'> = credentialsArg ? truthOf(credentialsArg.value) : { value: false, span, implicit: true };
  const origins: Located<OriginRule>[] = [];
  const allowOrigins = option('allow_origins');
  if (allowOrigins) {
    // A lone string is iterated by `in` as a substring test; read it as the one origin it names.
    const single = withDefault(allowOrigins.value).value;
    const entries: ListEntry[] = listEntries(allowOrigins.value) ?? (single.kind === 'str' ? [{ kind: 'str', value: single.value, span: single.span }] : []);
    // `"*" in allow_origins` anywhere makes every other entry irrelevant (`allow_all_origins`).
    const star = entries.find((e) => e.kind === 'str' && e.value === '*');
    if (star) {
      // Since 1.0 (commit 02b6ed7) `*` with credentials echoes any Origin on every response; since 0.15 on preflights.
      origins.push({ value: { kind: credentials.value === true ? 'reflect' : 'any' }, span: star.span, ...runtime(star) });
    } else {
      for (const entry of entries) {
        if (entry.kind === 'str') {
          // Exact, case-sensitive membership (`origin in self.allow_origins`).
          const rule: OriginRule = entry.value === 'null' ? { kind: 'null' } : { kind: 'exact', origin: entry.value, comparison: 'exact' };
          origins.push({ value: rule, span: entry.span, ...runtime(entry) });
        } else if (entry.kind === 'unknown') origins.push({ value: { kind: 'unknown', expression: entry.text }, span: entry.span });
      }
    }
  }
  const regex = option('allow_origin_regex');
  if (regex && !origins.some((o) => o.value.kind === 'any' || o.value.kind === 'reflect')) {
    const { value, runtimeDefault } = withDefault(regex.value);
    // Compiled once and matched with `fullmatch` since 0.13.1 (security fix 20973f2).
    if (value.kind === 'str') origins.push({ value: { kind: 'pattern', pattern: value.value, flavor: 'python-re-fullmatch' }, span: value.span, ...(runtimeDefault ? { runtimeDefault } : {}) });
    else if (value.kind === 'unknown') origins.push({ value: { kind: 'unknown', expression: value.text }, span: value.span });
  }
  if (!allowOrigins && !regex && site.unknownUnpacking.length > 0) {
    const unpacked = site.unknownUnpacking[0];
    const text = unpacked.kind === 'unknown' ? unpacked.text : 'options';
    origins.push({ value: { kind: 'unknown', expression: `**${text}` }, span: unpacked.span });
  }

  const policy: CorsPolicy = {
    stack: 'fastapi',
    layer: 'app',
    context,
    scope: 'CORSMiddleware',
    span,
    origins,
    credentials,
    allowMethods: methods(option('allow_methods')) ?? { value: ['GET'], span, implicit: true },
    allowHeaders: headers(option('allow_headers')) ?? { value: [...SAFELISTED_HEADERS], span, implicit: true },
    // `allow_explicit_origin` adds `Vary: Origin` whenever the Origin is echoed.
    varyOrigin: { value: true, span, implicit: true },
    // `preflight_response`: OPTIONS + Origin + Access-Control-Request-Method is answered by the middleware.
    preflight: { value: 'handled', span, implicit: true },
  };
  const expose = names(option('expose_headers'));
  if (expose) policy.exposeHeaders = { ...expose, value: expose.value.includes('*') ? '*' : expose.value };
  const maxAgeArg = option('max_age');
  const maxAge = maxAgeArg && numberOf(maxAgeArg.value);
  if (maxAge) policy.maxAge = maxAge;
  const privateNetwork = option('allow_private_network');
  if (privateNetwork) {
    const truth = truthOf(privateNetwork.value);
    if (truth.value !== 'unknown') policy.allowPrivateNetwork = { ...truth, value: truth.value };
  }
  return policy;
}

function runtime(entry: ListEntry): { runtimeDefault?: boolean } {
  return 'runtimeDefault' in entry && entry.runtimeDefault ? { runtimeDefault: true } : {};
}

/** A known list of strings (a lone string counts as one name); undefined when any part is unknown. */
function names(arg: KeywordArgument | undefined): Located<string[]> | undefined {
  if (!arg) return undefined;
  const { value, runtimeDefault } = withDefault(arg.value);
  const flag = runtimeDefault ? { runtimeDefault: true } : {};
  if (value.kind === 'str') return { value: [value.value], span: value.span, ...flag };
  const entries = listEntries(arg.value);
  if (!entries || entries.some((e) => e.kind !== 'str')) return undefined;
  return { value: entries.map((e) => (e.kind === 'str' ? e.value : '')), span: value.span, ...flag };
}

/** `"*"` anywhere in `allow_methods` means `ALL_METHODS`, sent as that list (not a literal `*`). */
function methods(arg: KeywordArgument | undefined): Located<HeaderList> | undefined {
  const list = names(arg);
  if (!list) return undefined;
  return { ...list, value: list.value.includes('*') ? [...ALL_METHODS] : list.value };
}

/** `"*"` in `allow_headers` echoes the requested headers; otherwise the list plus the safelisted four. */
function headers(arg: KeywordArgument | undefined): Located<HeaderList> | undefined {
  const list = names(arg);
  if (!list) return undefined;
  if (list.value.includes('*')) return { ...list, value: 'reflect' };
  const merged = [...SAFELISTED_HEADERS];
  for (const h of list.value) if (!merged.some((m) => m.toLowerCase() === h.toLowerCase())) merged.push(h);
  return { ...list, value: merged };
}
