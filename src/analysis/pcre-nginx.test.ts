// Runs map regexes in a real nginx and checks that the pcre-unanchored matcher agrees on every origin.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileOrigin, isUnverifiable } from './index.js';

const NGINX = '/usr/sbin/nginx';
const haveNginx = existsSync(NGINX);
if (!haveNginx) console.warn(`skipping the nginx PCRE comparison: ${NGINX} is not installed`);

const PATTERNS = [
  'example.com',
  '^https://example\\.com$',
  '^https://([a-z0-9-]+\\.)?example\\.com$',
  'https://.*\\.example\\.com',
  '^https?://(www\\.)?example\\.com',
  'x{,2}y',
  '^https://x{2}\\.example\\.com$',
  '[[:alpha:]]+\\.example\\.com$',
  '^https://[[:^digit:]]+\\.com$',
  '(?i)^https://APP\\.example\\.com$',
  '^https://a(?i)PP\\.example\\.com$',
  '^https://(?i:APP)\\.example\\.com$',
  '^https://[a-z]++\\.example\\.com$',
  '^https://(?>[a-z0-9]+)\\.example\\.com$',
  '\\Ahttps://a\\.com\\z',
  '^https://a\\.com\\Z',
  'https://\\x61\\.com$',
  '^https://\\Qa.com\\E$',
  '(?x) ^https:// a \\. com $',
  '\\bcom\\b',
  '^https://\\d+\\.example',
  '^https://[^.]+\\.example\\.com$',
  '^(null|https://a\\.com)$',
  '^https://(?P<sub>[a-z]+)\\.example\\.com$',
];

const ORIGINS = [
  'https://example.com',
  'https://EXAMPLE.com',
  'https://app.example.com',
  'https://APP.example.com',
  'https://aPP.example.com',
  'https://a.example.com.evil.example',
  'https://evilexample.com',
  'https://examplexcom',
  'http://example.com',
  'https://www.example.com',
  'https://xx.example.com',
  'https://xxy.com',
  'https://a.com',
  'https://a.comx',
  'https://axcom',
  'https://123.example.com',
  'https://a1.example.com',
  'https://a-b.example.com',
  'null',
  'https://com.evil.example',
  'https://ab_c.example.com',
];

interface Case {
  pattern: string;
  flags: '' | 'i';
}
const CASES: Case[] = PATTERNS.flatMap((pattern) => [{ pattern, flags: '' as const }, { pattern, flags: 'i' as const }]);

const quote = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

describe.skipIf(!haveNginx)('pcre-unanchored agrees with nginx map regexes', () => {
  let dir = '';
  let port = 0;
  let proc: ChildProcess | undefined;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'corslint-nginx-'));
    port = await freePort();
    // `nginx -V` prints its configure arguments on stderr.
    const v = spawnSync(NGINX, ['-V'], { encoding: 'utf8' });
    const configure = `${v.stdout}${v.stderr}`;
    // Every temp path of a compiled-in module must be writable, or nginx refuses to start as non-root.
    const temps = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']
      .filter((m) => m === 'client_body' || !configure.includes(`--without-http_${m}_module`))
      .map((m) => `  ${m}_temp_path ${join(dir, m)};`);
    const maps = CASES.map((c, i) => `  map $http_origin $m${i} { default 0; ${quote(`~${c.flags ? '*' : ''}${c.pattern}`)} 1; }`);
    const locations = CASES.map((_, i) => `    location = /${i} { add_header X-Match $m${i} always; return 204; }`);
    const conf = [
      'daemon off;',
      'master_process off;',
      'worker_processes 1;',
      `error_log ${join(dir, 'error.log')};`,
      `pid ${join(dir, 'nginx.pid')};`,
      'events { worker_connections 64; }',
      'http {',
      '  access_log off;',
      ...temps,
      ...maps,
      `  server {`,
      `    listen 127.0.0.1:${port};`,
      ...locations,
      '  }',
      '}',
      '',
    ].join('\n');
    writeFileSync(join(dir, 'nginx.conf'), conf);
    proc = spawn(NGINX, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log')], { stdio: 'ignore' });
    const deadline = Date.now() + 5000;
    for (;;) {
      const up = await new Promise<boolean>((resolve) => {
        const s = net.connect(port, '127.0.0.1', () => {
          s.destroy();
          resolve(true);
        });
        s.on('error', () => resolve(false));
      });
      if (up) break;
      if (Date.now() > deadline || proc.exitCode !== null) {
        const log = existsSync(join(dir, 'error.log')) ? readFileSync(join(dir, 'error.log'), 'utf8') : '';
        throw new Error(`nginx did not start: ${log}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  });

  let matched = 0;
  afterAll(() => {
    // Guard against a setup where nginx answers 0 everywhere: many cases above must match.
    if (proc) expect(matched).toBeGreaterThan(50);
    agent.destroy();
    if (proc && proc.exitCode === null) proc.kill('SIGTERM');
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const ask = (i: number, origin: string) =>
    new Promise<string>((resolve, reject) => {
      const req = http.get({ host: '127.0.0.1', port, path: `/${i}`, headers: { Origin: origin }, agent }, (res) => {
        res.resume();
        res.on('end', () => resolve(String(res.headers['x-match'])));
      });
      req.on('error', reject);
      req.setTimeout(2000, () => req.destroy(new Error('timeout')));
    });

  CASES.forEach((c, i) => {
    it(`${c.flags ? '~*' : '~'} ${c.pattern}`, async () => {
      const m = compileOrigin({ kind: 'pattern', pattern: c.pattern, flavor: 'pcre-unanchored', flags: c.flags });
      if (isUnverifiable(m)) throw new Error(`unverifiable: ${m.reason}`);
      const real = await Promise.all(ORIGINS.map((o) => ask(i, o)));
      expect(real.every((r) => r === '0' || r === '1')).toBe(true);
      const disagreements = ORIGINS.flatMap((o, k) => ((real[k] === '1') !== m.accepts(o) ? [`${o} (nginx says ${real[k]})`] : []));
      expect(disagreements).toEqual([]);
      matched += real.filter((r) => r === '1').length;
    });
  });
});
