// "Did you mean" suggestions for misspelt keys, rule ids, levels and context names.

/** Levenshtein edit distance (insert, delete, substitute), O(a·b) time and O(b) memory. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j] + 1, current[j - 1] + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length];
}

/**
 * The candidate the input most likely meant, or undefined. Case-insensitive equality wins; then
 * the smallest edit distance within max(2, a third of the input's length); then a candidate that
 * is a prefix of the input or the other way round (`warning` → `warn`, `dev` → `development`),
 * which edit distance alone misses for long or short spellings.
 */
export function suggest(input: string, candidates: Iterable<string>): string | undefined {
  const lower = input.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  let prefixMatch: string | undefined;
  for (const candidate of candidates) {
    const candidateLower = candidate.toLowerCase();
    if (candidateLower === lower) return candidate;
    const distance = editDistance(lower, candidateLower);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
    if (prefixMatch === undefined && lower.length >= 2 && (lower.startsWith(candidateLower) || candidateLower.startsWith(lower))) {
      prefixMatch = candidate;
    }
  }
  if (best !== undefined && bestDistance <= Math.max(2, Math.floor(input.length / 3))) return best;
  return prefixMatch;
}

/** `; did you mean "x"?` or the empty string. */
export function didYouMean(input: string, candidates: Iterable<string>): string {
  const guess = suggest(input, candidates);
  return guess === undefined ? '' : `; did you mean ${JSON.stringify(guess)}?`;
}
