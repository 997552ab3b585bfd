// Whole configurations through the engine: Debian's stock /etc/nginx and an h5bp-style tree give
// no findings on lines that send no CORS header.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../api.js';

function readTree(dir: string, prefix: string): { path: string; text: string }[] {
  const out: { path: string; text: string }[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      const stat = statSync(path, { throwIfNoEntry: false });
      if (!stat) continue; // dangling symlink
      if (stat.isDirectory()) walk(path);
      else out.push({ path: prefix + relative(dir, path).split('\\').join('/'), text: readFileSync(path, 'utf8') });
    }
  };
  walk(dir);
  return out;
}

async function lintTree(files: { path: string; text: string }[]) {
  const byPath = new Map(files.map((f) => [f.path, f.text]));
  return lint({ cwd: '/corslint-real-world', files, readFile: (p) => byPath.get(p), listFiles: () => [...byPath.keys()] });
}

/** Findings whose line has no CORS header on it. */
function offCorsLines(result: Awaited<ReturnType<typeof lintTree>>, files: { path: string; text: string }[]) {
  const texts = new Map(files.map((f) => [f.path, f.text.split(/\r?\n/)]));
  return result.findings.filter((f) => !/access-control-|vary/i.test(texts.get(f.span.file)?.[f.span.line - 1] ?? ''));
}

describe.skipIf(!existsSync('/etc/nginx/nginx.conf'))("Debian's stock /etc/nginx", () => {
  it('parses without errors and gives no findings', async () => {
    const files = readTree('/etc/nginx', 'etc/nginx/');
    const result = await lintTree(files);
    expect(result.files.map((f) => f.path)).toContain('etc/nginx/nginx.conf');
    expect(result.findings.map((f) => `${f.span.file}:${f.span.line} ${f.ruleId} ${f.message}`)).toEqual([]);
  });
});

describe('h5bp-style configuration', () => {
  it('reports only on lines that send CORS headers', async () => {
    const files = readTree(join(import.meta.dirname, 'testdata', 'h5bp-like'), '');
    const result = await lintTree(files);
    expect(offCorsLines(result, files)).toEqual([]);
    // The public font/image headers are the expected (documented) origin-any and missing-`always` cases.
    expect([...new Set(result.findings.map((f) => f.ruleId))].sort()).toEqual(['headers-missing-on-errors', 'origin-any']);
  });
});
