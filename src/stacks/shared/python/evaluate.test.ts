// Tests the settings evaluator on split Django settings, django-environ, decouple, DEBUG branches and list mutation.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluateModule, type ModuleValues } from './evaluate.js';
import { loadPythonParser, type PythonParser } from './parser.js';
import type { PyValue } from './values.js';

let parser: PythonParser;
beforeAll(async () => {
  parser = await loadPythonParser();
});

const fixture = (name: string) => readFileSync(new URL(`./testdata/settings/${name}`, import.meta.url), 'utf8');

function evaluate(text: string, file = 'settings.py', resolve?: (module: string, level: number) => ModuleValues | undefined): ModuleValues {
  const parsed = parser.parse(text, file);
  expect(parsed.diagnostics).toEqual([]);
  return evaluateModule(parsed.tree, file, { lines: parsed.lines, resolveStarImport: resolve && ((s) => resolve(s.module, s.level)) });
}

/** Plain JS view of a value, for comparisons (spans dropped). */
function plain(value: PyValue | undefined): unknown {
  if (!value) return undefined;
  switch (value.kind) {
    case 'str':
    case 'int':
    case 'float':
    case 'bool':
      return value.value;
    case 'none':
      return null;
    case 'list':
    case 'tuple':
    case 'set':
      return value.items.map(plain);
    case 'dict':
      return Object.fromEntries(value.entries.map((e) => [String(plain(e.key)), plain(e.value)]));
    case 'regex':
      return { regex: plain(value.pattern), flags: value.flags };
    case 'unknown':
      return { unknown: value.text, ...(value.env ? { env: value.env } : {}), ...(value.default ? { default: plain(value.default) } : {}) };
  }
}

/** The source text a span covers. */
function textAt(text: string, span: { line: number; column: number; endLine: number; endColumn: number }): string {
  const lines = text.split('\n');
  if (span.line === span.endLine) return lines[span.line - 1].slice(span.column - 1, span.endColumn - 1);
  return [lines[span.line - 1].slice(span.column - 1), ...lines.slice(span.line, span.endLine - 1), lines[span.endLine - 1].slice(0, span.endColumn - 1)].join('\n');
}

