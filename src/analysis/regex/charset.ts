// Character sets over matching units (UTF-16 code units, code points or bytes) with per-engine case folding.

/** How an engine compares characters under case-insensitive matching. */
export type FoldKind =
  /** JS without `u`: Canonicalize = toUpperCase, but never maps a non-ASCII unit to ASCII (ECMA-262 §22.2.2.7.3). */
  | 'js'
  /** JS with `u`: simple case folding (single-code-point toLowerCase plus the CaseFolding.txt pairs it misses). */
  | 'js-unicode'
  /** Python `re`: simple lower-casing plus sre's extra equivalences (`Lib/re/_casefix.py`). */
  | 'python'
  /** PCRE2 in byte mode with the default "C" tables: ASCII letters only. */
  | 'ascii';

/** A Unicode class a range list cannot express cheaply; only consulted for units ≥ 128. */
export type UnicodeClass = 'word' | 'digit' | 'space';

/** A set of units: sorted inclusive ranges, optional Unicode classes, optional negation and folding. */
export interface CharSet {
  kind: 'set';
  /** Flat list `[lo0, hi0, lo1, hi1, …]`, inclusive. */
  ranges: number[];
  unicode: UnicodeClass[];
  negate: boolean;
  fold?: FoldKind;
}

/** Units a set may contain at most (code points). */
export const MAX_UNIT = 0x10ffff;

export function rangeSet(ranges: number[], negate = false): CharSet {
  return { kind: 'set', ranges, unicode: [], negate };
}

// sre's equivalence classes beyond simple lower-casing (CPython `Lib/re/_casefix.py`, 3.11); only
// these pairs matter to us because their members fold to one another but not through lower().
const PY_EQUIVALENCES: number[][] = [
  [0x69, 0x131], [0x73, 0x17f], [0xb5, 0x3bc], [0x345, 0x3b9, 0x1fbe], [0x390, 0x1fd3],
  [0x3b0, 0x1fe3], [0x3b2, 0x3d0], [0x3b5, 0x3f5], [0x3b8, 0x3d1], [0x3ba, 0x3f0],
  [0x3c0, 0x3d6], [0x3c1, 0x3f1], [0x3c2, 0x3c3], [0x3c6, 0x3d5], [0x1e61, 0x1e9b],
  [0xfb05, 0xfb06],
];
const equivalenceMaps = new Map<FoldKind, Map<number, number>>();

function equivalenceMap(fold: 'python' | 'js-unicode'): Map<number, number> {
  let map = equivalenceMaps.get(fold);
  if (!map) {
    map = new Map();
    for (const group of PY_EQUIVALENCES) {
      // Dotless ı has no simple case folding to i (CaseFolding.txt lists only the Turkic `T` rule).
      if (fold === 'js-unicode' && group[0] === 0x69) continue;
      for (const m of group) map.set(m, Math.min(...group));
    }
    equivalenceMaps.set(fold, map);
  }
  return map;
}

function singleCodePoint(s: string): number | undefined {
  const cp = s.codePointAt(0);
  return cp !== undefined && String.fromCodePoint(cp).length === s.length ? cp : undefined;
}

function simpleLower(c: number): number {
  return singleCodePoint(String.fromCodePoint(c).toLowerCase()) ?? c;
}

/** The canonical form two units share when they compare equal under `fold`. */
export function canonical(fold: FoldKind, c: number): number {
  switch (fold) {
    case 'ascii':
      return c >= 0x41 && c <= 0x5a ? c + 32 : c;
    case 'js': {
      if (c > 0xffff) return c;
      const upper = String.fromCharCode(c).toUpperCase();
      if (upper.length !== 1) return c;
      const u = upper.charCodeAt(0);
      return c >= 128 && u < 128 ? c : u;
    }
    case 'js-unicode': {
      const lower = simpleLower(c);
      return equivalenceMap(fold).get(lower) ?? lower;
    }
    case 'python': {
      // U+0130's full lowercase is two code points; sre uses the simple mapping (UnicodeData.txt), U+0069.
      const lower = c === 0x130 ? 0x69 : simpleLower(c);
      return equivalenceMap(fold).get(lower) ?? lower;
    }
  }
}

// Units that share a canonical form with an ASCII unit, beyond its other-case ASCII partner.
const ASCII_EXTRAS: Record<FoldKind, Record<number, number[]>> = {
  ascii: {},
  js: {},
  'js-unicode': { 0x6b: [0x212a], 0x73: [0x17f] },
  python: { 0x69: [0x130, 0x131], 0x6b: [0x212a], 0x73: [0x17f] },
};
const inverseTables = new Map<FoldKind, Map<number, number[]>>();

