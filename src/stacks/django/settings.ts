// django-cors-headers settings → one policy. Semantics: shared/reference/semantics.md §2.1 (library 4.9.0).
import type { Context, CorsPolicy, Diagnostic, HeaderList, Located, MiddlewarePlacement, OriginRule, Override } from '../../model/policy.js';
import { fileSpan, type SourceSpan } from '../../model/source.js';
import { listEntries, pythonTruth, truthOf, withDefault, type Binding, type ListEntry, type ModuleValues, type World } from '../shared/python/index.js';

/** New setting names and the legacy names they replaced in 3.5.0, still read as fallbacks (`conf.py`). */
export const LEGACY_NAMES: Readonly<Record<string, string>> = {
  CORS_ORIGIN_WHITELIST: 'CORS_ALLOWED_ORIGINS',
  CORS_ORIGIN_REGEX_WHITELIST: 'CORS_ALLOWED_ORIGIN_REGEXES',
  CORS_ORIGIN_ALLOW_ALL: 'CORS_ALLOW_ALL_ORIGINS',
};

/** Every setting django-cors-headers reads (conf.py), plus the removed ones its checks reject. */
export const SETTING_NAMES = [
  'CORS_ALLOWED_ORIGINS',
  'CORS_ALLOWED_ORIGIN_REGEXES',
  'CORS_ALLOW_ALL_ORIGINS',
  ...Object.keys(LEGACY_NAMES),
  'CORS_ALLOW_CREDENTIALS',
  'CORS_ALLOW_METHODS',
  'CORS_ALLOW_HEADERS',
  'CORS_EXPOSE_HEADERS',
  'CORS_PREFLIGHT_MAX_AGE',
  'CORS_URLS_REGEX',
  'CORS_ALLOW_PRIVATE_NETWORK',
  'CORS_MODEL',
  'CORS_REPLACE_HTTPS_REFERER',
] as const;

/**
 * Names only django-cors-headers uses: flask-cors app config shares `CORS_ALLOW_HEADERS`,
 * `CORS_EXPOSE_HEADERS` and `CORS_ALLOW_PRIVATE_NETWORK`, so those alone do not make a Django policy.
 */
const DJANGO_ONLY = new Set(SETTING_NAMES.filter((n) => !['CORS_ALLOW_HEADERS', 'CORS_EXPOSE_HEADERS', 'CORS_ALLOW_PRIVATE_NETWORK'].includes(n)));

const CORS_MIDDLEWARE = 'corsheaders.middleware.CorsMiddleware';

/**
 * Middleware that can produce a response before an inner CorsMiddleware sees the request; the
 * django-cors-headers README: "placed as high as possible, especially before any middleware that
 * can generate responses such as Django's CommonMiddleware or Whitenoise's WhiteNoiseMiddleware".
 */
const ANSWERING_MIDDLEWARE: Readonly<Record<string, string>> = {
  // APPEND_SLASH/PREPEND_WWW redirects and DISALLOWED_USER_AGENTS 403s (Django docs, "Middleware").
  'django.middleware.common.CommonMiddleware': 'CommonMiddleware',
  // Serves static files itself (whitenoise docs).
  'whitenoise.middleware.WhiteNoiseMiddleware': 'WhiteNoiseMiddleware',
  // Redirects to language-prefixed URLs (Django docs, "How Django discovers language preference").
  'django.middleware.locale.LocaleMiddleware': 'LocaleMiddleware',
  // Redirects anonymous requests to the login page (Django 5.1 docs, LoginRequiredMiddleware).
  'django.contrib.auth.middleware.LoginRequiredMiddleware': 'LoginRequiredMiddleware',
};

/** Inputs for {@link settingsPolicy}. */
export interface SettingsInput {
  values: ModuleValues;
  world: World;
  context: Context;
  /** The judged module's path (the policy is reported there). */
  path: string;
}

/** What the settings give: the policy and the system-check errors (`config-invalid`). */
export interface SettingsResult {
  policy: CorsPolicy;
  diagnostics: Diagnostic[];
}