describe('evaluateModule: literals and names', () => {
  it('evaluates literals, containers, names, f-strings and concatenation', () => {
    const src = [
      'A = "x" \'y\'',
      'B = 0x1F + 0',
      'C = [1, -2, 3.5, True, None, b"raw"]',
      'D = {"a": (1, 2), **{"b": {3}}}',
      'HOST = "example.com"',
      'URL = f"https://{HOST}:{8000}/"',
      'PORT = 8443',
      'URL2 = f"https://{HOST}:{PORT}/"',
      'L = ["a"] + ["b"]',
      'T = (*L, "c")',
      'S = "https://" + HOST',
      'X = Y = [1]',
      'P, Q = "p", "q"',
      'R = re.compile(r"^https://.*\\.example\\.com$", re.IGNORECASE | re.ASCII)',
      'I = 1_000',
      'U = some_call()',
    ].join('\n');
    const v = evaluate(src);
    expect(plain(v.valueOf('A'))).toBe('xy');
    // `0x1F + 0` is not modelled (only + on sequences and strings): unknown, with its text.
    expect(plain(v.valueOf('B'))).toEqual({ unknown: '0x1F + 0' });
    expect(plain(v.valueOf('C'))).toEqual([1, -2, 3.5, true, null, 'raw']);
    expect(plain(v.valueOf('D'))).toEqual({ a: [1, 2], b: [3] });
    // `{8000}` is not a name: the f-string stays unknown, with the resolved parts merged.
    const url = v.valueOf('URL');
    expect(url?.kind).toBe('unknown');
    expect(url?.kind === 'unknown' && url.fstring).toEqual([
      { kind: 'literal', value: 'https://example.com:' },
      { kind: 'placeholder', expression: '8000', offset: src.indexOf('8000') },
      { kind: 'literal', value: '/' },
    ]);
    expect(plain(v.valueOf('URL2'))).toBe('https://example.com:8443/');
    expect(plain(v.valueOf('L'))).toEqual(['a', 'b']);
    expect(plain(v.valueOf('T'))).toEqual(['a', 'b', 'c']);
    expect(v.valueOf('T')?.kind).toBe('tuple');
    expect(plain(v.valueOf('S'))).toBe('https://example.com');
    expect(plain(v.valueOf('X'))).toEqual([1]);
    expect(plain(v.valueOf('Y'))).toEqual([1]);
    expect(plain(v.valueOf('P'))).toBe('p');
    expect(plain(v.valueOf('Q'))).toBe('q');
    expect(plain(v.valueOf('R'))).toEqual({ regex: '^https://.*\\.example\\.com$', flags: ['IGNORECASE', 'ASCII'] });
    expect(plain(v.valueOf('I'))).toBe(1000);
    expect(plain(v.valueOf('U'))).toEqual({ unknown: 'some_call()' });
  });

  it('gives every list element its own span', () => {
    const src = 'ORIGINS = [\n    "https://a.example.com",\n    "https://b.example.com",  # b\n]\n';
    const v = evaluate(src);
    const value = v.valueOf('ORIGINS');
    expect(value?.kind).toBe('list');
    const items = value?.kind === 'list' ? value.items : [];
    expect(items.map((i) => textAt(src, i.span))).toEqual(['"https://a.example.com"', '"https://b.example.com"']);
    expect(items[1].span).toMatchObject({ file: 'settings.py', line: 3, column: 5, endLine: 3, endColumn: 28 });
  });

  it('reads names at their position: a later assignment does not leak backwards', () => {
    const v = evaluate('A = ["x"]\nB = A\nA = ["y"]\n');
    expect(plain(v.valueOf('B'))).toEqual(['x']);
    expect(plain(v.valueOf('A'))).toEqual(['y']);
  });

  it('counts columns in UTF-16 code units on lines with non-ASCII text', () => {
    const src = '_NOTE = "café ☕😀"; CORS_ALLOW_CREDENTIALS = False\n';
    const v = evaluate(src);
    const binding = v.names.get('CORS_ALLOW_CREDENTIALS')!.production!;
    // JS string index of the name, +1 for a 1-based column; 😀 is two UTF-16 units.
    expect(binding.span.column).toBe(src.indexOf('CORS_ALLOW_CREDENTIALS') + 1);
    // `_NOTE = "` (9) + `café ☕😀` (8 units: 😀 is a surrogate pair) + `"; ` (3) = 20 units before it.
    expect(binding.span.column).toBe(21);
    expect(textAt(src, binding.value.span)).toBe('False');
  });
});

