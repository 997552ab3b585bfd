// Loads fixtures and lints them through the real engine, the way users run corslint.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { lint } from '../../src/api.js';
import type { LintResult } from '../../src/api.js';
import { parseAnnotations } from './annotations.js';
import type { FixtureSpec } from './annotations.js';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const FIXTURES = join(ROOT, 'fixtures');

/** A fixture: one file, or a folder marked with `.fixture-group` whose files are linted together. */
export interface Fixture {
  /** Repository-relative paths of the files linted together. */
  files: string[];
  stack: string;
  spec: FixtureSpec;
  /** The folder of a group fixture. */
  group?: string;
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(path));
    else out.push(path);
  }
  return out.sort();
}

const isFixtureFile = (path: string) => !path.endsWith('.expect') && !path.endsWith('.fixture-group') && !path.endsWith('README.md');

function specOf(rel: string): FixtureSpec {
  const abs = join(ROOT, rel);
  const sidecar = existsSync(`${abs}.expect`) ? readFileSync(`${abs}.expect`, 'utf8') : undefined;
  return parseAnnotations(rel, readFileSync(abs, 'utf8'), sidecar);
}

/** Every fixture under fixtures/, grouped. */
export function loadFixtures(): Fixture[] {
  if (!existsSync(FIXTURES)) return [];
  const all = walk(FIXTURES).map((p) => relative(ROOT, p).split('\\').join('/'));
  const groups = all.filter((p) => p.endsWith('/.fixture-group')).map((p) => p.slice(0, -'.fixture-group'.length));
  const fixtures: Fixture[] = [];
  for (const dir of groups) {
    const files = all.filter((p) => p.startsWith(dir) && isFixtureFile(p));
    const specs = files.map(specOf);
    fixtures.push({
      files,
      group: dir,
      stack: dir.split('/')[1],
      spec: { expectations: specs.flatMap((s) => s.expectations), options: specs.find((s) => s.options)?.options },
    });
  }
  for (const path of all) {
    if (!isFixtureFile(path) || groups.some((g) => path.startsWith(g))) continue;
    fixtures.push({ files: [path], stack: path.split('/')[1], spec: specOf(path) });
  }
  return fixtures;
}

/** Lints fixture files with the recommended rules plus the fixture's options. */
export async function lintFixture(fixture: Pick<Fixture, 'files' | 'spec'>): Promise<LintResult> {
  return lint({
    cwd: ROOT,
    files: fixture.files.map((path) => ({ path, text: readFileSync(join(ROOT, path), 'utf8') })),
    config: { rules: fixture.spec.options?.rules as never, trustedOrigins: fixture.spec.options?.trustedOrigins },
    readFile: (path) => {
      const abs = join(ROOT, path);
      return existsSync(abs) && statSync(abs).isFile() ? readFileSync(abs, 'utf8') : undefined;
    },
    listFiles: () => walk(FIXTURES).map((p) => relative(ROOT, p).split('\\').join('/')),
  });
}
