// Composition root for library users and the CLI: built-in rules, stacks and reporters, wired once.
import { isAbsolute, relative, resolve } from 'node:path';
import { builtinRules } from '../rules/index.js';
import type { CorslintConfig } from './config/types.js';
import { configuredContext, conventionalContext } from './config/context.js';
import { resolveRuleSettings } from './config/rule-settings.js';
import { lintFiles } from './engine/lint.js';
import type { RuleSetting } from './engine/lint.js';
import { buildRuleCatalog } from './engine/rule-catalog.js';
import type { Finding } from './model/finding.js';
import type { FileSummary, RuleCatalogEntry } from './model/report.js';
import type { SourceFile } from './model/source.js';
import type { FileModel, Rule } from './rule-api/index.js';
import { builtinAdapters } from './stacks/index.js';

export { builtinRules } from '../rules/index.js';
export { builtinAdapters } from './stacks/index.js';
export { formatters, getFormatter } from './reporters/index.js';
export { defineRule } from './rule-api/index.js';
export type { CorslintConfig } from './config/types.js';
export type * from './model/index.js';
export type { FileModel, Rule, RuleMeta, RuleContext } from './rule-api/index.js';

/** The version reported in JSON and SARIF output (kept equal to package.json by a test). */
export const VERSION = '0.1.0';
export const INFORMATION_URI = 'https://github.com/corslint/corslint';

export interface LintOptions {
  /** Files to lint: paths relative to `cwd` with `/` separators, and their text. */
  files: readonly SourceFile[];
  /** Absolute directory the paths are relative to (default: the process's, resolved by node:path). */
  cwd?: string;
  config?: CorslintConfig;
  /** Absolute directory of the config file (globs in it are relative to it). Default: `cwd`. */
  configDir?: string;
  /** Rules loaded from plugins (ids already namespaced `plugin/rule`). */
  plugins?: readonly Rule[];
  /** Other files of the project, for cross-file links (nginx `include`, Django base settings). */
  readFile?(path: string): string | undefined;
  listFiles?(): readonly string[];
  reportUnusedIgnores?: boolean;
  /** Stacks each rule is covered for (for rule help text); default none. */
  stacksCovered?(ruleId: string): string[];
}

export interface LintResult {
  /** Information that is not a finding (files skipped as minified bundles), as `path: message`. */
  notes: string[];
  files: FileSummary[];
  /** Sorted; suppressed findings are included and marked. */
  findings: Finding[];
  /** The policy model per file (what `corslint explain` prints). */
  models: FileModel[];
  /** Metadata of the rules that were enabled, sorted by id (for reporters). */
  rules: RuleCatalogEntry[];
}

/** A path relative to the config's folder (globs in the config are), or as given for files outside it. */
function configRelative(cwd: string, configDir: string, path: string): string {
  const rel = relative(configDir, resolve(cwd, path)).split('\\').join('/');
  return rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}

/** Lints in-memory files with the built-in stacks and rules plus any plugin rules. */
export async function lint(options: LintOptions): Promise<LintResult> {
  const cwd = options.cwd ?? resolve('.');
  const configDir = options.configDir ?? cwd;
  const config = options.config ?? {};
  const rules: Rule[] = [...(builtinRules as readonly Rule[]), ...(options.plugins ?? [])];
  const settingsFor = (path: string): ReadonlyMap<string, RuleSetting> =>
    resolveRuleSettings(config, rules, resolve(cwd, path), configDir) as ReadonlyMap<string, RuleSetting>;
  const fileSet = new Map(options.files.map((f) => [f.path, f.text]));
  const result = await lintFiles({
    files: options.files,
    adapters: builtinAdapters,
    rules,
    settingsFor,
    reportUnusedIgnores: options.reportUnusedIgnores,
    host: {
      readFile: (path) => fileSet.get(path) ?? options.readFile?.(path),
      listFiles: () => options.listFiles?.() ?? [...fileSet.keys()],
      // Config globs are relative to the config's folder; path conventions read the path as the
      // user sees it (cwd-relative), so `examples/` counts even when the config lives below it.
      contextFor: (path) => configuredContext(configRelative(cwd, configDir, path), config, '') ?? conventionalContext(path),
      trustedOrigins: config.trustedOrigins,
    },
    prepareRules: async () => {
      const { analyseOrigin } = await import('./analysis/index.js');
      return { analyseOrigin: (origin) => analyseOrigin(origin, { trustedOrigins: config.trustedOrigins }) };
    },
  });
  // Enabled rules: the config's own settings (its folder matches no override glob) plus any that reported.
  const enabled = new Set(resolveRuleSettings(config, rules, configDir, configDir).keys());
  for (const f of result.findings) enabled.add(f.ruleId);
  let catalog: RuleCatalogEntry[] | undefined;
  return {
    ...result,
    // Rendering every rule's help text is only worth it for the formats that print it (SARIF).
    get rules() {
      catalog ??= buildRuleCatalog(
        rules.filter((r) => enabled.has(r.id)),
        VERSION,
        options.stacksCovered,
      );
      return catalog;
    },
  };
}
