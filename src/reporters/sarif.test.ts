import { describe, expect, it } from 'vitest';
import type { Finding } from '../model/finding.js';
import type { LintReport, ReportContext, RuleCatalogEntry } from '../model/report.js';
import { githubSarifProblems } from './sarif-checks.js';
import { FINGERPRINT_KEY, ruleName, sarif, sarifUri, toSarifLog } from './sarif.js';

function entry(id: string, severity: RuleCatalogEntry['severity']): RuleCatalogEntry {
  return {
    id,
    summary: `Summary of ${id}`,
    severity,
    recommended: true,
    fullDescription: `Why ${id} is risky.`,
    helpText: `Help for ${id}`,
    helpMarkdown: `**Help** for \`${id}\``,
    helpUri: `https://example.test/docs/${id}.md`,
  };
}

// Sorted by id, as the engine hands them over.
const rules = [entry('alpha-high', 'high'), entry('beta-medium', 'medium'), entry('gamma-low', 'low'), entry('zeta-info', 'info')];

const ctx: ReportContext = {
  rules,
  tool: { name: 'corslint', version: '0.4.0', informationUri: 'https://example.test/corslint' },
  repoPrefix: '',
  color: false,
};

function finding(ruleId: string, severity: Finding['severity'], file: string, line: number, extra: Partial<Finding> = {}): Finding {
  return { ruleId, severity, level: 'error', message: `Message for ${ruleId}.`, span: { file, line, column: 3, endLine: line, endColumn: 9 }, ...extra };
}

const empty: LintReport = { files: [], findings: [], notifications: [] };

function one(f: Finding, c: ReportContext = ctx) {
  return toSarifLog({ files: [], findings: [f], notifications: [] }, c).runs[0].results[0];
}

describe('sarif reporter: log and driver', () => {
  const log = toSarifLog(empty, ctx);
  const run = log.runs[0];

  it('writes one 2.1.0 run with the schemastore $schema and utf16 columns', () => {
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    expect(run.columnKind).toBe('utf16CodeUnits');
  });

  it('always writes results, even when empty', () => {
    expect(run.results).toEqual([]);
    expect(JSON.parse(sarif(empty, ctx)).runs[0].results).toEqual([]);
  });

  it('describes the tool', () => {
    expect(run.tool.driver).toMatchObject({ name: 'corslint', version: '0.4.0', semanticVersion: '0.4.0', informationUri: 'https://example.test/corslint' });
  });

  it('lists every enabled rule in catalog order, with GitHub metadata', () => {
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual(['alpha-high', 'beta-medium', 'gamma-low', 'zeta-info']);
    expect(run.tool.driver.rules[1]).toEqual({
      id: 'beta-medium',
      name: 'BetaMedium',
      shortDescription: { text: 'Summary of beta-medium' },
      fullDescription: { text: 'Why beta-medium is risky.' },
      help: { text: 'Help for beta-medium', markdown: '**Help** for `beta-medium`' },
      helpUri: 'https://example.test/docs/beta-medium.md',
      defaultConfiguration: { level: 'warning' },
      properties: { tags: ['security', 'cors'], precision: 'high', 'security-severity': '5.3' },
    });
  });

  it('maps severity to level and security-severity (high error 8.1, medium warning 5.3, low note 3.1, info note 1.0)', () => {
    const mapped = run.tool.driver.rules.map((r) => [r.defaultConfiguration.level, r.properties['security-severity']]);
    expect(mapped).toEqual([
      ['error', '8.1'],
      ['warning', '5.3'],
      ['note', '3.1'],
      ['note', '1.0'],
    ]);
  });

  it('cuts descriptions to GitHub’s 1024 characters and never leaves them empty', () => {
    const long = { ...entry('long-rule', 'low'), fullDescription: 'x'.repeat(3000), summary: '' };
    const [r] = toSarifLog(empty, { ...ctx, rules: [long] }).runs[0].tool.driver.rules;
    expect(r.fullDescription.text.length).toBe(1024);
    expect(r.fullDescription.text.endsWith('…')).toBe(true);
    expect(r.shortDescription.text).toBe('long-rule');
  });

  it('omits help.markdown and helpUri when the catalog has none', () => {
    const bare = { ...entry('bare', 'low'), helpMarkdown: '', helpUri: '' };
    const [r] = toSarifLog(empty, { ...ctx, rules: [bare] }).runs[0].tool.driver.rules;
    expect(r.help).toEqual({ text: 'Help for bare' });
    expect(r).not.toHaveProperty('helpUri');
  });

  it('derives PascalCase names from ids', () => {
    expect(ruleName('origin-null-allowed')).toBe('OriginNullAllowed');
    expect(ruleName('acme/foo-bar')).toBe('AcmeFooBar');
  });
});

