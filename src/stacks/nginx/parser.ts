// nginx configuration parser: a single-pass port of nginx's own tokenizer, with positions and error recovery.
//
// Behaviour mirrors `ngx_conf_read_token` and `ngx_conf_parse` in src/core/ngx_conf_file.c of nginx 1.22
// (the version Debian ships; confirmed with `nginx -t` by ./parser.oracle.test.ts). Where this file says
// "nginx does X", that function is the source unless another file is named.

import type { SourceSpan } from '../../model/source.js';

/** One argument (or the name) of a directive. */
export interface NginxArg {
  /** The value nginx sees: quotes removed, `\"` `\'` `\\` `\t` `\r` `\n` unescaped, other backslashes kept. */
  value: string;
  /** The token exactly as written, quotes included. */
  raw: string;
  quoted: '"' | "'" | false;
  span: SourceSpan;
}

/** A simple (`;`) or block (`{ … }`) directive, in file order; duplicates are kept. */
export interface NginxDirective {
  name: string;
  args: NginxArg[];
  /** Child directives of a `{ … }` block; absent for simple directives and for raw Lua blocks. */
  block?: NginxDirective[];
  /** From the first character of the name to the terminating `;` or `}` (inclusive). */
  span: SourceSpan;
  nameSpan: SourceSpan;
  /** From `{` to `}` inclusive (to the end of the file when the block is never closed). */
  blockSpan?: SourceSpan;
  /** For `*_by_lua_block { … }`: the Lua source between the braces, unparsed. */
  rawBlock?: string;
}

/** A syntax error, worded as nginx words it. */
export interface NginxSyntaxError {
  message: string;
  span: SourceSpan;
}

/** A `#` comment; `text` excludes the `#` and the line break. */
export interface NginxComment {
  text: string;
  span: SourceSpan;
}

/** Result of {@link parseNginx}; `comments` serves inline suppressions. */
export interface NginxParseResult {
  directives: NginxDirective[];
  errors: NginxSyntaxError[];
  comments: NginxComment[];
}

const LF = 10;
const CR = 13;
const TAB = 9;
const SPACE = 32;
const QUOTE_D = 34;
const QUOTE_S = 39;
const HASH = 35;
const DOLLAR = 36;
const RPAREN = 41;
const SEMI = 59;
const LBRACE = 123;
const RBRACE = 125;
const BACKSLASH = 92;
const LBRACKET = 91;
const EQUALS = 61;
const DASH = 45;

/** nginx reads a configuration file through a buffer of this many bytes (NGX_CONF_BUFFER). */
const CONF_BUFFER = 4096;

/**
 * Blocks whose contents nginx hands to a custom `cf->handler` (map, geo, split_clients, types,
 * charset_map in ngx_http_*_module.c and ngx_stream_*_module.c); inside them ngx_conf_parse rejects
 * any nested `{` with `unexpected "{"`.
 */
const HANDLER_BLOCKS = new Set(['map', 'geo', 'split_clients', 'types', 'charset_map']);

interface Frame {
  /** null for the file level and for a nameless `{` kept only to balance braces. */
  directive: NginxDirective | null;
  children: NginxDirective[];
  openLine: number;
  openCol: number;
}

function isSpace(c: number): boolean {
  return c === SPACE || c === TAB || c === CR || c === LF;
}

/** UTF-8 length of one UTF-16 code unit; a surrogate pair counts 4 on its high half. */
function utf8Units(c: number, next: number): number {
  if (c < 0x80) return 1;
  if (c < 0x800) return 2;
  if (c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) return 4;
  if (c >= 0xdc00 && c <= 0xdfff) return 0; // counted with its high half (a lone one is rare enough)
  return 3;
}

