// Configuration: parsing, validation, rule settings, contexts, ignore patterns and plugins.
export { ConfigError } from './config-error.js';
export type { CorslintConfig, ConfigOverride, RuleSetting, RuleSettings } from './types.js';
export { parseConfigText } from './parse.js';
export { validateConfig, validateConfigShape, checkRuleIds } from './validate.js';
export { resolveRuleSettings, checkRuleOptions, type ResolvedRuleSetting } from './rule-settings.js';
export { contextFor } from './context.js';
export { isIgnored } from './ignore.js';
export { mergeConfigLayers, type ConfigLayer } from './merge.js';
export { definePlugin, validatePluginRules, pluginSpecifier, type CorslintPlugin } from './plugin.js';
