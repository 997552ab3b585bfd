// Finds, reads and validates the config file(s) for a run, and loads their plugins.
import { readFileSync, statSync, type Stats } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError } from '../config/config-error.js';
import { mergeConfigLayers } from '../config/merge.js';
import { parseConfigText } from '../config/parse.js';
import { pluginSpecifier, validatePluginRules } from '../config/plugin.js';
import { checkRuleOptions } from '../config/rule-settings.js';
import type { CorslintConfig } from '../config/types.js';
import { checkRuleIds, validateConfigShape } from '../config/validate.js';
import type { Rule } from '../rule-api/index.js';

/** Config file names, in the order they are tried within one directory. */
export const CONFIG_FILE_NAMES = ['.corslintrc.json', '.corslintrc.yaml', '.corslintrc.yml', 'package.json'] as const;

export interface LoadConfigOptions {
  cwd: string;
  /** `--config FILE`: this file alone, no search and no cascade; a missing file is an error. */
  configPath?: string;
  /** `--no-config`: ignore config files (no plugins either). */
  noConfig?: boolean;
  /** Where the upward search starts (default `cwd`). */
  startDir?: string;
  /**
   * Built-in rule ids; plugin rule ids are added to them for validation. A function is called only
   * when a config file exists, so a run without one never loads the rules for this.
   */
  knownRuleIds: readonly string[] | (() => Promise<{ ids: readonly string[]; rules?: readonly Rule[] }>);
  /** Built-in rules, when known, so that rule options are checked while the config loads. */
  rules?: readonly Rule[];
}

export interface LoadedConfig {
  /** The merged configuration; globs in it are relative to `dir`. */
  config: CorslintConfig;
  /** The config file closest to the start directory (as shown in messages), if any. */
  path?: string;
  /** The directory the config's globs are relative to (absolute); `cwd` without a config. */
  dir: string;
  /** Rules from plugins, ids namespaced `<plugin>/<rule-id>`. */
  plugins: Rule[];
  /** Every config file merged, closest first (absolute paths). */
  files: string[];
}

interface Layer {
  config: CorslintConfig;
  dir: string;
  file: string;
  shown: string;
}

function statOrUndefined(path: string): Stats | undefined {
  return statSync(path, { throwIfNoEntry: false });
}

/**
 * Loads the configuration for a run. Without `configPath`, walks up from `startDir`: in each
 * directory the first of {@link CONFIG_FILE_NAMES} that is a file (package.json only when it has
 * a `"corslint"` key) is that directory's config. Configs are merged, closest winning, up to and
 * including the first one with `root: true`, the git repository root (a directory holding `.git`,
 * file or folder: a project's config search should not leak into whatever contains the checkout),
 * or the file-system root. Entries that are directories are skipped. Throws {@link ConfigError}.
 */
export async function loadConfig(options: LoadConfigOptions): Promise<LoadedConfig> {
  const cwd = resolve(options.cwd);
  if (options.noConfig) return { config: {}, dir: cwd, plugins: [], files: [] };
  const show = (file: string): string => {
    const rel = relative(cwd, file);
    return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split('\\').join('/') : file;
  };

  const layers: Layer[] = [];
  if (options.configPath !== undefined) {
    const file = resolve(cwd, options.configPath);
    const stats = statOrUndefined(file);
    if (stats === undefined) throw new ConfigError('config file not found', { file: options.configPath });
    if (!stats.isFile()) throw new ConfigError('is not a file', { file: options.configPath });
    const raw = parseConfigText(readFileSync(file, 'utf8'), options.configPath);
    if (raw === undefined) throw new ConfigError('package.json has no "corslint" key', { file: options.configPath });
    layers.push({ config: validateConfigShape(raw, options.configPath), dir: dirname(file), file, shown: options.configPath });
  } else {
    for (let dir = resolve(cwd, options.startDir ?? cwd); ; ) {
      const layer = readDirectoryConfig(dir, show);
      if (layer !== undefined) layers.push(layer);
      if (layer?.config.root === true || statOrUndefined(join(dir, '.git')) !== undefined) break;
      const parent = dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  if (layers.length === 0) return { config: {}, dir: cwd, plugins: [], files: [] };

  const plugins = await loadPlugins(layers);
  const builtin = typeof options.knownRuleIds === 'function' ? await options.knownRuleIds() : { ids: options.knownRuleIds, rules: options.rules };
  const knownRuleIds = [...builtin.ids, ...plugins.map((rule) => rule.id)];
  for (const layer of layers) {
    checkRuleIds(layer.config, layer.shown, knownRuleIds);
    checkRuleOptions(layer.config, [...(builtin.rules ?? []), ...plugins], layer.shown);
  }
  const merged = mergeConfigLayers(layers);
  return { config: merged.config, path: layers[0].shown, dir: merged.dir, plugins, files: layers.map((layer) => layer.file) };
}

function readDirectoryConfig(dir: string, show: (file: string) => string): Layer | undefined {
  for (const name of CONFIG_FILE_NAMES) {
    const file = join(dir, name);
    // A directory that happens to carry a config file's name is not a config.
    if (statOrUndefined(file)?.isFile() !== true) continue;
    const text = readFileSync(file, 'utf8');
    // Most package.json files have nothing for corslint: skip them without parsing, and without
    // failing on a broken one that is not ours to judge.
    if (name === 'package.json' && !text.includes('"corslint"')) continue;
    const shown = show(file);
    const raw = parseConfigText(text, shown);
    if (raw === undefined) continue;
    return { config: validateConfigShape(raw, shown), dir, file, shown };
  }
  return undefined;
}

async function loadPlugins(layers: readonly Layer[]): Promise<Rule[]> {
  const rules: Rule[] = [];
  const loaded = new Set<string>();
  const names = new Map<string, string>();
  for (const layer of layers) {
    // Resolve from the config file, not from corslint's own install directory, so that `npx
    // corslint` and global installs find the project's plugins (integration.md §6.4).
    const requireFromConfig = createRequire(layer.file);
    for (const [index, entry] of (layer.config.plugins ?? []).entries()) {
      const specifier = pluginSpecifier(entry);
      let resolved: string;
      try {
        resolved = requireFromConfig.resolve(specifier);
      } catch {
        const looked = specifier === entry ? '' : ` (looked for ${JSON.stringify(specifier)})`;
        throw new ConfigError(`cannot find plugin ${JSON.stringify(entry)}${looked} from ${layer.dir}`, {
          file: layer.shown,
          pointer: `/plugins/${index}`,
        });
      }
      if (loaded.has(resolved)) continue;
      loaded.add(resolved);
      let module: Record<string, unknown>;
      try {
        module = (await import(pathToFileURL(resolved).href)) as Record<string, unknown>;
      } catch (error) {
        throw new ConfigError(`plugin ${JSON.stringify(entry)} failed to load: ${(error as Error).message}`, {
          file: layer.shown,
          pointer: `/plugins/${index}`,
        });
      }
      // An ES module's default export, a CommonJS module.exports (which import() presents as
      // `default`), or the namespace of an ES module that exports `name` and `rules` directly.
      const plugin = module.default ?? module;
      const pluginRules = validatePluginRules(plugin, entry);
      const name = (plugin as { name: string }).name;
      const previous = names.get(name);
      if (previous !== undefined) {
        throw new ConfigError(`plugins ${JSON.stringify(previous)} and ${JSON.stringify(entry)} are both named ${JSON.stringify(name)}`, {
          file: layer.shown,
          pointer: `/plugins/${index}`,
        });
      }
      names.set(name, entry);
      rules.push(...pluginRules);
    }
  }
  return rules;
}
