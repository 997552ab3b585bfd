#!/usr/bin/env node
// Runs the differential truth suite and prints its counts as the last line (issue #8 "Must hold").
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'corslint-truth-'));
const tallyFile = join(dir, 'tally.jsonl');
const started = Date.now();
const run = spawnSync('npx', ['vitest', 'run', '--config', 'vitest.truth.config.ts', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, CORSLINT_TRUTH_TALLY: tallyFile },
});
const rows = existsSync(tallyFile)
  ? readFileSync(tallyFile, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line))
  : [];
rmSync(dir, { recursive: true, force: true });

const sum = (kind, key) => rows.filter((r) => r.kind === kind).reduce((n, r) => n + r[key], 0);
const serverPairs = sum('server', 'pairs');
const serverMismatches = sum('server', 'mismatches');
const browserChecks = sum('browser', 'pairs');
const browserMismatches = sum('browser', 'mismatches');
const browserConfigs = rows.filter((r) => r.kind === 'browser').length;
const stacks = [...new Set(rows.map((r) => r.stack))].sort();

// In CI every runtime is installed, so the floors apply; elsewhere stacks may be skipped.
const problems = [];
if (process.env.CI) {
  if (serverPairs < 500) problems.push(`only ${serverPairs} server pairs (at least 500 required)`);
  if (browserConfigs < 12) problems.push(`only ${browserConfigs} browser configurations (at least 12 required)`);
}
for (const p of problems) process.stderr.write(`truth: ${p}\n`);
const seconds = ((Date.now() - started) / 1000).toFixed(0);
process.stdout.write(`truth (${stacks.join(', ') || 'no stacks'}; ${seconds} s): ${serverMismatches} mismatches in ${serverPairs} server request/response pairs; ${browserMismatches} mismatches in ${browserChecks} Chromium checks over ${browserConfigs} configurations\n`);
process.exit(run.status === 0 && serverMismatches === 0 && browserMismatches === 0 && problems.length === 0 ? 0 : 1);
