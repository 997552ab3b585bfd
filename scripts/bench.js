#!/usr/bin/env node
// Performance benchmark (`npm run bench`): generates a synthetic repository and times corslint
// against `grep` and bare Node start-up. Prints figures and ratios; never part of the test suite.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { prng } from './bench-lib.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'bin', 'corslint.js');
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const FILES = Number(process.env.BENCH_FILES ?? 20000);


const filler = (rand, lines) =>
  Array.from({ length: lines }, (_, i) => `  const value${i} = compute(${Math.floor(rand() * 1000)}, "item-${i}"); // step ${i}`).join('\n');

const unrelated = {
  js: (rand) => `import { compute } from './lib.js';\n\nexport function handler(req, res) {\n${filler(rand, 30)}\n  res.json({ ok: true });\n}\n`,
  py: (rand) => `import os\n\n\ndef handler(request):\n${filler(rand, 30).replace(/const |;|\/\/.*$/gm, '')}\n    return {"ok": True}\n`,
  json: (rand) => `${JSON.stringify({ name: `pkg-${Math.floor(rand() * 1e6)}`, version: '1.0.0', scripts: { build: 'tsc' }, items: Array.from({ length: 20 }, (_, i) => ({ id: i, label: `label ${i}` })) }, null, 2)}\n`,
  conf: (rand) => `# worker settings\nworker_processes ${1 + Math.floor(rand() * 8)};\nevents {\n    worker_connections 1024;\n}\n`,
};

const cors = {
  json: () => `${JSON.stringify({ CORSRules: [{ AllowedOrigins: ['*'], AllowedMethods: ['GET', 'PUT'], MaxAgeSeconds: 86400 }, { AllowedOrigins: ['http://app.example.com'], AllowedMethods: ['GET'] }] }, null, 2)}\n`,
  js: () => `import cors from 'cors';\nimport express from 'express';\nconst app = express();\napp.use(cors({ origin: true, credentials: true }));\n`,
  py: () => `CORS_ALLOW_ALL_ORIGINS = True\nCORS_ALLOW_CREDENTIALS = True\n`,
  conf: () => `server {\n    listen 80;\n    location /api/ {\n        add_header Access-Control-Allow-Origin $http_origin;\n        add_header Access-Control-Allow-Credentials true;\n    }\n}\n`,
};

function generate(dir, count) {
  rmSync(dir, { recursive: true, force: true });
  const rand = prng(20261122);
  const kinds = ['js', 'py', 'json', 'conf'];
  for (let i = 0; i < count; i++) {
    const kind = kinds[i % kinds.length];
    const sub = join(dir, `pkg${Math.floor(i / 200)}`, kind === 'conf' ? 'conf.d' : 'src');
    if (i % 200 === 0 || i % 200 < 4) mkdirSync(sub, { recursive: true });
    // About 1% of the files are CORS configurations.
    const text = i % 100 === 7 ? cors[kind]() : unrelated[kind](rand);
    writeFileSync(join(sub, `file${i}.${kind}`), text);
  }
}

function time(cmd, args, cwd) {
  const samples = [];
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    const run = spawnSync(cmd, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (run.status !== 0 && run.status !== 1) throw new Error(`${cmd} ${args.join(' ')} exited ${run.status}: ${run.stderr}`);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

const work = join(tmpdir(), 'corslint-bench');
const repo = join(work, 'repo');
const small = join(work, 'small');
process.stdout.write(`generating ${FILES} files in ${repo} …\n`);
generate(repo, FILES);
rmSync(small, { recursive: true, force: true });
mkdirSync(small, { recursive: true });
for (let i = 0; i < 5; i++) writeFileSync(join(small, `module${i}.js`), unrelated.js(prng(i)));

const ms = (x) => `${x.toFixed(0)} ms`;
const grep = time('grep', ['-rlE', 'cors|Access-Control', '.'], repo);
const whole = time(process.execPath, [bin, '.', '--format', 'json'], repo);
const node0 = time(process.execPath, ['-e', '0'], small);
const five = time(process.execPath, [bin, ...[0, 1, 2, 3, 4].map((i) => `module${i}.js`)], small);

const rows = [
  ['whole repository (20,000 files)', ms(whole), `${(whole / grep).toFixed(2)}× grep (${ms(grep)})`, whole <= 2000 && whole <= 3 * grep ? 'ok (≤ 2 s, ≤ 3× grep)' : 'OVER TARGET'],
  ['5 files without CORS content', ms(five), `+${ms(five - node0)} over node -e 0 (${ms(node0)})`, five - node0 <= 60 ? 'ok (≤ +60 ms)' : 'OVER TARGET'],
];
process.stdout.write(`\nmedian of ${RUNS} runs, ${process.version}, ${spawnSync('nproc').stdout?.toString().trim()} cores\n`);
for (const r of rows) process.stdout.write(`${r[0].padEnd(34)} ${r[1].padStart(8)}   ${r[2].padEnd(34)} ${r[3]}\n`);
