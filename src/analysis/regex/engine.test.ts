// Property tests: the linear-time matcher agrees with the JS RegExp engine on a grammar of the shared subset.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileRegex } from '../pattern.js';

const ALPHABET = ['a', 'b', 'A', '.', '-', '/', ':', 'x', '_', '1', 's', 'k', 'é', 'É', 'ſ', '\u212a', '\n'];

const atom: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('a', 'b', 'A', 'x', '1', '-', '/', ':', '_', 'S', 'K', 'é', '\\n'),
  fc.constantFrom('.', '\\.', '\\d', '\\w', '\\s', '\\W', '\\D', '\\/', '\\-', '\\x41', '\\u0062'),
  fc.constantFrom('[ab]', '[^a]', '[a-c]', '[A-Z.]', '[\\w-]', '[^\\d/]', '[.:]', '[]', '[^]', '[-a]', '[b-]'),
);
const anchor = fc.constantFrom('^', '$', '\\b', '\\B');
const quant = fc.constantFrom('*', '+', '?', '{2}', '{0,2}', '{1,}', '*?', '+?', '??', '{1,3}?', '');

const pattern: fc.Arbitrary<string> = fc.letrec((tie) => ({
  seq: fc.array(fc.oneof({ weight: 4, arbitrary: tie('piece') }, { weight: 1, arbitrary: anchor }), { maxLength: 5 }).map((xs) => xs.join('')),
  // maxDepth bounds group nesting: unbounded recursion makes generation and shrinking blow up.
  piece: fc.tuple(fc.oneof({ maxDepth: 3, depthIdentifier: 'group' }, { weight: 4, arbitrary: atom }, { weight: 1, arbitrary: tie('group') }), quant).map(([a, q]) => a + q),
  group: fc.tuple(fc.constantFrom('(', '(?:', '(?<n>'), fc.array(tie('seq'), { minLength: 1, maxLength: 3 })).map(([open, alts]) => `${open}${(alts as string[]).join('|')})`),
  top: fc.array(tie('seq'), { minLength: 1, maxLength: 3 }).map((alts) => (alts as string[]).join('|')),
})).top as fc.Arbitrary<string>;

const input = fc.array(fc.constantFrom(...ALPHABET), { maxLength: 8 }).map((xs) => xs.join(''));

describe('linear-time matcher vs JS RegExp', () => {
  for (const flags of ['', 'i', 'm', 's', 'u', 'iu']) {
    it(`agrees with RegExp.test (flags "${flags}")`, () => {
      fc.assert(
        fc.property(pattern, fc.array(input, { minLength: 1, maxLength: 6 }), (p, inputs) => {
          // Named groups need unique names: rename the nth to n<index>.
          let k = 0;
          const src = p.replace(/\(\?<n>/g, () => `(?<n${k++}>`);
          let native: RegExp;
          try {
            native = new RegExp(src, flags);
          } catch {
            return true;
          }
          // The one documented refusal: `iu` with non-ASCII pattern characters.
          if (flags === 'iu' && /[^\x00-\x7f]/.test(src)) return true;
          const ours = compileRegex(src, 'js-regexp-test', flags);
          for (const s of inputs) expect(ours.test(s), `/${src}/${flags} on ${JSON.stringify(s)}`).toBe(native.test(s));
          return true;
        }),
        { numRuns: 600, seed: flags.length * 7919 + 17 },
      );
    });
  }

  it('models the sticky flag as anchored at index 0 on the first test', () => {
    expect(compileRegex('b', 'js-regexp-test', 'y').test('ab')).toBe(new RegExp('b', 'y').test('ab'));
    expect(compileRegex('a', 'js-regexp-test', 'y').test('ab')).toBe(new RegExp('a', 'y').test('ab'));
  });

  it('reads Annex B escapes as JS does', () => {
    const cases: [string, string][] = [
      ['\\1', '\x01'], ['(a)\\2', 'a\x02'], ['\\8', '8'], ['\\c', '\\c'], ['[\\c_]', '\x1f'], ['a{', 'a{'],
      ['\\k', 'k'], ['\\x4', 'x4'], ['\\u12', 'u12'], ['[\\d-z]', '-'], ['\\0', '\0'], ['\\a', 'a'],
    ];
    for (const [p, s] of cases) expect(compileRegex(p, 'js-regexp-test').test(s), p).toBe(new RegExp(p).test(s));
  });
});
