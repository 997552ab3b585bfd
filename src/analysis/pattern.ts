// Compiles an origin pattern under its flavor's exact matching semantics into a linear-time matcher.
import type { PatternFlavor } from '../model/policy.js';
import { type Dialect, type Node, type ParsedPattern, PatternSyntaxError, UnsupportedPatternError, inputUnits, parsePattern } from './regex/parse.js';
import { type Anchoring, compileNode } from './regex/vm.js';

/** A compiled regex flavor: how it is run, plus what the analysis needs to explain and sample it. */
export interface CompiledRegex {
  test(input: string): boolean;
  node: Node;
  units: ParsedPattern['units'];
  /** Whether a match must start at the beginning / end at the end of the origin, all things considered. */
  anchoredStart: boolean;
  anchoredEnd: boolean;
  ignoreCase: boolean;
  /** JS `g`/`y`: `lastIndex` carries over between calls, so repeated tests of one RegExp alternate. */
  stateful: boolean;
}

/** Thrown for patterns that cannot be analysed faithfully; the message is the reason. */
export class UnverifiableError extends Error {}

function anchoredAtStart(node: Node): boolean {
  switch (node.kind) {
    case 'assert':
      return node.what === 'start';
    case 'set':
      return false;
    case 'cat':
      for (const item of node.items) {
        if (anchoredAtStart(item)) return true;
        if (item.kind !== 'assert') return false;
      }
      return false;
    case 'alt':
      return node.items.every(anchoredAtStart);
    case 'rep':
      return node.min > 0 && anchoredAtStart(node.body);
    case 'atomic':
      return anchoredAtStart(node.body);
  }
}

function anchoredAtEnd(node: Node): boolean {
  switch (node.kind) {
    case 'assert':
      return node.what === 'end' || node.what === 'end-nl';
    case 'set':
      return false;
    case 'cat':
      for (let i = node.items.length - 1; i >= 0; i--) {
        const item = node.items[i];
        if (anchoredAtEnd(item)) return true;
        if (item.kind !== 'assert') return false;
      }
      return false;
    case 'alt':
      return node.items.every(anchoredAtEnd);
    case 'rep':
      return node.min > 0 && anchoredAtEnd(node.body);
    case 'atomic':
      return anchoredAtEnd(node.body);
  }
}

const PYTHON_FLAGS = /^[imsxa]*$/;

/**
 * Compiles `pattern` as `flavor` evaluates it. Throws UnverifiableError when the pattern is invalid
 * for that engine or uses something the linear-time matcher cannot reproduce exactly.
 */
export function compileRegex(pattern: string, flavor: Exclude<PatternFlavor, 's3-glob'>, flags = ''): CompiledRegex {
  let dialect: Dialect;
  let anchoring: Anchoring;
  let ignoreCase = flags.includes('i');
  let stateful = false;
  let unicode = false;
  if (flavor === 'js-regexp-test') {
    dialect = 'js';
    try {
      // Constructing a RegExp only compiles it; nothing is matched, so this cannot hang.
      new RegExp(pattern, flags);
    } catch (e) {
      throw new UnverifiableError(`not a valid JavaScript regular expression: ${(e as Error).message}`);
    }
    if (flags.includes('v')) throw new UnverifiableError('the `v` flag (set notation) is not supported');
    unicode = flags.includes('u');
    if (unicode && ignoreCase && /[^\x00-\x7f]|\\u(?!00[0-7])/.test(pattern)) {
      throw new UnverifiableError('case-insensitive Unicode matching of non-ASCII characters is not reproduced');
    }
    stateful = flags.includes('g') || flags.includes('y');
    // `test` starts at `lastIndex` (0 on the first call); `y` makes the match sticky to that index
    // (ECMA-262 RegExpBuiltinExec). The analysis models the first request.
    anchoring = flags.includes('y') ? 'start' : 'search';
  } else if (flavor === 'pcre-unanchored') {
    dialect = 'pcre';
    if (!/^i?$/.test(flags)) throw new UnverifiableError(`unexpected PCRE flags "${flags}"`);
    // nginx runs pcre2_match without PCRE2_ANCHORED (`src/core/ngx_regex.c`).
    anchoring = 'search';
  } else {
    dialect = 'python';
    if (!PYTHON_FLAGS.test(flags)) throw new UnverifiableError(`unexpected Python re flags "${flags}"`);
    if (flavor === 'python-re-match-ignorecase') ignoreCase = true;
    anchoring = flavor === 'python-re-fullmatch' ? 'full' : 'start';
  }
  let parsed: ParsedPattern;
  try {
    parsed = parsePattern(pattern, {
      dialect,
      ignoreCase,
      multiline: flags.includes('m'),
      dotAll: flags.includes('s'),
      unicode,
      verbose: dialect === 'python' && flags.includes('x'),
      ascii: dialect === 'python' && flags.includes('a'),
    });
  } catch (e) {
    if (e instanceof PatternSyntaxError) throw new UnverifiableError(`the pattern does not compile: ${e.message}`);
    if (e instanceof UnsupportedPatternError) throw new UnverifiableError(e.message);
    throw e;
  }
  let vm;
  try {
    vm = compileNode(parsed.node, anchoring === 'full');
  } catch (e) {
    if (e instanceof UnsupportedPatternError) throw new UnverifiableError(e.message);
    throw e;
  }
  const units = parsed.units;
  return {
    test: (input) => vm.matches(inputUnits(input, units), anchoring),
    node: parsed.node,
    units,
    anchoredStart: anchoring !== 'search' || anchoredAtStart(parsed.node),
    anchoredEnd: anchoring === 'full' || anchoredAtEnd(parsed.node),
    ignoreCase,
    stateful,
  };
}
