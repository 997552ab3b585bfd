import { describe, expect, it } from 'vitest';
import { githubSarifProblems } from './sarif-checks.js';

// A minimal log GitHub accepts, written by hand (not by the reporter) so the checks are tested on their own.
function goodLog() {
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'corslint',
            rules: [
              {
                id: 'rule-a',
                name: 'RuleA',
                shortDescription: { text: 'Short' },
                fullDescription: { text: 'Full' },
                help: { text: 'Help' },
                properties: { tags: ['security', 'cors'], 'security-severity': '8.1' },
              },
            ],
          },
        },
        results: [
          {
            ruleId: 'rule-a',
            ruleIndex: 0,
            message: { text: 'Found it.' },
            locations: [{ physicalLocation: { artifactLocation: { uri: 'src/my%20file.js', uriBaseId: '%SRCROOT%' }, region: { startLine: 2 } } }],
          },
        ],
      },
    ],
  };
}

type Log = ReturnType<typeof goodLog>;

function problemsAfter(mutate: (log: Log) => void): string[] {
  const log = goodLog();
  mutate(log);
  return githubSarifProblems(log);
}

describe('githubSarifProblems', () => {
  it('accepts a log GitHub ingests', () => {
    expect(githubSarifProblems(goodLog())).toEqual([]);
  });

  const cases: [string, (log: Log) => void, RegExp][] = [
    ['a missing $schema', (l) => Reflect.deleteProperty(l, '$schema'), /\$schema/],
    ['two runs', (l) => l.runs.push(l.runs[0]), /exactly one run/],
    ['an empty message', (l) => (l.runs[0].results[0].message.text = ''), /message\.text/],
    ['no locations', (l) => (l.runs[0].results[0].locations = []), /at least one location/],
    ['a raw space in the uri', (l) => (l.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri = 'src/my file.js'), /not percent-encoded/],
    ['an absolute uri', (l) => (l.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri = 'file:///repo/a.js'), /absolute/],
    ['a leading slash', (l) => (l.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri = '/a.js'), /starts with/],
    ['no startLine', (l) => Reflect.deleteProperty(l.runs[0].results[0].locations[0].physicalLocation.region, 'startLine'), /startLine/],
    ['an out-of-range ruleIndex', (l) => (l.runs[0].results[0].ruleIndex = 1), /out of range/],
    ['a ruleIndex naming another rule', (l) => (l.runs[0].results[0].ruleId = 'rule-b'), /is not rules\[0\]\.id/],
    ['an empty shortDescription', (l) => (l.runs[0].tool.driver.rules[0].shortDescription.text = ' '), /shortDescription/],
    ['a fullDescription over 1024 characters', (l) => (l.runs[0].tool.driver.rules[0].fullDescription.text = 'x'.repeat(1025)), /longer than 1024/],
    ['no help text', (l) => Reflect.deleteProperty(l.runs[0].tool.driver.rules[0], 'help'), /help\.text/],
    ['a numeric security-severity', (l) => ((l.runs[0].tool.driver.rules[0].properties as Record<string, unknown>)['security-severity'] = 8.1), /numeric string/],
    ['a non-numeric security-severity', (l) => (l.runs[0].tool.driver.rules[0].properties['security-severity'] = 'high'), /numeric string/],
    ['security-severity without the security tag', (l) => (l.runs[0].tool.driver.rules[0].properties.tags = ['cors']), /"security" tag/],
    ['missing results', (l) => Reflect.deleteProperty(l.runs[0], 'results'), /results is missing/],
    ['a duplicate rule id', (l) => l.runs[0].tool.driver.rules.push(l.runs[0].tool.driver.rules[0]), /duplicate id/],
  ];
  it.each(cases)('reports %s', (_, mutate, expected) => {
    const problems = problemsAfter(mutate);
    expect(problems.some((p) => expected.test(p)), problems.join('\n')).toBe(true);
  });
});
