// The default human format, modelled on ESLint's `stylish`: findings grouped by file, aligned columns, a summary.
import { SEVERITIES, type Finding, type Severity } from '../model/finding.js';
import type { LintReport, ReportContext, Reporter } from '../model/report.js';
import { styles, type Styles } from './color.js';
import { countBySeverity } from './shared.js';

function severityStyle(s: Styles, severity: Severity): (text: string) => string {
  switch (severity) {
    case 'high':
      return s.red;
    case 'medium':
      return s.yellow;
    case 'low':
      return s.blue;
    case 'info':
      return s.gray;
  }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Findings grouped by file, in the report's order (the report is already sorted by file). */
function groupByFile(findings: readonly Finding[]): Map<string, Finding[]> {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const group = groups.get(f.span.file);
    if (group) group.push(f);
    else groups.set(f.span.file, [f]);
  }
  return groups;
}

function renderGroup(file: string, findings: readonly Finding[], s: Styles): string[] {
  const rows = findings.map((f) => ({
    finding: f,
    position: `${f.span.line}:${f.span.column}`,
    severity: f.suppressed ? 'suppressed' : f.severity,
  }));
  // Padding is computed on the plain text, before styling, so ANSI codes never skew alignment.
  const positionWidth = Math.max(...rows.map((r) => r.position.length));
  const severityWidth = Math.max(...rows.map((r) => r.severity.length));
  const messageWidth = Math.max(...rows.map((r) => r.finding.message.length));
  const lines = [s.underline(file)];
  for (const { finding, position, severity } of rows) {
    const styleSeverity = finding.suppressed ? s.dim : severityStyle(s, finding.severity);
    lines.push(
      [
        '',
        s.dim(position.padEnd(positionWidth)),
        styleSeverity(severity.padEnd(severityWidth)),
        finding.message.padEnd(messageWidth),
        s.dim(finding.ruleId),
      ].join('  '),
    );
    const indent = ' '.repeat(2 + positionWidth + 2);
    if (finding.witness !== undefined) lines.push(`${indent}${s.dim('witness:')} ${finding.witness}`);
    if (finding.suppressed) {
      const how = finding.suppressed.kind === 'inSource' ? 'corslint-ignore' : 'baseline';
      const why = finding.suppressed.justification ? ` -- ${finding.suppressed.justification}` : '';
      lines.push(s.dim(`${indent}suppressed by ${how} (severity ${finding.severity})${why}`));
    }
  }
  return lines;
}

function summaryLine(report: LintReport, s: Styles): string {
  const counts = countBySeverity(report.findings);
  const suppressed = report.findings.length - counts.total;
  const suppressedNote = suppressed > 0 ? `, ${suppressed} suppressed` : '';
  if (counts.total === 0) {
    return s.green(`✔ No findings (${plural(report.files.length, 'file')} checked${suppressedNote})`);
  }
  const bySeverity = SEVERITIES.filter((sev) => counts[sev] > 0)
    .map((sev) => `${counts[sev]} ${sev}`)
    .join(', ');
  const worst = SEVERITIES.find((sev) => counts[sev] > 0) ?? 'info';
  return s.bold(severityStyle(s, worst)(`✖ ${plural(counts.total, 'finding')} (${bySeverity}${suppressedNote})`));
}

/**
 * ESLint-like text report. Unlike ESLint's stylish, which prints nothing for a clean run, a clean
 * run still prints one line (as Ruff prints "All checks passed!"), so a user can tell that
 * corslint ran and how many files it recognised.
 */
export const stylish: Reporter = (report: LintReport, ctx: ReportContext): string => {
  const s = styles(ctx.color);
  const lines: string[] = [];
  for (const [file, findings] of groupByFile(report.findings)) {
    lines.push('', ...renderGroup(file, findings, s));
  }
  lines.push('', summaryLine(report, s));
  // A leading blank line only separates findings from the command line; a clean run is one line.
  if (report.findings.length === 0) lines.shift();
  return `${lines.join('\n')}\n`;
};
