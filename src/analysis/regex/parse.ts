// Parses JavaScript, Python `re` and PCRE2 pattern syntax into one small AST for the linear-time matcher.
import { type CharSet, type FoldKind, type UnicodeClass, MAX_UNIT, normaliseRanges, rangeSet } from './charset.js';

/** Which engine's syntax and semantics a pattern follows. */
export type Dialect = 'js' | 'python' | 'pcre';

/**
 * Zero-width assertions. `end-nl` is Python's `$`/PCRE's `$` and `\Z`: the end, or just before a
 * final `\n`. `bol`/`eol` are the multiline forms.
 */
export type AssertKind = 'start' | 'end' | 'end-nl' | 'bol' | 'eol' | 'word' | 'not-word';

export interface Assertion {
  kind: 'assert';
  what: AssertKind;
  /** Line terminators for `bol`/`eol`: JS knows four, Python and PCRE only `\n`. */
  lines: 'js' | 'lf';
  /** `\b`'s notion of a word unit; `js-ui` adds U+017F and U+212A (ECMA-262 WordCharacters with `u` and `i`). */
  word: 'ascii' | 'unicode' | 'js-ui';
}

export type Node =
  | CharSet
  | Assertion
  | { kind: 'cat'; items: Node[] }
  | { kind: 'alt'; items: Node[] }
  | { kind: 'rep'; body: Node; min: number; max: number }
  /** An atomic group or possessive repeat; `resolveAtomics` replaces it or rejects the pattern. */
  | { kind: 'atomic'; body: Node };

/** Thrown for syntax the engine itself rejects. */
export class PatternSyntaxError extends Error {}
/** Thrown for valid syntax this matcher cannot reproduce faithfully. */
export class UnsupportedPatternError extends Error {}

export interface ParseOptions {
  dialect: Dialect;
  ignoreCase?: boolean;
  multiline?: boolean;
  dotAll?: boolean;
  /** JS `u`: code points and strict escapes. */
  unicode?: boolean;
  /** Python `re.VERBOSE`. */
  verbose?: boolean;
  /** Python `re.ASCII`. */
  ascii?: boolean;
}

export interface ParsedPattern {
  node: Node;
  /** The units the pattern is made of: UTF-16 code units (JS), code points (JS `u`, Python) or bytes (PCRE). */
  units: 'utf16' | 'codepoint' | 'byte';
}

interface Flags {
  i: boolean;
  m: boolean;
  s: boolean;
  x: boolean;
  /** Python `(?a)`: `\w`, `\d`, `\s`, `\b` are ASCII-only. */
  a: boolean;
}

const MAX_DEPTH = 200;
const REPEAT_LIMIT = 1000;

const c = (s: string): number => s.charCodeAt(0);
const DIGIT = [0x30, 0x39];
const WORD = [0x30, 0x39, 0x41, 0x5a, 0x5f, 0x5f, 0x61, 0x7a];
// ECMA-262 WhiteSpace and LineTerminator (§12.2, §12.3).
const JS_SPACE = normaliseRanges([
  9, 13, 0x20, 0x20, 0xa0, 0xa0, 0x1680, 0x1680, 0x2000, 0x200a, 0x2028, 0x2029, 0x202f, 0x202f,
  0x205f, 0x205f, 0x3000, 0x3000, 0xfeff, 0xfeff,
]);
// Python's ASCII whitespace per str.isspace (`\x1c`-`\x1f` included); PCRE2's `\s` is `[\t\n\v\f\r ]`.
const PY_SPACE = [9, 13, 0x1c, 0x20];
const PCRE_SPACE = [9, 13, 0x20, 0x20];
const POSIX: Record<string, number[]> = {
  alpha: [0x41, 0x5a, 0x61, 0x7a],
  digit: DIGIT,
  alnum: [0x30, 0x39, 0x41, 0x5a, 0x61, 0x7a],
  upper: [0x41, 0x5a],
  lower: [0x61, 0x7a],
  space: PCRE_SPACE,
  blank: [9, 9, 0x20, 0x20],
  punct: [0x21, 0x2f, 0x3a, 0x40, 0x5b, 0x60, 0x7b, 0x7e],
  xdigit: [0x30, 0x39, 0x41, 0x46, 0x61, 0x66],
  word: WORD,
  cntrl: [0, 31, 127, 127],
  print: [0x20, 0x7e],
  graph: [0x21, 0x7e],
  ascii: [0, 127],
};