describe('evaluateModule: split settings', () => {
  const modules = new Map<string, ModuleValues>();
  const resolve = (module: string): ModuleValues | undefined => modules.get(module.split('.').pop()!);

  beforeAll(() => {
    modules.set('base', evaluate(fixture('base.py'), 'settings/base.py'));
  });

  it('evaluates the base module', () => {
    const base = modules.get('base')!;
    expect(plain(base.valueOf('CORS_ALLOWED_ORIGINS'))).toEqual(['https://app.example.com', 'https://admin.example.com']);
    expect(plain(base.valueOf('CORS_ALLOWED_ORIGIN_REGEXES'))).toEqual(['^https://\\w+\\.example\\.com$']);
    expect(plain(base.valueOf('CORS_ALLOW_CREDENTIALS'))).toBe(true);
    expect(plain(base.valueOf('CORS_ALLOW_HEADERS'))).toEqual(['accept', 'authorization', 'content-type', 'x-api-key']);
    // `60 * 60` is not folded.
    expect(base.valueOf('CORS_PREFLIGHT_MAX_AGE')?.kind).toBe('unknown');
    // DEBUG comes from the Env scheme: unknown, default False (django-environ).
    expect(plain(base.valueOf('DEBUG'))).toEqual({ unknown: 'env("DEBUG")', env: { via: 'django-environ', variable: 'DEBUG', cast: 'bool' }, default: false });
    expect(base.imports.map((i) => `${i.local}=${i.qualifiedName}`)).toEqual(['os=os', 'Path=pathlib.Path', 'environ=environ']);
  });

  it('merges a star-imported base and applies +=, append and insert in order', () => {
    const prod = evaluate(fixture('production.py'), 'settings/production.py', resolve);
    expect(prod.starImports).toMatchObject([{ module: 'base', level: 1, index: 0 }]);
    expect(plain(prod.valueOf('CORS_ALLOWED_ORIGINS'))).toEqual([
      'https://first.example.com',
      'https://app.example.com',
      'https://admin.example.com',
      'https://partner.example.org',
      'https://status.example.com',
    ]);
    // Elements keep the file and span where their value was written: `FRONTEND_URL` (a name in the
    // list) points at its f-string on base.py line 13.
    const items = prod.valueOf('CORS_ALLOWED_ORIGINS');
    const spans = items?.kind === 'list' ? items.items.map((i) => `${i.span.file}:${i.span.line}`) : [];
    expect(spans).toEqual(['settings/production.py:5', 'settings/base.py:13', 'settings/base.py:23', 'settings/production.py:3', 'settings/production.py:4']);
    expect(plain(prod.valueOf('CORS_ALLOW_CREDENTIALS'))).toBe(true);
    expect(prod.names.get('CORS_ALLOW_CREDENTIALS')!.production!.span.file).toBe('settings/base.py');
    // `_PRIVATE` is not exported by `import *`.
    expect(prod.valueOf('_PRIVATE')).toBeUndefined();
    // `env` from the base still carries its scheme; env.list keeps the default as written.
    expect(plain(prod.valueOf('CORS_EXPOSE_HEADERS'))).toEqual({
      unknown: 'env.list("CORS_EXPOSE", default=["x-request-id"])',
      env: { via: 'django-environ', variable: 'CORS_EXPOSE', cast: 'list' },
      default: ['x-request-id'],
    });
    expect(plain(prod.valueOf('CORS_URLS_REGEX'))).toMatchObject({ env: { via: 'os.environ', variable: 'CORS_URLS_REGEX' }, default: '^/api/.*$' });
    const ops = prod.events.filter((e) => e.kind === 'binding').map((e) => (e.kind === 'binding' ? `${e.binding.name}:${e.binding.op}` : ''));
    expect(ops.slice(0, 3)).toEqual(['CORS_ALLOWED_ORIGINS:augmented', 'CORS_ALLOWED_ORIGINS:append', 'CORS_ALLOWED_ORIGINS:insert']);
  });

  it('keeps DEBUG branches apart instead of merging them', () => {
    const dev = evaluate(fixture('dev.py'), 'settings/dev.py', resolve);
    expect(dev.starImports.map((s) => [s.module, s.level, s.branch])).toEqual([
      ['myproject.settings.base', 0, undefined],
      ['local_settings', 1, 'conditional'],
    ]);
    const allowAll = dev.names.get('CORS_ALLOW_ALL_ORIGINS')!;
    expect(allowAll.development?.branch).toBe('development');
    expect(plain(allowAll.development?.value)).toBe(true);
    expect(allowAll.production?.branch).toBe('production');
    expect(plain(allowAll.production?.value)).toBe(false);
    const origins = dev.names.get('CORS_ALLOWED_ORIGINS')!;
    expect(plain(origins.development?.value)).toEqual([
      'https://app.example.com',
      'https://admin.example.com',
      'http://localhost:3000',
      'http://127.0.0.1:3000',
    ]);
    expect(plain(origins.production?.value)).toEqual(['https://app.example.com', 'https://admin.example.com']);
    expect(origins.production?.span.file).toBe('settings/base.py');
    expect(dev.names.get('SECURE_SSL_REDIRECT')).toMatchObject({ conditional: [] });
    expect(dev.names.get('SECURE_SSL_REDIRECT')?.development).toBeUndefined();
    expect(plain(dev.names.get('SECURE_SSL_REDIRECT')?.production?.value)).toBe(true);
    // Another condition: recorded as conditional, the definite value stays.
    const credentials = dev.names.get('CORS_ALLOW_CREDENTIALS')!;
    expect(plain(credentials.production?.value)).toBe(true);
    expect(credentials.conditional.map((b) => [plain(b.value), b.branch])).toEqual([[false, 'conditional']]);
  });

  it('classifies DEBUG conditions', () => {
    const v = evaluate(
      [
        'if settings.DEBUG:\n    A = 1',
        'if (DEBUG is False):\n    B = 1',
        'if DEBUG == True:\n    C = 1',
        'if not (not DEBUG):\n    D = 1',
        'if DEBUG:\n    E = 1\nelif STAGING:\n    E = 2\nelse:\n    E = 3',
        'if DEBUG and X:\n    F = 1',
      ].join('\n'),
    );
    const where = (name: string) => {
      const n = v.names.get(name)!;
      return { dev: plain(n.development?.value), prod: plain(n.production?.value), cond: n.conditional.map((b) => plain(b.value)) };
    };
    expect(where('A')).toEqual({ dev: 1, prod: undefined, cond: [] });
    expect(where('B')).toEqual({ dev: undefined, prod: 1, cond: [] });
    expect(where('C')).toEqual({ dev: 1, prod: undefined, cond: [] });
    expect(where('D')).toEqual({ dev: 1, prod: undefined, cond: [] });
    expect(where('E')).toEqual({ dev: 1, prod: undefined, cond: [2, 3] });
    expect(where('F')).toEqual({ dev: undefined, prod: undefined, cond: [1] });
  });

  it('tags a value computed from a DEBUG-dependent name with its world', () => {
    const v = evaluate('if DEBUG:\n    HOSTS = ["localhost"]\nelse:\n    HOSTS = ["example.com"]\nORIGINS = [f"https://{HOSTS[0]}"] + HOSTS\n');
    const origins = v.names.get('ORIGINS')!;
    expect(plain(origins.development?.value)).toEqual([{ unknown: 'f"https://{HOSTS[0]}"' }, 'localhost']);
    expect(plain(origins.production?.value)).toEqual([{ unknown: 'f"https://{HOSTS[0]}"' }, 'example.com']);
    expect([origins.development?.branch, origins.production?.branch]).toEqual(['development', 'production']);
  });
});

