// Tests for lazy Babel loading, parse diagnostics, skipping and spans.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, test } from 'vitest';

const require = createRequire(import.meta.url);
const babelLoaded = (): boolean => Object.keys(require.cache).some((k) => k.includes('@babel/parser'));

// Must run first in this file: it observes the module graph before anything loads Babel.
describe('lazy loading', () => {
  test('importing the module does not load @babel/parser; loadJsParser does', async () => {
    expect(babelLoaded()).toBe(false);
    const mod = await import('./index.js');
    expect(babelLoaded()).toBe(false);
    expect(mod.jsSkipReason('a.js', 'x')).toBeUndefined();
    await mod.loadJsParser();
    expect(babelLoaded()).toBe(true);
  });

  test('no file in the folder imports @babel/parser statically', () => {
    for (const name of ['index', 'parse', 'resolver', 'scope', 'imports', 'span', 'value', 'walk', 'module-path']) {
      const source = readFileSync(new URL(`./${name}.ts`, import.meta.url), 'utf8');
      // `import type` is erased by tsc; any other static import or re-export would load Babel.
      expect(source).not.toMatch(/^\s*(import|export)\s+(?!type\b)[^;]*from\s+['"]@babel\/parser['"]/m);
      expect(source).not.toMatch(/^\s*import\s+['"]@babel\/parser['"]/m);
    }
  });
});

const { loadJsParser, jsSkipReason, MAX_JS_FILE_SIZE, spanOf, loadedJsParser } = await import('./index.js');

describe('parseJs', () => {
  test('loadJsParser returns the same function every time', async () => {
    const a = await loadJsParser();
    expect(await loadJsParser()).toBe(a);
    expect(loadedJsParser()).toBe(a);
  });

  test('TypeScript angle-bracket casts parse in .ts, .mts and .cts', async () => {
    const parse = await loadJsParser();
    for (const file of ['a.ts', 'a.mts', 'a.cts']) {
      const r = parse('const y = 1;\nconst x = <string>(y as unknown);\n', file);
      expect(r.diagnostics).toEqual([]);
      expect(r.ast?.program.body[1].type).toBe('VariableDeclaration');
    }
  });

  test('JSX parses in .js, .jsx and .tsx; a .tsx cast is a parse error (JSX wins there)', async () => {
    const parse = await loadJsParser();
    for (const file of ['a.js', 'a.jsx', 'a.tsx', 'a.mjs', 'a.cjs']) {
      const r = parse('const el = <div className="x">{a}</div>;\n', file);
      expect(r.diagnostics, file).toEqual([]);
    }
    expect(parse('const x = <string>y;\n', 'a.tsx').diagnostics).toHaveLength(1);
  });

  test('NestJS parameter decorators and `satisfies` parse', async () => {
    const parse = await loadJsParser();
    const r = parse(
      `@Controller('x')\nclass C { constructor(@Inject('CFG') private readonly cfg: Cfg) {} }\nconst o = { a: 1 } satisfies O;\n`,
      'app.controller.ts',
    );
    expect(r.diagnostics).toEqual([]);
  });

  test('CommonJS and ES modules are told apart (sourceType unambiguous)', async () => {
    const parse = await loadJsParser();
    expect(parse("const cors = require('cors');\n", 'a.js').ast?.program.sourceType).toBe('script');
    expect(parse("import cors from 'cors';\n", 'a.js').ast?.program.sourceType).toBe('module');
    // Top-level return is legal in a CommonJS module body.
    expect(parse('if (x) return;\n', 'a.cjs').diagnostics).toEqual([]);
  });

  test('a thrown syntax error becomes one parse-error diagnostic at 1-based line and column', async () => {
    const parse = await loadJsParser();
    // Line 3 is `  b;`: after `b` Babel expects `,` or `)`, at the `;` (0-based column 3).
    const r = parse('const a = 1;\nfoo(a,\n  b;\n', 'src/app.js');
    expect(r.ast).toBeUndefined();
    expect(r.diagnostics).toEqual([
      {
        ruleId: 'parse-error',
        message: 'Unexpected token, expected ","',
        span: { file: 'src/app.js', line: 3, column: 4, endLine: 3, endColumn: 5 },
      },
    ]);
  });

  test('recoverable errors keep the AST and are reported', async () => {
    const parse = await loadJsParser();
    const r = parse('let a = 1;\nlet a = 2;\n', 'x.js');
    expect(r.ast).toBeDefined();
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ ruleId: 'parse-error', span: { line: 2, column: 5 } });
    expect(r.diagnostics[0].message).toContain("'a' has already been declared");
  });

  test('never throws, whatever the input', async () => {
    const parse = await loadJsParser();
    for (const text of ['', '}}}', '<<<', '`${', '/*', '\u0000', 'import', '@', '#!/usr/bin/env node\n']) {
      expect(() => parse(text, 'x.ts')).not.toThrow();
    }
  });
});

describe('skipping', () => {
  test('files over the size limit are skipped without a diagnostic', async () => {
    const parse = await loadJsParser();
    const text = 'const a = 1;\n'.repeat(Math.ceil((MAX_JS_FILE_SIZE + 1) / 13));
    const r = parse(text, 'big.js');
    expect(r.ast).toBeUndefined();
    expect(r.diagnostics).toEqual([]);
    expect(r.skipped?.reason).toMatch(/larger/);
  });

  test('minified bundles are skipped: a very long line, a high average, or a .min.js name', () => {
    const longLine = `var a=${'1+'.repeat(3000)}1;\n`;
    expect(jsSkipReason('bundle.js', longLine)).toMatch(/minified/);
    const dense = `${'x'.repeat(600)}\n`.repeat(20);
    expect(jsSkipReason('bundle.js', dense)).toMatch(/average/);
    expect(jsSkipReason('vendor.min.js', 'var a=1')).toMatch(/min/);
  });

  test('ordinary code, including a short single-line file, is not skipped', () => {
    expect(jsSkipReason('a.js', "module.exports = { origin: 'https://a.example' };")).toBeUndefined();
    expect(jsSkipReason('a.js', `${'const value = someFunction(argument);\n'.repeat(3000)}`)).toBeUndefined();
    // A long line after the 64 KiB sample is not looked at.
    const late = `${'const a = 1;\n'.repeat(6000)}${'x'.repeat(6000)}\n`;
    expect(jsSkipReason('a.js', late)).toBeUndefined();
  });
});

describe('spanOf', () => {
  test('1-based lines and columns, end exclusive, in UTF-16 code units', async () => {
    const parse = await loadJsParser();
    // U+1F600 is two UTF-16 code units, so `origin` starts at code unit 15 (0-based) of line 2.
    const text = "const a = 1;\nconst s = '😀'; origin;\n";
    const ast = parse(text, 'f.js').ast!;
    const statement = ast.program.body[2];
    expect(statement.type).toBe('ExpressionStatement');
    const expr = (statement as { expression: Parameters<typeof spanOf>[0] }).expression;
    expect(spanOf(expr, 'f.js')).toEqual({ file: 'f.js', line: 2, column: 17, endLine: 2, endColumn: 23 });
    expect(text.split('\n')[1].slice(16, 22)).toBe('origin');
  });
});
