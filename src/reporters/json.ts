// The machine-readable format: DESIGN.md "JSON output", schemaVersion 1.
import type { Finding } from '../model/finding.js';
import type { FileSummary, LintReport, ReportContext, Reporter } from '../model/report.js';
import { countBySeverity } from './shared.js';

/** One file in the JSON output. `stack` is the first stack; `stacks` lists all (an addition to the contract). */
export interface JsonFile {
  path: string;
  stack: string | null;
  stacks: string[];
  policies: number;
}

/** One finding in the JSON output. */
export interface JsonFinding {
  ruleId: string;
  severity: Finding['severity'];
  message: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  stack: string | null;
  witness: string | null;
  suppressed: boolean;
}

/** The whole JSON document, schemaVersion 1. */
export interface JsonReport {
  schemaVersion: 1;
  tool: { name: string; version: string };
  files: JsonFile[];
  findings: JsonFinding[];
  summary: { files: number; findings: number; high: number; medium: number; low: number; info: number };
}

function toJsonFile(file: FileSummary): JsonFile {
  return { path: file.path, stack: file.stacks[0] ?? null, stacks: [...file.stacks], policies: file.policies };
}

function toJsonFinding(f: Finding): JsonFinding {
  return {
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message,
    file: f.span.file,
    line: f.span.line,
    column: f.span.column,
    endLine: f.span.endLine,
    endColumn: f.span.endColumn,
    stack: f.stack ?? null,
    witness: f.witness ?? null,
    suppressed: f.suppressed !== undefined,
  };
}

/** Builds the JSON document (exported for callers that want the object, not the text). */
export function toJsonReport(report: LintReport, ctx: ReportContext): JsonReport {
  const counts = countBySeverity(report.findings);
  return {
    schemaVersion: 1,
    tool: { name: ctx.tool.name, version: ctx.tool.version },
    files: report.files.map(toJsonFile),
    findings: report.findings.map(toJsonFinding),
    summary: {
      files: report.files.length,
      findings: counts.total,
      high: counts.high,
      medium: counts.medium,
      low: counts.low,
      info: counts.info,
    },
  };
}

/** `--format json`: the schemaVersion 1 document, two-space indented, with a trailing newline. */
export const json: Reporter = (report, ctx) => `${JSON.stringify(toJsonReport(report, ctx), null, 2)}\n`;
