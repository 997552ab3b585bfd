// Flask-CORS (`CORS(app, …)`, `resources=`, `@cross_origin`, app config) → policies. Semantics: semantics.md §2.3 (flask-cors 6.0.0).
import type { Node } from 'web-tree-sitter';
import type { AdapterHost, AdapterResult, StackParser } from '../../model/adapter.js';
import type { Context, CorsPolicy, Diagnostic, HeaderList, Located, OriginRule } from '../../model/policy.js';
import type { SourceFile, SourceSpan } from '../../model/source.js';
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
  type ListEntry,
  type ModuleValues,
  type PyValue,
} from '../shared/python/index.js';

/** `core.py` DEFAULT_OPTIONS `methods`. */
const DEFAULT_METHODS = ['GET', 'HEAD', 'POST', 'OPTIONS', 'PUT', 'PATCH', 'DELETE'];
/** `probably_regex`: a string with any of these is matched as a regex, not compared. Note `.` is not one. */
const REGEX_CHARS = ['*', '\\', ']', '?', '$', '^', '[', '(', ')'];

/** An option value with the place it was written. */
interface Option {
  value: PyValue;
  span: SourceSpan;
}

type Options = Map<string, Option>;

export const flaskParser: StackParser = {
  async analyze(files: readonly SourceFile[], host: AdapterHost): Promise<AdapterResult> {
    const parser = await loadPythonParser();
    const policies: CorsPolicy[] = [];
    const diagnostics: Diagnostic[] = [];
    for (const file of files) {
      const parsed = parser.parse(file.text, file.path);
      try {
        diagnostics.push(...parsed.diagnostics);
        const values = evaluateModule(parsed.tree, file.path, { lines: parsed.lines });
        const fileContext = host.contextFor(file.path);
        const appConfig = appConfigOptions(parsed.tree.rootNode, file.text, values);
        const isCors = (q: string) => q === 'flask_cors.CORS';
        const isDecorator = (q: string) => q === 'flask_cors.cross_origin';
        const aliases = values.imports.filter((i) => i.module === 'flask_cors').map((i) => i.local);
        const at = offsetsOf(file.text, ['CORS', 'cross_origin', 'init_app', ...aliases]);
        const sites = findCalls(parsed.tree, values, (c) => isCors(c.qualifiedName) || isDecorator(c.qualifiedName) || c.attribute === 'init_app', { at });
        const deferred = sites.filter((s) => isCors(s.callee.qualifiedName) && s.positional.length === 0);
        for (const site of sites) {
          const q = site.callee.qualifiedName;
          let kwargs: Options;
          if (isDecorator(q)) kwargs = keywordOptions(site);
          else if (isCors(q)) {
            // `CORS()` without an app does nothing until `init_app(app, …)`.
            if (site.positional.length === 0) continue;
            kwargs = keywordOptions(site);
          } else {
            // `cors.init_app(app, **kw)`: the constructor's options, then init_app's (`get_cors_options(app, self._options, kwargs)`).
            if (deferred.length === 0) continue;
            kwargs = new Map([...keywordOptions(deferred[0]), ...keywordOptions(site)]);
          }
          // Only a DEBUG condition can move the call out of production: skip the tree walk without one.
          const context = fileContext === 'production' && file.text.includes('DEBUG') ? (debugContextOf(site.node) ?? fileContext) : fileContext;
          const base = new Map([...appConfig, ...kwargs]);
          const label = isDecorator(q) ? '@cross_origin' : 'CORS';
          for (const { scope, options } of resources(base, isDecorator(q), label)) {
            const built = flaskPolicy(site.span, scope, options, context);
            policies.push(built.policy);
            diagnostics.push(...built.diagnostics);
          }
        }
      } finally {
        parsed.tree.delete();
      }
    }
    return { policies, diagnostics };
  },
};

function keywordOptions(site: CallSite): Options {
  return new Map(site.keywords.map((k) => [k.name, { value: k.value, span: k.span }]));
}

/**
 * `app.config["CORS_ORIGINS"] = …` and `app.config.update(CORS_ORIGINS=…)`: the lowest-precedence
 * source (`get_cors_options`: resource > kwargs > app config > defaults), named without `CORS_`.
 */