/** Whether the merged settings configure django-cors-headers: a setting only it reads, or its middleware. */
export function configuresCors(values: ModuleValues, world: World): boolean {
  for (const name of DJANGO_ONLY) if (values.names.get(name)?.[world]) return true;
  // INSTALLED_APPS alone configures nothing (and is not evaluated: it is long and rarely matters).
  const middleware = values.names.get('MIDDLEWARE')?.[world] ?? values.names.get('MIDDLEWARE_CLASSES')?.[world];
  return !!middleware && (listEntries(middleware.value) ?? []).some((e) => e.kind === 'str' && e.value === CORS_MIDDLEWARE);
}

/** Builds the policy of one settings module in one world (DEBUG false = production, true = development). */
export function settingsPolicy(input: SettingsInput): SettingsResult {
  const { values, world, path } = input;
  const diagnostics: Diagnostic[] = [];
  const binding = (name: string): Binding | undefined => values.names.get(name)?.[world];
  const invalid = (span: SourceSpan, message: string) => diagnostics.push({ ruleId: 'config-invalid', message, span });
  const policySpan = fileSpan(path);

  // conf.py: `getattr(settings, NEW, getattr(settings, LEGACY, default))` — the new name wins whenever it is set.
  const pick = (name: string, legacy?: string) => {
    const own = binding(name);
    const old = legacy ? binding(legacy) : undefined;
    return { binding: own ?? old, name: own ? name : (legacy ?? name), hidden: own ? old : undefined };
  };
  const allowAll = pick('CORS_ALLOW_ALL_ORIGINS', 'CORS_ORIGIN_ALLOW_ALL');
  const origins = pick('CORS_ALLOWED_ORIGINS', 'CORS_ORIGIN_WHITELIST');
  const regexes = pick('CORS_ALLOWED_ORIGIN_REGEXES', 'CORS_ORIGIN_REGEX_WHITELIST');
  const overrides: Override[] = [];
  for (const setting of [allowAll, origins, regexes]) {
    if (setting.hidden && setting.binding) {
      overrides.push({
        winner: setting.binding.span,
        dead: setting.hidden.span,
        reason: `${setting.name} is set, so django-cors-headers never reads the legacy ${setting.hidden.name}`,
      });
    }
  }

  const credentialsBinding = binding('CORS_ALLOW_CREDENTIALS');
  const credentials: Located<boolean | 'unknown'> = credentialsBinding ? truthOf(credentialsBinding.value) : { value: false, span: policySpan, implicit: true };
  if (credentialsBinding) expectBool(credentialsBinding, 'CORS_ALLOW_CREDENTIALS', 'E003', invalid);

  const originRules: Located<OriginRule>[] = [];
  const allowAllTruth = allowAll.binding ? truthOf(allowAll.binding.value) : undefined;
  if (allowAll.binding) expectBool(allowAll.binding, allowAll.name, 'E005', invalid);
  const listed = [...readOrigins(origins, invalid), ...readRegexes(regexes, invalid)];
  if (allowAllTruth?.value === true) {
    // middleware.py: allow-all without credentials sends `*`; with credentials it echoes the request Origin.
    const kind = credentials.value === true ? 'reflect' : 'any';
    originRules.push({ ...allowAllTruth, value: { kind } });
    for (const list of [origins, regexes]) {
      if (list.binding && (listEntries(list.binding.value)?.length ?? 1) > 0) {
        overrides.push({
          winner: allowAllTruth.span,
          dead: list.binding.span,
          reason: `${allowAll.name} is True, so django-cors-headers allows every origin without looking at ${list.name}`,
        });
      }
    }
  } else {
    if (allowAllTruth?.value === 'unknown') originRules.push({ value: { kind: 'unknown', expression: allowAll.binding!.value.kind === 'unknown' ? allowAll.binding!.value.text : allowAll.name }, span: allowAllTruth.span });
    originRules.push(...listed);
  }

  const policy: CorsPolicy = {
    stack: 'django',
    layer: 'app',
    context: input.context,
    scope: 'settings',
    span: policySpan,
    origins: originRules,
    credentials,
    // middleware.py: `patch_vary_headers(response, ("origin",))` on every response of an enabled path.
    varyOrigin: { value: true, span: policySpan, implicit: true },
    // middleware.py: an OPTIONS request with Access-Control-Request-Method gets the middleware's own 200.
    preflight: { value: 'handled', span: policySpan, implicit: true },
  };
  const methods = headerList(binding('CORS_ALLOW_METHODS'), 'CORS_ALLOW_METHODS', 'E002', invalid);
  if (methods) policy.allowMethods = methods;
  const headers = headerList(binding('CORS_ALLOW_HEADERS'), 'CORS_ALLOW_HEADERS', 'E001', invalid);
  if (headers) policy.allowHeaders = headers;
  const expose = headerList(binding('CORS_EXPOSE_HEADERS'), 'CORS_EXPOSE_HEADERS', 'E008', invalid);
  if (expose) policy.exposeHeaders = expose;

  const maxAge = binding('CORS_PREFLIGHT_MAX_AGE');
  if (maxAge) {
    const { value, runtimeDefault } = withDefault(maxAge.value);
    // checks.py E004: an int (bool is an int in Python) >= 0; `0` omits the header.
    if (value.kind === 'int' && value.value > 0) policy.maxAge = { value: value.value, span: value.span, ...(runtimeDefault ? { runtimeDefault } : {}) };
    else if (value.kind === 'float' || value.kind === 'str' || value.kind === 'none' || (value.kind === 'int' && value.value < 0)) {
      invalid(value.span, 'CORS_PREFLIGHT_MAX_AGE must be an integer greater than or equal to zero (django-cors-headers check corsheaders.E004 fails)');
    }
  }

  const privateNetwork = binding('CORS_ALLOW_PRIVATE_NETWORK');
  if (privateNetwork) {
    expectBool(privateNetwork, 'CORS_ALLOW_PRIVATE_NETWORK', 'E015', invalid);
    const truth = truthOf(privateNetwork.value);
    if (truth.value !== 'unknown') policy.allowPrivateNetwork = { ...truth, value: truth.value };
  }

  const urls = binding('CORS_URLS_REGEX');
  if (urls) {
    const { value } = withDefault(urls.value);
    if (value.kind === 'str') policy.scope = `paths matching CORS_URLS_REGEX "${value.value}"`;
    else if (value.kind === 'regex' && value.pattern.kind === 'str') policy.scope = `paths matching CORS_URLS_REGEX "${value.pattern.value}"`;
    else if (value.kind !== 'unknown') invalid(value.span, 'CORS_URLS_REGEX must be a string or a compiled regex (django-cors-headers check corsheaders.E009 fails)');
  }

  const model = binding('CORS_MODEL');
  if (model) invalid(model.span, 'CORS_MODEL was removed in django-cors-headers 3.0 (check corsheaders.E012 fails); use a check_request_enabled signal handler');
  const referer = binding('CORS_REPLACE_HTTPS_REFERER');
  if (referer) invalid(referer.span, 'CORS_REPLACE_HTTPS_REFERER was removed in django-cors-headers 4.0 (check corsheaders.E013 fails); use CSRF_TRUSTED_ORIGINS');

  const middleware = placement(binding('MIDDLEWARE') ?? binding('MIDDLEWARE_CLASSES'));
  if (middleware) policy.middleware = middleware;
  if (overrides.length > 0) policy.overrides = overrides;
  return { policy, diagnostics };
}

