// Plugins: packages or local modules that add rules, checked like built-in rules and namespaced.
import type { Rule } from '../rule-api/index.js';
import { ConfigError, quote } from './config-error.js';

/** What a plugin module exports (as its default export, or as the module namespace itself). */
export interface CorslintPlugin {
  /** Lowercase kebab-case; becomes the rule-id prefix (`<name>/<rule-id>`). */
  name: string;
  rules: readonly Rule<string, any>[];
}

/** Declares a plugin; only checks types. */
export function definePlugin<P extends CorslintPlugin>(plugin: P): P {
  return plugin;
}

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const SEVERITIES = ['high', 'medium', 'low', 'info'];
const CHECKS = ['check', 'checkFile', 'checkProject'] as const;

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

/** The first thing wrong with a rule's shape, or undefined (the checks a built-in rule passes). */
function ruleProblem(rule: unknown): string | undefined {
  if (!isObject(rule)) return 'is not an object';
  const meta = rule.meta;
  if (!isObject(meta)) return 'has no "meta" object';
  if (!isText(meta.summary)) return 'needs "meta.summary", a non-empty string';
  if (/[\r\n]/.test(meta.summary)) return '"meta.summary" must be one line';
  if (meta.summary.trimEnd().endsWith('.')) return '"meta.summary" must not end with a period';
  if (!SEVERITIES.includes(meta.severity as string)) {
    return `"meta.severity" must be one of ${SEVERITIES.join(', ')}, got ${quote(meta.severity)}`;
  }
  if (typeof meta.recommended !== 'boolean') return '"meta.recommended" must be true or false';
  if (!isObject(meta.messages) || Object.keys(meta.messages).length === 0) {
    return 'needs "meta.messages", an object of message templates';
  }
  const badMessage = Object.entries(meta.messages).find(([, text]) => !isText(text));
  if (badMessage !== undefined) return `message ${quote(badMessage[0])} must be a non-empty string`;
  if (meta.options !== undefined && (!isObject(meta.options) || !isObject(meta.options.schema))) {
    return '"meta.options" must be { schema, defaults } with a JSON Schema object';
  }
  const docs = meta.docs;
  if (!isObject(docs)) return 'has no "meta.docs" object';
  if (!isText(docs.why)) return 'needs "meta.docs.why"';
  if (!isText(docs.fix)) return 'needs "meta.docs.fix"';
  if (!Array.isArray(docs.examples)) return 'needs "meta.docs.examples", an array';
  for (const example of docs.examples) {
    if (!isObject(example) || !isText(example.stack) || typeof example.code !== 'string' || (example.kind !== 'bad' && example.kind !== 'good')) {
      return 'has a docs example that is not { stack, kind: "bad" | "good", code }';
    }
  }
  for (const kind of ['bad', 'good']) {
    if (!docs.examples.some((example) => (example as Record<string, unknown>).kind === kind)) {
      return `needs at least one "${kind}" docs example`;
    }
  }
  const present = CHECKS.filter((name) => rule[name] !== undefined);
  if (present.length === 0) return 'has none of check, checkFile, checkProject';
  const notFunction = present.find((name) => typeof rule[name] !== 'function');
  if (notFunction !== undefined) return `"${notFunction}" must be a function`;
  return undefined;
}

/**
 * Checks a loaded plugin module's value (`{ name, rules }`) and returns its rules with ids
 * namespaced `<name>/<id>` (new objects; the plugin's own are left alone). `source` names the
 * plugin in messages (its spec or path). Throws a {@link ConfigError} for the first problem.
 */
export function validatePluginRules(plugin: unknown, source: string): Rule[] {
  const fail = (problem: string): never => {
    throw new ConfigError(problem, { file: `plugin ${quote(source)}` });
  };
  if (!isObject(plugin)) return fail('must export an object { name, rules }');
  const name = plugin.name;
  if (typeof name !== 'string' || !KEBAB.test(name)) {
    return fail(`"name" must be lowercase kebab-case (it prefixes the rule ids), got ${quote(name)}`);
  }
  if (!Array.isArray(plugin.rules) || plugin.rules.length === 0) return fail('"rules" must be a non-empty array of rules');
  const seen = new Set<string>();
  return plugin.rules.map((rule: unknown, index: number) => {
    const id = isObject(rule) ? rule.id : undefined;
    const label = typeof id === 'string' ? `rule ${quote(id)}` : `rules[${index}]`;
    if (typeof id !== 'string' || !KEBAB.test(id)) {
      return fail(`${label}: "id" must be lowercase kebab-case without a plugin prefix, got ${quote(id)}`);
    }
    if (seen.has(id)) return fail(`${label} is defined twice`);
    seen.add(id);
    const problem = ruleProblem(rule);
    if (problem !== undefined) return fail(`${label} ${problem}`);
    return { ...(rule as unknown as Rule), id: `${name}/${id}` };
  });
}

/**
 * The module specifier a `plugins` entry stands for, following ESLint's naming: a path (starting
 * with `.` or `/`, or a Windows drive) stays as is; `foo` → `corslint-plugin-foo`, `@scope` →
 * `@scope/corslint-plugin`, `@scope/foo` → `@scope/corslint-plugin-foo`; names that already
 * carry the prefix are kept.
 */
export function pluginSpecifier(entry: string): string {
  if (entry.startsWith('.') || entry.startsWith('/') || /^[a-zA-Z]:[\\/]/.test(entry)) return entry;
  if (entry.startsWith('@')) {
    const slash = entry.indexOf('/');
    if (slash === -1) return `${entry}/corslint-plugin`;
    const scope = entry.slice(0, slash);
    const rest = entry.slice(slash + 1);
    return rest.startsWith('corslint-plugin') ? entry : `${scope}/corslint-plugin-${rest}`;
  }
  return entry.startsWith('corslint-plugin-') ? entry : `corslint-plugin-${entry}`;
}
