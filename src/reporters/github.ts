// GitHub Actions workflow commands (`::error file=…::message`), one annotation per finding (reference/integration.md §4.4).
import type { Finding, Severity } from '../model/finding.js';
import type { LintReport, ReportContext, Reporter } from '../model/report.js';
import { repoRelativePath } from './shared.js';

type Command = 'error' | 'warning' | 'notice';

const COMMAND: Readonly<Record<Severity, Command>> = { high: 'error', medium: 'warning', low: 'notice', info: 'notice' };

/** Escapes a command's message, as `@actions/core` `escapeData` does (lib/command.js). */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a property value: `escapeData` plus `:` and `,`, which delimit properties (`@actions/core` `escapeProperty`). */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function command(name: Command, properties: [string, string | number][], message: string): string {
  const props = properties.map(([key, value]) => `${key}=${escapeProperty(String(value))}`).join(',');
  return `::${name}${props ? ` ${props}` : ''}::${escapeData(message)}`;
}

function annotation(f: Finding, ctx: ReportContext): string {
  const { line, column, endLine, endColumn } = f.span;
  const props: [string, string | number][] = [
    ['file', repoRelativePath(ctx.repoPrefix, f.span.file)],
    ['line', line],
    ['endLine', endLine],
  ];
  // GitHub only uses columns for single-line annotations (reference/integration.md §4.4).
  if (line === endLine) props.push(['col', column], ['endColumn', endColumn]);
  props.push(['title', `corslint ${f.ruleId}`]);
  const message = f.witness !== undefined && !f.message.includes(f.witness) ? `${f.message}\nAn origin that gets through: ${f.witness}` : f.message;
  return command(COMMAND[f.severity], props, message);
}

/**
 * `--format github`. Suppressed findings (present only with --report-suppressed) get no annotation:
 * annotations are a to-do list with a small per-step quota (10 per type, §4.4), and a silenced
 * finding is not on it. Tool notifications become file-less annotations so config problems show up
 * in the run summary.
 */
export const github: Reporter = (report: LintReport, ctx: ReportContext): string => {
  const lines = report.notifications.map((n) => command(n.level === 'note' ? 'notice' : n.level, [['title', 'corslint']], n.message));
  for (const f of report.findings) if (!f.suppressed) lines.push(annotation(f, ctx));
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
};
