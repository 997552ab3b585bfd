// The nginx adapter's model: each executed behaviour of semantics.md §3, includes, maps, set, headers-more.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AdapterHost } from '../../model/adapter.js';
import type { CorsPolicy } from '../../model/policy.js';
import { analyzeNginx } from './analyze.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');

function host(files: Record<string, string>, contexts: Record<string, 'production' | 'development'> = {}): AdapterHost & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    readFile: (p) => files[p],
    listFiles: () => Object.keys(files),
    contextFor: (p) => {
      asked.push(p);
      return contexts[p] ?? 'production';
    },
  };
}

/** Analyses `given` (a subset of `files`, all by default). */
function analyse(files: Record<string, string>, given = Object.keys(files), contexts = {}) {
  const h = host(files, contexts);
  const result = analyzeNginx(
    given.map((path) => ({ path, text: files[path] })),
    h,
  );
  return { ...result, host: h };
}

const scope = (policies: CorsPolicy[], suffix: string) => {
  const found = policies.filter((p) => p.scope.endsWith(suffix));
  expect(found.map((p) => p.scope), `one scope ending with "${suffix}"`).toHaveLength(1);
  return found[0];
};

describe('executed configuration (semantics.md §3, nginx 1.22.1)', () => {
  const text = readFileSync(join(ROOT, 'fixtures/nginx/syntax/executed.conf'), 'utf8');
  const { policies, diagnostics } = analyse({ 'executed.conf': text });
  const lineOf = (needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
  const serverAcao = lineOf('add_header Access-Control-Allow-Origin $http_origin;');

  it('has no diagnostics', () => {
    expect(diagnostics).toEqual([]);
  });

  it('/inherit: the server ACAO is inherited and reflects every origin', () => {
    const p = scope(policies, 'location /inherit');
    expect(p.origins.map((o) => o.value)).toEqual([{ kind: 'reflect' }]);
    expect(p.headerEmitters?.map((e) => e.span.line)).toEqual([serverAcao]);
  });

  it('/override: a location add_header drops the server ACAO', () => {
    const p = scope(policies, 'location /override');
    expect(p.origins).toEqual([]);
    expect(p.headerEmitters).toBeUndefined();
    expect(p.droppedHeaders?.names).toEqual(['Access-Control-Allow-Origin']);
    expect(p.droppedHeaders?.by.line).toBe(lineOf('add_header X-Loc 1;'));
  });

  it('/err: a plain add_header is not sent on the 404', () => {
    expect(scope(policies, 'location /err').sentOnErrors).toMatchObject({ value: false, span: { line: serverAcao } });
  });

  it('/err-always: `always` sends it on the 404', () => {
    expect(scope(policies, 'location /err-always').sentOnErrors?.value).toBe(true);
  });

  it('/ifopt: GET gets the location ACAO; the OPTIONS 204 has only Allow-Methods', () => {
    const loc = scope(policies, 'location /ifopt');
    expect(loc.origins.map((o) => o.value.kind)).toEqual(['reflect']);
    expect(loc.preflight?.value).toBe('handled');
    const opt = scope(policies, 'location /ifopt › if ($request_method = OPTIONS)');
    expect(opt.origins).toEqual([]);
    expect(opt.allowMethods?.value).toEqual(['GET', 'PUT']);
    expect(opt.droppedHeaders?.names).toEqual(['Access-Control-Allow-Origin']);
    // 204 is a safe status: the missing `always` does not matter there.
    expect(opt.sentOnErrors).toBeUndefined();
  });

  it('/twoifs: the unanchored guard becomes the origin rule, with credentials; OPTIONS loses ACAO and ACAC', () => {
    const guarded = scope(policies, 'location /twoifs › if ($http_origin ~* "example.com")');
    expect(guarded.origins.map((o) => o.value)).toEqual([{ kind: 'pattern', pattern: 'example.com', flavor: 'pcre-unanchored', flags: 'i' }]);
    expect(guarded.credentials.value).toBe(true);
    const opt = scope(policies, 'location /twoifs › if ($request_method = OPTIONS)');
    expect(opt.droppedHeaders?.names).toEqual(['Access-Control-Allow-Origin', 'Access-Control-Allow-Credentials']);
  });

  it('/dup: add_header in front of an upstream that sets ACAO gives two lines', () => {
    const p = scope(policies, 'location /dup');
    expect(p.headerEmitters?.map((e) => e.value)).toEqual(['https://upstream.example.com', 'https://app.example.com']);
    expect(p.preflight?.value).toBe('delegated');
    expect(p.forwardsTo).toMatchObject({ value: 'http://127.0.0.1:8081', hiddenHeaders: [] });
  });

  it('/dup-hidden: proxy_hide_header leaves one line', () => {
    const p = scope(policies, 'location /dup-hidden');
    expect(p.headerEmitters?.map((e) => e.value)).toEqual(['https://app.example.com']);
    expect(p.forwardsTo?.hiddenHeaders).toEqual(['access-control-allow-origin']);
  });

  it('/more: more_set_headers adds a line next to the inherited add_header', () => {
    const p = scope(policies, 'location /more');
    expect(p.headerEmitters?.map((e) => e.value)).toEqual(['$http_origin', 'https://more.example.com']);
    expect(p.origins.map((o) => o.value.kind)).toEqual(['reflect', 'exact']);
  });

  it('/more-err: headers-more sends its header on the 500', () => {
    const p = scope(policies, 'location /more-err');
    expect(p.sentOnErrors?.value).toBe(true);
    expect(p.origins.map((o) => o.value)).toEqual([{ kind: 'exact', origin: 'https://more.example.com', comparison: 'exact', emitted: true }]);
  });
});

describe('add_header inheritance', () => {
  const conf = (body: string) => analyse({ 'nginx.conf': `http {\n add_header Access-Control-Allow-Origin "https://a.example.com" always;\n server {\n listen 80;\n ${body}\n }\n}\n` }).policies;

  it('http-level headers reach a server without add_header', () => {
    const [p] = conf('location / { return 200; }');
    expect(p.origins.map((o) => o.value)).toEqual([{ kind: 'exact', origin: 'https://a.example.com', comparison: 'exact', emitted: true }]);
  });

  it('a server-level add_header drops the http-level CORS headers in all its locations, reported at the server line', () => {
    const policies = conf('add_header X-Server 1;\n location / { return 200; }\n location /b { return 200; }');
    expect(policies.map((p) => p.droppedHeaders?.by.line)).toEqual([5, 5]);
  });

  it('`add_header X ""` cancels inheritance while adding nothing', () => {
    const [p] = conf('location / { add_header X-Empty ""; return 200; }');
    expect(p.droppedHeaders?.names).toEqual(['Access-Control-Allow-Origin']);
  });

  it('add_header_inherit merge (1.29.3+) keeps the parent list after the own one', () => {
    const [p] = conf('location / { add_header_inherit merge; add_header X-Loc 1; return 200; }');
    expect(p.droppedHeaders).toBeUndefined();
    expect(p.headerEmitters).toHaveLength(1);
  });

  it('an empty value is no emitter: `add_header ACAO ""` next to a real one is not a duplicate', () => {
    const [p] = conf('location / { add_header Access-Control-Allow-Origin ""; add_header Access-Control-Allow-Origin "https://b.example.com" always; }');
    expect(p.headerEmitters?.map((e) => e.value)).toEqual(['https://b.example.com']);
  });
});

describe('origins: maps, set and guards', () => {
  const policiesOf = (name: string) => analyse({ [name]: readFileSync(join(ROOT, 'fixtures/nginx/syntax', name), 'utf8') }).policies;

  it('map entries: string keys exact ignoring case, regex keys unanchored PCRE, `default ""` adds nothing', () => {
    const p = scope(policiesOf('map-origins.conf'), 'location /api/');
    expect(p.origins.map((o) => o.value)).toEqual([
      { kind: 'exact', origin: 'https://App.Example.com', comparison: 'ignore-case' },
      { kind: 'pattern', pattern: '^https://(www|admin)\\.example\\.com$', flavor: 'pcre-unanchored' },
      { kind: 'pattern', pattern: '^https://[a-z]+\\.example\\.org$', flavor: 'pcre-unanchored', flags: 'i' },
    ]);
    expect(p.originDependent).toBe(true);
    expect(p.varyOrigin?.value).toBe(true);
  });

  it('an `if` on a map variable guards the echo with the entries whose value is true', () => {
    const p = scope(policiesOf('map-origins.conf'), 'location /partner/ › if ($cors_allowed)');
    expect(p.origins.map((o) => o.value)).toEqual([{ kind: 'exact', origin: 'https://partner.example.net', comparison: 'ignore-case' }]);
  });

  it('`set` inside an origin check: the guard regex is the origin rule; `set $x ""` adds nothing', () => {
    const p = scope(policiesOf('set-guarded.conf'), 'location /api/');
    expect(p.origins.map((o) => o.value)).toEqual([{ kind: 'pattern', pattern: '^https://(app|admin)\\.example\\.com$', flavor: 'pcre-unanchored' }]);
  });

  it('a "reject unless" `if` before the echo guards it', () => {
    const p = scope(policiesOf('set-guarded.conf'), 'location /strict/');
    expect(p.origins.map((o) => o.value)).toEqual([{ kind: 'pattern', pattern: '^https://app\\.example\\.com$', flavor: 'pcre-unanchored' }]);
  });

  it('a map default of $http_origin reflects; a "null" key trusts null; other variables are unknown', () => {
    const text = 'map $http_origin $o { default $http_origin; "null" $http_origin; }\nserver { listen 80; location / { add_header Access-Control-Allow-Origin $o always; } location /x { add_header Access-Control-Allow-Origin "https://$host" always; } }\n';
    const { policies } = analyse({ 'nginx.conf': text });
    expect(scope(policies, 'location /').origins.map((o) => o.value)).toEqual([{ kind: 'null' }, { kind: 'reflect' }]);
    expect(scope(policies, 'location /x').origins.map((o) => o.value)).toEqual([{ kind: 'unknown', expression: 'https://$host' }]);
  });
});

describe('headers-more', () => {
  const policies = analyse({ 'more.conf': readFileSync(join(ROOT, 'fixtures/nginx/syntax/more-set-headers.conf'), 'utf8') }).policies;

  it('a later more_set_headers replaces the inherited one (commands merge, parent first)', () => {
    const p = scope(policies, 'location /api/');
    expect(p.headerEmitters?.map((e) => e.value)).toEqual(['https://admin.example.com']);
    expect(p.sentOnErrors?.value).toBe(true);
  });

  it('more_clear_headers with a trailing * removes matching headers', () => {
    expect(policies.filter((p) => p.scope.endsWith('location /private/'))).toEqual([]);
  });

  it('-s restricted to success statuses is not sent on errors', () => {
    const { policies: ps } = analyse({ 'nginx.conf': 'server { listen 80; location / { more_set_headers -s "200 204" "Access-Control-Allow-Origin: https://a.example.com"; } }\n' });
    expect(ps[0].sentOnErrors?.value).toBe(false);
  });
});

describe('preflight handling', () => {
  const preflightOf = (body: string) => analyse({ 'nginx.conf': `server { listen 80; location /x { add_header Access-Control-Allow-Origin "https://a.example.com" always; ${body} } location @app { proxy_pass http://127.0.0.1:3000; } }\n` }).policies.find((p) => p.scope.endsWith('/x'))?.preflight?.value;

  it('distinguishes static files, OPTIONS branches, proxies and try_files fallbacks', () => {
    expect(preflightOf('root /srv;')).toBe('not-handled');
    expect(preflightOf('if ($request_method = OPTIONS) { return 204; }')).toBe('handled');
    expect(preflightOf("if ($request_method ~* '^(OPTIONS)$') { return 200; }")).toBe('handled');
    expect(preflightOf('if ($request_method = OPTIONS) { return 405; }')).toBe('not-handled');
    expect(preflightOf('fastcgi_pass 127.0.0.1:9000;')).toBe('delegated');
    expect(preflightOf('try_files $uri @app;')).toBe('delegated');
    expect(preflightOf('return 204;')).toBe('handled');
  });
});

describe('includes', () => {
  const snippet = 'add_header Access-Control-Allow-Origin $http_origin always;\n';
  const main = 'http {\n include conf.d/*.conf;\n}\n';
  const site = 'server {\n listen 80;\n location /a { include snippets/cors.conf; }\n location /b { include snippets/cors.conf; }\n}\n';

  it('a file that is only included is analysed in its includer\'s context, with spans in the included file', () => {
    const files = { 'deploy/nginx.conf': main, 'deploy/conf.d/site.conf': site, 'deploy/snippets/cors.conf': snippet };
    const r = analyse(files, Object.keys(files), { 'deploy/nginx.conf': 'development' });
    expect(r.policies.map((p) => [p.scope, p.context, p.origins[0].span.file, p.origins[0].span.line])).toEqual([
      ['server › location /a', 'development', 'deploy/snippets/cors.conf', 1],
      ['server › location /b', 'development', 'deploy/snippets/cors.conf', 1],
    ]);
    expect(r.host.asked).toEqual(['deploy/nginx.conf']);
  });

  it('reads included files through the host when routing did not hand them over', () => {
    const files = { 'deploy/nginx.conf': main, 'deploy/conf.d/site.conf': site, 'deploy/snippets/cors.conf': snippet };
    const r = analyse(files, ['deploy/nginx.conf']);
    expect(r.policies).toHaveLength(2);
    expect(r.linkedFiles?.sort()).toEqual(['deploy/conf.d/site.conf', 'deploy/snippets/cors.conf']);
  });

  it('resolves relative to the prefix first, then to the including file; absolute /etc/nginx/ paths map to the prefix', () => {
    const files = {
      'nginx.conf': 'http { include sites/*.conf; }\n',
      'sites/a.conf': 'server { listen 80; include local.inc; location / { include /etc/nginx/cors.inc; } }\n',
      'sites/local.inc': 'add_header X-Local 1;\n',
      'cors.inc': snippet,
    };
    const r = analyse(files, ['nginx.conf']);
    expect(r.policies.map((p) => p.origins[0]?.span.file)).toEqual(['cors.inc']);
    expect(r.linkedFiles?.sort()).toEqual(['cors.inc', 'sites/a.conf', 'sites/local.inc']);
  });

  it('never leaves the scanned root and reports include cycles', () => {
    const files = { 'a/nginx.conf': 'include ../../etc/passwd;\ninclude b.conf;\n', 'a/b.conf': 'include nginx.conf;\n' };
    const r = analyse(files, ['a/nginx.conf']);
    expect(r.diagnostics.map((d) => [d.ruleId, d.span.file, d.span.line])).toEqual([['config-invalid', 'a/b.conf', 1]]);
    expect(r.diagnostics[0].message).toContain('include cycle');
  });

  it('sorts glob matches like glob(3) and supports ? and [...]', () => {
    const files = {
      'nginx.conf': 'http { server { listen 80; location / { include s/[ab]?.conf; } } }\n',
      's/b1.conf': 'add_header Access-Control-Allow-Origin "https://b.example.com" always;\n',
      's/a1.conf': 'add_header Access-Control-Allow-Origin "https://a.example.com" always;\n',
      's/c1.conf': 'add_header Access-Control-Allow-Origin "https://c.example.com" always;\n',
    };
    const [p] = analyse(files, ['nginx.conf']).policies;
    expect(p.headerEmitters?.map((e) => e.value)).toEqual(['https://a.example.com', 'https://b.example.com']);
  });
});

describe('diagnostics', () => {
  it('syntax errors keep nginx\'s wording and position; the rest of the file is still analysed', () => {
    const text = 'server {\n listen 80;\n location / {\n  add_header Access-Control-Allow-Origin "*" always\n }\n}\n';
    const r = analyse({ 'nginx.conf': text });
    expect(r.diagnostics.map((d) => [d.ruleId, d.message, d.span.line, d.span.column])).toEqual([['parse-error', 'nginx: unexpected "}"', 5, 2]]);
  });

  it('directives in contexts nginx refuses are config-invalid', () => {
    const text = 'server {\n listen 80;\n if ($x) { add_header A b; }\n location / { if ($y) { location /z { } } map $a $b { } }\n}\n';
    const r = analyse({ 'nginx.conf': text });
    expect(r.diagnostics.map((d) => [d.message.split(' (')[0], d.span.line])).toEqual([
      ['"add_header" directive is not allowed here', 3],
      ['"location" directive is not allowed here', 4],
      ['"map" directive is not allowed here', 4],
    ]);
  });
});

function readTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else out[relative(dir, path).split('\\').join('/')] = readFileSync(path, 'utf8');
    }
  };
  walk(dir);
  return out;
}

describe('real-world configurations', () => {
  it('the h5bp-style configuration is modelled: fonts/images "*", the API map, security-header locations without CORS', () => {
    const files = readTree(join(import.meta.dirname, 'testdata', 'h5bp-like'));
    const r = analyse(files, ['nginx.conf', 'conf.d/example.com.conf', 'site/security.conf', 'site/static.conf']);
    expect(r.diagnostics).toEqual([]);
    const api = scope(r.policies, 'location /api/');
    expect(api.origins.map((o) => o.value.kind)).toEqual(['exact', 'pattern']);
    expect(api.credentials.value).toBe(true);
    expect(r.policies.filter((p) => p.origins.some((o) => o.value.kind === 'any'))).toHaveLength(2);
  });
});
