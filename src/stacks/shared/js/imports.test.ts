// Tests for import listing (with one-hop re-exports) and relative module paths.
import { describe, expect, test } from 'vitest';
import { findImports, isRelativeSpecifier, loadJsParser, moduleCandidates, type JsImport } from './index.js';

const parse = await loadJsParser();

function importsOf(code: string, file = 'src/app.ts', files?: Record<string, string>): JsImport[] {
  const ast = parse(code, file).ast;
  if (!ast) throw new Error('fixture does not parse');
  return findImports(ast, file, files ? { readFile: (p) => files[p] } : undefined);
}

const brief = (list: JsImport[]) => list.map(({ local, source, imported, kind, via }) => ({ local, source, imported, kind, ...(via ? { via } : {}) }));

describe('findImports', () => {
  test('ES import forms', () => {
    const code = [
      "import cors from 'cors';",
      "import * as corsNs from 'cors';",
      "import { default as c, type CorsOptions, other as o } from 'cors';",
      "import type { Foo } from 'foo';",
      "import 'reflect-metadata';",
    ].join('\n');
    expect(brief(importsOf(code))).toEqual([
      { local: 'cors', source: 'cors', imported: 'default', kind: 'import' },
      { local: 'corsNs', source: 'cors', imported: '*', kind: 'import' },
      { local: 'c', source: 'cors', imported: 'default', kind: 'import' },
      { local: 'o', source: 'cors', imported: 'other', kind: 'import' },
    ]);
  });

  test('require, require(...).default, destructuring, import = require, dynamic import', () => {
    const code = [
      "const cors = require('cors');",
      "const c2 = require('cors').default;",
      "const { default: c3, named: n = 1 } = require('cors');",
      "import c4 = require('cors');",
      "async function f() { const m = await import('@fastify/cors'); const { default: d } = await import('@fastify/cors'); }",
      "fastify.register(import('@fastify/cors'), { origin: true });",
      "app.use(require('cors')());",
      'const dyn = require(name);',
    ].join('\n');
    expect(brief(importsOf(code))).toEqual([
      { local: 'cors', source: 'cors', imported: '*', kind: 'require' },
      { local: 'c2', source: 'cors', imported: 'default', kind: 'require' },
      { local: 'c3', source: 'cors', imported: 'default', kind: 'require' },
      { local: 'n', source: 'cors', imported: 'named', kind: 'require' },
      { local: 'c4', source: 'cors', imported: '*', kind: 'require' },
      { local: 'm', source: '@fastify/cors', imported: '*', kind: 'dynamic-import' },
      { local: 'd', source: '@fastify/cors', imported: 'default', kind: 'dynamic-import' },
      { local: undefined, source: '@fastify/cors', imported: '*', kind: 'dynamic-import' },
      { local: undefined, source: 'cors', imported: '*', kind: 'require' },
    ]);
  });

  test('spans point at the local name, or at the call when there is none', () => {
    const list = importsOf("import cors from 'cors';\nregister(import('x'));", 'src/a.js');
    expect(list[0].span).toEqual({ file: 'src/a.js', line: 1, column: 8, endLine: 1, endColumn: 12 });
    expect(list[1].span).toEqual({ file: 'src/a.js', line: 2, column: 10, endLine: 2, endColumn: 21 });
  });

  test('re-exports in a local module are followed one hop', () => {
    const files = {
      'src/middleware/index.ts': "export { default as cors } from 'cors';\nexport * as helmetNs from 'helmet';\nimport express from 'express';\nexport const json = express.json;\n",
      'src/lib.js': "module.exports = require('cors');\n",
    };
    const code = "import { cors, helmetNs, json } from './middleware';\nconst corsLib = require('./lib');\nimport { missing } from './nowhere';";
    expect(brief(importsOf(code, 'src/app.ts', files))).toEqual([
      { local: 'cors', source: './middleware', imported: 'cors', kind: 'import' },
      { local: 'helmetNs', source: './middleware', imported: 'helmetNs', kind: 'import' },
      { local: 'json', source: './middleware', imported: 'json', kind: 'import' },
      { local: 'corsLib', source: './lib', imported: '*', kind: 'require' },
      { local: 'missing', source: './nowhere', imported: 'missing', kind: 'import' },
      { local: 'cors', source: 'cors', imported: 'default', kind: 'import', via: 'src/middleware/index.ts' },
      { local: 'helmetNs', source: 'helmet', imported: '*', kind: 'import', via: 'src/middleware/index.ts' },
      { local: 'corsLib', source: 'cors', imported: '*', kind: 'require', via: 'src/lib.js' },
    ]);
  });
});

describe('module paths', () => {
  test('relative specifiers', () => {
    expect(['./a', '../a', '.', '..'].every(isRelativeSpecifier)).toBe(true);
    expect(['a', '@scope/a', '/abs', 'node:fs'].some(isRelativeSpecifier)).toBe(false);
  });

  test('candidates: exact file, TypeScript substitutes, extensions, then index files', () => {
    const c = moduleCandidates('src/app.ts', './config.js');
    expect(c.slice(0, 3)).toEqual(['src/config.js', 'src/config.ts', 'src/config.tsx']);
    expect(c).toContain('src/config.js/index.ts');
    expect(moduleCandidates('src/app.ts', './x.mjs').slice(0, 2)).toEqual(['src/x.mjs', 'src/x.mts']);
    expect(moduleCandidates('src/app.ts', './x.cjs').slice(0, 2)).toEqual(['src/x.cjs', 'src/x.cts']);
    const bare = moduleCandidates('src/a/b.ts', '../config');
    expect(bare[0]).toBe('src/config.ts');
    expect(bare).toContain('src/config/index.js');
    expect(moduleCandidates('app.js', './lib')[0]).toBe('lib.ts');
    expect(moduleCandidates('app.js', '.')).toContain('index.js');
    expect(moduleCandidates('app.js', '../x')).toEqual([]);
  });
});