function appConfigOptions(root: Node, text: string, values: ModuleValues): Options {
  const out: Options = new Map();
  for (const offset of offsetsOf(text, ['config'])) {
    // `app.config[…] = v`: identifier → attribute → subscript → assignment; `app.config.update(…)`: → attribute → attribute → call.
    let node: Node | null = root.descendantForIndex(offset);
    for (let i = 0; i < 4 && node && node.type !== 'assignment' && node.type !== 'call'; i++) node = node.parent;
    if (node?.type === 'assignment') {
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      if (left?.type !== 'subscript' || !right || !/\.config$/.test(left.childForFieldName('value')?.text ?? '')) continue;
      const key = values.evaluate(left.childForFieldName('subscript')!);
      if (key.kind === 'str' && key.value.startsWith('CORS_')) out.set(key.value.slice(5).toLowerCase(), { value: values.evaluate(right), span: values.spanOf(node) });
    } else if (node?.type === 'call') {
      const fn = node.childForFieldName('function');
      if (!fn || !/\.config\.update$/.test(fn.text)) continue;
      for (const arg of node.childForFieldName('arguments')?.namedChildren ?? []) {
        if (arg.type !== 'keyword_argument') continue;
        const name = arg.childForFieldName('name')?.text ?? '';
        const value = arg.childForFieldName('value');
        if (name.startsWith('CORS_') && value) out.set(name.slice(5).toLowerCase(), { value: values.evaluate(value), span: values.spanOf(arg) });
      }
    }
  }
  return out;
}

/**
 * One option set per resource: `resources={r"/api/*": {"origins": …}}` gives the listed paths
 * their own options over the call's; a list or string of paths shares the call's options. The
 * decorator applies to its one view.
 */
function resources(base: Options, decorator: boolean, label: string): { scope: string; options: Options }[] {
  const res = base.get('resources');
  if (decorator || !res) return [{ scope: decorator ? '@cross_origin view' : `${label}(app)`, options: base }];
  const value = res.value;
  if (value.kind === 'dict') {
    const out: { scope: string; options: Options }[] = [];
    for (const entry of value.entries) {
      const path = entry.key.kind === 'str' ? entry.key.value : entry.key.kind === 'regex' && entry.key.pattern.kind === 'str' ? entry.key.pattern.value : '?';
      const own = new Map(base);
      if (entry.value.kind === 'dict') {
        for (const e of entry.value.entries) if (e.key.kind === 'str') own.set(e.key.value, { value: e.value, span: e.key.span });
      }
      out.push({ scope: `resources "${path}"`, options: own });
    }
    return out;
  }
  const paths = listEntries(value)?.flatMap((e) => (e.kind === 'str' ? [e.value] : [])) ?? (value.kind === 'str' ? [value.value] : []);
  return [{ scope: paths.length ? `resources ${paths.map((p) => `"${p}"`).join(', ')}` : `${label}(app)`, options: base }];
}

