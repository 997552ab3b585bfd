// The SARIF reporter's output against the official 2.1.0 schema (Ajv and jsonschema@1.5.0) and GitHub's ingestion rules.
import { describe, expect, it } from 'vitest';
import type { LintReport, ReportContext, RuleCatalogEntry } from '../src/model/report.js';
import type { RuleMeta } from '../src/rule-api/index.js';
import { githubSarifProblems } from '../src/reporters/sarif-checks.js';
import { sarif } from '../src/reporters/sarif.js';
import { renderRuleDoc, ruleDocUri, stripMarkdown } from '../src/rule-docs/render.js';
import { ajvSarifErrors, jsonschemaSarifErrors } from './harness/sarif-validate.js';

const VERSION = '0.4.0';

// A synthetic rule, catalogued the way the engine catalogues real ones (same renderer as the docs).
function catalogEntry(id: string, severity: RuleCatalogEntry['severity'], withOptions: boolean): RuleCatalogEntry {
  const meta: RuleMeta<string, unknown> = {
    summary: `Synthetic rule ${id} with a "quoted" summary`,
    severity,
    recommended: severity !== 'info',
    messages: { m: 'x' },
    ...(withOptions ? { options: { schema: { type: 'object', properties: { max: { type: 'number', description: 'Upper bound' } } }, defaults: { max: 600 } } } : {}),
    docs: {
      why: 'A **risky** thing: see [the spec](https://fetch.spec.whatwg.org/#http-cors-protocol).',
      fix: 'Use `exact` origins.',
      examples: [
        { stack: 'express', kind: 'bad', code: "app.use(cors({ origin: true, credentials: true }));" },
        { stack: 'express', kind: 'good', code: "app.use(cors({ origin: ['https://app.example.com'] }));" },
      ],
      references: ['https://developer.mozilla.org/en-US/docs/Web/HTTP/CORS'],
    },
  };
  const input = { id, meta, stacksCovered: ['express'], version: VERSION };
  return {
    id,
    summary: meta.summary,
    severity,
    recommended: meta.recommended,
    fullDescription: stripMarkdown(meta.docs.why),
    helpText: renderRuleDoc(input, 'text'),
    helpMarkdown: renderRuleDoc(input, 'markdown'),
    helpUri: ruleDocUri(id, VERSION),
  };
}

const ctx: ReportContext = {
  rules: [catalogEntry('alpha-high', 'high', false), catalogEntry('beta-medium', 'medium', true), catalogEntry('gamma-info', 'info', false)],
  tool: { name: 'corslint', version: VERSION, informationUri: 'https://github.com/corslint/corslint' },
  repoPrefix: 'services/api/',
  color: false,
};

const report: LintReport = {
  files: [
    { path: 'src/my file.js', stacks: ['express'], policies: 1 },
    { path: 'conf/ünï#1.conf', stacks: ['nginx'], policies: 1 },
  ],
  findings: [
    {
      ruleId: 'alpha-high',
      severity: 'high',
      level: 'error',
      message: 'The request Origin is echoed back and credentials are allowed.',
      span: { file: 'src/my file.js', line: 3, column: 9, endLine: 3, endColumn: 50 },
      stack: 'express',
      related: [
        { span: { file: 'src/my file.js', line: 4, column: 3, endLine: 4, endColumn: 20 }, message: 'credentials: true' },
        { span: { file: '../shared/base config.js', line: 1, column: 1, endLine: 2, endColumn: 1 } },
      ],
    },
    {
      ruleId: 'beta-medium',
      severity: 'medium',
      level: 'warn',
      message: 'Pattern `^https://app\\.example\\.com` is not anchored at the end.',
      span: { file: 'conf/ünï#1.conf', line: 12, column: 5, endLine: 14, endColumn: 1 },
      stack: 'nginx',
      witness: 'https://app.example.com.evil.net',
    },
    {
      ruleId: 'gamma-info',
      severity: 'info',
      level: 'warn',
      message: 'Silenced on purpose.',
      span: { file: 'conf/ünï#1.conf', line: 20, column: 1, endLine: 20, endColumn: 30 },
      suppressed: { kind: 'inSource', justification: 'public, read-only endpoint' },
    },
    {
      ruleId: 'beta-medium',
      severity: 'low',
      level: 'warn',
      message: 'Same rule, lowered in a development context.',
      span: { file: 'src/my file.js', line: 30, column: 1, endLine: 30, endColumn: 5 },
      suppressed: { kind: 'external', justification: '' },
    },
    {
      ruleId: 'parse-error',
      severity: 'medium',
      level: 'error',
      message: 'Unexpected "}" at 7:1.',
      span: { file: 'conf/broken.conf', line: 7, column: 1, endLine: 7, endColumn: 2 },
    },
  ],
  notifications: [{ level: 'warning', message: 'Option "foo" of rule beta-medium is unknown.' }],
};

