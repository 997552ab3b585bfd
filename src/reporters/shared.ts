// Helpers shared by the reporters: repository-relative paths and severity counts.
import type { Finding, Severity } from '../model/finding.js';

/**
 * The path of `file` (relative to the current directory) from the repository root: `prefix + file`
 * with `\` turned into `/` and `.`/`..` segments resolved. GitHub resolves SARIF and annotation
 * paths against the checkout root (reference/integration.md §1.3), so they must not stay cwd-relative.
 */
export function repoRelativePath(prefix: string, file: string): string {
  const out: string[] = [];
  for (const segment of (prefix + file).replace(/\\/g, '/').split('/')) {
    if (segment === '' || segment === '.') continue;
    // A `..` that climbs above the repository root is kept: the file lies outside it and no
    // rewriting can make that path right.
    if (segment === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else out.push(segment);
  }
  return out.join('/');
}

/** Counts of findings per severity, leaving out suppressed ones. */
export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> & { total: number } {
  const counts = { high: 0, medium: 0, low: 0, info: 0, total: 0 };
  for (const f of findings) {
    if (f.suppressed) continue;
    counts[f.severity]++;
    counts.total++;
  }
  return counts;
}