/** The policy flask-cors applies with these options (`get_cors_headers`, `try_match_pattern`). */
export function flaskPolicy(callSpan: SourceSpan, scope: string, options: Options, context: Context): { policy: CorsPolicy; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const get = (name: string) => options.get(name);
  const credentialsOpt = get('supports_credentials');
  const credentials: Located<boolean | 'unknown'> = credentialsOpt ? truthOf(credentialsOpt.value) : { value: false, span: callSpan, implicit: true };
  const wildcardOpt = get('send_wildcard');
  const sendWildcard = wildcardOpt ? truthOf(wildcardOpt.value).value === true : false;

  const origins: Located<OriginRule>[] = [];
  const originsOpt = get('origins');
  // A `.*` entry (the default `*` is rewritten to it by `re_fix`) matches every origin; the origin is
  // echoed unless send_wildcard, which sends `*` (core.py `get_cors_origins`).
  let rejected = false;
  const everything = (span: SourceSpan, extra: { implicit?: boolean; runtimeDefault?: boolean }) => {
    if (sendWildcard && credentials.value === true) {
      // extension.py/core.py: ValueError at set-up, so the application does not start with this configuration.
      if (!rejected) {
        diagnostics.push({
          ruleId: 'config-invalid',
          message: 'flask-cors raises ValueError at start-up for origins "*" with send_wildcard=True and supports_credentials=True',
          span: wildcardOpt!.span,
        });
      }
      rejected = true;
      return;
    }
    origins.push({ value: { kind: sendWildcard ? 'any' : 'reflect' }, span, ...extra });
  };
  if (!originsOpt) everything(callSpan, { implicit: true });
  else {
    const { value, runtimeDefault } = withDefault(originsOpt.value);
    const entries: ListEntry[] =
      value.kind === 'str' ? [{ kind: 'str', value: value.value, span: value.span }] : value.kind === 'regex' ? (listEntries({ kind: 'list', items: [value], span: value.span }) ?? []) : (listEntries(originsOpt.value) ?? []);
    for (const entry of entries) {
      const flag = runtimeDefault || ('runtimeDefault' in entry && entry.runtimeDefault) ? { runtimeDefault: true } : {};
      if (entry.kind === 'str') {
        if (entry.value === '*' || entry.value === '.*') everything(entry.span, flag);
        else if (REGEX_CHARS.some((c) => entry.value.includes(c))) {
          // probably_regex → `re.match(pattern, origin, flags=re.IGNORECASE)`: start-anchored, case-insensitive.
          origins.push({ value: { kind: 'pattern', pattern: entry.value, flavor: 'python-re-match-ignorecase' }, span: entry.span, ...flag });
        } else if (entry.value.toLowerCase() === 'null') origins.push({ value: { kind: 'null' }, span: entry.span, ...flag });
        // Plain strings compare with `casefold()` on both sides.
        else origins.push({ value: { kind: 'exact', origin: entry.value, comparison: 'ignore-case' }, span: entry.span, ...flag });
      } else if (entry.kind === 'regex') {
        origins.push({ value: { kind: 'pattern', pattern: entry.pattern, flavor: 'python-re-match', ...(entry.flags ? { flags: entry.flags } : {}) }, span: entry.span, ...flag });
      } else if (entry.kind === 'unknown') origins.push({ value: { kind: 'unknown', expression: entry.text }, span: entry.span });
    }
  }

  const policy: CorsPolicy = {
    stack: 'flask',
    layer: 'app',
    context,
    scope,
    span: callSpan,
    origins,
    credentials,
    allowMethods: nameList(get('methods'), false) ?? { value: [...DEFAULT_METHODS], span: callSpan, implicit: true },
    // The default allow_headers `*` (→ `.*`) lists every requested header that matches: an echo.
    allowHeaders: nameList(get('allow_headers'), true) ?? { value: 'reflect', span: callSpan, implicit: true },
    varyOrigin: { value: !origins.every((o) => o.value.kind === 'any'), span: callSpan, implicit: true },
    preflight: { value: 'handled', span: callSpan, implicit: true },
  };
  const expose = nameList(get('expose_headers'), false);
  if (expose) policy.exposeHeaders = expose;
  const maxAgeOpt = get('max_age');
  if (maxAgeOpt) {
    const { value } = withDefault(maxAgeOpt.value);
    const n = numberOf(maxAgeOpt.value) ?? (value.kind === 'str' && /^\s*-?\d+\s*$/.test(value.value) ? { value: Number(value.value), span: value.span } : undefined);
    if (n) policy.maxAge = n;
  }
  const privateNetwork = get('allow_private_network');
  if (privateNetwork) {
    const truth = truthOf(privateNetwork.value);
    if (truth.value !== 'unknown') policy.allowPrivateNetwork = { ...truth, value: truth.value };
  }
  return { policy, diagnostics };
}

/** A string or list of names; in allow_headers, `*`/`.*` (a regex matching every name) echoes the request. */
function nameList(option: Option | undefined, headers: boolean): Located<HeaderList> | undefined {
  if (!option) return undefined;
  const { value, runtimeDefault } = withDefault(option.value);
  const flag = runtimeDefault ? { runtimeDefault: true } : {};
  const items = value.kind === 'str' ? [value.value] : (listEntries(option.value) ?? []).map((e) => (e.kind === 'str' ? e.value : undefined));
  if (items.length === 0 && value.kind !== 'list' && value.kind !== 'tuple') return undefined;
  if (items.some((i) => i === undefined)) return undefined;
  const names = items as string[];
  if (headers && names.some((n) => n === '*' || n === '.*')) return { value: 'reflect', span: value.span, ...flag };
  return { value: names.includes('*') ? '*' : names, span: value.span, ...flag };
}