describe('evaluateModule: environment helpers', () => {
  it('models python-decouple casts on the visible default', () => {
    const v = evaluate(fixture('decouple_settings.py'));
    expect(plain(v.valueOf('DEBUG'))).toMatchObject({ env: { via: 'decouple', variable: 'DEBUG', cast: 'bool' }, default: false });
    expect(plain(v.valueOf('CORS_ALLOWED_ORIGINS'))).toMatchObject({
      env: { via: 'decouple', variable: 'CORS_ORIGINS', cast: 'csv' },
      default: ['https://a.example.com', 'https://b.example.com'],
    });
    expect(plain(v.valueOf('CORS_ALLOW_CREDENTIALS'))).toMatchObject({ default: true });
    expect(plain(v.valueOf('CORS_PREFLIGHT_MAX_AGE'))).toMatchObject({ default: 600 });
    expect(plain(v.valueOf('ORIGINS_FROM_ENV'))).toMatchObject({
      env: { via: 'os.getenv', variable: 'ORIGINS', cast: 'split' },
      default: ['https://x.example.com', 'https://y.example.com'],
    });
    expect(plain(v.valueOf('API_ORIGIN'))).toEqual({ unknown: 'os.environ["API_ORIGIN"]', env: { via: 'os.environ', variable: 'API_ORIGIN' } });
    expect(plain(v.valueOf('FALLBACK'))).toMatchObject({ env: { via: 'os.environ', variable: 'FALLBACK_ORIGIN' }, default: 'https://fallback.example.com' });
  });

  it('points split elements at their characters in the literal', () => {
    const src = 'import os\nO = os.getenv("O", "https://a.example.com,https://b.example.com").split(",")\n';
    const v = evaluate(src);
    const value = v.valueOf('O');
    const items = value?.kind === 'unknown' && value.default?.kind === 'list' ? value.default.items : [];
    expect(items.map((i) => textAt(src, i.span))).toEqual(['https://a.example.com', 'https://b.example.com']);
  });

  it('keeps appended elements of an unknown list, and applies the mutation to its default', () => {
    const v = evaluate('ORIGINS = env.list("ORIGINS", default=["https://a.example.com"])\nORIGINS += ["https://b.example.com"]\nORIGINS.append("https://c.example.com")\n');
    const value = v.valueOf('ORIGINS');
    expect(value?.kind).toBe('unknown');
    if (value?.kind !== 'unknown') return;
    expect(value.knownItems?.map(plain)).toEqual(['https://b.example.com', 'https://c.example.com']);
    expect(plain(value.default)).toEqual(['https://a.example.com', 'https://b.example.com', 'https://c.example.com']);
    expect(value.env).toEqual({ via: 'django-environ', variable: 'ORIGINS', cast: 'list' });
  });

  it('leaves an unknown base list unknown but keeps its name', () => {
    const v = evaluate('from .base import *\nCORS_ALLOWED_ORIGINS += ["https://x.example.com"]\n');
    const value = v.valueOf('CORS_ALLOWED_ORIGINS');
    expect(value?.kind === 'unknown' && value.knownItems?.map(plain)).toEqual(['https://x.example.com']);
  });
});
