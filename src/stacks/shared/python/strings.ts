// Decodes Python string literal spellings (prefixes, quotes, escapes, implicit concatenation, f-strings) to their values.

/** A run of literal text in an f-string, already unescaped. */
export interface FStringLiteral {
  kind: 'literal';
  value: string;
}

/** A replacement field `{expression!conversion:spec}` of an f-string, kept as source text. */
export interface FStringPlaceholder {
  kind: 'placeholder';
  /** The expression's source text, as written between the braces (whitespace kept). */
  expression: string;
  /** Offset of `expression` in the text given to {@link decodePythonString}. */
  offset: number;
  conversion?: 'r' | 's' | 'a';
  /** The format spec's source text after `:` (may itself contain `{…}` fields). */
  formatSpec?: string;
}

export type FStringPart = FStringLiteral | FStringPlaceholder;

/** The value of one literal or of several adjacent literals (`"a" "b"`). */
export interface DecodedPythonString {
  /**
   * The decoded text. Bytes literals map each byte to the UTF-16 unit of the same value (latin-1).
   * For f-strings with placeholders, each placeholder appears as `{expression}` so the value stays
   * readable; use `parts` for the structure.
   */
  value: string;
  isBytes: boolean;
  isFString: boolean;
  /** Present when `isFString`: literal runs (adjacent ones merged, empty ones dropped) and placeholders. */
  parts?: FStringPart[];
}

interface Prefix {
  raw: boolean;
  bytes: boolean;
  f: boolean;
}

// Valid prefixes, case-insensitive and in any order (Python reference, "String and Bytes literals":
// stringprefix / bytesprefix / f-string prefixes; `ur` was removed in Python 3).
const PREFIXES: Record<string, Prefix> = {
  '': { raw: false, bytes: false, f: false },
  r: { raw: true, bytes: false, f: false },
  u: { raw: false, bytes: false, f: false },
  b: { raw: false, bytes: true, f: false },
  f: { raw: false, bytes: false, f: true },
  br: { raw: true, bytes: true, f: false },
  rb: { raw: true, bytes: true, f: false },
  fr: { raw: true, bytes: false, f: true },
  rf: { raw: true, bytes: false, f: true },
};

const SIMPLE_ESCAPES: Record<string, string> = {
  '\n': '',
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};

const HEX = /^[0-9a-fA-F]+$/;

/**
 * Decodes the source text of a Python string literal, or of adjacent literals separated by
 * whitespace, comments and line continuations (implicit concatenation). Returns undefined when
 * the text is not a valid literal (bad prefix, unterminated, bad `\x`/`\u` escape, bytes mixed
 * with str, non-ASCII in bytes) or uses `\N{…}` (no Unicode name table is bundled).
 */
export function decodePythonString(nodeText: string): DecodedPythonString | undefined {
  let pos = 0;
  let isBytes: boolean | undefined;
  let isFString = false;
  const parts: FStringPart[] = [];
  const n = nodeText.length;
  let count = 0;
  while (true) {
    pos = skipTrivia(nodeText, pos);
    if (pos >= n) break;
    let p = pos;
    while (p < n && /[A-Za-z]/.test(nodeText[p])) p++;
    const prefix = PREFIXES[nodeText.slice(pos, p).toLowerCase()];
    const q = nodeText[p];
    if (!prefix || (q !== '"' && q !== "'")) return undefined;
    // Python: "bytes can only be concatenated with bytes" (a SyntaxError at compile time).
    if (isBytes !== undefined && isBytes !== prefix.bytes) return undefined;
    isBytes = prefix.bytes;
    const triple = nodeText.startsWith(q + q + q, p);
    const quote = triple ? q + q + q : q;
    const bodyStart = p + quote.length;
    const bodyEnd = findClosingQuote(nodeText, bodyStart, quote, triple);
    if (bodyEnd < 0) return undefined;
    if (prefix.f) {
      isFString = true;
      if (!decodeFStringBody(nodeText, bodyStart, bodyEnd, prefix.raw, parts)) return undefined;
    } else {
      const value = decodeBody(nodeText.slice(bodyStart, bodyEnd), prefix.raw, prefix.bytes);
      if (value === undefined) return undefined;
      pushLiteral(parts, value);
    }
    count++;
    pos = bodyEnd + quote.length;
  }
  if (count === 0) return undefined;
  const value = parts.map((part) => (part.kind === 'literal' ? part.value : `{${part.expression}}`)).join('');
  const result: DecodedPythonString = { value, isBytes: isBytes === true, isFString };
  if (isFString) result.parts = parts;
  return result;
}

