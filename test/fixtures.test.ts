// Runs every fixture through the real engine and matches its `expect:` annotations exhaustively.
import { describe, expect, it } from 'vitest';
import { matchExpectations } from './harness/annotations.js';
import { lintFixture, loadFixtures } from './harness/fixtures.js';

const fixtures = loadFixtures();

describe('fixtures', () => {
  it('exist', () => {
    expect(fixtures.length).toBeGreaterThan(0);
  });

  for (const fixture of fixtures) {
    it(fixture.files.join(' + '), async () => {
      const result = await lintFixture(fixture);
      const actual = result.findings
        .filter((f) => !f.suppressed)
        .map((f) => ({ ruleId: f.ruleId, file: f.span.file, line: f.span.line, column: f.span.column, message: f.message }));
      const { unexpected, missing } = matchExpectations(fixture.spec.expectations, actual);
      const show = (xs: { file: string; line: number; ruleId: string }[], extra: (x: never) => string) =>
        xs.map((x) => `  ${x.file}:${x.line} ${x.ruleId} ${extra(x as never)}`).join('\n');
      expect(
        { unexpected: unexpected.length, missing: missing.length },
        `unexpected findings (no annotation):\n${show(unexpected, (f: { message: string }) => f.message)}\nmissing findings (annotation, no finding):\n${show(missing, (e: { fragment?: string }) => e.fragment ?? '')}`,
      ).toEqual({ unexpected: 0, missing: 0 });
    });
  }
});
