// Which rules run on a file, at which level and with which options: defaults, `rules`, `overrides`.
import type { Ajv, ErrorObject, ValidateFunction } from 'ajv';
import type { Level, Rule } from '../rule-api/index.js';
import { ConfigError, jsonPointer, quote } from './config-error.js';
import { loadAjv } from './lazy.js';
import { globMatcher, relativeTo } from './paths.js';
import { didYouMean } from './suggest.js';
import type { CorslintConfig, RuleSetting, RuleSettings } from './types.js';

/** An enabled rule's level and its options (the rule's defaults with the config's options merged over them). */
export interface ResolvedRuleSetting {
  level: Exclude<Level, 'off'>;
  options: unknown;
}

type Path = (string | number)[];

interface Pending {
  level: Level;
  /** The options given in the config, and where, if any setting so far gave some. */
  given?: { options: Record<string, unknown>; path: Path };
}

/**
 * The rules enabled for `filePath`, by id. Recommended rules default to `error`, others to off;
 * then the config's `rules`, then each `overrides` entry whose `files` (and not `excludedFiles`)
 * match the path relative to `configDir`, later entries winning. A level without options keeps
 * the options an earlier setting gave (ESLint's behaviour for severity-only overrides). Options are
 * merged over `meta.options.defaults` and validated against `meta.options.schema`; bad options
 * throw a {@link ConfigError} naming the JSON path. `filePath` and `configDir` must be in the same
 * frame (both absolute, or both relative to one directory).
 */
export function resolveRuleSettings(
  config: CorslintConfig | undefined,
  rules: readonly Rule[],
  filePath: string,
  configDir: string,
  configFile = '.corslintrc',
): Map<string, ResolvedRuleSetting> {
  const pending = new Map<string, Pending>();
  for (const rule of rules) pending.set(rule.id, { level: rule.meta.recommended ? 'error' : 'off' });

  const apply = (settings: RuleSettings | undefined, path: Path): void => {
    for (const [id, setting] of Object.entries(settings ?? {})) {
      const current = pending.get(id);
      // Ids of rules that are not in this run were checked by validateConfig; nothing to apply.
      if (current === undefined) continue;
      const [level, options] = splitSetting(setting);
      current.level = level;
      if (options !== undefined) current.given = { options, path: [...path, id, 1] };
    }
  };

  apply(config?.rules, ['rules']);
  const overrides = config?.overrides ?? [];
  if (overrides.length > 0) {
    const relative = relativeTo(filePath, configDir);
    overrides.forEach((override, index) => {
      if (relative === undefined || !globMatcher(override.files)(relative)) return;
      if (override.excludedFiles !== undefined && globMatcher(override.excludedFiles)(relative)) return;
      apply(override.rules, ['overrides', index, 'rules']);
    });
  }

  const resolved = new Map<string, ResolvedRuleSetting>();
  for (const rule of rules) {
    const { level, given } = pending.get(rule.id)!;
    if (level === 'off') continue;
    const options = given === undefined ? rule.meta.options?.defaults : ruleOptions(rule, given.options, given.path, configFile);
    resolved.set(rule.id, { level, options });
  }
  return resolved;
}

/**
 * Validates every options object a config gives (top level and overrides) against its rule's
 * schema, so that a bad option is reported when the config loads, naming this config's file and
 * path. Settings for rules not in `rules` are skipped.
 */
export function checkRuleOptions(config: CorslintConfig, rules: readonly Rule[], configFile: string): void {
  const byId = new Map(rules.map((rule) => [rule.id, rule]));
  const check = (settings: RuleSettings | undefined, path: Path): void => {
    for (const [id, setting] of Object.entries(settings ?? {})) {
      const rule = byId.get(id);
      const [, options] = splitSetting(setting);
      if (rule !== undefined && options !== undefined) ruleOptions(rule, options, [...path, id, 1], configFile);
    }
  };
  check(config.rules, ['rules']);
  config.overrides?.forEach((override, index) => check(override.rules, ['overrides', index, 'rules']));
}

function splitSetting(setting: RuleSetting): [Level, Record<string, unknown> | undefined] {
  return Array.isArray(setting) ? [setting[0], setting[1]] : [setting, undefined];
}

// Options objects come from a validated config that is never mutated; each is merged and
// validated once, however many files it applies to.
const mergedOptions = new WeakMap<object, unknown>();

function ruleOptions(rule: Rule, given: Record<string, unknown>, path: Path, configFile: string): unknown {
  const cached = mergedOptions.get(given);
  if (cached !== undefined) return cached;
  const spec = rule.meta.options;
  if (spec === undefined) {
    throw new ConfigError(`rule ${quote(rule.id)} takes no options`, { file: configFile, pointer: jsonPointer(path) });
  }
  const merged = deepMerge(spec.defaults, given);
  const validate = compileOptionsSchema(rule, spec.schema);
  if (!validate(merged)) {
    const error = validate.errors![0];
    throw new ConfigError(describeOptionsError(error), { file: configFile, pointer: jsonPointer(path) + error.instancePath });
  }
  mergedOptions.set(given, merged);
  return merged;
}

let ajv: Ajv | undefined;
const compiledSchemas = new WeakMap<object, ValidateFunction>();

function compileOptionsSchema(rule: Rule, schema: Record<string, unknown>): ValidateFunction {
  let validate = compiledSchemas.get(schema);
  if (validate === undefined) {
    // Compiled only when some config gives options (Ajv costs ~30 ms to load and a few ms per
    // schema). `strict: false` lets rule schemas carry editor keywords such as
    // `markdownDescription`; `verbose` puts the offending data and schema into each error.
    const AjvClass = loadAjv();
    ajv ??= new AjvClass({ strict: false, verbose: true, allErrors: false });
    let compiledSchema: ValidateFunction;
    try {
      compiledSchema = ajv.compile(schema);
    } catch (error) {
      throw new ConfigError(`the options schema of rule ${quote(rule.id)} is invalid: ${(error as Error).message}`);
    }
    compiledSchemas.set(schema, compiledSchema);
    return compiledSchema;
  }
  return validate;
}

function describeOptionsError(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'additionalProperties') {
    const name = String(params.additionalProperty);
    const properties = (error.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties ?? {};
    return `unknown option ${quote(name)}${didYouMean(name, Object.keys(properties))}`;
  }
  if (error.keyword === 'enum') {
    const allowed = (params.allowedValues as unknown[]).map((value) => quote(value));
    const hint = typeof error.data === 'string' ? didYouMean(error.data, (params.allowedValues as unknown[]).map(String)) : '';
    return `must be one of ${allowed.join(', ')}, got ${quote(error.data)}${hint}`;
  }
  if (error.keyword === 'required') return `missing required option ${quote(params.missingProperty)}`;
  return `${error.message ?? 'is invalid'}, got ${quote(error.data)}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** `override` merged over `base`: plain objects recursively, anything else (arrays too) replaced. */
export function deepMerge(base: unknown, override: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(override)) return override === undefined ? base : override;
  const result: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) result[key] = deepMerge(base[key], value);
  return result;
}
