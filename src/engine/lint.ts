// Pure orchestration: files + adapters + rules + settings → findings. No file system, no printing.
import type { AdapterHost, AdapterResult, StackAdapter, StackParser } from '../model/adapter.js';
import type { Finding, Level } from '../model/finding.js';
import { lowerSeverity, severityRank } from '../model/finding.js';
import type { Context, CorsPolicy, Diagnostic } from '../model/policy.js';
import type { FileSummary } from '../model/report.js';
import type { SourceFile, SourceSpan } from '../model/source.js';
import type { FileModel, FindingDraft, ProjectModel, Rule, RuleContext } from '../rule-api/index.js';
import { allowsAmbientCredentials } from '../rule-api/index.js';
import { matchIgnore, parseIgnoreDirectives } from './suppressions.js';
import type { IgnoreDirective } from './suppressions.js';

/** The level and validated options of one enabled rule for one file. */
export interface RuleSetting {
  level: Exclude<Level, 'off'>;
  options: unknown;
}

export interface EngineOptions {
  files: readonly SourceFile[];
  adapters: readonly StackAdapter[];
  rules: readonly Rule[];
  /** Enabled rules for a file (rule id → setting); rules not in the map are off for it. */
  settingsFor(path: string): ReadonlyMap<string, RuleSetting>;
  host: AdapterHost;
  /** Report `corslint-ignore` comments that silence nothing. */
  reportUnusedIgnores?: boolean;
  /** Makes origin analysis available to rules; loaded only when some policy has a pattern or code check. */
  prepareRules?: () => Promise<RuleServices>;
}

/** Services the engine hands to rule contexts (origin analysis), loaded lazily. */
export type RuleServices = Pick<RuleContext<string, unknown>, 'analyseOrigin'>;

export interface EngineResult {
  /** Adapter notes that are not findings (skipped bundles), as `path: message`. */
  notes: string[];
  files: FileSummary[];
  /** Sorted by file, line, column, rule id; suppressed ones carry `suppressed`. */
  findings: Finding[];
  models: FileModel[];
}

/** Id under which the engine reports ignore comments that are malformed or unused (not a rule). */
export const IGNORE_COMMENT_ID = 'ignore-comment';

