import { describe, expect, it } from 'vitest';
import type { LintReport, ReportContext } from '../model/report.js';
import { json } from './json.js';

const ctx: ReportContext = {
  rules: [],
  tool: { name: 'corslint', version: '0.4.0', informationUri: 'https://example.test/corslint' },
  repoPrefix: 'sub/',
  color: true,
};

const report: LintReport = {
  files: [
    { path: 'deploy/nginx.conf', stacks: ['nginx'], policies: 3 },
    { path: 'app/main.py', stacks: ['fastapi', 'django'], policies: 2 },
    { path: 'empty.json', stacks: [], policies: 0 },
  ],
  findings: [
    {
      ruleId: 'headers-missing-on-errors',
      severity: 'medium',
      level: 'warn',
      message: 'Sent without `always`.',
      span: { file: 'deploy/nginx.conf', line: 12, column: 5, endLine: 12, endColumn: 60 },
      stack: 'nginx',
    },
    {
      ruleId: 'origin-regex-unanchored',
      severity: 'high',
      level: 'error',
      message: 'Pattern is not anchored.',
      span: { file: 'app/main.py', line: 4, column: 1, endLine: 5, endColumn: 2 },
      witness: 'https://app.example.com.evil.net',
      related: [{ span: { file: 'app/main.py', line: 9, column: 1, endLine: 9, endColumn: 10 }, message: 'credentials' }],
    },
    {
      ruleId: 'origin-any',
      severity: 'low',
      level: 'warn',
      message: 'Any origin.',
      span: { file: 'app/main.py', line: 20, column: 3, endLine: 20, endColumn: 8 },
      stack: 'fastapi',
      suppressed: { kind: 'inSource', justification: 'public API' },
    },
  ],
  notifications: [{ level: 'warning', message: 'unused' }],
};

describe('json reporter', () => {
  const text = json(report, ctx);
  const doc = JSON.parse(text);

  it('is two-space indented JSON with a trailing newline', () => {
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.split('\n')[1]).toBe('  "schemaVersion": 1,');
  });

  it('has exactly the schemaVersion 1 top-level keys, in contract order', () => {
    expect(Object.keys(doc)).toEqual(['schemaVersion', 'tool', 'files', 'findings', 'summary']);
    expect(doc.schemaVersion).toBe(1);
    expect(doc.tool).toEqual({ name: 'corslint', version: '0.4.0' });
  });

  it('lists files with their first stack as `stack` and all stacks in `stacks`', () => {
    expect(doc.files).toEqual([
      { path: 'deploy/nginx.conf', stack: 'nginx', stacks: ['nginx'], policies: 3 },
      { path: 'app/main.py', stack: 'fastapi', stacks: ['fastapi', 'django'], policies: 2 },
      { path: 'empty.json', stack: null, stacks: [], policies: 0 },
    ]);
  });

  it('writes every finding with the contract keys, cwd-relative paths and nulls for absent values', () => {
    expect(doc.findings[0]).toEqual({
      ruleId: 'headers-missing-on-errors',
      severity: 'medium',
      message: 'Sent without `always`.',
      file: 'deploy/nginx.conf',
      line: 12,
      column: 5,
      endLine: 12,
      endColumn: 60,
      stack: 'nginx',
      witness: null,
      suppressed: false,
    });
    expect(doc.findings[1]).toMatchObject({ stack: null, witness: 'https://app.example.com.evil.net', endLine: 5, suppressed: false });
    expect(doc.findings[2]).toMatchObject({ suppressed: true, severity: 'low' });
    for (const f of doc.findings) {
      expect(Object.keys(f)).toEqual(['ruleId', 'severity', 'message', 'file', 'line', 'column', 'endLine', 'endColumn', 'stack', 'witness', 'suppressed']);
    }
  });

  it('summarises files and unsuppressed findings by severity', () => {
    expect(doc.summary).toEqual({ files: 3, findings: 2, high: 1, medium: 1, low: 0, info: 0 });
  });

  it('writes an empty report with zero counts', () => {
    const empty = JSON.parse(json({ files: [], findings: [], notifications: [] }, ctx));
    expect(empty).toEqual({
      schemaVersion: 1,
      tool: { name: 'corslint', version: '0.4.0' },
      files: [],
      findings: [],
      summary: { files: 0, findings: 0, high: 0, medium: 0, low: 0, info: 0 },
    });
  });
});