function pushLiteral(parts: FStringPart[], value: string): void {
  if (value === '') return;
  const last = parts[parts.length - 1];
  if (last && last.kind === 'literal') last.value += value;
  else parts.push({ kind: 'literal', value });
}

/** Skips whitespace, comments and backslash-newline continuations between adjacent literals. */
function skipTrivia(text: string, pos: number): number {
  while (pos < text.length) {
    const c = text[pos];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f') pos++;
    else if (c === '\\' && (text[pos + 1] === '\n' || text[pos + 1] === '\r')) pos += 2;
    else if (c === '#') {
      while (pos < text.length && text[pos] !== '\n' && text[pos] !== '\r') pos++;
    } else break;
  }
  return pos;
}

/** Offset of the closing quote, or -1. A backslash always protects the next character, even in raw strings. */
function findClosingQuote(text: string, pos: number, quote: string, triple: boolean): number {
  while (pos < text.length) {
    const c = text[pos];
    if (c === '\\') pos += 2;
    else if (text.startsWith(quote, pos)) return pos;
    else if (!triple && (c === '\n' || c === '\r')) return -1;
    else pos++;
  }
  return -1;
}

/** Decodes the body of a non-f literal; undefined on an escape Python rejects. */
function decodeBody(body: string, raw: boolean, bytes: boolean): string | undefined {
  // CPython's tokenizer turns CRLF and lone CR line ends into LF before strings are built.
  const s = body.includes('\r') ? body.replace(/\r\n?/g, '\n') : body;
  if (bytes && /[^\x00-\x7f]/.test(s)) return undefined;
  if (raw || !s.includes('\\')) return s;
  let out = '';
  let i = 0;
  while (i < s.length) {
    const j = s.indexOf('\\', i);
    if (j < 0) {
      out += s.slice(i);
      break;
    }
    out += s.slice(i, j);
    const c = s[j + 1];
    i = j + 2;
    const simple = SIMPLE_ESCAPES[c];
    if (simple !== undefined) {
      out += simple;
    } else if (c >= '0' && c <= '7') {
      let k = j + 1;
      while (k < s.length && k < j + 4 && s[k] >= '0' && s[k] <= '7') k++;
      const code = parseInt(s.slice(j + 1, k), 8);
      // CPython keeps only the low byte of an octal escape above \377 in bytes (Objects/bytesobject.c,
      // _PyBytes_DecodeEscape); in str it is the code point itself.
      out += String.fromCharCode(bytes ? code & 0xff : code);
      i = k;
    } else if (c === 'x' || (!bytes && (c === 'u' || c === 'U'))) {
      const len = c === 'x' ? 2 : c === 'u' ? 4 : 8;
      const hex = s.slice(i, i + len);
      if (hex.length !== len || !HEX.test(hex)) return undefined;
      const code = parseInt(hex, 16);
      if (code > 0x10ffff) return undefined;
      out += code > 0xffff ? String.fromCodePoint(code) : String.fromCharCode(code);
      i += len;
    } else if (c === 'N' && !bytes) {
      return undefined;
    } else {
      // Unrecognised escapes keep the backslash (Python reference, "Escape sequences").
      out += '\\' + (c ?? '');
    }
  }
  return out;
}

