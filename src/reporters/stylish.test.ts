import { describe, expect, it } from 'vitest';
import type { Finding } from '../model/finding.js';
import type { LintReport, ReportContext } from '../model/report.js';
import { stylish } from './stylish.js';

const ctx = (color: boolean): ReportContext => ({
  rules: [],
  tool: { name: 'corslint', version: '1.2.3', informationUri: 'https://example.test/corslint' },
  repoPrefix: '',
  color,
});

function finding(partial: Partial<Finding> & Pick<Finding, 'ruleId' | 'message'>, file: string, line: number, column: number): Finding {
  return {
    severity: 'medium',
    level: 'error',
    span: { file, line, column, endLine: line, endColumn: column + 4 },
    ...partial,
  };
}

const report: LintReport = {
  files: [
    { path: 'app.js', stacks: ['express'], policies: 1 },
    { path: 'deploy/nginx.conf', stacks: ['nginx'], policies: 2 },
  ],
  findings: [
    finding({ ruleId: 'rule-a', message: 'First problem', severity: 'high' }, 'app.js', 3, 9),
    finding({ ruleId: 'rule-bb', message: 'Second, longer problem', witness: 'https://app.example.com.evil.net' }, 'app.js', 12, 10),
    finding({ ruleId: 'rule-c', message: 'Third problem', severity: 'low' }, 'deploy/nginx.conf', 7, 5),
    finding(
      { ruleId: 'rule-a', message: 'Silenced', severity: 'high', suppressed: { kind: 'inSource', justification: 'legacy partner' } },
      'deploy/nginx.conf',
      9,
      5,
    ),
  ],
  notifications: [],
};

// ESC [ … m: any SGR sequence.
const ANSI = /\u001b\[[0-9;]*m/;
const stripAnsi = (s: string) => s.replace(/\u001b\[[0-9;]*m/g, '');

describe('stylish', () => {
  const plain = stylish(report, ctx(false));
  const lines = plain.split('\n');

  it('prints the file path, then one aligned row per finding: line:col, severity, message, rule id', () => {
    const start = lines.indexOf('app.js');
    expect(start).toBeGreaterThanOrEqual(0);
    // position column padded to "12:10", severity to "medium", message to the longest message.
    expect(lines[start + 1]).toBe('  3:9    high    First problem           rule-a');
    expect(lines[start + 2]).toBe('  12:10  medium  Second, longer problem  rule-bb');
  });

  it('shows the witness on an indented line under its finding', () => {
    const row = lines.findIndex((l) => l.includes('rule-bb'));
    expect(lines[row + 1].trim()).toBe('witness: https://app.example.com.evil.net');
    expect(lines[row + 1].startsWith('  ')).toBe(true);
  });

  it('marks suppressed findings and gives the justification', () => {
    const row = lines.find((l) => l.includes('Silenced'));
    expect(row).toMatch(/^\s+9:5\s+suppressed\s+Silenced\s+rule-a$/);
    const next = lines[lines.indexOf(row!) + 1];
    expect(next).toContain('corslint-ignore');
    expect(next).toContain('legacy partner');
  });

  it('groups by file in report order', () => {
    expect(lines.indexOf('app.js')).toBeLessThan(lines.indexOf('deploy/nginx.conf'));
  });

  it('ends with a summary that counts unsuppressed findings by severity', () => {
    expect(plain.endsWith('\n')).toBe(true);
    expect(lines[lines.length - 2]).toBe('✖ 3 findings (1 high, 1 medium, 1 low, 1 suppressed)');
  });

  it('uses the singular for one finding', () => {
    const one = stylish({ ...report, findings: [report.findings[0]] }, ctx(false));
    expect(one).toContain('✖ 1 finding (1 high)\n');
  });

  it('says so when there are no findings', () => {
    const clean = stylish({ files: report.files, findings: [], notifications: [] }, ctx(false));
    expect(clean).toBe('✔ No findings (2 files checked)\n');
  });

  it('counts a report whose findings are all suppressed as clean', () => {
    const out = stylish({ ...report, findings: [report.findings[3]] }, ctx(false));
    expect(out.split('\n').at(-2)).toBe('✔ No findings (2 files checked, 1 suppressed)');
  });

  it('has no ANSI codes when color is false, and has them when true', () => {
    expect(plain).not.toMatch(ANSI);
    const coloured = stylish(report, ctx(true));
    expect(coloured).toMatch(ANSI);
    // Colour only decorates: alignment is computed on the plain text.
    expect(stripAnsi(coloured)).toBe(plain);
  });
});
