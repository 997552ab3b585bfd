import { describe, expect, it } from 'vitest';
import type { Finding } from '../model/finding.js';
import type { LintReport, ReportContext } from '../model/report.js';
import { escapeData, escapeProperty, github } from './github.js';

const ctx: ReportContext = {
  rules: [],
  tool: { name: 'corslint', version: '0.4.0', informationUri: 'https://example.test/corslint' },
  repoPrefix: '',
  color: false,
};

function finding(extra: Partial<Finding>): Finding {
  return {
    ruleId: 'origin-any',
    severity: 'high',
    level: 'error',
    message: 'Any origin is allowed.',
    span: { file: 'src/app.js', line: 3, column: 9, endLine: 3, endColumn: 50 },
    ...extra,
  };
}

const run = (findings: Finding[], extra: Partial<LintReport> = {}, c: ReportContext = ctx) =>
  github({ files: [], findings, notifications: [], ...extra }, c);

describe('github reporter', () => {
  it('writes one workflow command per finding with file, lines, columns and title', () => {
    expect(run([finding({})])).toBe('::error file=src/app.js,line=3,endLine=3,col=9,endColumn=50,title=corslint origin-any::Any origin is allowed.\n');
  });

  it('maps severities: high → error, medium → warning, low and info → notice', () => {
    const out = run([finding({ severity: 'high' }), finding({ severity: 'medium' }), finding({ severity: 'low' }), finding({ severity: 'info' })]);
    expect(out.split('\n').filter(Boolean).map((l) => l.slice(0, l.indexOf(' ')))).toEqual(['::error', '::warning', '::notice', '::notice']);
  });

  it('gives columns only when the span is on one line', () => {
    const out = run([finding({ span: { file: 'a.py', line: 4, column: 1, endLine: 7, endColumn: 2 } })]);
    expect(out).toBe('::error file=a.py,line=4,endLine=7,title=corslint origin-any::Any origin is allowed.\n');
  });

  it('escapes %, CR and LF in the message, and also : and , in properties (@actions/core command.js)', () => {
    expect(escapeData('100% sure\r\nnext: a, b')).toBe('100%25 sure%0D%0Anext: a, b');
    expect(escapeProperty('a:b,c%d\ne')).toBe('a%3Ab%2Cc%25d%0Ae');
    const out = run([finding({ message: 'Origin "a,b" at 50%:\nsecond line', span: { file: 'dir/x:y,z%.conf', line: 1, column: 1, endLine: 1, endColumn: 2 } })]);
    expect(out).toBe('::error file=dir/x%3Ay%2Cz%25.conf,line=1,endLine=1,col=1,endColumn=2,title=corslint origin-any::Origin "a,b" at 50%25:%0Asecond line\n');
  });

  it('uses repository-relative paths, not percent-encoded', () => {
    const out = run([finding({ span: { file: 'my file.js', line: 1, column: 1, endLine: 1, endColumn: 2 } })], {}, { ...ctx, repoPrefix: 'apps/web/' });
    expect(out).toContain('file=apps/web/my file.js,');
  });

  it('appends the witness on a second (escaped) line', () => {
    const out = run([finding({ message: 'Pattern is unanchored.', witness: 'https://app.example.com.evil.net' })]);
    expect(out.endsWith('::Pattern is unanchored.%0AAn origin that gets through: https://app.example.com.evil.net\n')).toBe(true);
  });

  it('leaves suppressed findings out and prints nothing for a clean run', () => {
    expect(run([finding({ suppressed: { kind: 'inSource', justification: 'ok' } })])).toBe('');
  });

  it('turns tool notifications into file-less annotations', () => {
    const out = run([], { notifications: [{ level: 'error', message: 'Config: bad key' }, { level: 'note', message: 'n' }] });
    expect(out).toBe('::error title=corslint::Config: bad key\n::notice title=corslint::n\n');
  });
});
