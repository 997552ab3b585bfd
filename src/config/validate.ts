// Validates a parsed config against schema/corslintrc.schema.json, with one-line messages and hints.
import type { Context, Level } from '../model/index.js';
import { ConfigError, jsonPointer, quote } from './config-error.js';
import { didYouMean } from './suggest.js';
import type { CorslintConfig } from './types.js';
import { loadSchemaValidator } from './lazy.js';

// Why hand-written rather than Ajv: compiling the schema with Ajv costs ~25 ms and loading Ajv
// ~30 ms (measured here, Node 20.20), more than half of a whole run on a small repository, and
// Ajv's own messages carry no "did you mean". The schema file stays the single source of truth:
// config-schema-agreement.test.ts checks every constant below against it and runs this validator
// and a freshly compiled Ajv over the same good and bad configs (including generated ones).

/** Top-level keys, in the schema's order. */
export const CONFIG_KEYS = ['$schema', 'root', 'rules', 'ignorePatterns', 'contexts', 'trustedOrigins', 'overrides', 'plugins'] as const;
export const LEVELS: readonly Level[] = ['off', 'warn', 'error'];
export const CONTEXTS: readonly Context[] = ['production', 'development', 'test', 'example'];
export const OVERRIDE_KEYS = ['files', 'excludedFiles', 'rules'] as const;
export const RULE_ID_PATTERN = '^(?:[a-z0-9-]+/)?[a-z0-9-]+$';
export const ORIGIN_PATTERN = '^[a-zA-Z][a-zA-Z0-9+.-]*://[^/?#\\s]+$';

// Ajv compiles `pattern` with the `u` flag (ajv/lib/compile/util.ts usePattern → `new RegExp(p, "u")`).
const ruleIdRe = new RegExp(RULE_ID_PATTERN, 'u');
const originRe = new RegExp(ORIGIN_PATTERN, 'u');

// ESLint's numeric levels are a common habit; they get a pointed hint rather than a distance guess.
const NUMERIC_LEVELS: Record<string, Level> = { '0': 'off', '1': 'warn', '2': 'error' };

type Path = (string | number)[];

class ShapeChecker {
  constructor(private readonly file: string) {}

  fail(path: Path, problem: string): never {
    throw new ConfigError(problem, { file: this.file, pointer: jsonPointer(path) });
  }

  object(value: unknown, path: Path, what: string): Record<string, unknown> {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      this.fail(path, `${what} must be an object, got ${describe(value)}`);
    }
    return value as Record<string, unknown>;
  }

  array(value: unknown, path: Path, what: string): unknown[] {
    if (!Array.isArray(value)) this.fail(path, `${what} must be an array, got ${describe(value)}`);
    return value;
  }

  knownKeys(object: Record<string, unknown>, path: Path, keys: readonly string[], what: string): void {
    for (const key of Object.keys(object)) {
      if (!keys.includes(key)) {
        const hint = didYouMean(key, keys) || `; ${what} takes ${keys.join(', ')}`;
        this.fail([...path, key], `unknown property ${quote(key)}${hint}`);
      }
    }
  }

  strings(value: unknown, path: Path, what: string, minItems: number): void {
    const items = this.array(value, path, what);
    if (items.length < minItems) this.fail(path, `${what} must not be empty`);
    items.forEach((item, index) => {
      if (typeof item !== 'string') this.fail([...path, index], `must be a string, got ${describe(item)}`);
      if (item.length === 0) this.fail([...path, index], 'must not be an empty string');
    });
  }

  level(value: unknown, path: Path): void {
    if (typeof value === 'string' && (LEVELS as readonly string[]).includes(value)) return;
    const numeric = NUMERIC_LEVELS[String(value)];
    const hint =
      typeof value === 'number' && numeric !== undefined
        ? `; did you mean ${quote(numeric)}?`
        : typeof value === 'string'
          ? didYouMean(value, LEVELS)
          : '';
    this.fail(path, `level must be "off", "warn" or "error", got ${describe(value)}${hint}`);
  }

  ruleSettings(value: unknown, path: Path): void {
    const settings = this.object(value, path, '"rules"');
    for (const [id, setting] of Object.entries(settings)) {
      const at = [...path, id];
      if (!ruleIdRe.test(id)) {
        this.fail(at, `invalid rule id ${quote(id)}: rule ids are lowercase kebab-case, with an optional plugin prefix (plugin/rule-id)`);
      }
      if (!Array.isArray(setting)) {
        this.level(setting, at);
        continue;
      }
      if (setting.length < 1 || setting.length > 2) {
        this.fail(at, `must be a level or [level] or [level, { options }], got an array of ${setting.length} items`);
      }
      this.level(setting[0], [...at, 0]);
      if (setting.length === 2) this.object(setting[1], [...at, 1], 'rule options');
    }
  }

  config(raw: unknown): CorslintConfig {
    const config = this.object(raw, [], 'the configuration');
    this.knownKeys(config, [], CONFIG_KEYS, 'the configuration');
    if ('$schema' in config && typeof config.$schema !== 'string') {
      this.fail(['$schema'], `must be a string, got ${describe(config.$schema)}`);
    }
    if ('root' in config && typeof config.root !== 'boolean') {
      this.fail(['root'], `must be true or false, got ${describe(config.root)}`);
    }
    if ('rules' in config) this.ruleSettings(config.rules, ['rules']);
    if ('ignorePatterns' in config) this.strings(config.ignorePatterns, ['ignorePatterns'], '"ignorePatterns"', 0);
    if ('contexts' in config) {
      const contexts = this.object(config.contexts, ['contexts'], '"contexts"');
      for (const name of Object.keys(contexts)) {
        if (!(CONTEXTS as readonly string[]).includes(name)) {
          this.fail(['contexts', name], `unknown context ${quote(name)}${didYouMean(name, CONTEXTS)}; contexts are ${CONTEXTS.join(', ')}`);
        }
        this.strings(contexts[name], ['contexts', name], `the ${name} patterns`, 1);
      }
    }
    if ('trustedOrigins' in config) {
      this.array(config.trustedOrigins, ['trustedOrigins'], '"trustedOrigins"').forEach((origin, index) => {
        if (typeof origin !== 'string') this.fail(['trustedOrigins', index], `must be a string, got ${describe(origin)}`);
        if (!originRe.test(origin)) {
          this.fail(['trustedOrigins', index], `${quote(origin)} is not an origin: write scheme://host[:port] without a path or trailing slash (e.g. "https://app.example.com")`);
        }
      });
    }
    if ('overrides' in config) {
      this.array(config.overrides, ['overrides'], '"overrides"').forEach((entry, index) => {
        const at: Path = ['overrides', index];
        const override = this.object(entry, at, 'an override');
        this.knownKeys(override, at, OVERRIDE_KEYS, 'an override');
        if (!('files' in override)) this.fail(at, 'missing required property "files" (the glob patterns this override applies to)');
        this.strings(override.files, [...at, 'files'], '"files"', 1);
        if ('excludedFiles' in override) this.strings(override.excludedFiles, [...at, 'excludedFiles'], '"excludedFiles"', 1);
        if ('rules' in override) this.ruleSettings(override.rules, [...at, 'rules']);
      });
    }
    if ('plugins' in config) {
      const plugins = this.array(config.plugins, ['plugins'], '"plugins"');
      this.strings(plugins, ['plugins'], '"plugins"', 0);
      plugins.forEach((plugin, index) => {
        if (plugins.indexOf(plugin) !== index) this.fail(['plugins', index], `${quote(plugin)} is listed twice`);
      });
    }
    return config as CorslintConfig;
  }
}

