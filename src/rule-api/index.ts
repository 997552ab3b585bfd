// The only import path for rule authors: defineRule, the context a rule gets, and model types.
import type { Context, CorsPolicy, Diagnostic, Located, OriginRule, StackId } from '../model/policy.js';
import type { Severity } from '../model/finding.js';
import type { SourceSpan } from '../model/source.js';

export type * from '../model/policy.js';
export { splitOrigin, isLocalHost, originNeverMatchesReason } from '../model/origin.js';
export { describeOriginRule } from '../model/print-policy.js';
export type { Severity, Level, Finding, RelatedLocation } from '../model/finding.js';
export type { SourceSpan } from '../model/source.js';

/** A docs example; executed by test/rule-docs.test.ts through its stack's adapter. */
export interface RuleExample {
  stack: StackId;
  kind: 'bad' | 'good';
  code: string;
  /** File name the example is linted as (default per stack, e.g. `cors.json` for s3). */
  filename?: string;
}

/** A JSON Schema (draft-07) for a rule's options, with defaults. */
export interface RuleOptionsSpec<O> {
  schema: Record<string, unknown>;
  defaults: O;
}

export interface RuleMeta<M extends string, O> {
  /** One line, no trailing period: table row and SARIF shortDescription. */
  summary: string;
  severity: Severity;
  recommended: boolean;
  /** RULES.md "↑cred": reported as `high` when the policy allows credentials on a layer with ambient credentials. */
  raisedByCredentials?: boolean;
  /** Silent in development, test and example contexts. */
  productionOnly?: boolean;
  messages: Record<M, string>;
  options?: RuleOptionsSpec<O>;
  docs: {
    /** Markdown: the risk, in two to five sentences. */
    why: string;
    /** Markdown: what to do instead. */
    fix: string;
    examples: RuleExample[];
    references?: string[];
    /** Where the rule is documented, for plugin rules (built-in rules link to docs/rules/<id>.md). */
    url?: string;
  };
}

/** One file's model, for rules that look at a file as a whole. */
export interface FileModel {
  path: string;
  stacks: StackId[];
  context: Context;
  policies: readonly CorsPolicy[];
  diagnostics: readonly Diagnostic[];
}

/** Every file's model, for rules that relate policies across files (a proxy and its app). */
export interface ProjectModel {
  files: readonly FileModel[];
}

export interface FindingOptions {
  /** Values for `{name}` placeholders in the message. */
  data?: Record<string, string | number>;
  related?: { span: SourceSpan; message?: string }[];
  witness?: string;
  /** The policy the finding is about (for context, stack and the credentials raise). */
  policy?: CorsPolicy;
  /** Whether this finding is raised by credentials (only for rules with `raisedByCredentials`). */
  credentialed?: boolean;
  /** The offending value: a runtime default caps the severity at `low`. */
  value?: Located<unknown>;
  /** Overrides the context (default: the policy's, else the file's). */
  context?: Context;
}

/** What a rule returns for each finding; the engine turns it into a Finding. */
export interface FindingDraft {
  messageId: string;
  span: SourceSpan;
  options: FindingOptions;
}

/** An attacker origin that an origin rule accepts although it is not under an intended host. */
export interface Witness {
  origin: string;
  /** The probe class: `unrelated`, `null`, `prefix`, `suffix`, `unescaped-dot`, `shared-host`, `http-scheme`, … */
  class: string;
  /** Why the matcher accepts it, in words (never a stack name). */
  reason: string;
}

/** What origin analysis knows about one origin rule (src/analysis). */
export interface OriginAnalysis {
  /** Set when the rule cannot be checked statically (computed at run time, untranslatable pattern). */
  unverifiable?: string;
  /** Hosts the configuration means to trust (from `trustedOrigins` or the rule's literal parts). */
  intendedHosts: string[];
  /**
   * Accepts any https origin (an unrelated one and random-looking ones): equivalent to reflection
   * (`.*`, `^https?://.*$`). `null` is not required; an accepted `null` is a witness of class `null`.
   */
  acceptsEverything: boolean;
  witnesses: Witness[];
  /** Whether a browser's origin is accepted (undefined when unverifiable). */
  accepts(origin: string): boolean | undefined;
}

export interface RuleContext<M extends string, O> {
  readonly options: O;
  /** Origin analysis with the stack's exact matching semantics (memoised per rule value). */
  analyseOrigin(origin: OriginRule): OriginAnalysis;
  finding(messageId: M, span: SourceSpan, options?: FindingOptions): FindingDraft;
}

export interface Rule<M extends string = string, O = unknown> {
  /** kebab-case; equals the file name. */
  id: string;
  meta: RuleMeta<M, O>;
  /** Pure; runs once per policy. */
  check?(policy: CorsPolicy, ctx: RuleContext<M, O>): Iterable<FindingDraft>;
  /** Pure; runs once per file that produced a model. */
  checkFile?(file: FileModel, ctx: RuleContext<M, O>): Iterable<FindingDraft>;
  /** Pure; runs once per run. */
  checkProject?(project: ProjectModel, ctx: RuleContext<M, O>): Iterable<FindingDraft>;
}

/** Declares a rule; only infers types (a wrong messageId is a compile error). */
export function defineRule<M extends string, O = undefined>(rule: Rule<M, O>): Rule<M, O> {
  return rule;
}

/** Whether a policy's credentials reach the browser with ambient credentials (cookies, auth). */
export function allowsAmbientCredentials(policy: CorsPolicy): boolean {
  return policy.credentials.value === true && policy.layer !== 'storage';
}
