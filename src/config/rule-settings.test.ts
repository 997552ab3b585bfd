// Rule levels and options per file: defaults, `rules`, overrides (later wins), option validation.
import { describe, expect, it } from 'vitest';
import { defineRule, type Rule } from '../rule-api/index.js';
import { ConfigError } from './config-error.js';
import { deepMerge, resolveRuleSettings } from './rule-settings.js';
import type { CorslintConfig } from './types.js';

function rule(id: string, recommended: boolean, options?: Rule['meta']['options']): Rule {
  return defineRule({
    id,
    meta: {
      summary: 's',
      severity: 'low',
      recommended,
      messages: { m: 'm' },
      ...(options && { options }),
      docs: { why: 'w', fix: 'f', examples: [] },
    },
    *check() {},
  }) as Rule;
}

const cap = rule('max-age-above-browser-cap', true, {
  schema: {
    type: 'object',
    additionalProperties: false,
    properties: { max: { type: 'integer', minimum: 0 }, browsers: { type: 'object', properties: { chrome: { type: 'integer' }, firefox: { type: 'integer' } } } },
  },
  defaults: { max: 7200, browsers: { chrome: 7200, firefox: 86400 } },
});
const any = rule('origin-any', true);
const extra = rule('vary-extra', false);
const RULES = [cap, any, extra];

describe('resolveRuleSettings', () => {
  it('enables recommended rules at error with their defaults when there is no config', () => {
    const settings = resolveRuleSettings(undefined, RULES, 'src/app.js', '');
    expect([...settings.keys()]).toEqual(['max-age-above-browser-cap', 'origin-any']);
    expect(settings.get('max-age-above-browser-cap')).toEqual({ level: 'error', options: { max: 7200, browsers: { chrome: 7200, firefox: 86400 } } });
  });

  it('applies rules, then matching overrides in order, honouring excludedFiles', () => {
    const config: CorslintConfig = {
      rules: { 'origin-any': 'off', 'vary-extra': 'warn' },
      overrides: [
        { files: ['infra/**'], excludedFiles: ['infra/sandbox/**'], rules: { 'origin-any': 'warn' } },
        { files: ['infra/prod/**'], rules: { 'origin-any': 'error', 'vary-extra': 'off' } },
      ],
    };
    const at = (path: string) => Object.fromEntries([...resolveRuleSettings(config, RULES, path, '/repo')].map(([id, s]) => [id, s.level]));
    expect(at('/repo/src/a.js')).toEqual({ 'max-age-above-browser-cap': 'error', 'vary-extra': 'warn' });
    expect(at('/repo/infra/a.conf')).toEqual({ 'max-age-above-browser-cap': 'error', 'origin-any': 'warn', 'vary-extra': 'warn' });
    expect(at('/repo/infra/sandbox/a.conf')).toEqual({ 'max-age-above-browser-cap': 'error', 'vary-extra': 'warn' });
    expect(at('/repo/infra/prod/a.conf')).toEqual({ 'max-age-above-browser-cap': 'error', 'origin-any': 'error' });
    // Globs are relative to the config's directory: a file outside it matches no override.
    expect(at('/elsewhere/infra/a.conf')).toEqual({ 'max-age-above-browser-cap': 'error', 'vary-extra': 'warn' });
  });

  it('matches a slash-less override pattern against the file name at any depth', () => {
    const config: CorslintConfig = { overrides: [{ files: ['*.dev.js'], rules: { 'origin-any': 'off' } }] };
    expect(resolveRuleSettings(config, RULES, 'a/b/cors.dev.js', '').has('origin-any')).toBe(false);
    expect(resolveRuleSettings(config, RULES, 'a/b/cors.js', '').has('origin-any')).toBe(true);
  });

  it('deep-merges options over the defaults, and a later level-only setting keeps them', () => {
    const config: CorslintConfig = {
      rules: { 'max-age-above-browser-cap': ['warn', { browsers: { chrome: 600 } }] },
      overrides: [{ files: ['x/**'], rules: { 'max-age-above-browser-cap': 'error' } }],
    };
    expect(resolveRuleSettings(config, RULES, 'x/a.js', '').get('max-age-above-browser-cap')).toEqual({
      level: 'error',
      options: { max: 7200, browsers: { chrome: 600, firefox: 86400 } },
    });
  });

  it('reports bad options with the JSON path and a suggestion', () => {
    const bad = (options: Record<string, unknown>): ConfigError => {
      const config: CorslintConfig = { overrides: [{ files: ['**'], rules: { 'max-age-above-browser-cap': ['warn', options] } }] };
      try {
        resolveRuleSettings(config, RULES, 'a.js', '', '.corslintrc.json');
      } catch (error) {
        return error as ConfigError;
      }
      throw new Error('expected a ConfigError');
    };
    const typo = bad({ maxx: 1 });
    expect(typo).toBeInstanceOf(ConfigError);
    expect(typo.message).toBe('.corslintrc.json: /overrides/0/rules/max-age-above-browser-cap/1: unknown option "maxx"; did you mean "max"?');
    expect(bad({ max: 'ten' }).pointer).toBe('/overrides/0/rules/max-age-above-browser-cap/1/max');
    expect(bad({ browsers: { firefox: -1.5 } }).pointer).toBe('/overrides/0/rules/max-age-above-browser-cap/1/browsers/firefox');
  });

  it('rejects options for a rule that takes none', () => {
    expect(() => resolveRuleSettings({ rules: { 'origin-any': ['warn', { x: 1 }] } }, RULES, 'a.js', '')).toThrow(/\/rules\/origin-any\/1: rule "origin-any" takes no options/);
  });
});

describe('deepMerge', () => {
  it('merges objects recursively and replaces arrays', () => {
    expect(deepMerge({ a: { b: 1, c: [1, 2] }, d: 1 }, { a: { c: [3] } })).toEqual({ a: { b: 1, c: [3] }, d: 1 });
  });
});
