#!/usr/bin/env node
// Node adapter benchmark: parse + analysis throughput on generated Express/Koa/NestJS files, and the
// CLI's wall time on a generated 20,000-file JavaScript monorepo where 1% of the files use cors.
// Runs against dist/ (build first: `npx tsc -p tsconfig.json`).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { prng } from './bench-lib.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const MONOREPO_FILES = Number(process.env.BENCH_FILES ?? 20_000);


/** Ordinary application code: routes and helpers with no CORS in them (most of a server file). */
function routeBlock(i, rand) {
  const method = ['get', 'post', 'put', 'delete'][Math.floor(rand() * 4)];
  return `
router.${method}('/items${i}/:id', async (req, res, next) => {
  try {
    const { id } = req.params;
    const limit = Math.min(Number(req.query.limit ?? 20), 100);
    const rows = await db.query('SELECT * FROM items${i} WHERE id = $1 LIMIT $2', [id, limit]);
    if (!rows.length) return res.status(404).json({ error: 'not found', id });
    const result = rows.map((r) => ({ ...r, total: r.price * r.quantity, tags: (r.tags || '').split(',') }));
    res.json({ data: result, page: { limit, next: rows.length === limit ? \`/items${i}/\${id}?cursor=\${rows[rows.length - 1].id}\` : null } });
  } catch (err) {
    next(err);
  }
});
`;
}

/** A candidate file: a cors configuration of one of several shapes plus routes. */
function candidate(i, rand, blocks) {
  const shapes = [
    `app.use(cors({ origin: ['https://app${i}.example.com', 'https://admin${i}.example.com'], credentials: true, maxAge: 600 }));`,
    `const allowed = new Set(['https://app${i}.example.com']);\napp.use(cors({\n  origin(origin, cb) {\n    if (!origin) return cb(null, true);\n    if (allowed.has(origin) || /^https:\\/\\/[a-z]+\\.example\\.com$/.test(origin)) return cb(null, true);\n    cb(new Error('blocked'));\n  },\n  credentials: true,\n}));`,
    `app.use((req, res, next) => {\n  const origin = req.headers.origin;\n  if (['https://a${i}.example.com'].includes(origin)) {\n    res.setHeader('Access-Control-Allow-Origin', origin);\n    res.setHeader('Access-Control-Allow-Credentials', 'true');\n    res.setHeader('Vary', 'Origin');\n  }\n  if (req.method === 'OPTIONS') return res.sendStatus(204);\n  next();\n});`,
    `app.use(cors({ origin: process.env.CORS_ORIGIN ?? 'https://app${i}.example.com' }));`,
  ];
  let text = `'use strict';\nconst express = require('express');\nconst cors = require('cors');\nconst db = require('./db');\n\nconst app = express();\nconst router = express.Router();\n${shapes[i % shapes.length]}\n`;
  for (let b = 0; b < blocks; b++) text += routeBlock(b, rand);
  return `${text}\napp.use('/api', router);\nmodule.exports = app;\n`;
}

/** A non-candidate file of a monorepo: a small module that mentions neither cors nor the headers. */
function plain(i, rand) {
  let text = `import { helper${i % 97} } from './helpers.js';\n\nexport function feature${i}(input) {\n`;
  const lines = 10 + Math.floor(rand() * 40);
  for (let l = 0; l < lines; l++) text += `  const v${l} = helper${i % 97}(input, ${l}) ?? ${Math.floor(rand() * 1000)};\n`;
  return `${text}  return [${Array.from({ length: Math.min(lines, 8) }, (_, l) => `v${l}`).join(', ')}];\n}\n`;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function throughput() {
  const { loadJsParser } = await import(pathToFileURL(join(root, 'dist/src/stacks/shared/js/parse.js')).href);
  const { nodeParser } = await import(pathToFileURL(join(root, 'dist/src/stacks/express/analyze.js')).href);
  const rand = prng(42);
  const files = Array.from({ length: 200 }, (_, i) => ({ path: `app${i}/server.js`, text: candidate(i, rand, 5 + Math.floor(rand() * 30)) }));
  const bytes = files.reduce((n, f) => n + Buffer.byteLength(f.text), 0);
  const host = { readFile: () => undefined, listFiles: () => [], contextFor: () => 'production' };
  const parse = await loadJsParser();
  await nodeParser.analyze(files.slice(0, 5), host); // warm-up: Babel loaded, JIT started
  const parseTimes = [];
  const fullTimes = [];
  for (let r = 0; r < RUNS; r++) {
    let t = performance.now();
    for (const f of files) parse(f.text, f.path);
    parseTimes.push(performance.now() - t);
    t = performance.now();
    const result = await nodeParser.analyze(files, host);
    fullTimes.push(performance.now() - t);
    if (result.policies.length < files.length) throw new Error(`expected a policy per file, got ${result.policies.length}`);
  }
  const mb = bytes / 1e6;
  process.stdout.write(`candidate files: ${files.length}, ${mb.toFixed(2)} MB\n`);
  process.stdout.write(`  Babel parse only:   ${(mb / (median(parseTimes) / 1000)).toFixed(2)} MB/s (median ${median(parseTimes).toFixed(0)} ms)\n`);
  process.stdout.write(`  parse + analysis:   ${(mb / (median(fullTimes) / 1000)).toFixed(2)} MB/s (median ${median(fullTimes).toFixed(0)} ms)\n`);
}

function monorepo() {
  const dir = mkdtempSync(join(tmpdir(), 'corslint-bench-node-'));
  try {
    const rand = prng(7);
    let candidates = 0;
    for (let i = 0; i < MONOREPO_FILES; i++) {
      const pkg = join(dir, 'packages', `pkg${Math.floor(i / 100)}`, 'src');
      if (i % 100 === 0) mkdirSync(pkg, { recursive: true });
      const isCors = i % 100 === 50;
      if (isCors) candidates++;
      writeFileSync(join(pkg, `file${i}.${i % 3 === 0 ? 'ts' : 'js'}`), isCors ? candidate(i, rand, 10) : plain(i, rand));
    }
    const times = [];
    for (let r = 0; r < RUNS; r++) {
      const t = performance.now();
      const run = spawnSync(process.execPath, [join(root, 'bin/corslint.js'), '--no-config', '--format', 'json', '.'], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28 });
      times.push(performance.now() - t);
      if (r === 0) {
        const report = JSON.parse(run.stdout);
        const files = Array.isArray(report.files) ? report.files.length : '?';
        process.stdout.write(`monorepo: ${MONOREPO_FILES} files, ${candidates} use cors; reported files: ${files}; exit ${run.status}\n`);
      }
    }
    process.stdout.write(`  corslint wall time: median ${(median(times) / 1000).toFixed(2)} s (min ${(Math.min(...times) / 1000).toFixed(2)} s)\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await throughput();
monorepo();
process.stdout.write(`median of ${RUNS} runs, ${process.version}, ${spawnSync('nproc').stdout?.toString().trim()} cores\n`);
