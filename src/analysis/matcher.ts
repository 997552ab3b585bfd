// Turns an origin rule into a matcher with its stack's exact semantics, or says why that is impossible.
import type { OriginRule, PredicateCheck } from '../model/policy.js';
import { type CompiledRegex, UnverifiableError, compileRegex } from './pattern.js';

/** Decides whether a request Origin is allowed, exactly as the configured engine would. */
export interface Matcher {
  accepts(origin: string): boolean;
  /** How the rule matches, in words (no stack names): for messages. */
  describe: string;
  /**
   * A JS RegExp with `g` or `y`: expressjs/cors calls `.test` on one shared object and never resets
   * `lastIndex` (semantics §1.1), so successive requests alternate; `accepts` models the first request.
   */
  stateful?: true;
  /** For patterns: whether a match is tied to the start / end of the origin under the flavor's semantics. */
  anchoredStart?: boolean;
  anchoredEnd?: boolean;
}

/** The rule cannot be checked statically; `reason` says why. */
export interface Unverifiable {
  unverifiable: true;
  reason: string;
}

/** Whether a compile result is Unverifiable. */
export function isUnverifiable(m: Matcher | Unverifiable): m is Unverifiable {
  return 'unverifiable' in m;
}

const FLAVOR_WORDS = {
  'js-regexp-test': 'tested unanchored with RegExp.test',
  'python-re-match': 're.match, anchored at the start only',
  'python-re-fullmatch': 're.fullmatch, which must match the whole origin',
  'python-re-match-ignorecase': 're.match with IGNORECASE, anchored at the start only',
  'pcre-unanchored': 'unanchored PCRE match',
} as const;

/** How a pattern rule is shown in messages: `/…/flags` for JS, the quoted text otherwise. */
export function displayPattern(rule: Extract<OriginRule, { kind: 'pattern' }>): string {
  if (rule.flavor === 'js-regexp-test') {
    try {
      return `/${new RegExp(rule.pattern, rule.flags ?? '').source}/${rule.flags ?? ''}`;
    } catch {
      return `/${rule.pattern}/${rule.flags ?? ''}`;
    }
  }
  if (rule.flavor === 'pcre-unanchored') return `${rule.flags?.includes('i') ? '~*' : '~'} "${rule.pattern}"`;
  return JSON.stringify(rule.pattern);
}

/** The flavor's matching semantics in words. */
export function flavorWords(rule: Extract<OriginRule, { kind: 'pattern' }>): string {
  if (rule.flavor === 's3-glob') return 'glob: `*` matches any run of characters';
  if (rule.flavor === 'pcre-unanchored' && rule.flags?.includes('i')) return 'case-insensitive unanchored PCRE match';
  return FLAVOR_WORDS[rule.flavor];
}

function patternMatcher(rule: Extract<OriginRule, { kind: 'pattern' }>): Matcher {
  const shown = displayPattern(rule);
  if (rule.flavor === 's3-glob') {
    const parts = rule.pattern.split('*');
    if (parts.length > 2) {
      // S3 rejects the whole CORS configuration (semantics §4.1); the adapter reports config-invalid.
      throw new UnverifiableError('an S3 origin may contain at most one `*`; S3 rejects this configuration');
    }
    // §4.1: `*` matches any character sequence (including dots). Whether AWS also accepts the empty
    // sequence is not verified; origins a browser sends never depend on it for the probes used here.
    const accepts =
      parts.length === 1
        ? (o: string) => o === rule.pattern
        : (o: string) => o.length >= parts[0].length + parts[1].length && o.startsWith(parts[0]) && o.endsWith(parts[1]);
    return {
      accepts,
      describe: `the origin pattern ${shown} (${flavorWords(rule)})`,
      anchoredStart: true,
      anchoredEnd: true,
    };
  }
  const re: CompiledRegex = compileRegex(rule.pattern, rule.flavor, rule.flags ?? '');
  const m: Matcher = {
    accepts: (o) => re.test(o),
    describe: `the regular expression ${shown} (${flavorWords(rule)})`,
    anchoredStart: re.anchoredStart,
    anchoredEnd: re.anchoredEnd,
  };
  if (re.stateful) m.stateful = true;
  return m;
}

