// Tests the Django adapter: settings semantics (django-cors-headers 4.9), split settings, module choice, receivers.
import { describe, expect, it, vi } from 'vitest';
import type { AdapterHost } from '../../model/adapter.js';
import type { CorsPolicy, OriginRule } from '../../model/policy.js';
import { djangoParser } from './analyze.js';
import { matchesOnlyNull } from './settings.js';

function host(files: Record<string, string>, contexts: Record<string, 'production' | 'development'> = {}): AdapterHost {
  return {
    readFile: (p) => files[p],
    listFiles: () => Object.keys(files),
    contextFor: (p) => contexts[p] ?? (/\/(dev|local)\.py$/.test(p) ? 'development' : 'production'),
  };
}

/** Analyses `accepted` (paths into `files`) the way the engine would hand them over. */
async function analyze(files: Record<string, string>, accepted = Object.keys(files), contexts = {}) {
  return djangoParser.analyze(
    accepted.map((path) => ({ path, text: files[path] })),
    host(files, contexts),
  );
}

const kinds = (p: CorsPolicy) => p.origins.map((o) => o.value.kind);
const at = (p: { span: { file: string; line: number } }) => `${p.span.file}:${p.span.line}`;

describe('urlsplit emulation (matchesOnlyNull)', () => {
  // Expected values from CPython 3.11: `s = urlsplit(e); s.scheme == "" and s.netloc == ""`.
  it.each([
    ['*', true],
    ['example.com', true],
    ['null', true],
    ['1http://x', true],
    ['app.example.com/path', true],
    ['localhost:3000', false],
    ['https://a.example.com', false],
    ['file://', false],
    ['//a.example.com', false],
    ['http:/a.example.com', false],
    ['HTTPS://a.example.com', false],
    [' https://a.example.com', false],
    ['a+b://x', false],
  ])('%j → %s', (entry, expected) => {
    expect(matchesOnlyNull(entry)).toBe(expected);
  });
});

