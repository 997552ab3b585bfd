// End-to-end: the built CLI on real folders — exit codes, formats, config errors and bad input.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { githubSarifProblems } from '../src/reporters/sarif-checks.js';
import { ajvSarifErrors } from './harness/sarif-validate.js';
import { ROOT } from './harness/fixtures.js';

const BIN = join(ROOT, 'bin', 'corslint.js');
const work = mkdtempSync(join(tmpdir(), 'corslint-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function run(args: string[], options: { cwd?: string; input?: string; env?: Record<string, string> } = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? work,
    input: options.input,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, ...options.env } as NodeJS.ProcessEnv,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function project(name: string, files: Record<string, string | Buffer>): string {
  const dir = join(work, name);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

const BAD_S3 = `{
  "CORSRules": [
    {
      "AllowedOrigins": ["http://app.example.com", "https://app.example.com/"],
      "AllowedMethods": ["GET", "PATCH"]
    }
  ]
}
`;
const CLEAN_S3 = `[{ "AllowedOrigins": ["https://app.example.com"], "AllowedMethods": ["GET"] }]\n`;

describe('exit codes and locations', () => {
  const dir = project('bad', { 'infra/cors.json': BAD_S3 });
  const clean = project('clean', { 'infra/cors.json': CLEAN_S3, 'README.md': 'AllowedOrigins are set in infra/' });

  it('prints each finding at its line and column and exits 1', () => {
    const r = run(['.'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('infra/cors.json');
    expect(r.stdout).toMatch(/4:26\s+medium\s+"http:\/\/app\.example\.com" is trusted over plain http/);
    expect(r.stdout).toMatch(/4:52\s+low\s+.*never matches.*origin-never-matches/);
    expect(r.stdout).toMatch(/5:33\s+medium\s+S3 does not accept the method "PATCH".*config-invalid/);
  });

  it('exits 0 on a clean folder', () => {
    const r = run(['.'], { cwd: clean });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('--fail-on high lets medium findings pass; --max-warnings 0 fails again', () => {
    expect(run(['.', '--fail-on', 'high'], { cwd: dir }).code).toBe(0);
    expect(run(['.', '--fail-on', 'high', '--max-warnings', '0'], { cwd: dir }).code).toBe(1);
  });

  it('--quiet shows only findings at or above --fail-on', () => {
    const r = run(['.', '--quiet', '--format', 'json'], { cwd: dir });
    const report = JSON.parse(r.stdout) as { findings: { severity: string }[] };
    expect(report.findings.map((f) => f.severity).sort()).toEqual(['medium', 'medium']);
  });

  it('a bad flag or value exits 2 with one line', () => {
    for (const args of [['--frobnicate'], ['--format', 'xml'], ['--fail-on', 'critical'], ['--max-warnings', 'many'], ['no/such/path']]) {
      const r = run(args, { cwd: dir });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.stderr).toMatch(/^corslint: /);
    }
  });

  it('a bad config exits 2 naming the JSON path and a suggestion', () => {
    const bad = project('badconfig', { '.corslintrc.json': '{ "rulez": {} }', 'cors.json': CLEAN_S3 });
    const r = run(['.'], { cwd: bad });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('/rulez');
    expect(r.stderr).toContain('rules');
    const misspelt = project('badrule', { '.corslintrc.json': '{ "rules": { "origin-anyy": "off" } }', 'cors.json': CLEAN_S3 });
    const r2 = run(['.'], { cwd: misspelt });
    expect(r2.code).toBe(2);
    expect(r2.stderr).toContain('origin-any');
  });

  it('config levels and --no-config', () => {
    const configured = project('configured', {
      '.corslintrc.json': '{ "rules": { "origin-http-scheme": "off", "config-invalid": "warn", "origin-never-matches": "off" } }',
      'cors.json': BAD_S3,
    });
    const r = run(['.', '--format', 'json'], { cwd: configured });
    const report = JSON.parse(r.stdout) as { findings: { ruleId: string }[] };
    expect(report.findings.map((f) => f.ruleId)).toEqual(['config-invalid']);
    // A `warn` finding is reported but does not fail the run.
    expect(r.code).toBe(0);
    expect(run(['.', '--no-config'], { cwd: configured }).code).toBe(1);
  });
});

describe('formats and output', () => {
  const dir = project('formats', { 'my dir/cors.json': BAD_S3 });

  it('json follows the schemaVersion 1 contract', () => {
    const report = JSON.parse(run(['.', '-f', 'json'], { cwd: dir }).stdout);
    expect(report.schemaVersion).toBe(1);
    expect(report.tool).toEqual({ name: 'corslint', version: '0.1.0' });
    expect(report.files).toEqual([expect.objectContaining({ path: 'my dir/cors.json', stack: 's3', policies: 1 })]);
    expect(report.findings[0]).toEqual({
      ruleId: 'origin-http-scheme',
      severity: 'medium',
      message: expect.stringContaining('http://app.example.com'),
      file: 'my dir/cors.json',
      line: 4,
      column: 26,
      endLine: 4,
      endColumn: 50,
      stack: 's3',
      witness: null,
      suppressed: false,
    });
    expect(report.summary).toEqual({ files: 1, findings: 3, high: 0, medium: 2, low: 1, info: 0 });
  });

  it('sarif validates against the official schema and GitHub ingestion checks, written with --output', () => {
    const r = run(['.', '-f', 'sarif', '-o', 'out.sarif'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const log = JSON.parse(spawnSync('cat', [join(dir, 'out.sarif')], { encoding: 'utf8' }).stdout);
    expect(ajvSarifErrors(log)).toEqual([]);
    expect(githubSarifProblems(log)).toEqual([]);
    expect(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('my%20dir/cors.json');
    expect(log.runs[0].automationDetails).toBeUndefined();
  });

  it('github prints workflow annotations', () => {
    const out = run(['.', '-f', 'github'], { cwd: dir }).stdout;
    expect(out).toMatch(/^::warning file=my dir\/cors\.json,line=4,endLine=4,col=26,endColumn=50,title=/m);
  });

  it('stylish uses colour only when asked', () => {
    expect(run(['.'], { cwd: dir }).stdout).not.toContain('\u001b[');
    expect(run(['.', '--color'], { cwd: dir }).stdout).toContain('\u001b[');
    expect(run(['.'], { cwd: dir, env: { FORCE_COLOR: '1', NO_COLOR: '' } }).stdout).toContain('\u001b[');
  });

  it('--stdin lints standard input as the named file', () => {
    const r = run(['--stdin', '--stdin-filename', 'bucket/cors.json', '-f', 'json'], { input: BAD_S3 });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).findings[0].file).toBe('bucket/cors.json');
  });
});

describe('bad input never stops the run', () => {
  it('reports every other file while broken ones give findings or are skipped', () => {
    const dir = project('mixed', {
      'a/invalid.json': '{ "CORSRules": [ { "AllowedOrigins": ["*"], ',
      'b/empty.json': '',
      'c/binary.json': Buffer.from([0x7b, 0x00, 0x01, 0x02, 0x41, 0x6c, 0x6c, 0x6f, 0x77, 0x65, 0x64, 0x4f, 0x72, 0x69, 0x67, 0x69, 0x6e, 0x73]),
      'd/latin1.json': Buffer.concat([Buffer.from('[{"ID": "caf'), Buffer.from([0xe9, 0xff]), Buffer.from('", "AllowedOrigins": ["http://x.example.com"], "AllowedMethods": ["GET"]}]')]),
      'e/big.json': `[${Array.from({ length: 150_000 }, (_, i) => `{"ID": "rule-${i}-${'x'.repeat(100)}", "AllowedOrigins": ["https://a${i}.example.com"], "AllowedMethods": ["GET"]}`).join(',\n')}]`,
      'f/unreadable.json': CLEAN_S3.replace('https://app', 'http://unreadable'),
      'g/cors.json': BAD_S3,
    });
    mkdirSync(join(dir, '.corslintrc.json', 'inner'), { recursive: true }); // a folder named like a config file
    mkdirSync(join(dir, 'loop'));
    symlinkSync(join(dir, 'loop'), join(dir, 'loop', 'self'));
    symlinkSync(join(dir, 'h-link.json'), join(dir, 'h-link.json')); // a file link that points at itself
    chmodSync(join(dir, 'f/unreadable.json'), 0o000);
    const asRoot = process.getuid?.() === 0; // root reads any file: then it is linted normally

    const r = run(['.', '-f', 'json'], { cwd: dir });
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { findings: { file: string; ruleId: string; line: number; message: string }[] };
    const byFile = (f: string) => report.findings.filter((x) => x.file === f);
    expect(byFile('a/invalid.json').map((f) => f.ruleId)).toContain('parse-error');
    expect(byFile('b/empty.json')).toEqual([]);
    expect(byFile('c/binary.json')).toEqual([]);
    expect(byFile('d/latin1.json').map((f) => f.ruleId)).toEqual(['origin-http-scheme']);
    expect(byFile('e/big.json').length).toBeGreaterThan(0); // 150,000 rules: more than S3's 100
    expect(byFile('e/big.json')[0].message).toContain('at most 100');
    expect(byFile('g/cors.json').map((f) => f.ruleId).sort()).toEqual(['config-invalid', 'origin-http-scheme', 'origin-never-matches']);
    if (!asRoot) expect(byFile('f/unreadable.json')[0].message).toContain('cannot read');
    expect(byFile('h-link.json').map((f) => f.message)).toEqual([expect.stringContaining('cannot read')]);
  }, 60_000);
});

describe('plugins', () => {
  it('the example plugin is loaded from the config and reports under its namespaced id', () => {
    const r = run(['examples/plugin', '-f', 'json'], { cwd: ROOT });
    const report = JSON.parse(r.stdout) as { findings: { ruleId: string; line: number; column: number; message: string }[] };
    expect(report.findings).toEqual([
      expect.objectContaining({ ruleId: 'acme/no-staging-origins', line: 3, column: 51, message: expect.stringContaining('https://staging.example.com') }),
    ]);
    // The plugin's rule is set to `warn` in examples/plugin/.corslintrc.json: reported, not failing.
    expect(r.code).toBe(0);
  });
});

describe('skipped files', () => {
  it('a minified bundle is not analysed, and the run says so on stderr', () => {
    const dir = project('bundle', { 'public/app.min.js': `import cors from 'cors';${'var a=1;'.repeat(2000)}\n` });
    const r = run(['.'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('public/app.min.js: not analysed');
  });
});

describe('content pre-filter (grep) for large trees', () => {
  it('its pattern matches every fixture file some adapter accepts', async () => {
    const { CANDIDATE_PATTERN } = await import('../src/cli/prefilter.js');
    const { builtinAdapters } = await import('../src/stacks/index.js');
    const { loadFixtures } = await import('./harness/fixtures.js');
    const pattern = new RegExp(CANDIDATE_PATTERN, 'i');
    let accepted = 0;
    for (const path of loadFixtures().flatMap((f) => f.files)) {
      const text = spawnSync('cat', [join(ROOT, path)], { encoding: 'utf8' }).stdout;
      if (!builtinAdapters.some((a) => a.wantsPath(path) && a.accepts(path, text))) continue;
      accepted++;
      expect(pattern.test(text), path).toBe(true);
    }
    expect(accepted).toBeGreaterThan(100);
  });

  it('reports exactly what reading every file in-process reports', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 1200; i++) files[`src/m${i}.js`] = `export const v${i} = ${i};\n`;
    files['src/server.js'] = "const cors = require('cors');\napp.use(cors({ origin: true, credentials: true }));\n";
    files['deploy/site.conf'] = 'server {\n  location / {\n    add_header Access-Control-Allow-Origin $http_origin;\n  }\n}\n';
    files['infra/cors.json'] = BAD_S3;
    files['app/settings.py'] = 'CORS_ALLOW_ALL_ORIGINS = True\nCORS_ALLOW_CREDENTIALS = True\n';
    const dir = project('prefilter', files);
    const withGrep = run(['.', '-f', 'json'], { cwd: dir });
    const without = run(['.', '-f', 'json'], { cwd: dir, env: { CORSLINT_PREFILTER: 'off' } });
    expect(JSON.parse(withGrep.stdout).findings.length).toBeGreaterThan(4);
    expect(withGrep.stdout).toBe(without.stdout);
  });
});

describe('subcommands', () => {
  it('explain --format json prints the model as DESIGN.md describes it', () => {
    const dir = project('explain', { 'cors.json': BAD_S3 });
    const out = JSON.parse(run(['explain', 'cors.json', '--format', 'json'], { cwd: dir }).stdout);
    expect(out.schemaVersion).toBe(1);
    expect(out.policies).toHaveLength(1);
    expect(out.policies[0]).toMatchObject({
      file: 'cors.json',
      stack: 's3',
      layer: 'storage',
      context: 'production',
      scope: 'CORSRules[0]',
      credentials: true,
      origins: [
        { kind: 'exact', value: 'http://app.example.com', line: 4, column: 26 },
        { kind: 'exact', value: 'https://app.example.com/', line: 4, column: 52 },
      ],
    });
  });

  it('rules --format json lists every rule with severity and stacks', () => {
    const out = JSON.parse(run(['rules', '--format', 'json']).stdout) as { rules: { id: string; severity: string; stacks: string[] }[] };
    expect(out.rules.find((r) => r.id === 'origin-reflected-with-credentials')).toMatchObject({ severity: 'high' });
    expect(out.rules.find((r) => r.id === 'methods-write-from-any-origin')?.stacks).toEqual(['s3']);
  });

  it('a closed output pipe ends quietly', () => {
    const r = spawnSync('sh', ['-c', `node ${BIN} rules | head -1`], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n').filter(Boolean)).toHaveLength(1);
  });
});

describe('SARIF rule list', () => {
  it('lists every rule the config enables, fired or not, and none it turns off', () => {
    const dir = project('sarif-rules', { '.corslintrc.json': '{ "rules": { "origin-any": "off" } }', 'cors.json': CLEAN_S3 });
    const r = run(['.', '-f', 'sarif'], { cwd: dir });
    const ids = (JSON.parse(r.stdout).runs[0].tool.driver.rules as { id: string }[]).map((x) => x.id);
    expect(ids).not.toContain('origin-any');
    expect(ids).toContain('origin-reflected-with-credentials');
    expect(ids).toContain('max-age-above-browser-cap');
  });
});
