// Runs every fixture through the real engine and matches its `expect:` annotations exhaustively.
import { describe, expect, it } from 'vitest';
import type { PredicateCheck } from '../src/model/policy.js';
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

/** Runs a predicate check with the real JavaScript string methods and RegExp. */
function realCheck(check: PredicateCheck, origin: string): boolean {
  switch (check.op) {
    case 'always':
      return true;
    case 'no-origin':
      return false;
    case 'equals':
      return origin === check.value;
    case 'in-list':
      return check.values.includes(origin);
    case 'includes':
    case 'startsWith':
    case 'endsWith':
      return origin[check.op](check.value);
    case 'regex':
      return new RegExp(check.pattern, check.flags.replace(/[gy]/g, '')).test(origin);
    case 'all':
      return check.checks.every((c) => realCheck(c, origin));
  }
}

describe('no false witness', () => {
  // Every witness a JavaScript matcher reports is accepted by the real engine (Python and PCRE
  // flavors are checked against CPython and nginx in src/analysis).
  it('JS RegExp and origin-check witnesses in the fixture suite are accepted by the real engine', async () => {
    let checked = 0;
    for (const fixture of fixtures) {
      const result = await lintFixture(fixture);
      const origins = result.models.flatMap((m) => m.policies.flatMap((p) => p.origins));
      for (const f of result.findings) {
        if (f.witness === undefined || f.witness === 'null') continue;
        const at = origins.find((o) => o.span.file === f.span.file && o.span.line === f.span.line && o.span.column === f.span.column);
        const rule = at?.value;
        if (rule?.kind === 'pattern' && rule.flavor === 'js-regexp-test') {
          expect(new RegExp(rule.pattern, (rule.flags ?? '').replace(/[gy]/g, '')).test(f.witness), `${f.span.file}:${f.span.line} ${f.witness}`).toBe(true);
          checked++;
        } else if (rule?.kind === 'predicate') {
          expect(rule.checks.some((c) => realCheck(c, f.witness as string)), `${f.span.file}:${f.span.line} ${f.witness}`).toBe(true);
          checked++;
        }
      }
    }
    console.log(`no false witness: ${checked} witnesses re-checked with the real engine`);
    expect(checked).toBeGreaterThan(5);
  });
});