describe('django-cors-headers settings', () => {
  it('allow-all is "*" without credentials and reflection with them (middleware.py)', async () => {
    const without = await analyze({ 'settings.py': 'CORS_ALLOW_ALL_ORIGINS = True\n' });
    expect(kinds(without.policies[0])).toEqual(['any']);
    const withCreds = await analyze({ 'settings.py': 'CORS_ALLOW_ALL_ORIGINS = True\nCORS_ALLOW_CREDENTIALS = True\n' });
    expect(kinds(withCreds.policies[0])).toEqual(['reflect']);
    expect(withCreds.policies[0].credentials.value).toBe(true);
  });

  it('reads legacy names when the new ones are absent, and the new name wins whenever set (conf.py)', async () => {
    const legacy = await analyze({ 'settings.py': 'CORS_ORIGIN_ALLOW_ALL = True\nCORS_ALLOW_CREDENTIALS = True\n' });
    expect(kinds(legacy.policies[0])).toEqual(['reflect']);
    expect(legacy.diagnostics.map((d) => d.ruleId)).toEqual(['setting-deprecated']);

    const both = await analyze({ 'settings.py': 'CORS_ALLOW_ALL_ORIGINS = False\nCORS_ORIGIN_ALLOW_ALL = True\nCORS_ALLOWED_ORIGINS = ["https://a.example.com"]\n' });
    const policy = both.policies[0];
    expect(policy.origins.map((o) => o.value)).toEqual([{ kind: 'exact', origin: 'https://a.example.com', comparison: 'exact' }]);
    expect(policy.overrides?.map((o) => [o.winner.line, o.dead.line])).toEqual([[1, 2]]);
  });

  it('models entries by urlsplit: scheme-less entries match only null, others compare exactly', async () => {
    const r = await analyze({ 'settings.py': 'CORS_ALLOWED_ORIGINS = ["*", "null", "https://A.example.com", "https://b.example.com/", "HTTPS://c.example.com"]\n' });
    expect(r.policies[0].origins.map((o) => o.value)).toEqual<OriginRule[]>([
      { kind: 'null' },
      { kind: 'null' },
      { kind: 'exact', origin: 'https://A.example.com', comparison: 'exact' },
      // middleware.py compares scheme and netloc only: the trailing slash is ignored at run time.
      { kind: 'exact', origin: 'https://b.example.com', comparison: 'exact' },
      // urlsplit lowercases the scheme: CPython `urlsplit("HTTPS://c.example.com").scheme == "https"`.
      { kind: 'exact', origin: 'https://c.example.com', comparison: 'exact' },
    ]);
  });

  it('regexes are re.match patterns, with compiled flags kept', async () => {
    const r = await analyze({
      'settings.py': 'import re\nCORS_ALLOWED_ORIGIN_REGEXES = [r"^https://\\w+\\.example\\.com", re.compile(r"^https://x\\.com$", re.IGNORECASE)]\n',
    });
    expect(r.policies[0].origins.map((o) => o.value)).toEqual([
      { kind: 'pattern', pattern: '^https://\\w+\\.example\\.com', flavor: 'python-re-match' },
      { kind: 'pattern', pattern: '^https://x\\.com$', flavor: 'python-re-match', flags: 'i' },
    ]);
  });

  it('allow-all next to a list records the list as dead', async () => {
    const r = await analyze({ 'settings.py': 'CORS_ALLOWED_ORIGINS = ["https://a.example.com"]\nCORS_ALLOW_ALL_ORIGINS = True\n' });
    expect(r.policies[0].overrides?.map((o) => [o.winner.line, o.dead.line])).toEqual([[2, 1]]);
  });

  it('reports system-check type errors as config-invalid, and string lists by their run-time effect', async () => {
    const r = await analyze({
      'settings.py': 'CORS_ALLOW_CREDENTIALS = 1\nCORS_PREFLIGHT_MAX_AGE = -5\nCORS_EXPOSE_HEADERS = {"x"}\nCORS_ALLOWED_ORIGINS = "https://a.example.com"\n',
    });
    expect(r.diagnostics.filter((d) => d.ruleId === 'config-invalid').map((d) => d.span.line).sort()).toEqual([1, 2, 3, 4]);
    // A truthy non-bool still sends credentials (`if conf.CORS_ALLOW_CREDENTIALS:`).
    expect(r.policies[0].credentials.value).toBe(true);
    expect(kinds(r.policies[0])).toEqual(['null']);
  });

  it('places CorsMiddleware relative to middleware that can answer first', async () => {
    const r = await analyze({
      'settings.py': [
        'MIDDLEWARE = [',
        '    "whitenoise.middleware.WhiteNoiseMiddleware",',
        '    "django.middleware.security.SecurityMiddleware",',
        '    "django.middleware.common.CommonMiddleware",',
        '    "corsheaders.middleware.CorsMiddleware",',
        ']',
        '',
      ].join('\n'),
    });
    const m = r.policies[0].middleware!;
    expect(m.cors?.line).toBe(5);
    expect(m.answeredEarlierBy.map((e) => [e.name, e.span.line])).toEqual([
      ['WhiteNoiseMiddleware', 2],
      ['CommonMiddleware', 4],
    ]);
  });

  it('CORS_URLS_REGEX narrows the scope; private network and max age are read', async () => {
    const r = await analyze({ 'settings.py': 'CORS_URLS_REGEX = r"^/api/.*$"\nCORS_ALLOW_PRIVATE_NETWORK = True\nCORS_PREFLIGHT_MAX_AGE = 0\n' });
    const p = r.policies[0];
    expect(p.scope).toBe('paths matching CORS_URLS_REGEX "^/api/.*$"');
    expect(p.allowPrivateNetwork?.value).toBe(true);
    // 0 omits the header (middleware.py `if conf.CORS_PREFLIGHT_MAX_AGE:`).
    expect(p.maxAge).toBeUndefined();
  });

  it('judges a DEBUG branch separately, as development, after production', async () => {
    const r = await analyze({ 'settings.py': 'DEBUG = False\nCORS_ALLOWED_ORIGINS = ["https://a.example.com"]\nif DEBUG:\n    CORS_ALLOW_ALL_ORIGINS = True\n' });
    expect(r.policies.map((p) => [p.context, kinds(p).join()])).toEqual([
      ['production', 'exact'],
      ['development', 'any'],
    ]);
  });

  it('keeps visible env defaults as runtime defaults and marks the rest unknown', async () => {
    const r = await analyze({
      'settings.py': 'import os\nCORS_ALLOWED_ORIGINS = os.getenv("O", "https://a.example.com,http://localhost:3000").split(",")\nCORS_ALLOW_CREDENTIALS = os.environ["C"]\n',
    });
    const p = r.policies[0];
    expect(p.origins.map((o) => [o.value.kind === 'exact' && o.value.origin, o.runtimeDefault])).toEqual([
      ['https://a.example.com', true],
      ['http://localhost:3000', true],
    ]);
    expect(p.credentials.value).toBe('unknown');
  });

  it('produces nothing for a module that only shares names with flask-cors app config', async () => {
    const r = await analyze({ 'config.py': 'CORS_ALLOW_HEADERS = ["x"]\nCORS_EXPOSE_HEADERS = ["y"]\n' });
    expect(r.policies).toEqual([]);
  });
});

