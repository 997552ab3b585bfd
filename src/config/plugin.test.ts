// Plugin shape checks, rule-id namespacing and plugin name expansion.
import { describe, expect, it } from 'vitest';
import { pluginSpecifier, validatePluginRules } from './plugin.js';

function goodRule(): Record<string, any> {
  return {
    id: 'no-staging-origins',
    meta: {
      summary: 'A staging origin is trusted',
      severity: 'low',
      recommended: true,
      messages: { staging: '{origin} is staging' },
      docs: { why: 'w', fix: 'f', examples: [{ stack: 'express', kind: 'bad', code: 'x' }, { stack: 'express', kind: 'good', code: 'y' }] },
    },
    check: () => [],
  };
}

describe('validatePluginRules', () => {
  it('namespaces rule ids without touching the plugin', () => {
    const rule = goodRule();
    const [namespaced] = validatePluginRules({ name: 'acme', rules: [rule] }, './acme.js');
    expect(namespaced.id).toBe('acme/no-staging-origins');
    expect(rule.id).toBe('no-staging-origins');
  });

  it.each([
    ['plugin name', (p: any) => (p.name = 'Acme'), '"name" must be lowercase kebab-case'],
    ['no rules', (p: any) => (p.rules = []), '"rules" must be a non-empty array'],
    ['rule id', (p: any) => (p.rules[0].id = 'noStaging'), '"id" must be lowercase kebab-case'],
    ['prefixed id', (p: any) => (p.rules[0].id = 'acme/x'), '"id" must be lowercase kebab-case'],
    ['duplicate id', (p: any) => p.rules.push(goodRule()), 'is defined twice'],
    ['summary lines', (p: any) => (p.rules[0].meta.summary = 'a\nb'), '"meta.summary" must be one line'],
    ['summary period', (p: any) => (p.rules[0].meta.summary = 'Staging.'), 'must not end with a period'],
    ['severity', (p: any) => (p.rules[0].meta.severity = 'critical'), '"meta.severity" must be one of high, medium, low, info'],
    ['messages', (p: any) => (p.rules[0].meta.messages = {}), 'needs "meta.messages"'],
    ['why', (p: any) => delete p.rules[0].meta.docs.why, 'needs "meta.docs.why"'],
    ['good example', (p: any) => p.rules[0].meta.docs.examples.pop(), 'needs at least one "good" docs example'],
    ['no check', (p: any) => delete p.rules[0].check, 'has none of check, checkFile, checkProject'],
    ['check type', (p: any) => (p.rules[0].checkFile = 'x'), '"checkFile" must be a function'],
  ])('rejects a bad %s', (_, mutate, fragment) => {
    const plugin = { name: 'acme', rules: [goodRule()] };
    mutate(plugin);
    expect(() => validatePluginRules(plugin, './acme.js')).toThrow(fragment);
    expect(() => validatePluginRules(plugin, './acme.js')).toThrow(/^plugin "\.\/acme\.js": /);
  });

  it('rejects a module that is not an object', () => {
    expect(() => validatePluginRules(undefined, 'foo')).toThrow('plugin "foo": must export an object { name, rules }');
  });
});

describe('pluginSpecifier', () => {
  it.each([
    ['./rules/local.js', './rules/local.js'],
    ['/abs/p.js', '/abs/p.js'],
    ['foo', 'corslint-plugin-foo'],
    ['corslint-plugin-foo', 'corslint-plugin-foo'],
    ['@acme', '@acme/corslint-plugin'],
    ['@acme/foo', '@acme/corslint-plugin-foo'],
    ['@acme/corslint-plugin', '@acme/corslint-plugin'],
  ])('%s → %s', (entry, specifier) => {
    expect(pluginSpecifier(entry)).toBe(specifier);
  });
});
