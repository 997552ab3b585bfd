// SARIF 2.1.0 as GitHub code scanning ingests it (DESIGN.md "SARIF", STYLE.md §8.7, reference/integration.md §1).
import { createHash } from 'node:crypto';
import type { Finding, Severity } from '../model/finding.js';
import type { LintReport, ReportContext, Reporter, RuleCatalogEntry } from '../model/report.js';
import type { SourceSpan } from '../model/source.js';
import { repoRelativePath } from './shared.js';

/** SARIF `level` values corslint uses. */
export type SarifLevel = 'error' | 'warning' | 'note';

/** Severity → SARIF level and GitHub `security-severity` (STYLE.md §8.7; GitHub's bands: 7.0–8.9 high, 4.0–6.9 medium, 0.1–3.9 low). */
export const SARIF_SEVERITY: Readonly<Record<Severity, { level: SarifLevel; securitySeverity: string }>> = {
  high: { level: 'error', securitySeverity: '8.1' },
  medium: { level: 'warning', securitySeverity: '5.3' },
  low: { level: 'note', securitySeverity: '3.1' },
  info: { level: 'note', securitySeverity: '1.0' },
};

/** The `partialFingerprints` key corslint writes (GitHub ignores keys other than its own, §1.4). */
export const FINGERPRINT_KEY = 'corslint/v1';

// GitHub's limits for descriptor texts (reference/integration.md §1.2).
const MAX_DESCRIPTION = 1024;
const MAX_NAME = 255;

interface SarifMessage {
  text: string;
  markdown?: string;
}

interface SarifRegion {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

interface SarifLocation {
  id?: number;
  physicalLocation: {
    artifactLocation: { uri: string; uriBaseId: '%SRCROOT%' };
    region: SarifRegion;
  };
  message?: SarifMessage;
}

interface SarifReportingDescriptor {
  id: string;
  name: string;
  shortDescription: SarifMessage;
  fullDescription: SarifMessage;
  help: SarifMessage;
  helpUri?: string;
  defaultConfiguration: { level: SarifLevel };
  properties: { tags: string[]; precision: string; 'security-severity': string };
}

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: SarifMessage;
  locations: SarifLocation[];
  relatedLocations?: SarifLocation[];
  partialFingerprints: Record<string, string>;
  suppressions?: { kind: 'inSource' | 'external'; status: 'accepted'; justification?: string }[];
}

/** The SARIF log corslint writes (a subset of SARIF 2.1.0). */
export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: [
    {
      tool: {
        driver: {
          name: string;
          version: string;
          semanticVersion: string;
          informationUri: string;
          rules: SarifReportingDescriptor[];
        };
      };
      invocations: {
        executionSuccessful: boolean;
        toolExecutionNotifications: { level: 'error' | 'warning' | 'note'; message: SarifMessage }[];
      }[];
      results: SarifResult[];
      columnKind: 'utf16CodeUnits';
      automationDetails?: { id: string };
    },
  ];
}

/** Cuts `text` to `max` UTF-16 units, ending in `…`, without splitting a surrogate pair. */
function limit(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max - 1);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/** `origin-null-allowed` → `OriginNullAllowed`; plugin ids (`acme/foo-bar`) → `AcmeFooBar`. */
export function ruleName(id: string): string {
  const name = id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join('');
  return limit(name || id, MAX_NAME);
}

/**
 * A repository-relative path as a SARIF `uri`: `/`-separated with each segment percent-encoded,
 * so spaces, `#`, `%` and non-ASCII pass the `uri-reference` format check and `#` is not read as
 * a fragment (reference/integration.md §1.3; upload-sarif decodes it again before fingerprinting).
 */
export function sarifUri(repoPrefix: string, file: string): string {
  return repoRelativePath(repoPrefix, file).split('/').map(encodeURIComponent).join('/');
}

/** First non-empty text, so GitHub never sees an empty string (it rejects them, §1.2). */
function firstText(...texts: (string | undefined)[]): string {
  for (const t of texts) if (t !== undefined && t.trim() !== '') return t.trim();
  return '';
}

function descriptor(entry: RuleCatalogEntry): SarifReportingDescriptor {
  const { level, securitySeverity } = SARIF_SEVERITY[entry.severity];
  const short = firstText(entry.summary, entry.id);
  const full = firstText(entry.fullDescription, short);
  const help: SarifMessage = { text: firstText(entry.helpText, full) };
  if (entry.helpMarkdown.trim() !== '') help.markdown = entry.helpMarkdown;
  return {
    id: entry.id,
    name: ruleName(entry.id),
    shortDescription: { text: limit(short, MAX_DESCRIPTION) },
    fullDescription: { text: limit(full, MAX_DESCRIPTION) },
    help,
    ...(entry.helpUri ? { helpUri: entry.helpUri } : {}),
    defaultConfiguration: { level },
    // Precision: findings come from a model of what is sent, and origin flaws carry a witness that
    // was checked against the stack's matcher, so false positives need a wrong model, not a heuristic.
    properties: { tags: ['security', 'cors'], precision: 'high', 'security-severity': securitySeverity },
  };
}

/**
 * A finding whose rule is not in the catalog (a built-in diagnostic id the engine did not list, a
 * plugin rule) still needs a descriptor: GitHub wants every result's rule described, and a
 * `ruleIndex` must point at it (SARIF1009).
 */