describe('split settings', () => {
  const files = {
    'proj/settings/base.py': 'CORS_ALLOWED_ORIGINS = [\n    "https://a.example.com",\n    "null",\n]\nCORS_ALLOW_CREDENTIALS = False\n',
    'proj/settings/production.py': 'from .base import *\n\nCORS_ALLOW_CREDENTIALS = True\n',
    'proj/settings/dev.py': 'from .base import *\nCORS_ALLOW_ALL_ORIGINS = True\n',
  };

  it('judges the production module on the merged values, pointing at the lines that set them', async () => {
    const r = await analyze(files);
    expect(r.policies).toHaveLength(1);
    const p = r.policies[0];
    expect(p.span.file).toBe('proj/settings/production.py');
    expect(p.context).toBe('production');
    expect(p.origins.map(at)).toEqual(['proj/settings/base.py:2', 'proj/settings/base.py:3']);
    expect([p.credentials.value, at(p.credentials)]).toEqual([true, 'proj/settings/production.py:3']);
    expect(r.linkedFiles).toEqual([]);
  });

  it('reads a star-imported module that was not handed over, through the host', async () => {
    const r = await analyze(files, ['proj/settings/production.py']);
    expect(r.policies[0].origins.map(at)).toEqual(['proj/settings/base.py:2', 'proj/settings/base.py:3']);
    expect(r.linkedFiles).toEqual(['proj/settings/base.py']);
  });

  it('resolves absolute star imports and lets later assignments win', async () => {
    const r = await analyze({
      'src/proj/settings/common.py': 'CORS_ALLOWED_ORIGINS = ["https://a.example.com"]\nCORS_ALLOW_ALL_ORIGINS = True\n',
      'src/proj/settings/prod.py': 'from proj.settings.common import *\nCORS_ALLOW_ALL_ORIGINS = False\n',
    });
    expect(r.policies.map((p) => [p.span.file, kinds(p).join()])).toEqual([['src/proj/settings/prod.py', 'exact']]);
  });

  it('without a production name, follows DJANGO_SETTINGS_MODULE from wsgi.py', async () => {
    const tree = {
      'proj/settings/base.py': 'CORS_ALLOWED_ORIGINS = ["https://a.example.com"]\n',
      'proj/settings/staging.py': 'from .base import *\nCORS_ALLOW_CREDENTIALS = True\n',
      'proj/settings/local.py': 'from .base import *\nCORS_ALLOW_ALL_ORIGINS = True\n',
      'proj/wsgi.py': 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "proj.settings.staging")\n',
    };
    const r = await analyze(tree, ['proj/settings/base.py', 'proj/settings/local.py', 'proj/settings/staging.py']);
    expect(r.policies.map((p) => p.span.file)).toEqual(['proj/settings/staging.py']);
  });

  it('judges each top-level module on its own when nothing says which is deployed', async () => {
    const tree = {
      'proj/settings/base.py': 'CORS_ALLOWED_ORIGINS = ["https://a.example.com"]\n',
      'proj/settings/a.py': 'from .base import *\nCORS_ALLOW_CREDENTIALS = True\n',
      'proj/settings/b.py': 'from .base import *\n',
    };
    const r = await analyze(tree);
    expect(r.policies.map((p) => p.span.file).sort()).toEqual(['proj/settings/a.py', 'proj/settings/b.py']);
  });

  it('survives a star-import cycle', async () => {
    const r = await analyze({ 'a/settings/x.py': 'from .y import *\nCORS_ALLOW_ALL_ORIGINS = True\n', 'a/settings/y.py': 'from .x import *\n' });
    expect(r.policies.map((p) => kinds(p).join())).toContain('any');
  });
});

describe('check_request_enabled receivers', () => {
  it('a receiver whose answer ignores the origin reflects every origin, with the settings credentials', async () => {
    const text = [
      'from corsheaders.signals import check_request_enabled',
      'from django.dispatch import receiver',
      'CORS_ALLOW_CREDENTIALS = True',
      '@receiver(check_request_enabled)',
      'def on(sender, request, **kwargs):',
      '    if request.method == "GET":',
      '        return False',
      '    return True',
      '',
    ].join('\n');
    const r = await analyze({ 'app/signals.py': text });
    const receiver = r.policies.find((p) => p.scope.startsWith('check_request_enabled'))!;
    expect(kinds(receiver)).toEqual(['reflect']);
    expect(receiver.origins[0].span.line).toBe(8);
    expect(receiver.credentials.value).toBe(true);
  });

  it('a receiver that looks at the origin is left alone', async () => {
    const text = 'from corsheaders.signals import check_request_enabled\ndef on(sender, request, **kw):\n    return request.headers["origin"] in ALLOWED\ncheck_request_enabled.connect(on)\n';
    const r = await analyze({ 'app/signals.py': text });
    expect(r.policies).toEqual([]);
  });
});

describe('routing', () => {
  it('accepts settings-like modules by text without loading the grammar', async () => {
    let loaded = false;
    vi.doMock('web-tree-sitter', () => {
      loaded = true;
      return {};
    });
    const { django } = await import('./adapter.js');
    expect(django.wantsPath('proj/settings/base.py')).toBe(true);
    expect(django.accepts('proj/settings/base.py', 'CORS_ALLOWED_ORIGINS = []')).toBe(true);
    expect(django.accepts('proj/settings/production.py', 'from .base import *\nDEBUG = False\n')).toBe(true);
    expect(django.accepts('app/views.py', 'from .models import *\n')).toBe(false);
    expect(django.accepts('app/config.py', 'BACKEND_CORS_ORIGINS: list[str] = []\n')).toBe(false);
    expect(loaded).toBe(false);
    vi.doUnmock('web-tree-sitter');
  });
});
