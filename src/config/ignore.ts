// `ignorePatterns`: gitignore-syntax patterns relative to the config file's directory.
import type { Ignore } from 'ignore';
import { loadIgnore } from './lazy.js';
import { relativeTo } from './paths.js';
import type { CorslintConfig } from './types.js';

const compiled = new WeakMap<readonly string[], Ignore>();

/**
 * Whether the config's `ignorePatterns` exclude `path`. With `configDir`, `path` is taken in the
 * same frame as `configDir` (both absolute, or both relative to one directory); without it, `path`
 * is already relative to the config's directory. A path outside the config's directory is never
 * ignored by it.
 */
export function isIgnored(path: string, config: CorslintConfig | undefined, configDir?: string): boolean {
  const patterns = config?.ignorePatterns;
  if (patterns === undefined || patterns.length === 0) return false;
  const relative = relativeTo(path, configDir ?? '');
  // `ignore` throws on an empty path (the directory itself), which no pattern can sensibly name.
  if (relative === undefined || relative === '') return false;
  let matcher = compiled.get(patterns);
  if (matcher === undefined) {
    matcher = loadIgnore()().add(patterns as string[]);
    compiled.set(patterns, matcher);
  }
  return matcher.ignores(relative);
}
