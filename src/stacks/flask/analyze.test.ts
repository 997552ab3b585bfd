// Tests the Flask-CORS adapter against flask_cors/core.py semantics (semantics.md §2.3).
import { describe, expect, it, vi } from 'vitest';
import type { CorsPolicy } from '../../model/policy.js';
import { flaskParser } from './analyze.js';

const host = { readFile: () => undefined, listFiles: () => [], contextFor: () => 'production' as const };
const HEADER = 'from flask import Flask\nfrom flask_cors import CORS, cross_origin\napp = Flask(__name__)\n';

async function analyze(body: string) {
  return flaskParser.analyze([{ path: 'app.py', text: HEADER + body }], host);
}
async function policies(body: string): Promise<CorsPolicy[]> {
  return (await analyze(body)).policies;
}

describe('flask-cors options', () => {
  it('the default origins echo every origin; send_wildcard sends "*"', async () => {
    const [p] = await policies('CORS(app)\n');
    expect(p.origins).toMatchObject([{ value: { kind: 'reflect' }, implicit: true }]);
    expect(p.allowHeaders).toMatchObject({ value: 'reflect', implicit: true });
    expect(p.allowMethods?.value).toEqual(['GET', 'HEAD', 'POST', 'OPTIONS', 'PUT', 'PATCH', 'DELETE']);
    const [q] = await policies('CORS(app, send_wildcard=True)\n');
    expect(q.origins.map((o) => o.value)).toEqual([{ kind: 'any' }]);
    expect(q.varyOrigin?.value).toBe(false);
  });

  it('classifies strings as probably_regex does: regex characters but not "."', async () => {
    const [p] = await policies('import re\nCORS(app, origins=["https://A.example.com", "https://*.example.com", r"^https://x\\.com", "null", re.compile(r"https://y\\.com")])\n');
    expect(p.origins.map((o) => o.value)).toEqual([
      { kind: 'exact', origin: 'https://A.example.com', comparison: 'ignore-case' },
      { kind: 'pattern', pattern: 'https://*.example.com', flavor: 'python-re-match-ignorecase' },
      { kind: 'pattern', pattern: '^https://x\\.com', flavor: 'python-re-match-ignorecase' },
      { kind: 'null' },
      // A compiled pattern keeps its own flags: re.match(pattern, origin).
      { kind: 'pattern', pattern: 'https://y\\.com', flavor: 'python-re-match' },
    ]);
  });

  it('precedence: resource options > call options > app config', async () => {
    const ps = await policies(
      'app.config["CORS_SUPPORTS_CREDENTIALS"] = True\napp.config["CORS_ORIGINS"] = ["https://config.example.com"]\n' +
        'CORS(app, origins=["https://kw.example.com"], resources={r"/api/*": {"origins": "https://res.example.com"}, r"/pub/*": {}})\n',
    );
    expect(ps.map((p) => [p.scope, p.origins.map((o) => (o.value.kind === 'exact' ? o.value.origin : o.value.kind)).join(), p.credentials.value])).toEqual([
      ['resources "/api/*"', 'https://res.example.com', true],
      ['resources "/pub/*"', 'https://kw.example.com', true],
    ]);
  });

  it('decorators, bare decorators and init_app', async () => {
    const ps = await policies('@app.route("/a")\n@cross_origin\ndef a():\n    pass\n\n@app.route("/b")\n@cross_origin(origins="https://b.example.com")\ndef b():\n    pass\n');
    expect(ps.map((p) => [p.scope, p.origins.map((o) => o.value.kind).join()])).toEqual([
      ['@cross_origin view', 'reflect'],
      ['@cross_origin view', 'exact'],
    ]);
    const [late] = await policies('cors = CORS(origins=["https://x.example.com"])\ncors.init_app(app, supports_credentials=True)\n');
    expect([late.origins.map((o) => o.value.kind).join(), late.credentials.value]).toEqual(['exact', true]);
  });

  it('"*" with send_wildcard and credentials is refused at start-up', async () => {
    const r = await analyze('CORS(app, send_wildcard=True, supports_credentials=True)\n');
    expect(r.diagnostics.map((d) => d.ruleId)).toEqual(['config-invalid']);
    expect(r.policies[0].origins).toEqual([]);
  });

  it('max_age as an int or numeric string; allow_headers "*" echoes', async () => {
    const [p] = await policies('CORS(app, origins="https://a.example.com", max_age="600", allow_headers=["*"], expose_headers="X-Id")\n');
    expect(p.maxAge?.value).toBe(600);
    expect(p.allowHeaders?.value).toBe('reflect');
    expect(p.exposeHeaders?.value).toEqual(['X-Id']);
  });
});

describe('routing', () => {
  it('accepts by text without loading the grammar', async () => {
    let loaded = false;
    vi.doMock('web-tree-sitter', () => {
      loaded = true;
      return {};
    });
    const { flask } = await import('./adapter.js');
    expect(flask.accepts('app.py', 'from flask_cors import CORS')).toBe(true);
    expect(flask.accepts('app.py', 'from flask import Flask')).toBe(false);
    expect(loaded).toBe(false);
    vi.doUnmock('web-tree-sitter');
  });
});
