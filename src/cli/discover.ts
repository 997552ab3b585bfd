// File discovery: which files a run looks at (git-aware, ignore-aware, never following symlinked folders).
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { loadIgnore } from '../config/lazy.js';

/** Folders never linted: dependencies, VCS data, build output, virtualenvs, caches. */
const ALWAYS_SKIPPED = new Set([
  'node_modules',
  '.git',
  '.hg',
  '.svn',
  'dist',
  'vendor',
  'third_party',
  'bower_components',
  '.venv',
  'venv',
  '__pycache__',
  '.tox',
  '.mypy_cache',
  '.pytest_cache',
  'site-packages',
  'coverage',
  '.next',
  '.nuxt',
  '.terraform',
]);

export interface DiscoveredFile {
  /** Absolute path. */
  absolute: string;
  /** Relative to the current directory, `/` separators (what reports show). */
  path: string;
  /** Named on the command line: linted even if ignore patterns match it. */
  explicit: boolean;
}

export interface DiscoverOptions {
  cwd: string;
  /** Ignore patterns (ignorePatterns, .corslintignore), tested on cwd-relative paths. */
  isIgnored(path: string): boolean;
  /** Cheap path filter: files no adapter could want are never read. */
  wantsPath(path: string): boolean;
}

export interface Discovery {
  files: DiscoveredFile[];
  /** Paths given on the command line that do not exist. */
  missing: string[];
}

/** Lists the files to lint under the given paths (files or folders). */
export function discover(paths: readonly string[], options: DiscoverOptions): Discovery {
  const files = new Map<string, DiscoveredFile>();
  const missing: string[] = [];
  for (const given of paths) {
    const absolute = resolve(options.cwd, given);
    let stat;
    try {
      stat = statSync(absolute);
    } catch {
      missing.push(given);
      continue;
    }
    if (stat.isFile()) {
      files.set(absolute, { absolute, path: toReportPath(options.cwd, absolute), explicit: true });
      continue;
    }
    if (!stat.isDirectory()) continue;
    const listed = gitListing(absolute) ?? walk(absolute);
    // Paths are built by concatenation: path.join/relative per file cost more than the reads of
    // a 20,000-file tree.
    const base = toReportPath(options.cwd, absolute);
    const prefix = base === '.' ? '' : `${base}/`;
    const absPrefix = absolute.endsWith(sep) ? absolute : `${absolute}${sep}`;
    for (const rel of listed) {
      if (hasSkippedSegment(rel)) continue;
      const abs = absPrefix + (sep === '/' ? rel : rel.split('/').join(sep));
      const path = prefix + rel;
      if (files.has(abs) || !options.wantsPath(path) || options.isIgnored(path)) continue;
      files.set(abs, { absolute: abs, path, explicit: false });
    }
  }
  return { files: [...files.values()], missing };
}

function hasSkippedSegment(rel: string): boolean {
  let start = 0;
  for (;;) {
    const end = rel.indexOf('/', start);
    if (end === -1) return false;
    if (ALWAYS_SKIPPED.has(rel.slice(start, end))) return true;
    start = end + 1;
  }
}

/** Path relative to cwd with `/` separators (absolute when outside cwd). */
export function toReportPath(cwd: string, absolute: string): string {
  const rel = relative(cwd, absolute);
  const p = rel === '' ? '.' : rel.startsWith('..') ? absolute : rel;
  return sep === '/' ? p : p.split(sep).join('/');
}

/**
 * Tracked plus untracked-not-ignored files of a git work tree, relative to `dir`. git applies
 * every .gitignore level, .git/info/exclude and core.excludesFile (integration.md §6.5).
 */
function gitListing(dir: string): string[] | undefined {
  const run = spawnSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (run.status !== 0 || run.error) return undefined;
  return run.stdout.split('\0').filter((p) => p !== '');
}

/** A walk outside git that honours .gitignore files; symlinked folders are not followed (no loops). */
function walk(root: string): string[] {
  const out: string[] = [];
  type Matcher = { base: string; ignores(path: string): boolean };
  const loadGitignore = (dir: string, base: string): Matcher | undefined => {
    let text: string;
    try {
      text = readFileSync(join(dir, '.gitignore'), 'utf8');
    } catch {
      return undefined;
    }
    const matcher = loadIgnore()().add(text);
    return { base, ignores: (p) => matcher.ignores(p) };
  };
  const visit = (dir: string, rel: string, matchers: Matcher[]) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return; // unreadable folder: nothing to lint in it
    }
    // Only folders that list a .gitignore are asked for one: a failed open per folder is costly.
    const own = entries.some((e) => e.name === '.gitignore') ? loadGitignore(dir, rel) : undefined;
    const active = own ? [...matchers, own] : matchers;
    for (const entry of entries) {
      const childRel = rel === '' ? entry.name : `${rel}/${entry.name}`;
      const isDir = entry.isDirectory();
      if (isDir && ALWAYS_SKIPPED.has(entry.name)) continue;
      if (active.some((m) => m.ignores(relativeTo(m.base, childRel) + (isDir ? '/' : '')))) continue;
      if (isDir) visit(join(dir, entry.name), childRel, active);
      else if (entry.isFile()) out.push(childRel);
      else if (entry.isSymbolicLink()) {
        // A link to a file is linted; a link to a folder is not followed, which rules out loops.
        try {
          if (statSync(join(dir, entry.name)).isFile()) out.push(childRel);
        } catch (error) {
          // A link loop is listed so that reading it reports the loop; a dangling link is skipped.
          if ((error as NodeJS.ErrnoException).code === 'ELOOP') out.push(childRel);
        }
      }
    }
  };
  visit(root, '', []);
  return out;
}

function relativeTo(base: string, rel: string): string {
  return base === '' ? rel : rel.slice(base.length + 1);
}
