// Config discovery, cascade, --config, plugins (local path, fake npm package, the example plugin).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../config/config-error.js';
import { resolveRuleSettings } from '../config/rule-settings.js';
import type { CorsPolicy, RuleContext } from '../rule-api/index.js';
import { loadConfig } from './load-config.js';

const KNOWN = ['origin-any', 'origin-null-allowed'];
const temps: string[] = [];

function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'corslint-config-'));
  temps.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

afterEach(() => {
  for (const root of temps.splice(0)) rmSync(root, { recursive: true, force: true });
});

const PLUGIN_SOURCE = (name: string, moduleKind: 'esm' | 'cjs') => {
  const body = `{ name: ${JSON.stringify(name)}, rules: [{ id: 'r', meta: { summary: 'S', severity: 'low', recommended: false, messages: { m: 'm' },
    docs: { why: 'w', fix: 'f', examples: [{ stack: 'express', kind: 'bad', code: 'a' }, { stack: 'express', kind: 'good', code: 'b' }] } },
    check() { return []; } }] }`;
  return moduleKind === 'esm' ? `export default ${body};\n` : `module.exports = ${body};\n`;
};

async function configError(promise: Promise<unknown>): Promise<ConfigError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigError);
  expect((error as Error).message).not.toMatch(/[\r\n]/);
  return error as ConfigError;
}

describe('loadConfig discovery', () => {
  it('finds the nearest config walking up, and merges parents until root: true', async () => {
    const root = project({
      '.git/HEAD': '',
      '.corslintrc.json': '{"rules":{"origin-any":"off"}}',
      'a/.corslintrc.yaml': 'root: true\nrules:\n  origin-null-allowed: warn\n',
      'a/b/package.json': '{"name":"b","corslint":{"rules":{"origin-any":"warn"},"ignorePatterns":["gen/"]}}',
      'a/b/c/.keep': '',
    });
    const loaded = await loadConfig({ cwd: join(root, 'a/b/c'), knownRuleIds: KNOWN });
    expect(loaded.files).toEqual([join(root, 'a/b/package.json'), join(root, 'a/.corslintrc.yaml')]);
    expect(loaded.dir).toBe(join(root, 'a'));
    expect(loaded.path).toBe(join(root, 'a/b/package.json'));
    expect(loaded.config.ignorePatterns).toEqual(['b/**/gen/']);
    const levels = (file: string) =>
      Object.fromEntries([...resolveRuleSettings(loaded.config, [fakeRule('origin-any'), fakeRule('origin-null-allowed')], file, loaded.dir)].map(([id, s]) => [id, s.level]));
    // Inside a/b the closer config wins; elsewhere under a/ only a's settings apply, and the
    // top-level "origin-any": "off" is not merged (a/ has root: true), so the default error stays.
    expect(levels(join(root, 'a/b/x.js'))).toEqual({ 'origin-any': 'warn', 'origin-null-allowed': 'warn' });
    expect(levels(join(root, 'a/other/x.js'))).toEqual({ 'origin-any': 'error', 'origin-null-allowed': 'warn' });
  });

  it('does not walk above the git repository root', async () => {
    const root = project({ '.corslintrc.json': '{"rules":{"origin-any":"off"}}', 'repo/.git/HEAD': '', 'repo/src/.keep': '' });
    const loaded = await loadConfig({ cwd: join(root, 'repo/src'), knownRuleIds: KNOWN });
    expect(loaded.files).toEqual([]);
    expect(loaded.config).toEqual({});
    expect(loaded.dir).toBe(join(root, 'repo/src'));
  });

  it('skips a directory named like a config file and a package.json without "corslint"', async () => {
    const root = project({ '.git/HEAD': '', '.corslintrc.json/x': '', 'package.json': '{"name":"p"}', '.corslintrc.yml': 'root: true\n' });
    const loaded = await loadConfig({ cwd: root, knownRuleIds: KNOWN });
    expect(loaded.path).toBe('.corslintrc.yml');
  });

  it('reads --config alone, reports a missing file, and honours --no-config', async () => {
    const root = project({ '.git/HEAD': '', '.corslintrc.json': '{"rulez":{}}', 'conf/x.json': '{"rules":{"origin-any":"warn"}}' });
    const loaded = await loadConfig({ cwd: root, configPath: 'conf/x.json', knownRuleIds: KNOWN });
    expect(loaded.config).toEqual({ rules: { 'origin-any': 'warn' } });
    expect(loaded.dir).toBe(join(root, 'conf'));
    const missing = await configError(loadConfig({ cwd: root, configPath: 'nope.json', knownRuleIds: KNOWN }));
    expect(missing.message).toBe('nope.json: config file not found');
    expect((await loadConfig({ cwd: root, noConfig: true, knownRuleIds: KNOWN })).config).toEqual({});
    const typo = await configError(loadConfig({ cwd: root, knownRuleIds: KNOWN }));
    expect(typo.message).toBe('.corslintrc.json: /rulez: unknown property "rulez"; did you mean "rules"?');
  });

  it('reports a JSON syntax error with the file and line:column', async () => {
    const root = project({ '.git/HEAD': '', '.corslintrc.json': '{\n  "root": true,\n}\n' });
    const error = await configError(loadConfig({ cwd: root, knownRuleIds: KNOWN }));
    expect(error.message).toMatch(/^\.corslintrc\.json:3:1: invalid JSON: /);
  });
});

