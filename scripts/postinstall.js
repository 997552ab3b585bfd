#!/usr/bin/env node
// Builds dist/ after `npm install` in a fresh clone, and only then: an installed tarball already
// carries dist/ (package.json "files"), and a `prepare` script would break pre-commit's `npm pack`
// parsing (shared/reference/integration.md §3).
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
if (existsSync(join(root, 'dist', 'src', 'cli', 'main.js'))) process.exit(0);
let tsc;
try {
  tsc = createRequire(join(root, 'package.json')).resolve('typescript/bin/tsc');
} catch {
  console.error('corslint: dist/ is missing and TypeScript is not installed; run `npm install` with dev dependencies, then `npm run build`.');
  process.exit(0);
}
const run = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.json')], { stdio: 'inherit', cwd: root });
process.exit(run.status ?? 1);
