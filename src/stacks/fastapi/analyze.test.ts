// Tests the FastAPI/Starlette adapter against starlette/middleware/cors.py semantics (semantics.md §2.2).
import { describe, expect, it, vi } from 'vitest';
import type { CorsPolicy } from '../../model/policy.js';
import { fastapiParser } from './analyze.js';

const host = { readFile: () => undefined, listFiles: () => [], contextFor: () => 'production' as const };

async function policies(body: string, header = 'from fastapi import FastAPI\nfrom fastapi.middleware.cors import CORSMiddleware\napp = FastAPI()\n'): Promise<CorsPolicy[]> {
  const r = await fastapiParser.analyze([{ path: 'main.py', text: header + body }], host);
  return r.policies;
}

describe('CORSMiddleware options', () => {
  it('"*" is allow-all: "*" without credentials, reflection with them; other entries no longer matter', async () => {
    const [any] = await policies('app.add_middleware(CORSMiddleware, allow_origins=["https://a.example.com", "*"])\n');
    expect(any.origins.map((o) => o.value)).toEqual([{ kind: 'any' }]);
    const [reflect] = await policies('app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_credentials=True)\n');
    expect(reflect.origins.map((o) => o.value)).toEqual([{ kind: 'reflect' }]);
    expect(reflect.credentials.value).toBe(true);
  });

  it('lists compare exactly; the regex is a fullmatch pattern; both apply', async () => {
    const [p] = await policies('app.add_middleware(CORSMiddleware, allow_origins=["https://A.example.com", "null"], allow_origin_regex=r"https://.*\\.example\\.com")\n');
    expect(p.origins.map((o) => o.value)).toEqual([
      { kind: 'exact', origin: 'https://A.example.com', comparison: 'exact' },
      { kind: 'null' },
      { kind: 'pattern', pattern: 'https://.*\\.example\\.com', flavor: 'python-re-fullmatch' },
    ]);
  });

  it('defaults: GET only, the four safelisted headers, no credentials (cors.py __init__)', async () => {
    const [p] = await policies('app.add_middleware(CORSMiddleware, allow_origins=["https://a.example.com"])\n');
    expect(p.allowMethods).toMatchObject({ value: ['GET'], implicit: true });
    expect(p.allowHeaders).toMatchObject({ value: ['Accept', 'Accept-Language', 'Content-Language', 'Content-Type'], implicit: true });
    expect(p.credentials).toMatchObject({ value: false, implicit: true });
    expect(p.maxAge).toBeUndefined();
  });

  it('"*" methods expand to ALL_METHODS, "*" headers echo the request, "*" expose headers stay literal', async () => {
    const [p] = await policies('app.add_middleware(CORSMiddleware, allow_origins=["https://a.example.com"], allow_methods=["*"], allow_headers=["*"], expose_headers=["*"])\n');
    expect(p.allowMethods?.value).toEqual(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT']);
    expect(p.allowHeaders?.value).toBe('reflect');
    expect(p.exposeHeaders?.value).toBe('*');
    const [q] = await policies('app.add_middleware(CORSMiddleware, allow_origins=["https://a.example.com"], allow_headers=["content-type", "X-Key"])\n');
    expect(q.allowHeaders?.value).toEqual(['Accept', 'Accept-Language', 'Content-Language', 'Content-Type', 'X-Key']);
  });

  it('follows aliases, Middleware lists, **kwargs dicts, variables and direct wrapping', async () => {
    const header = 'from starlette.applications import Starlette\nfrom starlette.middleware import Middleware\nfrom starlette.middleware.cors import CORSMiddleware as CM\n';
    const [a] = await policies('opts = {"allow_origins": ORIGINS, "allow_credentials": True}\nORIGINS = []\napp = Starlette(middleware=[Middleware(CM, **opts)])\n', header);
    // `opts` was built before ORIGINS existed: Python would raise; the evaluator keeps it unknown.
    expect(a.credentials.value).toBe(true);
    const [b] = await policies('ORIGINS = ["https://a.example.com"]\napp = CM(Starlette(), allow_origins=ORIGINS, max_age=7200)\n', header);
    expect(b.origins.map((o) => o.value)).toEqual([{ kind: 'exact', origin: 'https://a.example.com', comparison: 'exact' }]);
    expect(b.origins[0].span.line).toBe(4);
    expect(b.maxAge?.value).toBe(7200);
  });

  it('unknown **kwargs leave the origins unknown', async () => {
    const [p] = await policies('app.add_middleware(CORSMiddleware, **settings.cors)\n');
    expect(p.origins.map((o) => o.value.kind)).toEqual(['unknown']);
  });

  it('ignores other middleware and a class of the same name from elsewhere', async () => {
    expect(await policies('from x import GZipMiddleware\napp.add_middleware(GZipMiddleware, minimum_size=1)\n')).toEqual([]);
  });

  it('a call under `if settings.DEBUG:` is a development policy', async () => {
    const ps = await policies('if settings.DEBUG:\n    app.add_middleware(CORSMiddleware, allow_origins=["*"])\nelse:\n    app.add_middleware(CORSMiddleware, allow_origins=["https://a.example.com"])\n');
    expect(ps.map((p) => p.context)).toEqual(['development', 'production']);
  });
});

describe('routing', () => {
  it('accepts by text without loading the grammar', async () => {
    let loaded = false;
    vi.doMock('web-tree-sitter', () => {
      loaded = true;
      return {};
    });
    const { fastapi } = await import('./adapter.js');
    expect(fastapi.accepts('main.py', 'from fastapi.middleware.cors import CORSMiddleware')).toBe(true);
    expect(fastapi.accepts('main.py', 'from fastapi import FastAPI')).toBe(false);
    expect(loaded).toBe(false);
    vi.doUnmock('web-tree-sitter');
  });
});
