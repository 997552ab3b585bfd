// Cascading configs: a config and the ones above it (up to `root: true`) merged into one.
import { relativeTo } from './paths.js';
import type { ConfigOverride, CorslintConfig } from './types.js';

/** A config file's content and its directory. */
export interface ConfigLayer {
  config: CorslintConfig;
  dir: string;
}

/** `prefix/pattern` for a picomatch pattern written relative to a subdirectory. */
function rebaseGlob(pattern: string, prefix: string): string {
  const negated = pattern.startsWith('!');
  const body = (negated ? pattern.slice(1) : pattern).replace(/^\.?\//, '');
  // A slash-less pattern matches a file name at any depth (paths.ts globMatcher), so it keeps
  // doing that, but only below the subdirectory.
  const rebased = body.includes('/') ? `${prefix}/${body}` : `${prefix}/**/${body}`;
  return (negated ? '!' : '') + rebased;
}

/** The same for a gitignore pattern (git-scm.com/docs/gitignore, "PATTERN FORMAT"). */
function rebaseIgnore(pattern: string, prefix: string): string {
  const negated = pattern.startsWith('!');
  const body = negated ? pattern.slice(1) : pattern;
  // A separator at the start or in the middle anchors the pattern to its file's directory;
  // otherwise it matches at any level below it.
  const anchored = body.replace(/\/$/, '').includes('/');
  const rebased = anchored ? `${prefix}/${body.replace(/^\//, '')}` : `${prefix}/**/${body}`;
  return (negated ? '!' : '') + rebased;
}

/**
 * Merges configs, nearest first (`layers[0]` is the config closest to the linted files), into
 * one config relative to the outermost layer's directory, which is returned as `dir`. The closer
 * config wins, as in ESLint's cascade: a closer config's `rules` become an override for its own
 * directory placed after the outer configs' overrides, and its globs are rebased onto the outer
 * directory. `ignorePatterns`, `contexts`, `trustedOrigins` and `plugins` are unions. All `dir`s
 * must be in one frame (absolute paths, as the loader gives them).
 */
export function mergeConfigLayers(layers: readonly ConfigLayer[]): ConfigLayer {
  const outer = layers[layers.length - 1];
  if (layers.length === 1) return outer;
  const merged: CorslintConfig = {};
  const overrides: ConfigOverride[] = [];
  const ignorePatterns: string[] = [];
  const contexts: NonNullable<CorslintConfig['contexts']> = {};
  const trustedOrigins = new Set<string>();
  const plugins = new Set<string>();

  for (const layer of [...layers].reverse()) {
    const prefix = relativeTo(layer.dir, outer.dir) ?? '';
    const glob = (pattern: string): string => (prefix === '' ? pattern : rebaseGlob(pattern, prefix));
    const { config } = layer;
    if (config.rules !== undefined) {
      if (prefix === '') merged.rules = config.rules;
      else overrides.push({ files: [`${prefix}/**`], rules: config.rules });
    }
    for (const override of config.overrides ?? []) {
      overrides.push({
        ...override,
        files: override.files.map(glob),
        ...(override.excludedFiles && { excludedFiles: override.excludedFiles.map(glob) }),
      });
    }
    for (const pattern of config.ignorePatterns ?? []) {
      ignorePatterns.push(prefix === '' ? pattern : rebaseIgnore(pattern, prefix));
    }
    for (const [context, patterns] of Object.entries(config.contexts ?? {}) as [keyof typeof contexts, string[]][]) {
      contexts[context] = [...(contexts[context] ?? []), ...patterns.map(glob)];
    }
    config.trustedOrigins?.forEach((origin) => trustedOrigins.add(origin));
    config.plugins?.forEach((plugin) => plugins.add(plugin));
  }

  if (overrides.length > 0) merged.overrides = overrides;
  if (ignorePatterns.length > 0) merged.ignorePatterns = ignorePatterns;
  if (Object.keys(contexts).length > 0) merged.contexts = contexts;
  if (trustedOrigins.size > 0) merged.trustedOrigins = [...trustedOrigins];
  if (plugins.size > 0) merged.plugins = [...plugins];
  return { config: merged, dir: outer.dir };
}
