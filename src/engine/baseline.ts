// Baselines: record today's findings and later report only new ones. Identity survives line moves.
import { createHash } from 'node:crypto';
import type { Finding } from '../model/finding.js';

interface BaselineEntry {
  ruleId: string;
  path: string;
  fingerprint: string;
}

interface BaselineFile {
  schemaVersion: 1;
  tool: 'corslint';
  findings: BaselineEntry[];
}

/**
 * A finding's identity: rule, file, and a hash of the normalised offending line (whitespace
 * folded) plus the witness — not the line number, so edits above it do not make it new. Equal
 * identities in one file are told apart by their order (`#2`), like GitHub's line hashes.
 */
export function fingerprintFindings(findings: readonly Finding[], textOf: (path: string) => string | undefined): Map<Finding, string> {
  const lines = new Map<string, string[]>();
  const linesOf = (path: string) => {
    let l = lines.get(path);
    if (!l) lines.set(path, (l = (textOf(path) ?? '').split(/\r?\n|\r/)));
    return l;
  };
  const seen = new Map<string, number>();
  const out = new Map<Finding, string>();
  for (const f of findings) {
    const line = (linesOf(f.span.file)[f.span.line - 1] ?? '').trim().replace(/\s+/g, ' ');
    const base = createHash('sha256').update(`${f.ruleId}\0${f.span.file}\0${line}\0${f.witness ?? ''}`).digest('hex').slice(0, 32);
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    out.set(f, n === 1 ? base : `${base}#${n}`);
  }
  return out;
}

export function serializeBaseline(findings: readonly Finding[], fingerprints: ReadonlyMap<Finding, string>): string {
  const file: BaselineFile = {
    schemaVersion: 1,
    tool: 'corslint',
    findings: findings.map((f) => ({ ruleId: f.ruleId, path: f.span.file, fingerprint: fingerprints.get(f) ?? '' })),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** Reads a baseline file; throws an Error with a one-line message when it is not one. */
export function readBaseline(text: string, name: string): Set<string> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Error(`${name} is not a corslint baseline (invalid JSON)`);
  }
  const entries = (data as Partial<BaselineFile>)?.findings;
  if (!Array.isArray(entries)) throw new Error(`${name} is not a corslint baseline (no "findings" list)`);
  return new Set(entries.map((e: BaselineEntry) => key(e.ruleId, e.path, e.fingerprint)));
}

/** Marks findings that are in the baseline as suppressed (`external`, as SARIF calls it). */
export function applyBaseline(findings: readonly Finding[], fingerprints: ReadonlyMap<Finding, string>, baseline: ReadonlySet<string>): void {
  for (const f of findings) {
    if (f.suppressed) continue;
    if (baseline.has(key(f.ruleId, f.span.file, fingerprints.get(f) ?? ''))) f.suppressed = { kind: 'external', justification: 'in the baseline' };
  }
}

function key(ruleId: string, path: string, fingerprint: string): string {
  return `${ruleId}\0${path}\0${fingerprint}`;
}
