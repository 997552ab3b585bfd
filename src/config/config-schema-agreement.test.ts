// The hand-written validator and the schema file must agree: constants, and verdicts on many configs.
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONFIG_KEYS, CONTEXTS, LEVELS, ORIGIN_PATTERN, OVERRIDE_KEYS, RULE_ID_PATTERN, validateConfigShape } from './validate.js';

const schemaUrl = new URL('../../schema/corslintrc.schema.json', import.meta.url);
const schema = JSON.parse(readFileSync(schemaUrl, 'utf8'));
const ajvValidate = new Ajv({ allErrors: true, strict: true }).compile(schema);

function fastPathAccepts(raw: unknown): boolean {
  try {
    validateConfigShape(raw, 'c.json');
    return true;
  } catch {
    return false;
  }
}

describe('schema constants', () => {
  it('match the schema file', () => {
    expect(Object.keys(schema.properties)).toEqual([...CONFIG_KEYS]);
    expect(schema.definitions.level.enum).toEqual([...LEVELS]);
    expect(Object.keys(schema.properties.contexts.properties)).toEqual([...CONTEXTS]);
    expect(Object.keys(schema.properties.overrides.items.properties)).toEqual([...OVERRIDE_KEYS]);
    expect(schema.definitions.ruleSettings.propertyNames.pattern).toBe(RULE_ID_PATTERN);
    expect(schema.properties.trustedOrigins.items.pattern).toBe(ORIGIN_PATTERN);
  });
});

const good: unknown[] = [
  {},
  { $schema: './x.json', root: true },
  { rules: { 'origin-any': 'off', 'max-age-above-browser-cap': ['warn', { max: 7200 }], 'acme/x': ['error'] } },
  { ignorePatterns: [] },
  { ignorePatterns: ['legacy/**', '!legacy/keep.js'] },
  { contexts: { development: ['**/settings/dev.py'], test: ['t/**'] } },
  { trustedOrigins: ['https://app.example.com', 'https://*.example.com', 'http://localhost:3000'] },
  { overrides: [{ files: ['infra/**'], excludedFiles: ['infra/x/**'], rules: { 'origin-any': 'error' } }, { files: ['a'] }] },
  { plugins: ['./p.js', 'foo', '@scope'] },
  { plugins: [] },
  JSON.parse(readFileSync(new URL('../../.corslintrc.example.json', import.meta.url), 'utf8')),
];

const bad: unknown[] = [
  null,
  [],
  'rules',
  { rulez: {} },
  { $schema: 1 },
  { root: 'yes' },
  { rules: [] },
  { rules: { 'origin-any': 'warning' } },
  { rules: { 'origin-any': 2 } },
  { rules: { 'origin-any': [] } },
  { rules: { 'origin-any': ['warn', {}, {}] } },
  { rules: { 'origin-any': ['warn', []] } },
  { rules: { 'origin-any': ['warn', null] } },
  { rules: { 'origin-any': ['nope'] } },
  { rules: { Bad_Rule: 'off' } },
  { rules: { 'a/b/c': 'off' } },
  { ignorePatterns: 'legacy/**' },
  { ignorePatterns: [''] },
  { ignorePatterns: [1] },
  { contexts: { dev: ['x'] } },
  { contexts: { test: [] } },
  { contexts: { test: 'x' } },
  { contexts: [] },
  { trustedOrigins: ['app.example.com'] },
  { trustedOrigins: ['https://app.example.com/'] },
  { trustedOrigins: ['https://app.example.com/path'] },
  { trustedOrigins: [3] },
  { overrides: [{ rules: {} }] },
  { overrides: [{ files: [] }] },
  { overrides: [{ files: 'infra/**' }] },
  { overrides: [{ files: ['a'], rule: {} }] },
  { overrides: [{ files: ['a'], excludedFiles: [] }] },
  { overrides: [{ files: ['a'], rules: { 'x-y': 'on' } }] },
  { overrides: {} },
  { overrides: [null] },
  { plugins: ['a', 'a'] },
  { plugins: [''] },
  { plugins: 'a' },
];

describe('hand-written validator vs Ajv on the schema file', () => {
  it.each(good.map((config) => [JSON.stringify(config), config]))('both accept %s', (_, config) => {
    expect(ajvValidate(config)).toBe(true);
    expect(fastPathAccepts(config)).toBe(true);
  });

  it.each(bad.map((config) => [JSON.stringify(config), config]))('both reject %s', (_, config) => {
    expect(ajvValidate(config)).toBe(false);
    expect(fastPathAccepts(config)).toBe(false);
  });

  it('agree on generated configs', () => {
    // Values drawn near the schema's boundaries, so both verdicts occur often.
    const level = fc.constantFrom<unknown>('off', 'warn', 'error', 'warning', 0, 2, null);
    const setting = fc.oneof(level, fc.tuple(level), fc.tuple(level, fc.constantFrom<unknown>({}, { max: 1 }, [], null)), fc.constant([]));
    const ruleId = fc.constantFrom('origin-any', 'acme/x', 'Bad_Rule', 'a/b/c', '', 'max-age');
    const rules = fc.dictionary(ruleId, setting, { maxKeys: 3 });
    const globs = fc.oneof(fc.array(fc.constantFrom('a/**', '', '*.js'), { maxLength: 3 }), fc.constant('a/**' as unknown));
    const key = fc.constantFrom('$schema', 'root', 'rules', 'ignorePatterns', 'contexts', 'trustedOrigins', 'overrides', 'plugins', 'rulez');
    const value = fc.oneof(
      rules,
      globs,
      fc.boolean(),
      fc.constantFrom<unknown>('./s.json', 1, null),
      fc.dictionary(fc.constantFrom('production', 'development', 'test', 'example', 'dev'), globs, { maxKeys: 2 }),
      fc.array(fc.constantFrom<unknown>('https://a.example', 'a.example', 'https://a.example/', 'http://*.b.example:8080', 7), { maxLength: 3 }),
      fc.array(fc.record({ files: globs, excludedFiles: globs, rules, extra: fc.constant(1) }, { requiredKeys: [] }), { maxLength: 2 }),
      fc.array(fc.constantFrom<unknown>('a', 'b', '', 3), { maxLength: 3 }),
    );
    fc.assert(
      fc.property(fc.dictionary(key, value, { maxKeys: 4 }), (config) => {
        expect(fastPathAccepts(config)).toBe(ajvValidate(config));
      }),
      { numRuns: 2000 },
    );
  });
});
