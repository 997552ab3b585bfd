// The annotation parser and matcher: the fixture suite is only as strict as these.
import { describe, expect, it } from 'vitest';
import { matchExpectations, parseAnnotations } from './annotations.js';

describe('parseAnnotations', () => {
  it('reads trailing, own-line and stacked annotations with columns and fragments', () => {
    const text = [
      '# fixture-options: {"rules": {"max-age-above-browser-cap": ["error", {"max": 600}]}}',
      'a = 1  # expect: origin-any',
      '# expect: 5 origin-null-allowed "null"',
      '# expect: origin-http-scheme',
      '',
      'b = 2',
    ].join('\n');
    const spec = parseAnnotations('x.py', text);
    expect(spec.options).toEqual({ rules: { 'max-age-above-browser-cap': ['error', { max: 600 }] } });
    expect(spec.expectations).toEqual([
      { file: 'x.py', line: 2, ruleId: 'origin-any', column: undefined, fragment: undefined },
      { file: 'x.py', line: 6, ruleId: 'origin-null-allowed', column: 5, fragment: 'null' },
      { file: 'x.py', line: 6, ruleId: 'origin-http-scheme', column: undefined, fragment: undefined },
    ]);
  });

  it('uses // for JavaScript and a sidecar for JSON', () => {
    expect(parseAnnotations('a.ts', 'x(); // expect: config-invalid').expectations).toHaveLength(1);
    const spec = parseAnnotations('c.json', '{}', '# comment\n3:7 origin-any "every"\n12 parse-error\n');
    expect(spec.expectations).toEqual([
      { file: 'c.json', line: 3, column: 7, ruleId: 'origin-any', fragment: 'every' },
      { file: 'c.json', line: 12, column: undefined, ruleId: 'parse-error', fragment: undefined },
    ]);
    expect(() => parseAnnotations('c.json', '{}')).toThrow(/sidecar/);
  });

  it('rejects malformed annotations and dangling own-line ones', () => {
    expect(() => parseAnnotations('x.py', 'a = 1  # expect: Origin_Any')).toThrow(/cannot read/);
    expect(() => parseAnnotations('x.py', 'a = 1\n# expect: origin-any\n')).toThrow(/applies to no line/);
  });
});

describe('matchExpectations', () => {
  const finding = { ruleId: 'origin-any', file: 'f', line: 3, column: 5, message: 'every website can read it' };
  it('matches both ways and reports leftovers on each side', () => {
    expect(matchExpectations([{ file: 'f', line: 3, ruleId: 'origin-any' }], [finding])).toEqual({ unexpected: [], missing: [] });
    expect(matchExpectations([], [finding]).unexpected).toEqual([finding]);
    expect(matchExpectations([{ file: 'f', line: 4, ruleId: 'origin-any' }], [finding]).missing).toHaveLength(1);
  });
  it('honours column and fragment, and one annotation covers one finding', () => {
    expect(matchExpectations([{ file: 'f', line: 3, ruleId: 'origin-any', column: 6 }], [finding]).unexpected).toHaveLength(1);
    expect(matchExpectations([{ file: 'f', line: 3, ruleId: 'origin-any', fragment: 'nobody' }], [finding]).unexpected).toHaveLength(1);
    expect(matchExpectations([{ file: 'f', line: 3, ruleId: 'origin-any' }], [finding, finding]).unexpected).toHaveLength(1);
  });
});