function fallbackDescriptor(id: string, severity: Severity): SarifReportingDescriptor {
  const text = `corslint findings reported under the id "${id}"`;
  return descriptor({
    id,
    summary: text,
    severity,
    recommended: false,
    fullDescription: `${text}, which is not in the list of enabled rules.`,
    helpText: `See the finding's message for details about "${id}".`,
    helpMarkdown: '',
    helpUri: '',
  });
}

function region(span: SourceSpan): SarifRegion {
  // The schema requires positive lines and columns; a degenerate span is widened, never dropped,
  // because a result without a region is not shown by GitHub.
  const startLine = Math.max(1, span.line);
  const startColumn = Math.max(1, span.column);
  const endLine = Math.max(startLine, span.endLine);
  let endColumn = Math.max(1, span.endColumn);
  if (endLine === startLine && endColumn < startColumn) endColumn = startColumn;
  return { startLine, startColumn, endLine, endColumn };
}

function location(span: SourceSpan, ctx: ReportContext): SarifLocation {
  return {
    physicalLocation: {
      artifactLocation: { uri: sarifUri(ctx.repoPrefix, span.file), uriBaseId: '%SRCROOT%' },
      region: region(span),
    },
  };
}

function messageText(f: Finding, rule: SarifReportingDescriptor): string {
  const text = firstText(f.message, rule.shortDescription.text, f.ruleId);
  if (f.witness === undefined || text.includes(f.witness)) return text;
  return `${text}${/[.!?]$/.test(text) ? '' : '.'} An origin that gets through: ${f.witness}`;
}

/** The identity of a finding that survives edits elsewhere in the file: no line or column in it. */
function fingerprintBase(f: Finding, path: string): string {
  const normalise = (s: string) => s.replace(/\s+/g, ' ').trim();
  return createHash('sha256')
    .update(JSON.stringify([f.ruleId, path, normalise(f.message), f.witness ?? null]))
    .digest('hex')
    .slice(0, 32);
}

function automationId(category: string | undefined): string | undefined {
  const trimmed = category?.trim();
  if (!trimmed) return undefined;
  // upload-sarif stores a category as `<category>/` (codeql-action src/upload-lib.ts
  // getAutomationID); the part after the last `/` is a run id, so a bare category gets the slash too.
  return trimmed.endsWith('/') ? trimmed : `${trimmed}/`;
}

/** Builds the SARIF log object (exported for tests and callers that post-process it). */
export function toSarifLog(report: LintReport, ctx: ReportContext): SarifLog {
  const rules = ctx.rules.map(descriptor);
  const indexById = new Map(rules.map((r, i) => [r.id, i]));
  const unknown = new Map<string, Severity>();
  for (const f of report.findings) if (!indexById.has(f.ruleId) && !unknown.has(f.ruleId)) unknown.set(f.ruleId, f.severity);
  // Appended after the catalog, so the catalog's indexes stay what they are in every run.
  for (const id of [...unknown.keys()].sort()) {
    indexById.set(id, rules.length);
    rules.push(fallbackDescriptor(id, unknown.get(id)!));
  }

  const occurrences = new Map<string, number>();
  const results = report.findings.map((f): SarifResult => {
    const ruleIndex = indexById.get(f.ruleId)!;
    const path = repoRelativePath(ctx.repoPrefix, f.span.file);
    const base = fingerprintBase(f, path);
    // Identical findings in one file (two equal nginx locations) get distinct fingerprints by
    // occurrence, as GitHub's own primaryLocationLineHash does (`hash:n`, §1.4).
    const n = (occurrences.get(base) ?? 0) + 1;
    occurrences.set(base, n);
    const result: SarifResult = {
      ruleId: f.ruleId,
      ruleIndex,
      level: SARIF_SEVERITY[f.severity].level,
      message: { text: messageText(f, rules[ruleIndex]) },
      locations: [location(f.span, ctx)],
      partialFingerprints: { [FINGERPRINT_KEY]: `${base}:${n}` },
    };
    if (f.related && f.related.length > 0) {
      result.relatedLocations = f.related.map((r, i) => {
        const loc = location(r.span, ctx);
        loc.id = i + 1;
        if (r.message && r.message.trim() !== '') loc.message = { text: r.message };
        return loc;
      });
    }
    if (f.suppressed) {
      const justification = f.suppressed.justification.trim();
      result.suppressions = [{ kind: f.suppressed.kind, status: 'accepted', ...(justification ? { justification } : {}) }];
    }
    return result;
  });

  const run: SarifLog['runs'][0] = {
    tool: {
      driver: {
        name: ctx.tool.name,
        version: ctx.tool.version,
        semanticVersion: ctx.tool.version,
        informationUri: ctx.tool.informationUri,
        rules,
      },
    },
    invocations: [
      {
        executionSuccessful: !report.notifications.some((n) => n.level === 'error'),
        toolExecutionNotifications: report.notifications.map((n) => ({
          level: n.level,
          message: { text: firstText(n.message, n.level) },
        })),
      },
    ],
    results,
    columnKind: 'utf16CodeUnits',
  };
  const id = automationId(ctx.sarifCategory);
  if (id !== undefined) run.automationDetails = { id };
  return { $schema: 'https://json.schemastore.org/sarif-2.1.0.json', version: '2.1.0', runs: [run] };
}

/** `--format sarif`: one SARIF 2.1.0 run, two-space indented, with a trailing newline. */
export const sarif: Reporter = (report, ctx) => `${JSON.stringify(toSarifLog(report, ctx), null, 2)}\n`;