/** Splits an f-string body into literal runs and placeholders; false on a malformed body. */
function decodeFStringBody(text: string, start: number, end: number, raw: boolean, parts: FStringPart[]): boolean {
  let literalStart = start;
  let literal = '';
  const flush = (upTo: number): boolean => {
    const decoded = decodeBody(text.slice(literalStart, upTo), raw, false);
    if (decoded === undefined) return false;
    literal += decoded;
    return true;
  };
  let i = start;
  while (i < end) {
    const c = text[i];
    if (c === '\\' && !raw) {
      // `\N{…}` braces belong to the escape, not to a replacement field.
      if (text[i + 1] === 'N' && text[i + 2] === '{') {
        const close = text.indexOf('}', i + 3);
        i = close < 0 || close >= end ? end : close + 1;
      } else i += 2;
    } else if (c === '{' || c === '}') {
      if (text[i + 1] === c) {
        if (!flush(i + 1)) return false;
        i += 2;
        literalStart = i;
        continue;
      }
      if (c === '}') return false;
      if (!flush(i)) return false;
      const field = scanField(text, i + 1, end);
      if (!field) return false;
      if (field.debugText !== undefined) literal += field.debugText;
      pushLiteral(parts, literal);
      literal = '';
      const placeholder: FStringPlaceholder = { kind: 'placeholder', expression: field.expression, offset: i + 1 };
      if (field.conversion) placeholder.conversion = field.conversion;
      if (field.formatSpec !== undefined) placeholder.formatSpec = field.formatSpec;
      parts.push(placeholder);
      i = field.end;
      literalStart = i;
    } else i++;
  }
  if (!flush(end)) return false;
  pushLiteral(parts, literal);
  return true;
}

interface Field {
  expression: string;
  conversion?: 'r' | 's' | 'a';
  formatSpec?: string;
  /** For `{x=}`: the literal text CPython inserts before the value (`x=`). */
  debugText?: string;
  /** Offset just after the closing `}`. */
  end: number;
}

/** Scans a replacement field starting after `{`. */
function scanField(text: string, pos: number, end: number): Field | undefined {
  const exprStart = pos;
  let depth = 0;
  let exprEnd = -1;
  while (pos < end) {
    const c = text[pos];
    if (c === '"' || c === "'") {
      pos = skipNestedString(text, pos, end);
      if (pos < 0) return undefined;
      continue;
    }
    if (c === '(' || c === '[' || c === '{') depth++;
    else if ((c === ')' || c === ']' || (c === '}' && depth > 0)) && depth > 0) depth--;
    else if (depth === 0 && (c === '}' || c === ':' || (c === '!' && text[pos + 1] !== '='))) {
      exprEnd = pos;
      break;
    }
    pos++;
  }
  if (exprEnd < 0) return undefined;
  let expression = text.slice(exprStart, exprEnd);
  let debugText: string | undefined;
  // `{x=}` (self-documenting expression, Python 3.8): the `=` must not be part of `==`, `!=`, `<=`, `>=`.
  const trimmed = expression.trimEnd();
  if (trimmed.endsWith('=') && !/[=!<>]=$/.test(trimmed)) {
    debugText = expression;
    expression = trimmed.slice(0, -1);
  }
  if (expression.trim() === '') return undefined;
  const field: Field = { expression, end: 0 };
  if (text[pos] === '!') {
    const conv = text[pos + 1];
    if (conv !== 'r' && conv !== 's' && conv !== 'a') return undefined;
    field.conversion = conv;
    pos += 2;
    if (text[pos] !== ':' && text[pos] !== '}') return undefined;
  }
  if (text[pos] === ':') {
    const specStart = pos + 1;
    let nested = 0;
    pos++;
    while (pos < end && !(text[pos] === '}' && nested === 0)) {
      if (text[pos] === '{') nested++;
      else if (text[pos] === '}') nested--;
      pos++;
    }
    if (pos >= end) return undefined;
    field.formatSpec = text.slice(specStart, pos);
  }
  if (text[pos] !== '}') return undefined;
  // CPython renders `{x=}` with repr() unless a conversion or format spec is given (Python
  // reference, "f-strings": "By default, the '=' causes the repr() of the expression to be provided").
  if (debugText !== undefined) {
    field.debugText = debugText;
    if (!field.conversion && field.formatSpec === undefined) field.conversion = 'r';
  }
  field.end = pos + 1;
  return field;
}

/** Skips a string literal nested inside a replacement field; returns the offset after it or -1. */
function skipNestedString(text: string, pos: number, end: number): number {
  const q = text[pos];
  const triple = text.startsWith(q + q + q, pos);
  const quote = triple ? q + q + q : q;
  pos += quote.length;
  while (pos < end) {
    if (text[pos] === '\\') pos += 2;
    else if (text.startsWith(quote, pos)) return pos + quote.length;
    else pos++;
  }
  return -1;
}