/** A short description of a JSON value's type and content, for messages. */
function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return quote(value);
  return `${typeof value} ${quote(value)}`;
}

/**
 * Checks a parsed config against the schema (shape only: rule ids are not looked up). Throws a
 * {@link ConfigError} for the first problem, naming `filePath` and the JSON pointer.
 */
export function validateConfigShape(raw: unknown, filePath: string): CorslintConfig {
  // The hand-written checker gives the precise messages and hints; Ajv, against the schema file
  // itself, has the last word (config-schema-agreement.test.ts keeps the two in step).
  const config = new ShapeChecker(filePath).config(raw);
  const validate = loadSchemaValidator();
  if (!validate(raw)) {
    const error = validate.errors?.[0];
    throw new ConfigError(error?.message ?? 'does not match the configuration schema', { file: filePath, pointer: error?.instancePath || '/' });
  }
  return config;
}

/** Every rule setting in a config with its JSON path: top-level `rules`, then each override's. */
export function ruleSettingPaths(config: CorslintConfig): { id: string; path: Path }[] {
  const found: { id: string; path: Path }[] = [];
  for (const id of Object.keys(config.rules ?? {})) found.push({ id, path: ['rules', id] });
  config.overrides?.forEach((override, index) => {
    for (const id of Object.keys(override.rules ?? {})) found.push({ id, path: ['overrides', index, 'rules', id] });
  });
  return found;
}

/** Throws a {@link ConfigError} for the first rule id that names no known rule, with a suggestion. */
export function checkRuleIds(config: CorslintConfig, filePath: string, knownRuleIds: readonly string[]): void {
  const known = new Set(knownRuleIds);
  for (const { id, path } of ruleSettingPaths(config)) {
    if (known.has(id)) continue;
    const slash = id.indexOf('/');
    const prefix = slash === -1 ? undefined : id.slice(0, slash);
    const pluginLoaded = prefix !== undefined && knownRuleIds.some((knownId) => knownId.startsWith(prefix + '/'));
    const hint =
      prefix !== undefined && !pluginLoaded
        ? `; no plugin named ${quote(prefix)} is loaded (list it in "plugins")`
        : didYouMean(id, knownRuleIds);
    throw new ConfigError(`unknown rule ${quote(id)}${hint}`, { file: filePath, pointer: jsonPointer(path) });
  }
}

/**
 * Validates a parsed config: the schema's shape, then every rule id against `knownRuleIds`
 * (built-in and plugin rules). Throws a one-line {@link ConfigError}.
 */
export function validateConfig(raw: unknown, filePath: string, knownRuleIds: readonly string[]): CorslintConfig {
  const config = validateConfigShape(raw, filePath);
  checkRuleIds(config, filePath, knownRuleIds);
  return config;
}