/** nginx's word unescaping (the copy loop at the end of ngx_conf_read_token). */
function unescape(text: string, start: number, end: number): string {
  let out = '';
  let from = start;
  for (let i = start; i < end - 1; i++) {
    if (text.charCodeAt(i) !== BACKSLASH) continue;
    const next = text.charCodeAt(i + 1);
    let repl: string | null = null;
    if (next === QUOTE_D || next === QUOTE_S || next === BACKSLASH) repl = text[i + 1];
    else if (next === 116) repl = '\t';
    else if (next === 114) repl = '\r';
    else if (next === 110) repl = '\n';
    if (repl === null) continue; // unknown escapes keep the backslash; the next char is read normally
    out += text.slice(from, i) + repl;
    i++;
    from = i + 1;
  }
  return out + text.slice(from, end);
}

/**
 * Parses nginx configuration text. Never throws. Syntax errors carry nginx's own message; after
 * each error parsing continues (the broken directive is closed at the next `;`/`{`/`}`), so later
 * directives are still returned. `include` is not followed.
 */
export function parseNginx(text: string, file: string): NginxParseResult {
  const n = text.length;
  const errors: NginxSyntaxError[] = [];
  const comments: NginxComment[] = [];
  const root: Frame = { directive: null, children: [], openLine: 1, openCol: 1 };
  const stack: Frame[] = [root];
  let frame = root;

  // Line tracking with the same line breaks as LineIndex (LF, CRLF, lone CR).
  let line = 1;
  let lineStart = 0;
  let prev = -1;

  const span = (sLine: number, sCol: number, end: number): SourceSpan => ({
    file,
    line: sLine,
    column: sCol,
    endLine: line,
    endColumn: end - lineStart + 1,
  });
  const error = (message: string, start: number, end: number): void => {
    errors.push({ message, span: { file, line, column: start - lineStart + 1, endLine: line, endColumn: end - lineStart + 1 } });
  };

  // Tokenizer state, named after ngx_conf_read_token's locals.
  let lastSpace = true;
  let needSpace = false;
  let sharpComment = false;
  let variable = false;
  let quoted = false; // the previous character was a backslash
  let sQuoted = false;
  let dQuoted = false;
  let sawBackslash = false;

  let args: NginxArg[] = [];
  let tokStart = 0;
  let tokLine = 1;
  let tokCol = 1;
  let commentStart = 0;
  let commentLine = 1;
  let commentCol = 1;

  // nginx's `start`: where its buffer must keep data from. A token (or comment) that keeps it in
  // place for CONF_BUFFER bytes is "too long" (ngx_conf_read_token's `len == NGX_CONF_BUFFER`).
  let ngxStart = 0;
  let ngxStartLine = 1;
  let ngxStartCol = 1;
  let longFrom = -1; // ngxStart for which longBytes is valid
  let longBytes = 0; // UTF-8 bytes from ngxStart up to the current character
  let longReported = -1;

  const pushArg = (start: number, end: number, valueStart: number, valueEnd: number, q: '"' | "'" | false): void => {
    const raw = text.slice(start, end);
    const value = sawBackslash ? unescape(text, valueStart, valueEnd) : q ? text.slice(valueStart, valueEnd) : raw;
    args.push({ value, raw, quoted: q, span: span(tokLine, tokCol, end) });
    sawBackslash = false;
  };

  // Ends at `end` on the current line, or, when `end` is omitted, where the last argument ends.
  const makeDirective = (end?: number): NginxDirective => {
    const head = args[0];
    const last = args[args.length - 1].span;
    // The argument array is handed over (and replaced below) rather than copied: one array fewer per directive.
    args.shift();
    const d: NginxDirective = {
      name: head.value,
      args,
      span:
        end === undefined
          ? { file, line: head.span.line, column: head.span.column, endLine: last.endLine, endColumn: last.endColumn }
          : { file, line: head.span.line, column: head.span.column, endLine: line, endColumn: end - lineStart + 1 },
      nameSpan: head.span,
    };
    args = [];
    return d;
  };

  const resetTokenizer = (next: number): void => {
    lastSpace = true;
    needSpace = false;
    variable = false;
    ngxStart = next;
    ngxStartLine = line;
    ngxStartCol = next - lineStart + 1;
  };

  const endStatement = (i: number): void => {
    if (args.length > 0) frame.children.push(makeDirective(i + 1));
    resetTokenizer(i + 1);
  };

  const openBlock = (i: number): number => {
    let directive: NginxDirective | null = null;
    if (args.length > 0) {
      if (frame.directive !== null && HANDLER_BLOCKS.has(frame.directive.name)) error('unexpected "{"', i, i + 1);
      directive = makeDirective(i + 1);
      directive.blockSpan = span(line, i - lineStart + 1, i + 1);
      frame.children.push(directive);
      if (directive.name.endsWith('_by_lua_block')) return skipLuaBlock(directive, i);
      directive.block = [];
    }
    frame = { directive, children: directive?.block ?? [], openLine: line, openCol: i - lineStart + 1 };
    stack.push(frame);
    resetTokenizer(i + 1);
    return i;
  };

  const closeBlock = (i: number): void => {
    if (args.length > 0) frame.children.push(makeDirective());
    if (stack.length === 1) {
      error('unexpected "}"', i, i + 1);
    } else {
      const closed = stack.pop() as Frame;
      if (closed.directive !== null) {
        closed.directive.span = { ...closed.directive.span, endLine: line, endColumn: i + 1 - lineStart + 1 };
        closed.directive.blockSpan = span(closed.openLine, closed.openCol, i + 1);
      }
      frame = stack[stack.length - 1];
    }
    resetTokenizer(i + 1);
  };

  // Skips a Lua body the way lua-nginx-module's ngx_http_lua_conf_lua_block_parse does (its lexer
  // knows `{`, `}`, "…" and '…' strings with escapes, `--` comments and [=[ long brackets ]=]):
  // only braces outside those count. Returns the index of the closing `}` (or n - 1 at EOF).
  const skipLuaBlock = (d: NginxDirective, open: number): number => {
    let level = 1;
    let i = open + 1;
    let bracketError = false;
    const advanceLines = (from: number, to: number): void => {
      for (let k = from; k < to; k++) {
        const c = text.charCodeAt(k);
        if (c === LF || (c === CR && text.charCodeAt(k + 1) !== LF)) {
          line++;
          lineStart = k + 1;
        }
      }
    };
    const longBracket = (at: number): number => {
      // `at` is a `[`; returns the number of `=` if a long bracket opens here, else -1.
      let k = at + 1;
      while (text.charCodeAt(k) === EQUALS) k++;
      return text.charCodeAt(k) === LBRACKET ? k - at - 1 : -1;
    };
    while (i < n) {
      const c = text.charCodeAt(i);
      let skipTo = i + 1;
      if (c === LBRACE) level++;
      else if (c === RBRACE) {
        level--;
        if (level === 0) break;
      } else if (c === QUOTE_D || c === QUOTE_S) {
        let k = i + 1;
        while (k < n) {
          const q = text.charCodeAt(k);
          if (q === BACKSLASH) k += 2;
          else if (q === c) break;
          else k++;
        }
        // An unterminated quote is no string token for the Lua lexer; it is then an ordinary byte.
        if (k < n) skipTo = k + 1;
      } else if (c === LBRACKET || (c === DASH && text.charCodeAt(i + 1) === DASH)) {
        const bracketAt = c === LBRACKET ? i : i + 2;
        const eqs = text.charCodeAt(bracketAt) === LBRACKET ? longBracket(bracketAt) : -1;
        if (eqs >= 0) {
          const close = ']' + '='.repeat(eqs) + ']';
          const found = text.indexOf(close, bracketAt + eqs + 2);
          if (found < 0) {
            advanceLines(i, n);
            error(`Lua code block missing the closing long bracket "${close}"`, n, n);
            bracketError = true;
            i = n;
            break;
          } else skipTo = found + close.length;
        } else if (c === DASH) {
          const eol = text.indexOf('\n', i);
          skipTo = eol < 0 ? n : eol;
        }
      }
      advanceLines(i, skipTo);
      i = skipTo;
    }
    if (i >= n) {
      if (!bracketError) error('unexpected end of file, expecting terminating characters for lua code block', n, n);
      d.rawBlock = text.slice(open + 1, n);
      d.span = { ...d.span, endLine: line, endColumn: n - lineStart + 1 };
      d.blockSpan = { ...(d.blockSpan as SourceSpan), endLine: line, endColumn: n - lineStart + 1 };
      resetTokenizer(n);
      return n;
    }
    d.rawBlock = text.slice(open + 1, i);
    d.span = { ...d.span, endLine: line, endColumn: i + 1 - lineStart + 1 };
    d.blockSpan = { ...(d.blockSpan as SourceSpan), endLine: line, endColumn: i + 1 - lineStart + 1 };
    resetTokenizer(i + 1);
    return i;
  };

  // Reports nginx's "too long parameter" when its buffer would fill while reading character i.
  const checkTooLong = (i: number, c: number): void => {
    if (longFrom !== ngxStart) {
      longFrom = ngxStart;
      longBytes = 0;
      for (let k = ngxStart; k < i; k++) longBytes += utf8Units(text.charCodeAt(k), text.charCodeAt(k + 1));
    }
    const size = utf8Units(c, text.charCodeAt(i + 1));
    // Reading byte ngxStart+4096 fails. A character that nginx handles in its `last_space` branch
    // moves `start` to itself once its first byte is read, so its later bytes cannot hit the limit.
    const movesStart =
      !quoted && (sharpComment ? c === LF : needSpace ? !isSpace(c) && c !== SEMI && c !== LBRACE : lastSpace);
    const limitHit =
      longBytes === CONF_BUFFER || (!movesStart && longBytes < CONF_BUFFER && longBytes + size > CONF_BUFFER);
    if (limitHit && longReported !== ngxStart) {
      longReported = ngxStart;
      let message: string;
      if (dQuoted) message = 'too long parameter, probably missing terminating """ character';
      else if (sQuoted) message = "too long parameter, probably missing terminating \"'\" character";
      else {
        // nginx prints the first 10 bytes ("%*s"), possibly cutting a character in two.
        const head = new TextEncoder().encode(text.slice(ngxStart, ngxStart + 10)).subarray(0, 10);
        message = `too long parameter "${new TextDecoder().decode(head)}..." started`;
      }
      errors.push({ message, span: { file, line: ngxStartLine, column: ngxStartCol, endLine: line, endColumn: i - lineStart + 1 } });
    }
    longBytes += size;
  };

  for (let i = 0; i < n; i++) {
    const ch = text.charCodeAt(i);
    if (prev === LF || (prev === CR && ch !== LF)) {
      line++;
      lineStart = i;
    }
    prev = ch;

    // Three UTF-16 units are at most 4096/3 bytes away from nginx's limit; only then count bytes.
    if ((i - ngxStart) * 3 >= CONF_BUFFER - 3) checkTooLong(i, ch);

    if (ch === LF && sharpComment) {
      sharpComment = false;
      const end = text.charCodeAt(i - 1) === CR ? i - 1 : i;
      comments.push({ text: text.slice(commentStart + 1, end), span: { file, line: commentLine, column: commentCol, endLine: commentLine, endColumn: commentCol + end - commentStart } });
    }
    if (sharpComment) continue;
    if (quoted) {
      quoted = false;
      continue;
    }

    if (needSpace) {
      if (isSpace(ch)) {
        lastSpace = true;
        needSpace = false;
        continue;
      }
      if (ch === SEMI) {
        endStatement(i);
        continue;
      }
      if (ch === LBRACE) {
        i = openBlock(i);
        prev = text.charCodeAt(i);
        continue;
      }
      lastSpace = true;
      needSpace = false;
      if (ch !== RPAREN) {
        // nginx stops here; we read the character as if a space preceded it.
        error(`unexpected "${text[i]}"`, i, i + 1);
        if (ch === RBRACE) {
          closeBlock(i);
          continue;
        }
      }
    }

    if (lastSpace) {
      ngxStart = i;
      ngxStartLine = line;
      ngxStartCol = i - lineStart + 1;
      if (isSpace(ch)) continue;
      switch (ch) {
        case SEMI:
          if (args.length === 0) {
            error('unexpected ";"', i, i + 1);
            resetTokenizer(i + 1);
          } else endStatement(i);
          continue;
        case LBRACE:
          if (args.length === 0) error('unexpected "{"', i, i + 1);
          i = openBlock(i);
          prev = text.charCodeAt(i);
          continue;
        case RBRACE:
          if (args.length > 0) error('unexpected "}"', i, i + 1);
          closeBlock(i);
          continue;
        case HASH:
          sharpComment = true;
          commentStart = i;
          commentLine = line;
          commentCol = i - lineStart + 1;
          continue;
        case BACKSLASH:
          quoted = true;
          sawBackslash = true;
          break;
        case QUOTE_D:
          dQuoted = true;
          ngxStart = i + 1;
          ngxStartCol++;
          break;
        case QUOTE_S:
          sQuoted = true;
          ngxStart = i + 1;
          ngxStartCol++;
          break;
        case DOLLAR:
          variable = true;
          break;
      }
      lastSpace = false;
      tokStart = i;
      tokLine = line;
      tokCol = i - lineStart + 1;
      continue;
    }

    // Inside a word: `${` keeps the brace in the word.
    if (ch === LBRACE && variable) continue;
    variable = false;
    if (ch === BACKSLASH) {
      quoted = true;
      sawBackslash = true;
      continue;
    }
    if (ch === DOLLAR) {
      variable = true;
      continue;
    }
    if (dQuoted || sQuoted) {
      if (ch === (dQuoted ? QUOTE_D : QUOTE_S)) {
        const q = dQuoted ? '"' : "'";
        dQuoted = sQuoted = false;
        needSpace = true;
        pushArg(tokStart, i + 1, tokStart + 1, i, q);
      }
      continue;
    }
    if (isSpace(ch) || ch === SEMI || ch === LBRACE) {
      lastSpace = true;
      pushArg(tokStart, i, tokStart, i, false);
      if (ch === SEMI) endStatement(i);
      else if (ch === LBRACE) {
        i = openBlock(i);
        prev = text.charCodeAt(i);
      }
    }
  }

  // End of file.
  if (n > 0 && (prev === LF || prev === CR)) {
    line++;
    lineStart = n;
  }
  if (sharpComment) {
    comments.push({ text: text.slice(commentStart + 1, n), span: span(commentLine, commentCol, n) });
  }
  if (args.length > 0 || !lastSpace) {
    error('unexpected end of file, expecting ";" or "}"', n, n);
    if (!lastSpace && !needSpace) {
      const q = dQuoted ? '"' : sQuoted ? "'" : false;
      pushArg(tokStart, n, q ? tokStart + 1 : tokStart, n, q);
    }
    if (args.length > 0) frame.children.push(makeDirective());
  }
  if (stack.length > 1) {
    error('unexpected end of file, expecting "}"', n, n);
    for (let k = stack.length - 1; k > 0; k--) {
      const d = stack[k].directive;
      if (d === null) continue;
      d.span = { ...d.span, endLine: line, endColumn: n - lineStart + 1 };
      d.blockSpan = { file, line: stack[k].openLine, column: stack[k].openCol, endLine: line, endColumn: n - lineStart + 1 };
    }
  }
  return { directives: root.children, errors, comments };
}