/** Text for one predicate check, as the code reads. */
export function describeCheck(check: PredicateCheck): string {
  switch (check.op) {
    case 'always':
      return 'an unconditional allow';
    case 'no-origin':
      return 'a check for a missing Origin';
    case 'equals':
      return `origin === ${JSON.stringify(check.value)}`;
    case 'in-list':
      return `a list of ${check.values.length} exact origin${check.values.length === 1 ? '' : 's'}`;
    case 'includes':
    case 'startsWith':
    case 'endsWith':
      return `origin.${check.op}(${JSON.stringify(check.value)})`;
    case 'regex':
      return `/${check.pattern}/${check.flags}.test(origin)`;
    case 'all':
      return check.checks.map(describeCheck).join(' && ');
  }
}

/** Builds the test for one check; throws UnverifiableError for regexes that cannot be analysed. */
export function checkTest(check: PredicateCheck): { test: (o: string) => boolean; stateful: boolean } {
  switch (check.op) {
    case 'always':
      return { test: () => true, stateful: false };
    case 'no-origin':
      // Browsers always send Origin on cross-origin requests, so this never admits a browser origin.
      return { test: () => false, stateful: false };
    case 'equals':
      return { test: (o) => o === check.value, stateful: false };
    case 'in-list': {
      const set = new Set(check.values);
      return { test: (o) => set.has(o), stateful: false };
    }
    case 'includes':
      return { test: (o) => o.includes(check.value), stateful: false };
    case 'startsWith':
      return { test: (o) => o.startsWith(check.value), stateful: false };
    case 'endsWith':
      return { test: (o) => o.endsWith(check.value), stateful: false };
    case 'regex': {
      const re = compileRegex(check.pattern, 'js-regexp-test', check.flags);
      return { test: (o) => re.test(o), stateful: re.stateful };
    }
    case 'all': {
      const parts = check.checks.map(checkTest);
      return { test: (o) => parts.every((p) => p.test(o)), stateful: parts.some((p) => p.stateful) };
    }
  }
}

const cache = new WeakMap<OriginRule, Matcher | Unverifiable>();

/**
 * A matcher with the rule's exact semantics, or Unverifiable with a reason (run-time values,
 * patterns with backreferences or lookaround, invalid patterns). Memoised per rule object.
 */
export function compileOrigin(rule: OriginRule): Matcher | Unverifiable {
  const hit = cache.get(rule);
  if (hit) return hit;
  let result: Matcher | Unverifiable;
  try {
    result = build(rule);
  } catch (e) {
    if (!(e instanceof UnverifiableError)) throw e;
    result = { unverifiable: true, reason: e.message };
  }
  cache.set(rule, result);
  return result;
}

function build(rule: OriginRule): Matcher | Unverifiable {
  switch (rule.kind) {
    case 'any':
      return { accepts: () => true, describe: 'the wildcard `*` (every origin)' };
    case 'reflect':
      return { accepts: () => true, describe: 'reflection of the request Origin (every origin, including `null`)' };
    case 'null':
      return { accepts: (o) => o === 'null', describe: 'the trusted `null` origin' };
    case 'exact': {
      const value = rule.origin;
      if (rule.comparison === 'ignore-case') {
        const lower = value.toLowerCase();
        return { accepts: (o) => o.toLowerCase() === lower, describe: `the entry ${JSON.stringify(value)} (compared case-insensitively)` };
      }
      return { accepts: (o) => o === value, describe: `the entry ${JSON.stringify(value)} (compared exactly)` };
    }
    case 'pattern':
      return patternMatcher(rule);
    case 'predicate': {
      const parts = rule.checks.map(checkTest);
      const m: Matcher = {
        accepts: (o) => parts.some((p) => p.test(o)),
        describe: `the origin check ${rule.checks.map(describeCheck).join(' || ') || '(no checks)'}`,
      };
      if (parts.some((p) => p.stateful)) m.stateful = true;
      return m;
    }
    case 'unknown':
      return { unverifiable: true, reason: `the origin is computed at run time (${rule.expression})` };
  }
}
