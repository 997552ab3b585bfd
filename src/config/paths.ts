// Path arithmetic and glob matching shared by overrides, contexts and ignore patterns (no I/O).
import { loadPicomatch } from './lazy.js';

/** `\` → `/`, no `./` segments, no trailing `/`. */
export function normalizePath(path: string): string {
  const slashed = path.replace(/\\/g, '/');
  const absolute = slashed.startsWith('/');
  const segments = slashed.split('/').filter((segment) => segment !== '' && segment !== '.');
  return (absolute ? '/' : '') + segments.join('/');
}

/**
 * `path` relative to `dir`, with `/` separators, or undefined when it lies outside `dir`. Both
 * must be in the same frame (both absolute, or both relative to the same directory): this is
 * string arithmetic, so it never consults the current directory. `..` segments are not resolved;
 * callers pass resolved paths.
 */
export function relativeTo(path: string, dir: string): string | undefined {
  const file = normalizePath(path);
  const base = normalizePath(dir);
  if (file.startsWith('/') !== base.startsWith('/')) return undefined;
  if (base === '' || base === '/') return file.replace(/^\//, '');
  if (!file.startsWith(base + '/')) return undefined;
  return file.slice(base.length + 1);
}

/** A compiled list of globs: true when any matches. */
export type GlobMatcher = (relativePath: string) => boolean;

// The same pattern list is matched against every file of a run; compile each list once. The
// arrays come from a validated config object and are never mutated, so identity is a safe key.
const compiled = new WeakMap<readonly string[], GlobMatcher>();

/**
 * Matches config-relative paths against `patterns` with picomatch. `dot: true`, so dot-files and
 * dot-directories (`.github/`) are not silently skipped. A pattern without a slash (`*.dev.js`)
 * matches the file name at any depth, as ESLint's `overrides[].files` does; picomatch's own
 * `basename` option cannot do this here, because it applies to every pattern in the list,
 * slashed ones included (picomatch lib/picomatch.js `picomatch.test`: `opts.matchBase ||
 * opts.basename` tests `utils.basename(input)` for all patterns).
 */
export function globMatcher(patterns: readonly string[]): GlobMatcher {
  let matcher = compiled.get(patterns);
  if (matcher === undefined) {
    const picomatch = loadPicomatch();
    const slashless = patterns.filter((pattern) => !pattern.includes('/'));
    const slashed = patterns.filter((pattern) => pattern.includes('/'));
    const testName = slashless.length > 0 ? picomatch(slashless, { dot: true }) : () => false;
    const testPath = slashed.length > 0 ? picomatch(slashed, { dot: true }) : () => false;
    matcher = (relativePath) => testPath(relativePath) || testName(relativePath.slice(relativePath.lastIndexOf('/') + 1));
    compiled.set(patterns, matcher);
  }
  return matcher;
}
