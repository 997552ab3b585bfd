#!/usr/bin/env node
// nginx adapter benchmark: parse + analysis throughput on a generated 5,000-server configuration and
// wall time / peak RSS on a 10 MB one. Runs against dist/ (build first: `npx tsc -p tsconfig.json`).
// CPU time is printed next to wall time because a loaded machine inflates the latter.
// Each measurement runs in a fresh child process reading the generated file, so that peak RSS belongs
// to one analysis alone (the text included, the generator's garbage not).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { prng } from './bench-lib.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const analyzeModule = join(root, 'dist', 'src', 'stacks', 'nginx', 'analyze.js');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

/** One realistic server block: maps are shared; servers mix static, proxied and CORS locations. */
function server(i, rand) {
  const cors = rand() < 0.5;
  const lines = [
    `    server {`,
    `        listen 127.0.0.1:${10000 + (i % 50000)};`,
    `        server_name site${i}.example.com www.site${i}.example.com;`,
    `        root /var/www/site${i};`,
    `        index index.html;`,
    `        add_header X-Content-Type-Options nosniff always;`,
    `        location / {`,
    `            try_files $uri $uri/ /index.html;`,
    `        }`,
    `        location ~* \\.(?:css|js|woff2?)$ {`,
    `            expires 1y;`,
    `            add_header Cache-Control "public, immutable";`,
    `        }`,
  ];
  if (cors) {
    lines.push(
      `        location /api/ {`,
      `            add_header Access-Control-Allow-Origin $cors_origin always;`,
      `            add_header Access-Control-Allow-Credentials true always;`,
      `            add_header Vary Origin always;`,
      `            if ($request_method = OPTIONS) {`,
      `                add_header Access-Control-Allow-Origin $cors_origin;`,
      `                add_header Access-Control-Allow-Methods "GET, POST, PUT, DELETE";`,
      `                add_header Access-Control-Allow-Headers "Authorization, Content-Type";`,
      `                add_header Access-Control-Max-Age ${Math.floor(rand() * 7200)};`,
      `                return 204;`,
      `            }`,
      `            proxy_pass http://127.0.0.1:${3000 + (i % 100)};`,
      `            proxy_set_header Host $host;`,
      `        }`,
    );
  } else {
    lines.push(`        location /health { return 200 "ok"; }`);
  }
  lines.push(`    }`);
  return lines.join('\n');
}

function generate(targetBytes, maxServers) {
  const rand = prng(42);
  const head = [
    'events { worker_connections 1024; }',
    'http {',
    '    map $http_origin $cors_origin {',
    '        default "";',
    '        "~^https://(app|admin)\\.example\\.com$" $http_origin;',
    '    }',
  ].join('\n');
  const parts = [head];
  let size = head.length;
  for (let i = 0; (maxServers === undefined || i < maxServers) && (targetBytes === undefined || size < targetBytes); i++) {
    const s = server(i, rand);
    parts.push(s);
    size += s.length + 1;
  }
  parts.push('}\n');
  return parts.join('\n');
}

/** Times RUNS analyses of the file (median), or measures one analysis's peak RSS in a fresh process. */
async function child(mode, file) {
  const { analyzeNginx } = await import(pathToFileURL(analyzeModule).href);
  const text = readFileSync(file, 'utf8');
  const bytes = Buffer.byteLength(text);
  const host = { readFile: () => undefined, listFiles: () => [], contextFor: () => 'production' };
  const runs = mode === 'time' ? RUNS : 1;
  const times = [];
  const cpu = [];
  let policies = 0;
  for (let r = 0; r < runs; r++) {
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    policies = analyzeNginx([{ path: 'nginx.conf', text }], host).policies.length;
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const wall = median(times);
  process.stdout.write(
    JSON.stringify({ bytes, policies, medianMs: wall, cpuMs: median(cpu), mbPerS: bytes / 1024 / 1024 / (wall / 1000), peakRssMb: process.resourceUsage().maxRSS / 1024 }),
  );
}

function run(mode, file) {
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', mode, file], { encoding: 'utf8' });
  if (r.status !== 0) {
    console.error(r.stderr);
    process.exit(1);
  }
  return JSON.parse(r.stdout);
}

if (process.argv[2] === '--child') {
  await child(process.argv[3], process.argv[4]);
} else {
  if (!existsSync(analyzeModule)) {
    console.error(`${analyzeModule} is missing: build first with \`npx tsc -p tsconfig.json\``);
    process.exit(1);
  }
  const dir = mkdtempSync(join(tmpdir(), 'corslint-bench-nginx-'));
  try {
    const cases = [
      ['5,000 servers', generate(undefined, 5000)],
      ['10 MB config', generate(10 * 1024 * 1024, undefined)],
    ];
    for (const [label, text] of cases) {
      const file = join(dir, `${label.replace(/\W+/g, '-')}.conf`);
      writeFileSync(file, text);
      const t = run('time', file);
      const m = run('rss', file);
      console.log(
        `${label.padEnd(14)} ${(t.bytes / 1024 / 1024).toFixed(2)} MB, ${t.policies} policies: median of ${RUNS} ${t.medianMs.toFixed(0)} ms wall / ${t.cpuMs.toFixed(0)} ms CPU (${t.mbPerS.toFixed(1)} MB/s); one cold run ${m.medianMs.toFixed(0)} ms, peak RSS ${m.peakRssMb.toFixed(0)} MB`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
