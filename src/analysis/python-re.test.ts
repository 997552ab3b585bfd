// Checks the Python flavors against CPython's own answers, recorded by testdata/gen-python-cases.py.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { PatternFlavor } from '../model/policy.js';
import { compileOrigin, isUnverifiable } from './index.js';

interface Table {
  python: string;
  inputs: string[];
  cases: { pattern: string; flavor: PatternFlavor; matches?: string; error?: string }[];
}

const table = JSON.parse(readFileSync(new URL('./testdata/python-re-cases.json', import.meta.url), 'utf8')) as Table;

// Patterns the matcher refuses on purpose (documented as unverifiable), with the reason they must give.
// `[a-z]*+` gives nothing back, so `[a-z]` after it can never match: reproducing that needs
// backtracking control, which the linear-time matcher refuses rather than guesses.
const REFUSED: Record<string, RegExp> = {
  'https://[a-z]*+[a-z]\\.example\\.com$': /possessive/,
};

describe(`Python re flavors agree with CPython ${table.python}`, () => {
  it('has a meaningful table', () => {
    expect(table.cases.length).toBeGreaterThan(100);
    expect(table.cases.some((c) => c.matches?.includes('1'))).toBe(true);
    expect(table.cases.some((c) => c.error)).toBe(true);
  });
  for (const c of table.cases) {
    it(`${c.flavor} ${JSON.stringify(c.pattern)}`, () => {
      const m = compileOrigin({ kind: 'pattern', pattern: c.pattern, flavor: c.flavor });
      if (c.error !== undefined) {
        expect(isUnverifiable(m), `${c.pattern} should not compile (${c.error})`).toBe(true);
        return;
      }
      const refused = REFUSED[c.pattern];
      if (refused) {
        expect(isUnverifiable(m) && m.reason).toMatch(refused);
        return;
      }
      if (isUnverifiable(m)) throw new Error(`unexpectedly unverifiable: ${m.reason}`);
      const got = table.inputs.map((s) => (m.accepts(s) ? '1' : '0')).join('');
      const diffs = table.inputs.filter((_, i) => got[i] !== c.matches?.[i]).map((s) => JSON.stringify(s));
      expect(diffs, `inputs where ${c.flavor} disagrees with CPython`).toEqual([]);
    });
  }
});