function fakeRule(id: string) {
  return { id, meta: { summary: 's', severity: 'low' as const, recommended: true, messages: {}, docs: { why: '', fix: '', examples: [] } } };
}

describe('loadConfig plugins', () => {
  it('loads a local plugin and an npm-style package, and validates rule ids against them', async () => {
    const root = project({
      '.git/HEAD': '',
      'tools/local.mjs': PLUGIN_SOURCE('local', 'esm'),
      'node_modules/corslint-plugin-foo/package.json': '{"name":"corslint-plugin-foo","main":"index.cjs"}',
      'node_modules/corslint-plugin-foo/index.cjs': PLUGIN_SOURCE('foo', 'cjs'),
      'node_modules/@acme/corslint-plugin/package.json': '{"name":"@acme/corslint-plugin","type":"module","main":"index.js"}',
      'node_modules/@acme/corslint-plugin/index.js': PLUGIN_SOURCE('acme', 'esm'),
      '.corslintrc.json': JSON.stringify({ plugins: ['./tools/local.mjs', 'foo', '@acme'], rules: { 'foo/r': 'warn', 'local/r': 'error' } }),
    });
    const loaded = await loadConfig({ cwd: root, knownRuleIds: KNOWN });
    expect(loaded.plugins.map((rule) => rule.id)).toEqual(['local/r', 'foo/r', 'acme/r']);

    writeFileSync(join(root, '.corslintrc.json'), JSON.stringify({ plugins: ['foo'], rules: { 'foo/rr': 'warn' } }));
    const typo = await configError(loadConfig({ cwd: root, knownRuleIds: KNOWN }));
    expect(typo.message).toBe('.corslintrc.json: /rules/foo~1rr: unknown rule "foo/rr"; did you mean "foo/r"?');
  });

  it('reports a plugin that cannot be found or has the wrong shape', async () => {
    const root = project({ '.git/HEAD': '', '.corslintrc.json': '{"plugins":["bar"]}', 'bad.js': 'export default { name: "Bad", rules: [] };\n' });
    const missing = await configError(loadConfig({ cwd: root, knownRuleIds: KNOWN }));
    expect(missing.message).toContain('.corslintrc.json: /plugins/0: cannot find plugin "bar" (looked for "corslint-plugin-bar")');
    writeFileSync(join(root, '.corslintrc.json'), '{"plugins":["./bad.js"]}');
    const shape = await configError(loadConfig({ cwd: root, knownRuleIds: KNOWN }));
    expect(shape.message).toContain('plugin "./bad.js": "name" must be lowercase kebab-case');
  });

  it('checks plugin rule options while loading', async () => {
    const source = PLUGIN_SOURCE('opt', 'esm').replace("recommended: false,", "recommended: false, options: { schema: { type: 'object', additionalProperties: false, properties: { hosts: { type: 'array' } } }, defaults: { hosts: [] } },");
    const root = project({ '.git/HEAD': '', 'p.mjs': source, '.corslintrc.json': JSON.stringify({ plugins: ['./p.mjs'], rules: { 'opt/r': ['warn', { host: [] }] } }) });
    const error = await configError(loadConfig({ cwd: root, knownRuleIds: KNOWN }));
    expect(error.message).toBe('.corslintrc.json: /rules/opt~1r/1: unknown option "host"; did you mean "hosts"?');
  });

  it('loads the example plugin, whose rule flags staging origins', async () => {
    const exampleDir = fileURLToPath(new URL('../../examples/plugin/', import.meta.url));
    const loaded = await loadConfig({ cwd: exampleDir, knownRuleIds: KNOWN });
    expect(loaded.plugins.map((rule) => rule.id)).toEqual(['acme/no-staging-origins']);
    expect(resolveRuleSettings(loaded.config, loaded.plugins, join(exampleDir, 'app.js'), loaded.dir).get('acme/no-staging-origins')?.level).toBe('warn');

    const span = (line: number) => ({ file: 'app.js', line, column: 1, endLine: line, endColumn: 10 });
    const policy = {
      stack: 'express', layer: 'app', context: 'production', scope: 'cors()', span: span(1),
      origins: [
        { value: { kind: 'exact', origin: 'https://app.acme.test' }, span: span(2) },
        { value: { kind: 'exact', origin: 'https://api-staging.acme.test' }, span: span(3) },
        { value: { kind: 'pattern', pattern: 'staging', flavor: 'js-regexp-test' }, span: span(4) },
        { value: { kind: 'exact', origin: 'not a url staging' }, span: span(5) },
      ],
      credentials: { value: false, span: span(1) },
    } as CorsPolicy;
    const ctx = {
      options: undefined,
      finding: (messageId: string, at: unknown, options: unknown) => ({ messageId, span: at, options }),
    } as unknown as RuleContext<string, unknown>;
    const findings = [...loaded.plugins[0].check!(policy, ctx)];
    expect(findings).toHaveLength(1);
    expect(findings[0].messageId).toBe('staging');
    expect(findings[0].span.line).toBe(3);
    expect(findings[0].options.data).toEqual({ origin: 'https://api-staging.acme.test' });
  });
});