describe('sarif reporter: results', () => {
  it('points ruleIndex at the rule with the same id', () => {
    const log = toSarifLog(
      { files: [], findings: [finding('gamma-low', 'low', 'a.js', 1), finding('alpha-high', 'high', 'a.js', 2)], notifications: [] },
      ctx,
    );
    const { results, tool } = log.runs[0];
    expect(results.map((r) => r.ruleIndex)).toEqual([2, 0]);
    for (const r of results) expect(tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
  });

  it('takes the level from the finding’s severity, not the rule’s default', () => {
    // A development context lowers a high rule's finding to medium.
    expect(one(finding('alpha-high', 'medium', 'a.js', 1)).level).toBe('warning');
    expect(one(finding('beta-medium', 'info', 'a.js', 1)).level).toBe('note');
  });

  it('writes a repo-relative, segment-encoded URI with %SRCROOT% and the full region', () => {
    const r = one({ ...finding('alpha-high', 'high', 'src/my file.js', 4), span: { file: 'src/my file.js', line: 4, column: 7, endLine: 6, endColumn: 2 } });
    expect(r.locations).toEqual([
      {
        physicalLocation: {
          artifactLocation: { uri: 'src/my%20file.js', uriBaseId: '%SRCROOT%' },
          region: { startLine: 4, startColumn: 7, endLine: 6, endColumn: 2 },
        },
      },
    ]);
  });

  it('encodes #, % and non-ASCII per segment (integration.md §1.3)', () => {
    expect(sarifUri('', 'a#b.js')).toBe('a%23b.js');
    expect(sarifUri('', 'src/ünï.js')).toBe('src/%C3%BCn%C3%AF.js');
    expect(sarifUri('', '100%.conf')).toBe('100%25.conf');
    expect(sarifUri('', 'dir\\win.js')).toBe('dir/win.js');
  });

  it('prefixes the path from the repository root to the current directory', () => {
    expect(sarifUri('services/api/', 'cors.js')).toBe('services/api/cors.js');
    expect(sarifUri('services/api/', '../web/nginx.conf')).toBe('services/web/nginx.conf');
    expect(sarifUri('', './x.js')).toBe('x.js');
    const r = one(finding('alpha-high', 'high', 'my app.js', 1), { ...ctx, repoPrefix: 'sub dir/' });
    expect(r.locations[0].physicalLocation.artifactLocation.uri).toBe('sub%20dir/my%20app.js');
  });

  it('keeps regions valid when a span is degenerate', () => {
    const r = one({ ...finding('alpha-high', 'high', 'a.js', 1), span: { file: 'a.js', line: 0, column: 0, endLine: 0, endColumn: 0 } });
    expect(r.locations[0].physicalLocation.region).toEqual({ startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 });
  });

  it('puts the witness into message.text unless the message already names it', () => {
    const witness = 'https://app.example.com.evil.net';
    const withWitness = one(finding('beta-medium', 'medium', 'a.js', 1, { message: 'Pattern is unanchored', witness }));
    expect(withWitness.message.text).toBe(`Pattern is unanchored. An origin that gets through: ${witness}`);
    const named = one(finding('beta-medium', 'medium', 'a.js', 1, { message: `${witness} is accepted.`, witness }));
    expect(named.message.text).toBe(`${witness} is accepted.`);
  });

  it('never writes an empty message', () => {
    expect(one(finding('beta-medium', 'medium', 'a.js', 1, { message: '  ' })).message.text).toBe('Summary of beta-medium');
  });

  it('turns related spans into relatedLocations with ids and messages', () => {
    const r = one(
      finding('alpha-high', 'high', 'a.js', 1, {
        related: [
          { span: { file: 'a.js', line: 9, column: 1, endLine: 9, endColumn: 20 }, message: 'credentials allowed here' },
          { span: { file: 'lib/b c.js', line: 2, column: 1, endLine: 2, endColumn: 4 } },
        ],
      }),
    );
    expect(r.relatedLocations).toEqual([
      {
        id: 1,
        physicalLocation: { artifactLocation: { uri: 'a.js', uriBaseId: '%SRCROOT%' }, region: { startLine: 9, startColumn: 1, endLine: 9, endColumn: 20 } },
        message: { text: 'credentials allowed here' },
      },
      { id: 2, physicalLocation: { artifactLocation: { uri: 'lib/b%20c.js', uriBaseId: '%SRCROOT%' }, region: { startLine: 2, startColumn: 1, endLine: 2, endColumn: 4 } } },
    ]);
    expect(one(finding('alpha-high', 'high', 'a.js', 1))).not.toHaveProperty('relatedLocations');
  });

  it('marks suppressed findings with an accepted suppression and its justification', () => {
    const inSource = one(finding('alpha-high', 'high', 'a.js', 1, { suppressed: { kind: 'inSource', justification: 'partner needs it' } }));
    expect(inSource.suppressions).toEqual([{ kind: 'inSource', status: 'accepted', justification: 'partner needs it' }]);
    const external = one(finding('alpha-high', 'high', 'a.js', 1, { suppressed: { kind: 'external', justification: '' } }));
    expect(external.suppressions).toEqual([{ kind: 'external', status: 'accepted' }]);
    expect(one(finding('alpha-high', 'high', 'a.js', 1))).not.toHaveProperty('suppressions');
  });
});

describe('sarif reporter: fingerprints', () => {
  const fp = (f: Finding, c: ReportContext = ctx) => one(f, c).partialFingerprints[FINGERPRINT_KEY];

  it('does not change when the finding moves to another line or column', () => {
    const a = finding('alpha-high', 'high', 'a.js', 3);
    const moved = { ...a, span: { file: 'a.js', line: 40, column: 8, endLine: 41, endColumn: 2 } };
    expect(fp(moved)).toBe(fp(a));
  });

  it('changes with the rule, the path, the message and the witness', () => {
    const a = finding('alpha-high', 'high', 'a.js', 3);
    const base = fp(a);
    expect(fp({ ...a, ruleId: 'beta-medium' })).not.toBe(base);
    expect(fp({ ...a, span: { ...a.span, file: 'b.js' } })).not.toBe(base);
    expect(fp({ ...a, message: 'Another message.' })).not.toBe(base);
    expect(fp({ ...a, witness: 'https://evil.test' })).not.toBe(base);
    expect(fp(a, { ...ctx, repoPrefix: 'sub/' })).not.toBe(base);
  });

  it('tells identical findings in one file apart by occurrence', () => {
    const a = finding('alpha-high', 'high', 'a.conf', 3);
    const b = { ...a, span: { ...a.span, line: 30 } };
    const [r1, r2] = toSarifLog({ files: [], findings: [a, b], notifications: [] }, ctx).runs[0].results;
    const [h1, n1] = r1.partialFingerprints[FINGERPRINT_KEY].split(':');
    const [h2, n2] = r2.partialFingerprints[FINGERPRINT_KEY].split(':');
    expect(h1).toBe(h2);
    expect([n1, n2]).toEqual(['1', '2']);
  });
});

describe('sarif reporter: unknown rules, categories, invocations', () => {
  it('adds a descriptor after the catalog for a rule id the catalog lacks', () => {
    const log = toSarifLog(
      { files: [], findings: [finding('parse-error', 'medium', 'a.js', 1), finding('alpha-high', 'high', 'a.js', 2)], notifications: [] },
      ctx,
    );
    const { rules: described } = log.runs[0].tool.driver;
    expect(described.map((r) => r.id)).toEqual(['alpha-high', 'beta-medium', 'gamma-low', 'zeta-info', 'parse-error']);
    expect(log.runs[0].results[0].ruleIndex).toBe(4);
    expect(described[4].defaultConfiguration.level).toBe('warning');
    expect(githubSarifProblems(log)).toEqual([]);
  });

  it('writes no automationDetails by default, so the workflow’s category applies (§1.5)', () => {
    expect(toSarifLog(empty, ctx).runs[0]).not.toHaveProperty('automationDetails');
    expect(toSarifLog(empty, { ...ctx, sarifCategory: '  ' }).runs[0]).not.toHaveProperty('automationDetails');
  });

  it('writes the category with a trailing slash, as upload-sarif does', () => {
    expect(toSarifLog(empty, { ...ctx, sarifCategory: 'corslint' }).runs[0].automationDetails).toEqual({ id: 'corslint/' });
    expect(toSarifLog(empty, { ...ctx, sarifCategory: 'infra/corslint/' }).runs[0].automationDetails).toEqual({ id: 'infra/corslint/' });
  });

  it('reports notifications and fails the invocation only on an error', () => {
    const warned = toSarifLog({ ...empty, notifications: [{ level: 'warning', message: 'Unknown option' }] }, ctx).runs[0].invocations;
    expect(warned).toEqual([{ executionSuccessful: true, toolExecutionNotifications: [{ level: 'warning', message: { text: 'Unknown option' } }] }]);
    const failed = toSarifLog({ ...empty, notifications: [{ level: 'note', message: 'n' }, { level: 'error', message: 'Parser crashed' }] }, ctx).runs[0].invocations[0];
    expect(failed.executionSuccessful).toBe(false);
    expect(toSarifLog(empty, ctx).runs[0].invocations).toEqual([{ executionSuccessful: true, toolExecutionNotifications: [] }]);
  });

  it('prints two-space indented JSON with a trailing newline', () => {
    const text = sarif(empty, ctx);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.split('\n')[1]).toBe('  "$schema": "https://json.schemastore.org/sarif-2.1.0.json",');
  });
});