/** Every unit equal to `c` under `fold` (including `c`). */
export function equivalents(fold: FoldKind, c: number): number[] {
  if (c < 128) {
    const lower = c >= 0x41 && c <= 0x5a ? c + 32 : c;
    const out = lower >= 0x61 && lower <= 0x7a ? [lower, lower - 32] : [c];
    const extra = ASCII_EXTRAS[fold][lower];
    return extra ? out.concat(extra) : out;
  }
  if (fold === 'ascii') return [c];
  // Non-ASCII input is rare (browsers serialise hosts as punycode), so the inverse table over the
  // BMP is built lazily, once per fold kind.
  let table = inverseTables.get(fold);
  if (!table) {
    table = new Map();
    for (let u = 0; u <= 0xffff; u++) {
      const k = canonical(fold, u);
      const list = table.get(k);
      if (list) list.push(u);
      else table.set(k, [u]);
    }
    inverseTables.set(fold, table);
  }
  return table.get(canonical(fold, c)) ?? [c];
}

function inRanges(ranges: number[], c: number): boolean {
  for (let i = 0; i < ranges.length; i += 2) {
    if (c < ranges[i]) return false;
    if (c <= ranges[i + 1]) return true;
  }
  return false;
}

// Python's str-pattern classes for non-ASCII units (`Modules/_sre/sre.c` uses Py_UNICODE_ISALNUM,
// ISDECIMAL, ISSPACE); approximated with the host engine's Unicode property tables.
const UNICODE_TESTS: Record<UnicodeClass, RegExp> = {
  word: /^[\p{L}\p{N}_]$/u,
  digit: /^\p{Nd}$/u,
  space: /^[\s\x1c-\x1f\x85]$/u,
};

function rawTest(set: CharSet, c: number): boolean {
  if (inRanges(set.ranges, c)) return true;
  if (c >= 128) for (const u of set.unicode) if (UNICODE_TESTS[u].test(String.fromCodePoint(c))) return true;
  return false;
}

/** Compiles a set into a fast membership test (ASCII answers are precomputed). */
export function compileSet(set: CharSet): (c: number) => boolean {
  const test = (c: number): boolean => {
    const hit = set.fold ? equivalents(set.fold, c).some((e) => rawTest(set, e)) : rawTest(set, c);
    return hit !== set.negate;
  };
  const ascii = new Uint8Array(128);
  for (let c = 0; c < 128; c++) ascii[c] = test(c) ? 1 : 0;
  return (c) => (c < 128 ? ascii[c] === 1 : test(c));
}

/** Sorts and merges a flat range list. */
export function normaliseRanges(ranges: number[]): number[] {
  const pairs: [number, number][] = [];
  for (let i = 0; i < ranges.length; i += 2) pairs.push([ranges[i], ranges[i + 1]]);
  pairs.sort((a, b) => a[0] - b[0]);
  const out: number[] = [];
  for (const [lo, hi] of pairs) {
    const last = out.length - 1;
    if (last > 0 && lo <= out[last] + 1) out[last] = Math.max(out[last], hi);
    else out.push(lo, hi);
  }
  return out;
}

/** The units a set can match, as ranges, when that is computable without Unicode tables. */
export function setUnits(set: CharSet): number[] | undefined {
  if (set.unicode.length > 0) return undefined;
  let ranges = set.ranges;
  if (set.fold) {
    if (ranges.some((r) => r >= 128)) return undefined;
    const extra: number[] = [];
    for (let i = 0; i < ranges.length; i += 2)
      for (let c = ranges[i]; c <= ranges[i + 1]; c++) for (const e of equivalents(set.fold, c)) extra.push(e, e);
    ranges = normaliseRanges(ranges.concat(extra));
  }
  if (!set.negate) return ranges;
  const out: number[] = [];
  let next = 0;
  for (let i = 0; i < ranges.length; i += 2) {
    if (ranges[i] > next) out.push(next, ranges[i] - 1);
    next = ranges[i + 1] + 1;
  }
  if (next <= MAX_UNIT) out.push(next, MAX_UNIT);
  return out;
}

/** Whether two range lists share a unit. */
export function rangesIntersect(a: number[], b: number[]): boolean {
  for (let i = 0; i < a.length; i += 2)
    for (let j = 0; j < b.length; j += 2) if (a[i] <= b[j + 1] && b[j] <= a[i + 1]) return true;
  return false;
}