function toUnits(pattern: string, units: ParsedPattern['units']): number[] {
  if (units === 'utf16') return Array.from({ length: pattern.length }, (_, i) => pattern.charCodeAt(i));
  if (units === 'codepoint') return Array.from(pattern, (ch) => ch.codePointAt(0) as number);
  return Array.from(new TextEncoder().encode(pattern));
}

function unitsToText(units: number[]): string {
  let out = '';
  for (const u of units) out += String.fromCharCode(u);
  return out;
}

/** The units of an input string for a dialect (same unit kind as the pattern). */
export function inputUnits(input: string, units: ParsedPattern['units']): number[] {
  return toUnits(input, units);
}

/** Parses `pattern`; throws PatternSyntaxError or UnsupportedPatternError. */
export function parsePattern(pattern: string, options: ParseOptions): ParsedPattern {
  const units: ParsedPattern['units'] =
    options.dialect === 'pcre' ? 'byte' : options.dialect === 'python' || options.unicode ? 'codepoint' : 'utf16';
  const parser = new Parser(toUnits(pattern, units), options);
  return { node: parser.parseTop(), units };
}

class Parser {
  private pos = 0;
  private depth = 0;
  private flags: Flags;
  private readonly dialect: Dialect;
  private readonly groupCount: number;
  private readonly hasNamedGroups: boolean;

