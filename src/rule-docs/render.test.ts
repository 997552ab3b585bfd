import { describe, expect, it } from 'vitest';
import type { RuleMeta } from '../rule-api/index.js';
import { renderRuleDoc, ruleDocUri, stripMarkdown, type RuleDocInput } from './render.js';

function meta(overrides: Partial<RuleMeta<string, unknown>> = {}): RuleMeta<string, unknown> {
  return {
    summary: 'Something risky is configured',
    severity: 'medium',
    recommended: true,
    messages: { found: 'Found {value}.' },
    docs: {
      why: 'Attackers can **read** responses; see [Fetch](https://fetch.spec.whatwg.org/).',
      fix: 'Set `origin` to an explicit list.',
      examples: [
        { stack: 'nginx', kind: 'good', code: 'add_header Access-Control-Allow-Origin https://app.example.com;' },
        { stack: 'express', kind: 'bad', code: 'app.use(cors());' },
        { stack: 'nginx', kind: 'bad', code: 'add_header Access-Control-Allow-Origin $http_origin;' },
        { stack: 's3', kind: 'bad', code: '[{"AllowedOrigins": ["*"]}]', filename: 'cors.json' },
        { stack: 'django', kind: 'good', code: 'CORS_ALLOWED_ORIGINS = ["https://app.example.com"]' },
        { stack: 'express', kind: 'good', code: "app.use(cors({ origin: 'https://app.example.com' }));" },
      ],
      references: ['https://developer.mozilla.org/en-US/docs/Web/HTTP/CORS'],
    },
    ...overrides,
  };
}

const input = (m: RuleMeta<string, unknown> = meta(), stacksCovered = ['express', 'nginx']): RuleDocInput => ({ id: 'sample-rule', meta: m, stacksCovered, version: '1.2.3' });

