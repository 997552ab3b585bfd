// What reporters receive: results plus rule metadata as data (reporters never import rules).
import type { Finding, Severity } from './finding.js';

/** Metadata of one enabled rule, as data. */
export interface RuleCatalogEntry {
  id: string;
  summary: string;
  severity: Severity;
  recommended: boolean;
  /** Plain-text risk description (rule docs "why", Markdown stripped). */
  fullDescription: string;
  /** Rendered rule page: plain text and Markdown (same renderer as docs/rules/<id>.md). */
  helpText: string;
  helpMarkdown: string;
  /** Link to docs/rules/<id>.md at this version. */
  helpUri: string;
  /** For plugin rules: the plugin's name. */
  plugin?: string;
}

export interface FileSummary {
  /** Relative to the current directory, `/` separators. */
  path: string;
  stacks: string[];
  policies: number;
}

export interface ToolNotification {
  level: 'error' | 'warning' | 'note';
  message: string;
}

export interface LintReport {
  files: FileSummary[];
  /** Sorted by file, line, column, rule id. Suppressed findings appear only with --report-suppressed. */
  findings: Finding[];
  /** Config or internal problems that did not stop the run. */
  notifications: ToolNotification[];
}

export interface ReportContext {
  /** Every enabled rule, sorted by id (SARIF ruleIndex refers to this order). */
  rules: readonly RuleCatalogEntry[];
  tool: { name: 'corslint'; version: string; informationUri: string };
  /** Prefix from the repository root to the current directory (`''` or `sub/dir/`), for SARIF URIs. */
  repoPrefix: string;
  color: boolean;
  /** SARIF `automationDetails.id`; absent by default. */
  sarifCategory?: string;
}

export type Reporter = (report: LintReport, ctx: ReportContext) => string;