const empty: LintReport = { files: [], findings: [], notifications: [] };

describe.each([
  ['a report with findings', report],
  ['an empty report', empty],
])('SARIF for %s', (_, r) => {
  const log = JSON.parse(sarif(r, ctx));

  it('validates against the 2.1.0 schema with Ajv 2020 + ajv-formats', () => {
    expect(ajvSarifErrors(log)).toEqual([]);
  });

  it('validates with jsonschema@1.5.0 as upload-sarif does, with no URI-format warnings either', () => {
    expect(jsonschemaSarifErrors(log)).toEqual({ errors: [], warnings: [] });
  });

  it('passes GitHub’s ingestion checks', () => {
    expect(githubSarifProblems(log)).toEqual([]);
  });
});

describe('SARIF with findings, GitHub specifics', () => {
  const log = JSON.parse(sarif(report, ctx));
  const run = log.runs[0];

  it('uses repo-relative, encoded URIs, including the unicode, space and # paths', () => {
    const uris = run.results.map((r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => r.locations[0].physicalLocation.artifactLocation.uri);
    expect(uris).toEqual([
      'services/api/src/my%20file.js',
      'services/api/conf/%C3%BCn%C3%AF%231.conf',
      'services/api/conf/%C3%BCn%C3%AF%231.conf',
      'services/api/src/my%20file.js',
      'services/api/conf/broken.conf',
    ]);
    expect(run.results[0].relatedLocations[1].physicalLocation.artifactLocation.uri).toBe('services/shared/base%20config.js');
  });

  it('keeps rule ids and indexes consistent, the unknown id included', () => {
    for (const r of run.results) expect(run.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
    expect(run.tool.driver.rules.at(-1).id).toBe('parse-error');
  });

  it('carries suppressions only on the suppressed results', () => {
    expect(run.results.map((r: { suppressions?: unknown[] }) => r.suppressions?.length ?? 0)).toEqual([0, 0, 1, 1, 0]);
  });
});

describe('the validators themselves', () => {
  // Negative controls: without them a validator that accepts everything would pass the tests above.
  const bad = JSON.parse(sarif(report, ctx));
  bad.runs[0].results[0].level = 'critical';
  bad.runs[0].results[1].locations[0].physicalLocation.region.startLine = 0;
  bad.runs[0].results[2].locations[0].physicalLocation.artifactLocation.uri = 'conf/a file.conf';

  it('Ajv rejects an invalid level, a zero line and a raw space in a URI', () => {
    const errors = ajvSarifErrors(bad).join('\n');
    expect(errors).toMatch(/\/runs\/0\/results\/0\/level/);
    expect(errors).toMatch(/startLine/);
    expect(errors).toMatch(/artifactLocation\/uri/);
  });

  it('jsonschema rejects the level and the line, and only warns about the URI', () => {
    const { errors, warnings } = jsonschemaSarifErrors(bad);
    expect(errors.join('\n')).toMatch(/level/);
    expect(errors.join('\n')).toMatch(/startLine/);
    expect(warnings.join('\n')).toMatch(/uri/);
    expect(errors.join('\n')).not.toMatch(/artifactLocation\.uri/);
  });
});
