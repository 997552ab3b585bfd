// Checks decodePythonString against CPython's own decoding of the same spellings (testdata/string-cases.json).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodePythonString, type FStringPart } from './strings.js';

interface Case {
  src: string;
  ok: boolean;
  value?: string;
  isBytes?: boolean;
  isFString?: boolean;
  parts?: ({ kind: 'literal'; value: string } | { kind: 'placeholder'; expression: string; conversion?: string; hasFormatSpec: boolean })[];
}

const table = JSON.parse(readFileSync(new URL('./testdata/string-cases.json', import.meta.url), 'utf8')) as {
  python: string;
  cases: Case[];
};

// ast.unparse normalises spacing and quotes; compare expressions modulo both.
const normaliseExpr = (e: string) => e.replace(/\s+/g, '').replace(/"/g, "'");

// \N{NAME} needs the Unicode name database, which is not bundled: the decoder answers undefined.
const usesNamedEscape = (c: Case) => c.ok && !c.isBytes && /(^|[^\\])\\N\{/.test(c.src) && !/^[rR]|^[bB][rR]/.test(c.src);

describe(`decodePythonString vs CPython ${table.python}`, () => {
  it('has a meaningful table', () => {
    expect(table.cases.length).toBeGreaterThan(100);
    expect(table.cases.filter((c) => !c.ok).length).toBeGreaterThan(10);
  });

  for (const c of table.cases) {
    it(JSON.stringify(c.src), () => {
      const got = decodePythonString(c.src);
      if (!c.ok || usesNamedEscape(c)) {
        expect(got).toBeUndefined();
        return;
      }
      expect(got).toBeDefined();
      expect(got!.isBytes).toBe(c.isBytes);
      expect(got!.isFString).toBe(c.isFString);
      if (!c.isFString) {
        expect(got!.value).toBe(c.value);
        return;
      }
      const parts = got!.parts!.map((p: FStringPart) =>
        p.kind === 'literal'
          ? p
          : {
              kind: p.kind,
              expression: normaliseExpr(p.expression),
              ...(p.conversion ? { conversion: p.conversion } : {}),
              hasFormatSpec: p.formatSpec !== undefined,
            },
      );
      const expected = c.parts!.map((p) => (p.kind === 'literal' ? p : { ...p, expression: normaliseExpr(p.expression) }));
      expect(parts).toEqual(expected);
    });
  }
});

describe('decodePythonString details', () => {
  it('renders placeholders as {expression} in value and records their offsets', () => {
    const src = "f'https://{HOST}:{ PORT }/'";
    const got = decodePythonString(src)!;
    expect(got.value).toBe('https://{HOST}:{ PORT }/');
    const placeholders = got.parts!.filter((p) => p.kind === 'placeholder');
    expect(placeholders.map((p) => src.slice(p.offset, p.offset + p.expression.length))).toEqual(['HOST', ' PORT ']);
  });

  it('keeps the format spec text', () => {
    const got = decodePythonString("f'{x:>{width}}'")!;
    expect(got.parts).toEqual([{ kind: 'placeholder', expression: 'x', offset: 3, formatSpec: '>{width}' }]);
  });
});