/** Lints already-read files. Never throws for bad input: adapter crashes become findings. */
export async function lintFiles(options: EngineOptions): Promise<EngineResult> {
  const { host } = options;
  const routed = routeFiles(options.files, options.adapters);
  const results = new Map<string, { stacks: string[]; policies: CorsPolicy[]; diagnostics: Diagnostic[] }>();
  const entry = (path: string) => {
    let e = results.get(path);
    if (!e) results.set(path, (e = { stacks: [], policies: [], diagnostics: [] }));
    return e;
  };
  const notes: string[] = [];
  for (const { adapter, files } of routed) {
    for (const f of files) entry(f.path).stacks.push(adapter.id);
    const outcome = await runAdapter(adapter, files, host);
    for (const n of outcome.notes ?? []) notes.push(`${n.file}: ${n.message}`);
    for (const p of outcome.policies) entry(p.span.file).policies.push(p);
    for (const d of outcome.diagnostics) entry(d.span.file).diagnostics.push(d);
  }

  const models: FileModel[] = [...results.entries()].map(([path, r]) => ({
    path,
    stacks: r.stacks.length > 0 ? r.stacks : [...new Set(r.policies.map((p) => p.stack))],
    context: host.contextFor(path),
    policies: r.policies,
    diagnostics: r.diagnostics,
  }));
  // Origin analysis is only needed for patterns and code checks; exact lists never load it.
  const needsAnalysis = models.some((m) => m.policies.some((p) => p.origins.some((o) => o.value.kind === 'pattern' || o.value.kind === 'predicate')));
  const services = needsAnalysis && options.prepareRules ? await options.prepareRules() : undefined;
  const findings = runRules(options.rules, models, options.settingsFor, services);
  const texts = new Map(options.files.map((f) => [f.path, f.text]));
  const withSuppressions = applySuppressions(
    findings,
    models.map((m) => m.path),
    (path) => texts.get(path) ?? host.readFile(path),
    options.reportUnusedIgnores === true,
  );
  withSuppressions.sort(compareFindings);
  const files: FileSummary[] = models
    .filter((m) => m.stacks.length > 0)
    .map((m) => ({ path: m.path, stacks: m.stacks, policies: m.policies.length }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { notes, files, findings: withSuppressions, models };
}

/** Which adapters want which files. `accepts` is cheap and runs before any parser is loaded. */
export function routeFiles(files: readonly SourceFile[], adapters: readonly StackAdapter[]): { adapter: StackAdapter; files: SourceFile[] }[] {
  return adapters
    .map((adapter) => ({ adapter, files: files.filter((f) => adapter.wantsPath(f.path) && adapter.accepts(f.path, f.text)) }))
    .filter((r) => r.files.length > 0);
}

const loaded = new WeakMap<StackAdapter, Promise<StackParser>>();

async function runAdapter(adapter: StackAdapter, files: readonly SourceFile[], host: AdapterHost): Promise<AdapterResult> {
  let parser: StackParser;
  try {
    let p = loaded.get(adapter);
    if (!p) loaded.set(adapter, (p = adapter.load()));
    parser = await p;
  } catch (error) {
    return { policies: [], diagnostics: files.map((f) => internalError(adapter, f.path, error)) };
  }
  try {
    return await parser.analyze(files, host);
  } catch {
    // One bad file must not cost the others their findings: retry one file at a time.
    const merged: AdapterResult = { policies: [], diagnostics: [] };
    for (const file of files) {
      try {
        const r = await parser.analyze([file], host);
        merged.policies.push(...r.policies);
        merged.diagnostics.push(...r.diagnostics);
      } catch (error) {
        merged.diagnostics.push(internalError(adapter, file.path, error));
      }
    }
    return merged;
  }
}

function internalError(adapter: StackAdapter, path: string, error: unknown): Diagnostic {
  const reason = error instanceof Error ? error.message : String(error);
  return {
    ruleId: 'parse-error',
    message: `corslint could not analyse this file as ${adapter.name} (internal error: ${reason.split('\n')[0]})`,
    span: { file: path, line: 1, column: 1, endLine: 1, endColumn: 1 },
  };
}

function runRules(
  rules: readonly Rule[],
  models: readonly FileModel[],
  settingsFor: EngineOptions['settingsFor'],
  services: RuleServices | undefined,
): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<string>();
  const contextOfFile = new Map(models.map((m) => [m.path, m.context]));
  const settingsCache = new Map<string, ReadonlyMap<string, RuleSetting>>();
  const settings = (path: string) => {
    let s = settingsCache.get(path);
    if (!s) settingsCache.set(path, (s = settingsFor(path)));
    return s;
  };
  const emit = (rule: Rule, draft: FindingDraft, setting: RuleSetting, fileContext: Context) => {
    const finding = finalize(rule, draft, setting, fileContext);
    if (!finding) return;
    // The same value can be reached through several scopes (an nginx file included twice):
    // report it once, at the line where it is.
    const key = `${finding.ruleId}\0${spanKey(finding.span)}\0${finding.message}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(finding);
  };
  const contextFor = (rule: Rule, setting: RuleSetting): RuleContext<string, unknown> => ({
    options: setting.options,
    analyseOrigin: services?.analyseOrigin ?? missingAnalysis,
    finding: (messageId, span, opts = {}) => {
      if (!(messageId in rule.meta.messages)) throw new Error(`rule ${rule.id} has no message "${messageId}"`);
      return { messageId, span, options: opts };
    },
  });

  for (const model of models) {
    const fileSettings = settings(model.path);
    for (const rule of rules) {
      const setting = fileSettings.get(rule.id);
      if (!setting) continue;
      const ctx = contextFor(rule, setting);
      if (rule.checkFile) for (const d of rule.checkFile(model, ctx)) emitChecked(rule, d, model.context);
      if (rule.check) for (const policy of model.policies) for (const d of rule.check(policy, ctx)) emitChecked(rule, d, model.context);
    }
  }
  const project: ProjectModel = { files: models };
  for (const rule of rules) {
    if (!rule.checkProject) continue;
    // Project rules run with the settings of the file each finding lands in.
    const anySetting = [...contextOfFile.keys()].map((p) => settings(p).get(rule.id)).find((s) => s !== undefined);
    if (!anySetting) continue;
    for (const d of rule.checkProject(project, contextFor(rule, anySetting))) emitChecked(rule, d, contextOfFile.get(d.span.file) ?? 'production');
  }
  return out;

  function emitChecked(rule: Rule, draft: FindingDraft, fileContext: Context) {
    // Settings follow the file the finding is in (an included nginx file may have its own overrides).
    const setting = settings(draft.span.file).get(rule.id);
    if (setting) emit(rule, draft, setting, fileContext);
  }
}

function missingAnalysis(): never {
  throw new Error('origin analysis was not prepared for this run');
}

/** Applies RULES.md's severity adjustments: credentials raise, runtime defaults cap, non-production lowers. */
function finalize(rule: Rule, draft: FindingDraft, setting: RuleSetting, fileContext: Context): Finding | undefined {
  const { policy, value } = draft.options;
  const context = draft.options.context ?? policy?.context ?? fileContext;
  if (rule.meta.productionOnly && context !== 'production') return undefined;
  let severity = rule.meta.severity;
  if (rule.meta.raisedByCredentials && (draft.options.credentialed ?? (policy !== undefined && allowsAmbientCredentials(policy)))) {
    severity = 'high';
  }
  // A default visible in code (`env('X', default=…)`) is a development value: never above low.
  if (value?.runtimeDefault && severityRank(severity) < severityRank('low')) severity = 'low';
  if (context !== 'production') severity = lowerSeverity(severity);
  const finding: Finding = {
    ruleId: rule.id,
    severity,
    level: setting.level,
    message: formatMessage(rule.meta.messages[draft.messageId], draft.options.data),
    span: draft.span,
  };
  if (policy) finding.stack = policy.stack;
  if (draft.options.witness !== undefined) finding.witness = draft.options.witness;
  if (draft.options.related && draft.options.related.length > 0) finding.related = draft.options.related;
  return finding;
}

/** Fills `{name}` placeholders; an unknown placeholder is left as written. */
export function formatMessage(template: string, data: Record<string, string | number> | undefined): string {
  if (!data) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in data ? String(data[name]) : whole));
}

function applySuppressions(
  findings: Finding[],
  lintedPaths: readonly string[],
  textOf: (path: string) => string | undefined,
  reportUnused: boolean,
): Finding[] {
  const byFile = new Map<string, { directives: IgnoreDirective[]; malformed: ReturnType<typeof parseIgnoreDirectives>['malformed'] }>();
  const directivesOf = (path: string) => {
    let d = byFile.get(path);
    if (!d) {
      const text = textOf(path);
      byFile.set(path, (d = text === undefined ? { directives: [], malformed: [] } : parseIgnoreDirectives(path, text)));
    }
    return d;
  };
  for (const f of findings) {
    const hit = matchIgnore(directivesOf(f.span.file).directives, f.ruleId, f.span.line);
    if (hit) f.suppressed = { kind: 'inSource', justification: hit.reason };
  }
  // Files with ignore comments but no findings still need their comments checked.
  for (const path of lintedPaths) directivesOf(path);
  const extra: Finding[] = [];
  for (const [, { directives, malformed }] of byFile) {
    for (const m of malformed) {
      extra.push({ ruleId: IGNORE_COMMENT_ID, severity: 'medium', level: 'error', message: m.problem, span: m.span });
    }
    if (!reportUnused) continue;
    for (const d of directives) {
      if (d.used) continue;
      extra.push({
        ruleId: IGNORE_COMMENT_ID,
        severity: 'medium',
        level: 'error',
        message: `corslint-ignore ${d.ruleIds.join(', ')} silences nothing on line ${d.targetLine}`,
        span: d.span,
      });
    }
  }
  return findings.concat(extra);
}

function spanKey(s: SourceSpan): string {
  return `${s.file}:${s.line}:${s.column}:${s.endLine}:${s.endColumn}`;
}

/** File, line, column, rule id: the order of every report. */
export function compareFindings(a: Finding, b: Finding): number {
  if (a.span.file !== b.span.file) return a.span.file < b.span.file ? -1 : 1;
  return a.span.line - b.span.line || a.span.column - b.span.column || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);
}