describe('renderRuleDoc markdown', () => {
  const md = renderRuleDoc(input(), 'markdown');
  const lines = md.split('\n');

  it('follows the STYLE.md §8.9 skeleton in order', () => {
    const order = ['# sample-rule', '## Why this is risky', '## Examples', '## How to fix', '## Options', '## References', '---'].map((h) => lines.indexOf(h));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(lines[0]).toBe('# sample-rule');
  });

  it('has a badge line with severity, recommended and stacks covered, then the summary', () => {
    expect(lines[2]).toBe('**Severity:** medium · **Recommended:** yes · **Stacks covered:** express, nginx');
    expect(lines[4]).toBe('Something risky is configured.');
  });

  it('says when no stack is covered yet, and notes the credentials raise and production-only rules', () => {
    const out = renderRuleDoc(input(meta({ raisedByCredentials: true, productionOnly: true, recommended: false }), []), 'markdown');
    expect(out.split('\n')[2]).toBe(
      '**Severity:** medium (high when credentials are allowed) · **Recommended:** no · **Context:** production only · **Stacks covered:** none yet',
    );
  });

  it('groups examples by stack, bad before good, in fenced blocks with the stack’s language', () => {
    const section = md.slice(md.indexOf('## Examples'), md.indexOf('## How to fix'));
    const headings = [...section.matchAll(/^### (.+)$/gm)].map((m) => m[1]);
    expect(headings).toEqual(['nginx', 'express', 's3', 'django']);
    const nginx = section.slice(section.indexOf('### nginx'), section.indexOf('### express'));
    expect(nginx.indexOf('❌ Bad')).toBeLessThan(nginx.indexOf('✅ Good'));
    expect(nginx).toContain('```nginx\nadd_header Access-Control-Allow-Origin $http_origin;\n```');
    expect(section).toContain('```js\napp.use(cors());\n```');
    expect(section).toContain('❌ Bad (`cors.json`)\n\n```json\n[{"AllowedOrigins": ["*"]}]\n```');
    expect(section).toContain('```python\nCORS_ALLOWED_ORIGINS');
  });

  it('uses a longer fence when the code contains backticks', () => {
    const m = meta();
    m.docs = { ...m.docs, examples: [{ stack: 'express', kind: 'bad', code: 'const s = ```;' }] };
    expect(renderRuleDoc(input(m), 'markdown')).toContain('````js\nconst s = ```;\n````');
  });

  it('keeps the Markdown of why and fix', () => {
    expect(md).toContain('Attackers can **read** responses; see [Fetch](https://fetch.spec.whatwg.org/).');
    expect(md).toContain('Set `origin` to an explicit list.');
  });

  it('says the rule has no options when it has none', () => {
    expect(md).toContain('## Options\n\nThis rule has no options.\n');
  });

  it('lists options with type, default and description, preferring the rule’s defaults', () => {
    const m = meta({
      options: {
        schema: {
          type: 'object',
          properties: {
            max: { type: 'integer', description: 'Largest allowed value', default: 100 },
            allowInDev: { type: 'boolean', default: false },
            hosts: { type: ['array', 'null'] },
          },
        },
        defaults: { max: 7200 },
      },
    });
    const out = renderRuleDoc(input(m), 'markdown');
    expect(out).toContain('- `max` (integer, default `7200`): Largest allowed value\n');
    expect(out).toContain('- `allowInDev` (boolean, default `false`)\n');
    expect(out).toContain('- `hosts` (array | null)\n');
    expect(out).not.toContain('This rule has no options.');
  });

  it('lists references and ends with the generated-file footer', () => {
    expect(md).toContain('## References\n\n- <https://developer.mozilla.org/en-US/docs/Web/HTTP/CORS>\n');
    expect(md.endsWith('Generated from `rules/sample-rule.ts`; edit that file, then run `npm run docs`.\n')).toBe(true);
  });

  it('leaves out the References heading when there are none', () => {
    const m = meta();
    m.docs = { ...m.docs, references: undefined };
    expect(renderRuleDoc(input(m), 'markdown')).not.toContain('## References');
  });
});

describe('renderRuleDoc text', () => {
  const text = renderRuleDoc(input(), 'text');

  it('has the same content without Markdown syntax', () => {
    expect(text).not.toMatch(/^#/m);
    expect(text).not.toContain('**');
    expect(text).not.toContain('```');
    expect(text).not.toContain('`');
    expect(text.split('\n').slice(0, 4)).toEqual(['sample-rule', 'Severity: medium · Recommended: yes · Stacks covered: express, nginx', '', 'Something risky is configured.']);
    expect(text).toContain('Why this is risky\nAttackers can read responses; see Fetch (https://fetch.spec.whatwg.org/).');
    expect(text).toContain('How to fix\nSet origin to an explicit list.');
    expect(text).toContain('Options\nThis rule has no options.');
    expect(text).toContain('References\n- https://developer.mozilla.org/en-US/docs/Web/HTTP/CORS');
    expect(text.endsWith('Generated from rules/sample-rule.ts; edit that file, then run npm run docs.\n')).toBe(true);
  });

  it('indents example code under a label naming kind and stack', () => {
    expect(text).toContain('❌ Bad (nginx):\n    add_header Access-Control-Allow-Origin $http_origin;\n');
    expect(text).toContain('❌ Bad (s3, cors.json):\n    [{"AllowedOrigins": ["*"]}]\n');
  });
});

describe('stripMarkdown', () => {
  it.each([
    ['**bold** and *em* and _em_ and __strong__', 'bold and em and em and strong'],
    ['Set `CORS_ALLOW_ALL_ORIGINS = True`.', 'Set CORS_ALLOW_ALL_ORIGINS = True.'],
    ['snake_case_names stay intact', 'snake_case_names stay intact'],
    ['Code keeps markers: `**not bold**`', 'Code keeps markers: **not bold**'],
    ['``a ` b``', 'a ` b'],
    ['See [MDN](https://developer.mozilla.org/) or <https://fetch.spec.whatwg.org/>', 'See MDN (https://developer.mozilla.org/) or https://fetch.spec.whatwg.org/'],
    ['[https://a.example](https://a.example)', 'https://a.example'],
    ['![diagram](d.png) here', 'diagram here'],
    ['## Heading\n\n> quoted', 'Heading\n\nquoted'],
    ['* one\n+ two\n- three', '- one\n- two\n- three'],
    ['Escaped \\*stars\\* and 2 \\* 3', 'Escaped *stars* and 2 * 3'],
    ['~~gone~~ text', 'gone text'],
    ['Before\n\n```js\nconst a = **b**;\n```\n\nAfter', 'Before\n\nconst a = **b**;\n\nAfter'],
    ['a\n\n---\n\nb', 'a\n\nb'],
  ])('%j → %j', (md, expected) => {
    expect(stripMarkdown(md)).toBe(expected);
  });
});

describe('ruleDocUri', () => {
  it('pins the page to the release tag', () => {
    expect(ruleDocUri('origin-any', '1.2.3')).toBe('https://github.com/corslint/corslint/blob/v1.2.3/docs/rules/origin-any.md');
    expect(ruleDocUri('origin-any', 'v1.2.3')).toBe('https://github.com/corslint/corslint/blob/v1.2.3/docs/rules/origin-any.md');
  });
});

describe('renderRuleDoc for plugin rules', () => {
  it('has no footer pointing at rules/<id>.ts, which does not exist for a plugin', () => {
    for (const format of ['markdown', 'text'] as const) {
      const out = renderRuleDoc({ ...input(), id: 'acme/sample-rule' }, format);
      expect(out).not.toContain('Generated from');
      expect(out.endsWith('\n')).toBe(true);
      expect(out.endsWith('\n\n')).toBe(false);
    }
  });
});