type Invalid = (span: SourceSpan, message: string) => void;
type Picked = { binding?: Binding; name: string };

function expectBool(b: Binding, name: string, check: string, invalid: Invalid): void {
  const { value } = withDefault(b.value);
  if (value.kind !== 'bool' && value.kind !== 'unknown') {
    const truth = pythonTruth(value);
    const effect = truth === undefined ? '' : `; at run time it counts as ${truth ? 'True' : 'False'}`;
    invalid(value.span, `${name} must be True or False (django-cors-headers check corsheaders.${check} fails)${effect}`);
  }
}

/** `CORS_ALLOWED_ORIGINS` entries, compared as `urlsplit(entry).scheme/netloc` with the request's (middleware.py `_url_in_whitelist`). */
function readOrigins(setting: Picked, invalid: Invalid): Located<OriginRule>[] {
  const b = setting.binding;
  if (!b) return [];
  const entries = listEntries(b.value);
  const { value } = withDefault(b.value);
  if (!entries) {
    if (value.kind === 'str') {
      // A string is a sequence of one-character strings: the system check passes, and every character parses with an empty scheme and netloc.
      invalid(value.span, `${setting.name} is a string, not a list: django-cors-headers reads each character as an origin, so only "null" matches`);
      return [{ value: { kind: 'null' }, span: value.span }];
    }
    if (value.kind !== 'unknown') invalid(value.span, `${setting.name} must be a list or tuple of strings (django-cors-headers check corsheaders.E006 fails)`);
    return value.kind === 'unknown' ? [{ value: { kind: 'unknown', expression: value.text }, span: value.span }] : [];
  }
  // checks.py `is_sequence`: a set is not a Sequence.
  if (value.kind === 'set') invalid(value.span, `${setting.name} must be a list or tuple, not a set (django-cors-headers check corsheaders.E006 fails)`);
  const out: Located<OriginRule>[] = [];
  for (const entry of entries) {
    const flag = 'runtimeDefault' in entry && entry.runtimeDefault ? { runtimeDefault: true } : {};
    if (entry.kind === 'unknown') out.push({ value: { kind: 'unknown', expression: entry.text }, span: entry.span });
    else if (entry.kind !== 'str') invalid(entry.span, `${setting.name} must contain only strings (django-cors-headers check corsheaders.E006 fails)`);
    else if (entry.value === 'null' || matchesOnlyNull(entry.value)) out.push({ value: { kind: 'null' }, span: entry.span, ...flag });
    else {
      // urlsplit lowercases the scheme (and only the scheme) before the comparison.
      const origin = entry.value.replace(/^[A-Za-z][A-Za-z0-9+.-]*:/, (s) => s.toLowerCase());
      const withPath = /^([a-z][a-z0-9+.-]*:\/\/[^/?#]*)([/?#].*)$/s.exec(origin);
      if (withPath) {
        // middleware.py `_url_in_whitelist` compares only scheme and netloc, so the path is ignored
        // at run time; checks.py still fails corsheaders.E014 ("should not have path"), which stops
        // `manage.py check`, `runserver` and `migrate`. The library wins over RULES.md's wording here.
        invalid(entry.span, `"${entry.value}" has a path: django-cors-headers' system check corsheaders.E014 rejects it (at run time only "${withPath[1]}" is compared)`);
        out.push({ value: { kind: 'exact', origin: withPath[1], comparison: 'exact' }, span: entry.span, ...flag });
      } else out.push({ value: { kind: 'exact', origin, comparison: 'exact' }, span: entry.span, ...flag });
    }
  }
  return out;
}

/**
 * Whether `urlsplit(entry)` has an empty scheme and netloc, like `urlsplit("null")`: such an entry
 * (`"*"`, `"example.com"`) lets `Origin: null` through (semantics.md §2.1, verified with CPython).
 * urlsplit's scheme is the text before the first `:` when it starts with a letter and has only
 * letters, digits, `+`, `-`, `.` (CPython 3.11 `urllib/parse.py` `urlsplit`); the netloc follows `//`.
 */
export function matchesOnlyNull(raw: string): boolean {
  // urlsplit first strips leading/trailing C0 controls and spaces, and removes tabs and newlines.
  const entry = raw.replace(/^[\x00-\x20]+|[\x00-\x20]+$/g, '').replace(/[\t\r\n]/g, '');
  const colon = entry.indexOf(':');
  const hasScheme = colon > 0 && /^[A-Za-z][A-Za-z0-9+.-]*$/.test(entry.slice(0, colon));
  const rest = hasScheme ? entry.slice(colon + 1) : entry;
  const netloc = rest.startsWith('//') ? /^\/\/([^/?#]*)/.exec(rest)![1] : '';
  return !hasScheme && netloc === '';
}

/** `CORS_ALLOWED_ORIGIN_REGEXES`: each entry is tried with `re.match` (start-anchored only; middleware.py `regex_domain_match`). */
function readRegexes(setting: Picked, invalid: Invalid): Located<OriginRule>[] {
  const b = setting.binding;
  if (!b) return [];
  const entries = listEntries(b.value);
  const { value, runtimeDefault } = withDefault(b.value);
  if (!entries) {
    if (value.kind === 'str') {
      // Iterating a string gives its characters, each then used as a pattern with re.match.
      invalid(value.span, `${setting.name} is a string, not a list: django-cors-headers uses each character as a separate regex`);
      const chars = [...new Set(value.value)];
      return chars.map((c) => ({ value: { kind: 'pattern', pattern: c, flavor: 'python-re-match' } as OriginRule, span: value.span, ...(runtimeDefault ? { runtimeDefault } : {}) }));
    }
    if (value.kind !== 'unknown') invalid(value.span, `${setting.name} must be a list or tuple of strings or compiled regexes (django-cors-headers check corsheaders.E007 fails)`);
    return value.kind === 'unknown' ? [{ value: { kind: 'unknown', expression: value.text }, span: value.span }] : [];
  }
  const out: Located<OriginRule>[] = [];
  for (const entry of entries) out.push(...regexRule(entry, setting.name, invalid));
  return out;
}

function regexRule(entry: ListEntry, name: string, invalid: Invalid): Located<OriginRule>[] {
  const flag = 'runtimeDefault' in entry && entry.runtimeDefault ? { runtimeDefault: true } : {};
  if (entry.kind === 'str') return [{ value: { kind: 'pattern', pattern: entry.value, flavor: 'python-re-match' }, span: entry.span, ...flag }];
  if (entry.kind === 'regex') {
    return [{ value: { kind: 'pattern', pattern: entry.pattern, flavor: 'python-re-match', ...(entry.flags ? { flags: entry.flags } : {}) }, span: entry.span, ...flag }];
  }
  if (entry.kind === 'unknown') return [{ value: { kind: 'unknown', expression: entry.text }, span: entry.span }];
  invalid(entry.span, `${name} must contain only strings or compiled regexes (django-cors-headers check corsheaders.E007 fails)`);
  return [];
}

/** Methods and header lists: joined with ", " as written (no reflection); `*` stays a literal item. */
function headerList(b: Binding | undefined, name: string, check: string, invalid: Invalid): Located<HeaderList> | undefined {
  if (!b) return undefined;
  const entries = listEntries(b.value);
  const { value, runtimeDefault } = withDefault(b.value);
  const flag = runtimeDefault ? { runtimeDefault: true } : {};
  if (!entries || value.kind === 'set') {
    if (value.kind !== 'unknown' && value.kind !== 'str') invalid(value.span, `${name} must be a list or tuple of strings (django-cors-headers check corsheaders.${check} fails)`);
    return undefined;
  }
  const names: string[] = [];
  for (const e of entries) {
    if (e.kind === 'unknown') return undefined;
    if (e.kind !== 'str') {
      invalid(e.span, `${name} must contain only strings (django-cors-headers check corsheaders.${check} fails)`);
      return undefined;
    }
    names.push(e.value);
  }
  return { value: names.includes('*') ? '*' : names, span: value.span, ...flag };
}

/** Where CorsMiddleware sits in MIDDLEWARE; undefined when the list is not known well enough to judge. */
function placement(b: Binding | undefined): MiddlewarePlacement | undefined {
  if (!b) return undefined;
  const entries = listEntries(b.value);
  if (!entries) return undefined;
  const index = entries.findIndex((e) => e.kind === 'str' && e.value === CORS_MIDDLEWARE);
  if (index < 0) {
    // An unknown entry may be the CORS middleware.
    if (entries.some((e) => e.kind === 'unknown')) return undefined;
    return { pipeline: b.span, answeredEarlierBy: [] };
  }
  const answeredEarlierBy = entries
    .slice(0, index)
    .flatMap((e) => (e.kind === 'str' && ANSWERING_MIDDLEWARE[e.value] ? [{ name: ANSWERING_MIDDLEWARE[e.value], span: e.span }] : []));
  return { cors: entries[index].span, pipeline: b.span, answeredEarlierBy };
}

/** The names whose bindings differ between the two worlds (a DEBUG branch sets them). */
export function worldsDiffer(values: ModuleValues): boolean {
  for (const name of [...SETTING_NAMES, 'MIDDLEWARE', 'MIDDLEWARE_CLASSES']) {
    const n = values.names.get(name);
    if (n && n.production !== n.development) return true;
  }
  return false;
}

