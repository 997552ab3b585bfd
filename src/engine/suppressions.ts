// Inline `corslint-ignore <rule-id> -- <reason>` comments: parsing and matching findings to them.
import { LineIndex } from '../model/source.js';
import type { SourceSpan } from '../model/source.js';

/** One ignore comment. `line` is the line it silences. */
export interface IgnoreDirective {
  ruleIds: string[];
  reason: string;
  /** The line whose findings it silences (its own line when trailing, else the next code line). */
  targetLine: number;
  span: SourceSpan;
  used: boolean;
}

export interface MalformedIgnore {
  span: SourceSpan;
  problem: string;
}

// The directive grammar is ours (shared/reference/integration.md §5.3: gixy has none, so corslint
// defines one for every stack). The comment token follows the file's language: `//` in JS/TS, `#`
// elsewhere (Python, nginx, YAML), so a `#` inside a JavaScript string is not a directive.
const SLASH_DIRECTIVE = /(\/\/)\s*corslint-ignore\b(.*)$/;
const HASH_DIRECTIVE = /(#)\s*corslint-ignore\b(.*)$/;
const JS_FILE = /\.(?:[cm]?[jt]s|[jt]sx)$/i;
const RULE_ID = /^(?:[a-z0-9-]+\/)?[a-z0-9-]+$/;

/**
 * Finds the ignore directives of a file. Cheap when the file has none (one indexOf).
 * A directive without a reason or without rule ids is reported as malformed and silences nothing.
 */
export function parseIgnoreDirectives(path: string, text: string): { directives: IgnoreDirective[]; malformed: MalformedIgnore[] } {
  const directives: IgnoreDirective[] = [];
  const malformed: MalformedIgnore[] = [];
  if (!text.includes('corslint-ignore')) return { directives, malformed };
  const index = new LineIndex(text);
  const DIRECTIVE = JS_FILE.test(path) ? SLASH_DIRECTIVE : HASH_DIRECTIVE;
  const pending: IgnoreDirective[] = [];
  for (let line = 1; line <= index.lineCount; line++) {
    const lineText = index.lineText(line);
    const m = DIRECTIVE.exec(lineText);
    const ownLine = m !== null && lineText.slice(0, m.index).trim() === '';
    if (m === null) {
      // A code line (not blank): own-line directives above it apply here.
      if (lineText.trim() !== '' && pending.length > 0) {
        for (const d of pending.splice(0)) {
          d.targetLine = line;
          directives.push(d);
        }
      }
      continue;
    }
    const span: SourceSpan = { file: path, line, column: m.index + 1, endLine: line, endColumn: lineText.length + 1 };
    const body = m[2];
    const sep = body.indexOf('--');
    const idsPart = (sep === -1 ? body : body.slice(0, sep)).trim();
    const reason = sep === -1 ? '' : body.slice(sep + 2).trim();
    const ruleIds = idsPart.split(/[\s,]+/).filter((s) => s !== '');
    if (ruleIds.length === 0 || !ruleIds.every((id) => RULE_ID.test(id))) {
      malformed.push({ span, problem: 'corslint-ignore needs one or more rule ids: `corslint-ignore <rule-id> -- <reason>`' });
    } else if (reason === '') {
      malformed.push({ span, problem: `corslint-ignore ${ruleIds.join(', ')} needs a reason after " -- "` });
    } else {
      const directive: IgnoreDirective = { ruleIds, reason, targetLine: line, span, used: false };
      if (ownLine) pending.push(directive);
      else {
        // A trailing directive silences its own line; own-line directives stacked above it too.
        for (const d of pending.splice(0)) {
          d.targetLine = line;
          directives.push(d);
        }
        directives.push(directive);
      }
      continue;
    }
    if (!ownLine && pending.length > 0) {
      for (const d of pending.splice(0)) {
        d.targetLine = line;
        directives.push(d);
      }
    }
  }
  return { directives, malformed };
}

/** The directive that silences a finding of `ruleId` starting on `line`, if any (marks it used). */
export function matchIgnore(directives: readonly IgnoreDirective[], ruleId: string, line: number): IgnoreDirective | undefined {
  const hit = directives.find((d) => d.targetLine === line && d.ruleIds.includes(ruleId));
  if (hit) hit.used = true;
  return hit;
}
