// Validation messages: one line, the file, the JSON path, and a useful hint.
import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.js';
import { parseConfigText } from './parse.js';
import { suggest } from './suggest.js';
import { validateConfig } from './validate.js';

const KNOWN = ['origin-any', 'origin-null-allowed', 'max-age-above-browser-cap', 'acme/no-staging-origins'];

function errorOf(raw: unknown): ConfigError {
  try {
    validateConfig(raw, '.corslintrc.json', KNOWN);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    const configError = error as ConfigError;
    expect(configError.message).not.toMatch(/[\r\n]/);
    expect(configError.message.startsWith('.corslintrc.json: ')).toBe(true);
    return configError;
  }
  throw new Error('expected a ConfigError');
}

describe('validateConfig', () => {
  it('returns a valid config unchanged', () => {
    const raw = { rules: { 'origin-any': 'off', 'acme/no-staging-origins': ['warn'] }, root: true };
    expect(validateConfig(raw, 'c.json', KNOWN)).toBe(raw);
  });

  it('names a misspelt top-level key and suggests the right one', () => {
    const error = errorOf({ rulez: {} });
    expect(error.pointer).toBe('/rulez');
    expect(error.message).toBe('.corslintrc.json: /rulez: unknown property "rulez"; did you mean "rules"?');
  });

  it('suggests "warn" for "warning"', () => {
    const error = errorOf({ rules: { 'origin-any': 'warning' } });
    expect(error.message).toContain('/rules/origin-any: level must be "off", "warn" or "error", got "warning"; did you mean "warn"?');
  });

  it('maps ESLint numeric levels', () => {
    expect(errorOf({ rules: { 'origin-any': 2 } }).message).toContain('did you mean "error"?');
    expect(errorOf({ rules: { 'origin-any': [0] } }).pointer).toBe('/rules/origin-any/0');
  });

  it('suggests the nearest known rule for a misspelt id', () => {
    const error = errorOf({ rules: { 'origin-anyy': 'off' } });
    expect(error.pointer).toBe('/rules/origin-anyy');
    expect(error.message).toContain('unknown rule "origin-anyy"; did you mean "origin-any"?');
  });

  it('escapes "/" in a plugin rule id in the JSON pointer and suggests within the plugin', () => {
    const error = errorOf({ overrides: [{ files: ['a/**'], rules: { 'acme/no-staging-origin': 'off' } }] });
    expect(error.pointer).toBe('/overrides/0/rules/acme~1no-staging-origin');
    expect(error.message).toContain('did you mean "acme/no-staging-origins"?');
  });

  it('says when a rule names a plugin that is not loaded', () => {
    expect(errorOf({ rules: { 'foo/bar': 'off' } }).message).toContain('no plugin named "foo" is loaded');
  });

  it('rejects ids that are not kebab-case', () => {
    expect(errorOf({ rules: { Bad_Rule: 'off' } }).message).toContain('/rules/Bad_Rule: invalid rule id "Bad_Rule"');
  });

  it('requires files in an override', () => {
    const error = errorOf({ overrides: [{ rules: { 'origin-any': 'off' } }] });
    expect(error.pointer).toBe('/overrides/0');
    expect(error.message).toContain('missing required property "files"');
  });

  it('suggests the context name', () => {
    const error = errorOf({ contexts: { dev: ['x/**'] } });
    expect(error.pointer).toBe('/contexts/dev');
    expect(error.message).toContain('did you mean "development"?');
  });

  it('rejects a trusted origin with a path', () => {
    expect(errorOf({ trustedOrigins: ['https://app.example.com/'] }).pointer).toBe('/trustedOrigins/0');
  });

  it('rejects options that are not an object', () => {
    expect(errorOf({ rules: { 'origin-any': ['warn', 7200] } }).pointer).toBe('/rules/origin-any/1');
  });

  it('flattens line breaks in quoted values into one line', () => {
    expect(errorOf({ 'a\nb': 1 }).message).not.toContain('\n');
  });
});

describe('suggest', () => {
  it('finds close spellings and prefixes, and nothing for unrelated words', () => {
    expect(suggest('ignorePattern', ['ignorePatterns', 'rules'])).toBe('ignorePatterns');
    expect(suggest('prod', ['production', 'test'])).toBe('production');
    expect(suggest('Error', ['off', 'warn', 'error'])).toBe('error');
    expect(suggest('banana', ['off', 'warn', 'error'])).toBeUndefined();
  });
});

describe('parseConfigText', () => {
  it('reports a JSON syntax error with line:column', () => {
    // The missing comma is detected at the second property's key: line 3, column 3.
    const text = '{\n  "rules": {}\n  "root": true\n}';
    expect(() => parseConfigText(text, '.corslintrc.json')).toThrow(/^\.corslintrc\.json:3:3: invalid JSON: comma expected$/);
  });

  it('is strict JSON: comments are errors', () => {
    expect(() => parseConfigText('{ // hi\n}', '.corslintrc.json')).toThrow(/\.corslintrc\.json:1:3: invalid JSON/);
  });

  it('ignores a byte-order mark', () => {
    expect(parseConfigText('\uFEFF{"root":true}', '.corslintrc.json')).toEqual({ root: true });
  });

  it('reads YAML, where off is the string "off" (YAML 1.2)', () => {
    const text = 'rules:\n  origin-any: off\n  max-age-above-browser-cap: [warn, { max: 7200 }]\n';
    expect(parseConfigText(text, 'dir/.corslintrc.yaml')).toEqual({
      rules: { 'origin-any': 'off', 'max-age-above-browser-cap': ['warn', { max: 7200 }] },
    });
    expect(parseConfigText('# nothing yet\n', '.corslintrc.yml')).toEqual({});
  });

  it('reports a YAML error with line:column on one line', () => {
    expect(() => parseConfigText('rules:\n  a: off\n  a: warn\n', '.corslintrc.yml')).toThrow(/^\.corslintrc\.yml:3:3: invalid YAML: [^\n]+$/);
  });

  it('takes the "corslint" key of package.json', () => {
    expect(parseConfigText('{"name":"x","corslint":{"root":true}}', 'package.json')).toEqual({ root: true });
    expect(parseConfigText('{"name":"x"}', 'a/package.json')).toBeUndefined();
  });
});
