// Findings: what rules report, after severity adjustment.
import type { SourceSpan } from './source.js';
import type { StackId } from './policy.js';

/** Security impact of a finding. A config *level* (off | warn | error) is a separate word. */
export type Severity = 'high' | 'medium' | 'low' | 'info';
export type Level = 'off' | 'warn' | 'error';

export const SEVERITIES: readonly Severity[] = ['high', 'medium', 'low', 'info'];

/** Lower is more severe. */
export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

/** One step less severe (info stays info). */
export function lowerSeverity(s: Severity): Severity {
  return SEVERITIES[Math.min(severityRank(s) + 1, SEVERITIES.length - 1)];
}

export interface RelatedLocation {
  span: SourceSpan;
  message?: string;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  /** The config level the finding was reported under. */
  level: Exclude<Level, 'off'>;
  message: string;
  span: SourceSpan;
  stack?: StackId;
  /** For origin-matching flaws: an attacker origin that gets through. */
  witness?: string;
  related?: RelatedLocation[];
  /** Set when a `corslint-ignore` comment or the baseline silences it. */
  suppressed?: { kind: 'inSource' | 'external'; justification: string };
}