  constructor(
    private readonly src: number[],
    private readonly options: ParseOptions,
  ) {
    this.dialect = options.dialect;
    this.flags = { i: !!options.ignoreCase, m: !!options.multiline, s: !!options.dotAll, x: !!options.verbose, a: !!options.ascii };
    // JS (Annex B) reads `\N` as a backreference only when the pattern has at least N groups, and
    // `\k` as one only when it has a named group; count both up front, roughly (escapes and classes
    // may make this an over-count, which only turns an octal escape into "unsupported").
    const text = options.dialect === 'js' ? unitsToText(src) : '';
    this.groupCount = (text.match(/\((?!\?)|\(\?<(?![=!])/g) ?? []).length;
    this.hasNamedGroups = /\(\?<(?![=!])/.test(text);
  }

  parseTop(): Node {
    if (this.dialect === 'python') this.leadingPythonFlags();
    const node = this.parseAlternation();
    if (this.pos < this.src.length) {
      throw new PatternSyntaxError(`unbalanced parenthesis at position ${this.pos}`);
    }
    return node;
  }

  private peek(offset = 0): number | undefined {
    return this.src[this.pos + offset];
  }

  private eat(ch: string): boolean {
    if (this.src[this.pos] === c(ch)) {
      this.pos++;
      return true;
    }
    return false;
  }

  private lookingAt(s: string): boolean {
    for (let i = 0; i < s.length; i++) if (this.src[this.pos + i] !== s.charCodeAt(i)) return false;
    return true;
  }

  // Python 3.11 accepts global inline flags only at the very start (`sre_parse.py` raises
  // "global flags not at the start of the expression" elsewhere).
  private leadingPythonFlags(): void {
    while (this.lookingAt('(?')) {
      let p = this.pos + 2;
      const set: string[] = [];
      while (p < this.src.length && /[aiLmsux]/.test(String.fromCharCode(this.src[p]))) set.push(String.fromCharCode(this.src[p++]));
      if (set.length === 0 || this.src[p] !== c(')')) return;
      this.applyFlags(set.join(''), '');
      this.pos = p + 1;
    }
  }

  private applyFlags(on: string, off: string): void {
    const f = { ...this.flags };
    for (const ch of on) this.setFlag(f, ch, true);
    for (const ch of off) this.setFlag(f, ch, false);
    this.flags = f;
  }

  private setFlag(f: Flags, ch: string, value: boolean): void {
    switch (ch) {
      case 'i': f.i = value; break;
      case 'm': f.m = value; break;
      case 's': f.s = value; break;
      case 'x': f.x = value; break;
      case 'a': f.a = value; break;
      case 'u': break;
      case 'L': throw new UnsupportedPatternError('the locale flag (?L) depends on the runtime locale');
      default: throw new UnsupportedPatternError(`inline flag "${ch}" is not supported`);
    }
  }

  private parseAlternation(): Node {
    const branches: Node[] = [this.parseSequence()];
    while (this.eat('|')) branches.push(this.parseSequence());
    return branches.length === 1 ? branches[0] : { kind: 'alt', items: branches };
  }

  private skipExtended(): void {
    if (!this.flags.x || this.dialect === 'js') return;
    for (;;) {
      const ch = this.peek();
      if (ch === undefined) return;
      if (ch === 0x20 || (ch >= 9 && ch <= 13)) this.pos++;
      else if (ch === c('#')) {
        while (this.pos < this.src.length && this.src[this.pos] !== 10) this.pos++;
      } else return;
    }
  }

  private parseSequence(): Node {
    const items: Node[] = [];
    for (;;) {
      this.skipExtended();
      const ch = this.peek();
      if (ch === undefined || ch === c('|') || ch === c(')')) break;
      const atom = this.parseAtom();
      if (atom === null) continue;
      items.push(this.parseQuantifiers(atom));
    }
    return items.length === 1 ? items[0] : { kind: 'cat', items };
  }

  private parseQuantifiers(atom: Node): Node {
    let node = atom;
    let quantified = false;
    for (;;) {
      this.skipExtended();
      const q = this.readQuantifier();
      if (!q) return node;
      if (quantified) {
        throw new PatternSyntaxError('multiple repeat');
      }
      if (node.kind === 'assert' && this.dialect !== 'js') {
        throw new PatternSyntaxError('nothing to repeat');
      }
      quantified = true;
      if (q.max !== Infinity && q.max < q.min) throw new PatternSyntaxError('numbers out of order in {} quantifier');
      if (q.min > REPEAT_LIMIT || (q.max !== Infinity && q.max > REPEAT_LIMIT)) {
        throw new UnsupportedPatternError(`a repeat count above ${REPEAT_LIMIT} is not analysed`);
      }
      const rep: Node = { kind: 'rep', body: node, min: q.min, max: q.max };
      if (this.eat('?')) {
        node = rep; // laziness changes which match is found, never whether one exists
      } else if (this.dialect !== 'js' && this.peek() === c('+')) {
        this.pos++;
        node = { kind: 'atomic', body: rep };
      } else node = rep;
    }
  }

  private readQuantifier(): { min: number; max: number } | undefined {
    const ch = this.peek();
    if (ch === c('*')) return this.pos++, { min: 0, max: Infinity };
    if (ch === c('+')) return this.pos++, { min: 1, max: Infinity };
    if (ch === c('?')) return this.pos++, { min: 0, max: 1 };
    if (ch !== c('{')) return undefined;
    let p = this.pos + 1;
    let lo = '';
    let hi = '';
    while (this.isDigit(this.src[p])) lo += String.fromCharCode(this.src[p++]);
    let comma = false;
    if (this.src[p] === c(',')) {
      comma = true;
      p++;
      while (this.isDigit(this.src[p])) hi += String.fromCharCode(this.src[p++]);
    }
    if (this.src[p] !== c('}')) return undefined;
    // `{,n}`: Python reads it as {0,n} (`sre_parse.py`); PCRE2 10.42 and JS read it as literal text
    // (PCRE2 accepts it only from 10.43, ChangeLog).
    if (lo === '' && (this.dialect !== 'python' || (!comma && hi === ''))) return undefined;
    this.pos = p + 1;
    const min = lo === '' ? 0 : Number(lo);
    const max = comma ? (hi === '' ? Infinity : Number(hi)) : min;
    return { min, max };
  }

  private isDigit(ch: number | undefined): boolean {
    return ch !== undefined && ch >= 0x30 && ch <= 0x39;
  }

  /** The next atom; `null` for text that matches nothing by itself (a comment, an option setting). */
  private parseAtom(): Node | null {
    const ch = this.src[this.pos++];
    switch (ch) {
      case c('('):
        return this.parseGroup();
      case c('['):
        return this.parseClass();
      case c('.'):
        return this.dot();
      case c('^'):
        return this.assertion(this.flags.m ? 'bol' : 'start');
      case c('$'):
        // Python's and PCRE's `$` also match before a final `\n`. Browsers never put a newline in an
        // Origin (and nginx cannot receive one in a header), so this only matters for exactness.
        if (this.dialect === 'js') return this.assertion(this.flags.m ? 'eol' : 'end');
        return this.assertion(this.flags.m ? 'eol' : 'end-nl');
      case c('\\'):
        return this.parseEscape();
      case c('*'):
      case c('+'):
      case c('?'):
        throw new PatternSyntaxError('nothing to repeat');
      case c('{'):
        if (this.dialect === 'js' && this.options.unicode) throw new PatternSyntaxError('lone quantifier brackets');
        this.pos--;
        if (this.readQuantifier()) throw new PatternSyntaxError('nothing to repeat');
        this.pos++;
        return this.literal(ch);
      case c(']'):
      case c('}'):
        if (this.dialect === 'js' && this.options.unicode) throw new PatternSyntaxError('lone bracket');
        return this.literal(ch);
      default:
        return this.literal(ch);
    }
  }

  private assertion(what: AssertKind): Assertion {
    return {
      kind: 'assert',
      what,
      lines: this.dialect === 'js' ? 'js' : 'lf',
      word: this.dialect === 'python' && !this.flags.a ? 'unicode' : this.jsUnicodeIgnoreCase() ? 'js-ui' : 'ascii',
    };
  }

  private jsUnicodeIgnoreCase(): boolean {
    return this.dialect === 'js' && !!this.options.unicode && this.flags.i;
  }

  private fold(): FoldKind | undefined {
    if (!this.flags.i) return undefined;
    if (this.dialect === 'pcre') return 'ascii';
    if (this.dialect === 'python') return this.flags.a ? 'ascii' : 'python';
    return this.options.unicode ? 'js-unicode' : 'js';
  }

  private literal(ch: number): CharSet {
    return { ...rangeSet([ch, ch]), fold: this.fold() };
  }

  private dot(): CharSet {
    if (this.flags.s) return rangeSet([0, MAX_UNIT]);
    // JS `.` excludes the four line terminators (ECMA-262 §22.2.2.7); Python and PCRE2 only `\n`.
    if (this.dialect === 'js') return rangeSet([10, 10, 13, 13, 0x2028, 0x2029], true);
    return rangeSet([10, 10], true);
  }

  private parseGroup(): Node | null {
    if (++this.depth > MAX_DEPTH) throw new UnsupportedPatternError(`groups nested deeper than ${MAX_DEPTH}`);
    const saved = this.flags;
    const node = this.groupInner();
    this.depth--;
    // A bare option setting such as PCRE's `(?i)` (null) keeps its effect for the enclosing group.
    if (node !== null) this.flags = saved;
    return node;
  }

  private groupInner(): Node | null {
    if (!this.eat('?')) return this.groupBody();
    if (this.dialect === 'pcre' && this.peek() === c('*')) throw new UnsupportedPatternError('PCRE verbs are not supported');
    if (this.eat(':')) return this.groupBody();
    if (this.lookingAt('=') || this.lookingAt('!') || this.lookingAt('<=') || this.lookingAt('<!')) {
      throw new UnsupportedPatternError('lookaround assertions are not supported by the linear-time matcher');
    }
    if (this.dialect === 'js') {
      if (!this.eat('<')) throw new PatternSyntaxError('invalid group');
      this.groupName('>');
      return this.groupBody();
    }
    if (this.eat('>')) return { kind: 'atomic', body: this.groupBody() };
    if (this.lookingAt('P<')) {
      this.pos += 2;
      this.groupName('>');
      return this.groupBody();
    }
    if (this.lookingAt('P=') || this.lookingAt('P>')) throw new UnsupportedPatternError('backreferences are not supported');
    if (this.lookingAt('(')) throw new UnsupportedPatternError('conditional groups are not supported');
    if (this.eat('<')) {
      if (this.dialect === 'python') throw new PatternSyntaxError('unknown extension ?<');
      this.groupName('>');
      return this.groupBody();
    }
    if (this.dialect === 'pcre' && this.eat("'")) {
      this.groupName("'");
      return this.groupBody();
    }
    if (this.eat('#')) {
      while (this.pos < this.src.length && this.src[this.pos] !== c(')')) this.pos++;
      if (!this.eat(')')) throw new PatternSyntaxError('missing ), unterminated comment');
      return null;
    }
    if (this.dialect === 'pcre' && this.eat('|')) return this.groupBody();
    return this.inlineFlags();
  }

  private inlineFlags(): Node | null {
    let on = '';
    let off = '';
    let negative = false;
    if (this.dialect === 'pcre' && this.eat('^')) off = 'imsx';
    for (;;) {
      const ch = this.peek();
      if (ch === undefined) throw new PatternSyntaxError('missing ), unterminated subpattern');
      const s = String.fromCharCode(ch);
      if (s === '-' && !negative) {
        negative = true;
        this.pos++;
      } else if (/[a-zA-Z]/.test(s)) {
        if (negative) off += s;
        else on += s;
        this.pos++;
      } else break;
    }
    if (this.dialect === 'python' && /[^imsxauL]/.test(on + off)) throw new PatternSyntaxError('unknown flag');
    if (this.dialect === 'pcre' && (/[^imsx]/.test(on + off) || (this.peek() !== c(':') && this.peek() !== c(')')))) {
      throw new UnsupportedPatternError(`the group "(?${on}${off ? '-' + off : ''}…" is not supported`);
    }
    if (this.eat(':')) {
      this.applyFlags(on, off);
      return this.groupBody();
    }
    if (!this.eat(')')) throw new PatternSyntaxError('unknown extension');
    if (this.dialect === 'python') {
      throw new PatternSyntaxError('global flags not at the start of the expression');
    }
    // PCRE2: an option setting without a group applies to the rest of the enclosing group
    // (pcre2pattern "Internal option setting"), including later alternatives.
    this.applyFlags(on, off);
    return null;
  }

  private groupName(end: string): void {
    const start = this.pos;
    while (this.pos < this.src.length && this.src[this.pos] !== c(end)) this.pos++;
    if (!this.eat(end) || this.pos - 1 === start) throw new PatternSyntaxError('bad group name');
  }

  private groupBody(): Node {
    const node = this.parseAlternation();
    if (!this.eat(')')) throw new PatternSyntaxError('missing ), unterminated subpattern');
    // A group is a unit for quantifiers; wrap it so `(ab)*` repeats the whole sequence.
    return node.kind === 'cat' ? node : { kind: 'cat', items: [node] };
  }

  /** Reads exactly `count` hex digits, or none (returns undefined and consumes nothing). */
  private readHex(count: number): number | undefined {
    let v = '';
    for (let i = 0; i < count; i++) {
      const ch = this.peek(i);
      if (ch === undefined || !/[0-9a-fA-F]/.test(String.fromCharCode(ch))) return undefined;
      v += String.fromCharCode(ch);
    }
    this.pos += count;
    return parseInt(v, 16);
  }

  /** Reads `{hex}`; the opening brace is next. */
  private readBracedHex(): number {
    const end = this.src.indexOf(c('}'), this.pos);
    const v = end < 0 || end - this.pos > 10 ? '' : unitsToText(this.src.slice(this.pos + 1, end));
    if (!/^[0-9a-fA-F]{1,8}$/.test(v)) throw new PatternSyntaxError('bad hex escape');
    this.pos = end + 1;
    return parseInt(v, 16);
  }

  private classEscape(letter: string): CharSet | undefined {
    const lower = letter.toLowerCase();
    const negate = letter !== lower;
    let ranges: number[];
    let unicode: UnicodeClass[] = [];
    const py = this.dialect === 'python' && !this.flags.a;
    if (lower === 'd') {
      ranges = DIGIT;
      if (py) unicode = ['digit'];
    } else if (lower === 'w') {
      ranges = this.jsUnicodeIgnoreCase() ? normaliseRanges([...WORD, 0x17f, 0x17f, 0x212a, 0x212a]) : WORD;
      if (py) unicode = ['word'];
    } else if (lower === 's') {
      ranges = this.dialect === 'js' ? JS_SPACE : py ? PY_SPACE : PCRE_SPACE;
      if (py) unicode = ['space'];
    } else return undefined;
    return { kind: 'set', ranges, unicode, negate };
  }

  /** An escape outside a class. */
  private parseEscape(): Node {
    const ch = this.src[this.pos];
    if (ch === undefined) throw new PatternSyntaxError('bad escape (end of pattern)');
    const s = String.fromCharCode(ch);
    this.pos++;
    const cls = this.classEscape(s);
    if (cls) return cls;
    if (s === 'b') return this.assertion('word');
    if (s === 'B') return this.assertion('not-word');
    if (this.dialect !== 'js') {
      if (s === 'A') return this.assertion('start');
      if (s === 'Z') return this.assertion(this.dialect === 'python' ? 'end' : 'end-nl');
      if (s === 'z' && this.dialect === 'pcre') return this.assertion('end');
      if (s === 'Q' && this.dialect === 'pcre') return this.quoted();
      if (s === 'E' && this.dialect === 'pcre') return { kind: 'cat', items: [] };
    }
    if (/[1-9]/.test(s) || (s === 'k' && (this.dialect !== 'js' || this.hasNamedGroups || this.options.unicode)) || (s === 'g' && this.dialect === 'pcre')) {
      if (this.dialect === 'js' && /[1-9]/.test(s) && !this.options.unicode) {
        const n = this.decimalAt(this.pos - 1);
        if (n > this.groupCount) return this.literal(this.legacyOctalOrIdentity(ch));
      }
      if (this.dialect === 'python' && /[1-7]/.test(s) && this.octalRun(this.pos - 1) >= 3) return this.literal(this.pythonOctal());
      throw new UnsupportedPatternError('backreferences are not supported by the linear-time matcher');
    }
    return this.literal(this.characterEscape(ch, false));
  }

  private decimalAt(p: number): number {
    let v = '';
    while (this.isDigit(this.src[p])) v += String.fromCharCode(this.src[p++]);
    return Number(v);
  }

  private octalRun(p: number): number {
    let n = 0;
    while (n < 3 && this.src[p + n] !== undefined && this.src[p + n] >= 0x30 && this.src[p + n] <= 0x37) n++;
    return n;
  }

  private pythonOctal(): number {
    const start = this.pos - 1;
    const v = parseInt(String.fromCharCode(...this.src.slice(start, start + 3)), 8);
    if (v > 0o377) throw new PatternSyntaxError('octal escape value outside of range 0-0o377');
    this.pos = start + 3;
    return v;
  }

  // Annex B: `\8`/`\9` are identity escapes and `\1`…`\7` start a legacy octal escape when the
  // pattern has fewer groups (ECMA-262 §B.1.2 DecimalEscape / LegacyOctalEscapeSequence).
  private legacyOctalOrIdentity(first: number): number {
    if (first > c('7')) return first;
    const start = this.pos - 1;
    let len = 1;
    const max = first <= c('3') ? 3 : 2;
    while (len < max && this.src[start + len] >= 0x30 && this.src[start + len] <= 0x37) len++;
    this.pos = start + len;
    return parseInt(String.fromCharCode(...this.src.slice(start, start + len)), 8);
  }

  private quoted(): Node {
    const items: Node[] = [];
    while (this.pos < this.src.length && !this.lookingAt('\\E')) items.push(this.literal(this.src[this.pos++]));
    if (this.lookingAt('\\E')) this.pos += 2;
    return { kind: 'cat', items };
  }

  /** Single-character escapes shared by the main pattern and classes. `ch` is already consumed. */
  private characterEscape(ch: number, inClass: boolean): number {
    const s = String.fromCharCode(ch);
    const d = this.dialect;
    switch (s) {
      case 't': return 9;
      case 'n': return 10;
      case 'r': return 13;
      case 'f': return 12;
      case 'v':
        if (d === 'pcre') throw new UnsupportedPatternError('PCRE \\v (vertical space class) is not supported');
        return 11;
      case 'a':
        if (d === 'js') break;
        return 7;
      case 'e':
        if (d === 'pcre') return 27;
        break;
      case '0': {
        if (d === 'js') {
          if (!this.isDigit(this.peek())) return 0;
          if (this.options.unicode) throw new PatternSyntaxError('invalid decimal escape');
          return this.legacyOctalOrIdentity(ch);
        }
        // Python and PCRE2: `\0` plus up to two more octal digits.
        let v = '';
        const max = 2;
        while (v.length < max && this.peek() !== undefined && /[0-7]/.test(String.fromCharCode(this.peek() as number))) v += String.fromCharCode(this.src[this.pos++]);
        return parseInt('0' + v, 8);
      }
      case 'x': {
        if (d === 'pcre') {
          if (this.peek() === c('{')) {
            const v = this.readBracedHex();
            if (v > 0xff) throw new UnsupportedPatternError('\\x{…} above 0xff in byte mode');
            return v;
          }
          // PCRE2: `\x` takes up to two hex digits (none: NUL).
          const v = this.readHex(2) ?? this.readHex(1);
          return v ?? 0;
        }
        const v = this.readHex(2);
        if (v !== undefined) return v;
        if (d === 'js' && !this.options.unicode) return ch;
        throw new PatternSyntaxError('incomplete escape \\x');
      }
      case 'u': {
        if (d === 'pcre') throw new PatternSyntaxError('PCRE2 does not support \\u');
        if (d === 'js' && this.options.unicode && this.peek() === c('{')) {
          const v = this.readBracedHex();
          if (v > MAX_UNIT) throw new PatternSyntaxError('invalid unicode escape');
          return v;
        }
        const unit = this.readHex(4);
        if (unit === undefined) {
          if (d === 'js' && !this.options.unicode) return ch;
          throw new PatternSyntaxError('incomplete escape \\u');
        }
        // With `u`, an escaped surrogate pair denotes one code point (ECMA-262 RegExpUnicodeEscapeSequence).
        if (d === 'js' && this.options.unicode && unit >= 0xd800 && unit <= 0xdbff && this.lookingAt('\\u')) {
          this.pos += 2;
          const low = this.readHex(4);
          if (low !== undefined && low >= 0xdc00 && low <= 0xdfff) return (unit - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
          this.pos -= low === undefined ? 2 : 6;
        }
        return unit;
      }
      case 'U':
        if (d === 'python') {
          const v = this.readHex(8);
          if (v === undefined || v > MAX_UNIT) throw new PatternSyntaxError('bad escape \\U');
          return v;
        }
        break;
      case 'c':
        if (d === 'js') {
          const next = this.peek();
          const letter = next !== undefined && /[a-zA-Z]/.test(String.fromCharCode(next));
          const annexB = inClass && next !== undefined && /[0-9_]/.test(String.fromCharCode(next));
          if (letter || (annexB && !this.options.unicode)) {
            this.pos++;
            return (next as number) % 32;
          }
          if (this.options.unicode) throw new PatternSyntaxError('invalid unicode escape');
          this.pos--; // Annex B: `\c` not followed by a control letter is a literal backslash
          return c('\\');
        }
        if (d === 'pcre') {
          const next = this.src[this.pos++];
          if (next === undefined || next > 127) throw new PatternSyntaxError('\\c at end of pattern');
          return String.fromCharCode(next).toUpperCase().charCodeAt(0) ^ 0x40;
        }
        break;
      case 'p':
      case 'P':
        if (d === 'js' && !this.options.unicode) return ch;
        throw new UnsupportedPatternError('Unicode property escapes are not supported');
      case 'N':
        if (d !== 'js') throw new UnsupportedPatternError('\\N escapes are not supported');
        break;
      default:
        break;
    }
    if (/[a-zA-Z0-9]/.test(s)) {
      if (d === 'js' && !this.options.unicode) return ch; // Annex B identity escape
      if (d === 'js') throw new PatternSyntaxError('invalid escape');
      if (d === 'python') throw new PatternSyntaxError(`bad escape \\${s}`);
      throw new UnsupportedPatternError(`escape \\${s} is not supported`);
    }
    if (d === 'js' && this.options.unicode && !'^$\\.*+?()[]{}|/'.includes(s) && !(inClass && s === '-')) {
      throw new PatternSyntaxError('invalid escape');
    }
    return ch;
  }

  private parseClass(): CharSet {
    const negate = this.eat('^');
    const ranges: number[] = [];
    const unicode: UnicodeClass[] = [];
    let first = true;
    // A class item: a single unit, or a class escape (which cannot be a range bound).
    const item = (): number | CharSet => {
      const ch = this.src[this.pos++];
      if (ch === c('[') && this.dialect === 'pcre' && this.peek() === c(':')) {
        const end = this.src.indexOf(c(']'), this.pos);
        const body = end < 0 || end - this.pos > 12 ? '' : unitsToText(this.src.slice(this.pos, end));
        const m = /^:(\^?)([a-z]+):$/.exec(body);
        if (m && end > 0) {
          const r = POSIX[m[2]];
          if (!r) throw new PatternSyntaxError(`unknown POSIX class name ${m[2]}`);
          this.pos = end + 1;
          return { kind: 'set', ranges: r, unicode: [], negate: m[1] === '^' };
        }
      }
      if (ch !== c('\\')) return ch;
      const e = this.src[this.pos++];
      if (e === undefined) throw new PatternSyntaxError('unterminated character set');
      const s = String.fromCharCode(e);
      const cls = this.classEscape(s);
      if (cls) return cls;
      if (s === 'b') return 8;
      if (this.dialect === 'js' && s === '-') return e;
      if (this.dialect === 'pcre' && s === 'Q') throw new UnsupportedPatternError('\\Q inside a class');
      if (this.dialect === 'pcre' && s === 'E') return item();
      if (this.dialect !== 'js' && /[ABZzG]/.test(s)) throw new PatternSyntaxError(`bad escape \\${s} in class`);
      if (/[1-9]/.test(s)) {
        if (this.dialect === 'js' && !this.options.unicode) return this.legacyOctalOrIdentity(e);
        if (this.dialect === 'python' && /[1-7]/.test(s)) {
          const n = this.octalRun(this.pos - 1);
          const start = this.pos - 1;
          this.pos = start + n;
          return parseInt(String.fromCharCode(...this.src.slice(start, start + n)), 8);
        }
        throw new UnsupportedPatternError('numeric escapes in a class are not supported');
      }
      if (this.dialect === 'js' && s === 'B' && !this.options.unicode) return e;
      return this.characterEscape(e, true);
    };
    for (;;) {
      const ch = this.peek();
      if (ch === undefined) throw new PatternSyntaxError('unterminated character set');
      // `]` first in a class is a literal in Python and PCRE; in JS `[]` is the empty class.
      if (ch === c(']') && !(first && this.dialect !== 'js')) {
        this.pos++;
        break;
      }
      first = false;
      const lo = item();
      if (this.peek() === c('-') && this.peek(1) !== c(']') && this.peek(1) !== undefined) {
        this.pos++;
        const hi = item();
        if (typeof lo === 'number' && typeof hi === 'number') {
          if (hi < lo) throw new PatternSyntaxError('bad character range');
          ranges.push(lo, hi);
          continue;
        }
        // A class escape as a range bound: JS Annex B and PCRE2 read `-` literally; Python rejects it.
        if (this.dialect === 'python' || (this.dialect === 'js' && this.options.unicode)) throw new PatternSyntaxError('bad character range');
        this.addItem(lo, ranges, unicode);
        ranges.push(c('-'), c('-'));
        this.addItem(hi, ranges, unicode);
        continue;
      }
      this.addItem(lo, ranges, unicode);
    }
    return { kind: 'set', ranges: normaliseRanges(ranges), unicode, negate, fold: this.fold() };
  }

  private addItem(it: number | CharSet, ranges: number[], unicode: UnicodeClass[]): void {
    if (typeof it === 'number') {
      ranges.push(it, it);
      return;
    }
    if (!it.negate) {
      ranges.push(...it.ranges);
      unicode.push(...it.unicode);
      return;
    }
    if (it.unicode.length > 0) throw new UnsupportedPatternError('a negated Unicode class escape inside a class');
    let next = 0;
    for (let i = 0; i < it.ranges.length; i += 2) {
      if (it.ranges[i] > next) ranges.push(next, it.ranges[i] - 1);
      next = it.ranges[i + 1] + 1;
    }
    ranges.push(next, MAX_UNIT);
  }
}
