// The validated shape of a corslint config file (schema/corslintrc.schema.json).
import type { Context, Level } from '../model/index.js';

/** A rule's setting: a level, `[level]` or `[level, options]`. */
export type RuleSetting = Level | [Level] | [Level, Record<string, unknown>];

/** Rule settings by rule id (`<plugin>/<rule-id>` for plugin rules). */
export type RuleSettings = Record<string, RuleSetting>;

export interface ConfigOverride {
  files: string[];
  excludedFiles?: string[];
  rules?: RuleSettings;
}

/** A configuration file's content once it passed validation. */
export interface CorslintConfig {
  $schema?: string;
  root?: boolean;
  rules?: RuleSettings;
  ignorePatterns?: string[];
  contexts?: Partial<Record<Context, string[]>>;
  trustedOrigins?: string[];
  overrides?: ConfigOverride[];
  plugins?: string[];
}
