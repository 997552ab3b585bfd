// Tests findCalls on FastAPI/Starlette and Flask shapes: aliases, **kwargs, decorators, app factories.
import { beforeAll, describe, expect, it } from 'vitest';
import { findCalls, type CallSite } from './calls.js';
import { evaluateModule } from './evaluate.js';
import { loadPythonParser, type PythonParser } from './parser.js';
import type { PyValue } from './values.js';

let parser: PythonParser;
beforeAll(async () => {
  parser = await loadPythonParser();
});

function plain(value: PyValue): unknown {
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
      return { regex: plain(value.pattern) };
    case 'unknown':
      return { unknown: value.name ?? value.text };
  }
}

function find(src: string, match: (c: { qualifiedName: string; attribute: string; decorator: boolean }) => boolean): CallSite[] {
  const parsed = parser.parse(src, 'app.py');
  expect(parsed.diagnostics).toEqual([]);
  const values = evaluateModule(parsed.tree, 'app.py', { lines: parsed.lines });
  return findCalls(parsed.tree, values, match);
}

const kwargs = (site: CallSite) => Object.fromEntries(site.keywords.map((k) => [k.name, plain(k.value)]));

describe('findCalls', () => {
  it('finds app.add_middleware with an aliased CORSMiddleware and evaluates keyword values', () => {
    const src = [
      'from fastapi import FastAPI',
      'from fastapi.middleware.cors import CORSMiddleware as CM',
      'app = FastAPI()',
      'origins = ["https://app.example.com"]',
      'origins.append("https://admin.example.com")',
      'app.add_middleware(',
      '    CM,',
      '    allow_origins=origins,',
      '    allow_credentials=True,',
      '    allow_methods=["*"],',
      '    allow_origin_regex=r"https://.*\\.example\\.com",',
      ')',
      'origins = []',
    ].join('\n');
    const sites = find(src, (c) => c.attribute === 'add_middleware');
    expect(sites).toHaveLength(1);
    const [site] = sites;
    expect(site.callee.text).toBe('app.add_middleware');
    expect(site.positional.map((p) => (p.kind === 'unknown' ? p.qualifiedName : undefined))).toEqual(['fastapi.middleware.cors.CORSMiddleware']);
    // Arguments are evaluated where the call stands: the later `origins = []` does not apply.
    expect(kwargs(site)).toEqual({
      allow_origins: ['https://app.example.com', 'https://admin.example.com'],
      allow_credentials: true,
      allow_methods: ['*'],
      allow_origin_regex: 'https://.*\\.example\\.com',
    });
    expect(site.span).toMatchObject({ line: 6, column: 1, endLine: 12, endColumn: 2 });
    expect(site.keywords[1].span).toMatchObject({ line: 9, column: 5, endLine: 9, endColumn: 27 });
  });

  it('expands **kwargs from a known dict and keeps unknown unpacking', () => {
    const src = [
      'from starlette.middleware import Middleware',
      'from starlette.middleware.cors import CORSMiddleware',
      'cors_options = {"allow_origins": ["*"], "allow_credentials": True}',
      'middleware = [Middleware(CORSMiddleware, **cors_options, max_age=600)]',
      'other = [Middleware(CORSMiddleware, **load_options())]',
    ].join('\n');
    const sites = find(src, (c) => c.qualifiedName === 'starlette.middleware.Middleware');
    expect(sites).toHaveLength(2);
    expect(kwargs(sites[0])).toEqual({ allow_origins: ['*'], allow_credentials: true, max_age: 600 });
    expect(sites[0].keywords.map((k) => !!k.fromUnpacking)).toEqual([true, true, false]);
    // The expanded keyword points at the dict entry it came from (line 3).
    expect(sites[0].keywords[0].span).toMatchObject({ line: 3, column: 17, endLine: 3, endColumn: 39 });
    expect(sites[1].keywords).toEqual([]);
    expect(sites[1].unknownUnpacking.map(plain)).toEqual([{ unknown: 'load_options()' }]);
  });

  it('finds flask-cors CORS() inside an app factory, with function locals and parameters', () => {
    const src = [
      'from flask import Flask',
      'import flask_cors',
      'ORIGINS = ["https://module.example.com"]',
      'def create_app(config=None):',
      '    app = Flask(__name__)',
      '    resources = {r"/api/*": {"origins": ORIGINS + ["https://local.example.com"]}}',
      '    flask_cors.CORS(app, resources=resources, supports_credentials=True)',
      '    flask_cors.CORS(app, origins=config)',
      '    return app',
    ].join('\n');
    const sites = find(src, (c) => c.qualifiedName === 'flask_cors.CORS');
    expect(sites).toHaveLength(2);
    expect(sites[0].positional.map(plain)).toEqual([{ unknown: 'Flask(__name__)' }]);
    expect(kwargs(sites[0])).toEqual({
      resources: { '/api/*': { origins: ['https://module.example.com', 'https://local.example.com'] } },
      supports_credentials: true,
    });
    // A parameter shadows any module value and is unknown.
    expect(kwargs(sites[1])).toEqual({ origins: { unknown: 'config' } });
  });

  it('finds @cross_origin decorators with and without arguments', () => {
    const src = [
      'from flask_cors import cross_origin as co',
      'OPTS = {"supports_credentials": True}',
      '@app.route("/a")',
      '@co(origins=["https://a.example.com"], **OPTS)',
      'def a():',
      '    return "a"',
      '@co',
      'def b():',
      '    return "b"',
    ].join('\n');
    const sites = find(src, (c) => c.qualifiedName === 'flask_cors.cross_origin');
    expect(sites.map((s) => [s.callee.decorator, s.span.line])).toEqual([
      [true, 4],
      [true, 7],
    ]);
    expect(kwargs(sites[0])).toEqual({ origins: ['https://a.example.com'], supports_credentials: true });
    expect(sites[1].keywords).toEqual([]);
  });
});
