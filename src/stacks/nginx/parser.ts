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
  /** Whether some directive, at any depth, is named `include` (expansion skips files without one). */
  hasInclude: boolean;
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

/** Characters after nginx's `start` that cannot reach CONF_BUFFER bytes (3 bytes per UTF-16 unit at most). */
const UNCHECKED = Math.ceil((CONF_BUFFER - 3) / 3);

/**
 * Blocks whose contents nginx hands to a custom `cf->handler` (map, geo, split_clients, types,
 * charset_map in ngx_http_*_module.c and ngx_stream_*_module.c); inside them ngx_conf_parse rejects
 * any nested `{` with `unexpected "{"`.
 */
const HANDLER_BLOCKS = new Set(['map', 'geo', 'split_clients', 'types', 'charset_map']);

/**
 * Directive names the adapter compares with. A name read from the text is replaced by the equal
 * literal here, so that a large configuration holds one copy of each name and the adapter's many
 * comparisons with these literals meet identical or both-internalized strings, which V8 settles
 * without reading characters (`String::Equals`, src/objects/string-inl.h).
 */
const KNOWN_NAMES = [
  'http', 'server', 'location', 'if', 'map', 'upstream', 'events', 'stream', 'mail', 'types', 'geo', 'split_clients',
  'charset_map', 'limit_except', 'include', 'default', 'hostnames', 'volatile', 'listen', 'server_name', 'root',
  'alias', 'index', 'try_files', 'return', 'rewrite', 'set', 'break', 'error_page', 'expires', 'add_header',
  'add_trailer', 'add_header_inherit', 'more_set_headers', 'more_clear_headers', 'proxy_pass', 'fastcgi_pass',
  'uwsgi_pass', 'scgi_pass', 'grpc_pass', 'memcached_pass', 'proxy_hide_header', 'fastcgi_hide_header',
  'uwsgi_hide_header', 'grpc_hide_header', 'scgi_hide_header', 'proxy_set_header', 'fastcgi_param', 'load_module',
  'worker_processes', 'worker_connections', 'user', 'pid', 'worker_rlimit_nofile', 'log_format', 'limit_req_zone',
  'limit_conn_zone', 'proxy_cache_path', 'access_log', 'error_log', 'ssl_certificate', 'ssl_certificate_key',
];
const KNOWN_NAME_ENTRIES: [string, string][] = KNOWN_NAMES.map((n) => [n, n]);

/** Distinct names remembered per file beyond the known ones (a bound for generated `map` bodies). */
const MAX_NAMES = 4096;

interface Frame {
  /** null for the file level and for a nameless `{` kept only to balance braces. */
  directive: Directive | null;
  /** Where this block's children start in the parser's `pending` list. */
  base: number;
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
 * Line starts of one parsed text, recorded by the tokenizer as it counts lines. Nodes keep offsets
 * and turn them into spans only when asked: most directives of a large configuration are never
 * reported, and one object per span would dominate the parser's allocations.
 */
class Lines {
  /** The bodies of `*_by_lua_block` directives (few, so kept here rather than in a field of every directive). */
  readonly lua = new Map<NginxDirective, string>();

  constructor(
    readonly file: string,
    readonly text: string,
    /** Offset of the first character of each line; the same line breaks as LineIndex (LF, CRLF, lone CR). */
    readonly starts: number[],
  ) {}

  span(start: number, end: number): SourceSpan {
    const line = this.lineOf(start);
    const endLine = this.lineOf(end);
    return { file: this.file, line: line + 1, column: start - this.starts[line] + 1, endLine: endLine + 1, endColumn: end - this.starts[endLine] + 1 };
  }

  /** 0-based line of an offset (binary search: the last line starting at or before it). */
  private lineOf(offset: number): number {
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}

/** Arg flags: the word is quoted; the file ends inside the quotes (no closing quote); it has a backslash. */
const QUOTED = 1;
const OPEN = 2;
const ESCAPED = 4;

/**
 * An argument as the parser returns it: everything, the value included, is computed on access from
 * offsets. The analysis reads the arguments of few directives, and strings kept for all the others
 * would make up a good part of the tree the garbage collector copies. (Values are not cached: a
 * new string stored into an old node costs the collector more than slicing again.)
 */
class Arg implements NginxArg {
  readonly #lines: Lines;
  readonly #start: number;
  readonly #end: number;
  readonly #flags: number;

  constructor(lines: Lines, start: number, end: number, flags: number) {
    this.#lines = lines;
    this.#start = start;
    this.#end = end;
    this.#flags = flags;
  }

  get value(): string {
    const from = this.#flags & QUOTED ? this.#start + 1 : this.#start;
    const to = (this.#flags & (QUOTED | OPEN)) === QUOTED ? this.#end - 1 : this.#end;
    return this.#flags & ESCAPED ? unescape(this.#lines.text, from, to) : this.#lines.text.slice(from, to);
  }

  /** A word is quoted exactly when it starts with a quote: inside an unquoted word quotes are plain characters. */
  get quoted(): '"' | "'" | false {
    const c = this.#lines.text.charCodeAt(this.#start);
    return c === QUOTE_D ? '"' : c === QUOTE_S ? "'" : false;
  }

  get raw(): string {
    return this.#lines.text.slice(this.#start, this.#end);
  }

  get span(): SourceSpan {
    return this.#lines.span(this.#start, this.#end);
  }
}

/** A directive as the parser returns it: spans are computed on access from offsets. */
class Directive implements NginxDirective {
  block: NginxDirective[] | undefined = undefined;
  readonly #lines: Lines;
  readonly #start: number;
  readonly #nameEnd: number;
  /** End of the directive, which is also the end of its block. */
  #end: number;
  #blockStart = -1;

  constructor(
    readonly name: string,
    readonly args: NginxArg[],
    lines: Lines,
    start: number,
    nameEnd: number,
    end: number,
  ) {
    this.#lines = lines;
    this.#start = start;
    this.#nameEnd = nameEnd;
    this.#end = end;
  }

  get span(): SourceSpan {
    return this.#lines.span(this.#start, this.#end);
  }

  get nameSpan(): SourceSpan {
    return this.#lines.span(this.#start, this.#nameEnd);
  }

  get blockSpan(): SourceSpan | undefined {
    return this.#blockStart < 0 ? undefined : this.#lines.span(this.#blockStart, this.#end);
  }

  get rawBlock(): string | undefined {
    return this.#lines.lua.get(this);
  }

  /** Marks the `{` at `at` (the directive ends right after it until {@link closeAt}). */
  openAt(at: number): void {
    this.#blockStart = at;
  }

  /** Where the block (and so the directive) ends: after its `}`, or at the end of the file. */
  closeAt(end: number): void {
    this.#end = end;
  }

  /** Sets the unparsed body of a `*_by_lua_block`. */
  setLua(body: string): void {
    this.#lines.lua.set(this, body);
  }

  /** The same directive with another child list (include expansion replaces children). */
  withBlock(block: NginxDirective[] | undefined): Directive {
    const d = new Directive(this.name, this.args, this.#lines, this.#start, this.#nameEnd, this.#end);
    d.#blockStart = this.#blockStart;
    d.block = block;
    const lua = this.rawBlock;
    if (lua !== undefined) d.setLua(lua);
    return d;
  }
}

/**
 * `d` with its children replaced, for include expansion; spans stay those of `d`. Directives that
 * did not come from {@link parseNginx} (plain objects) are copied property by property.
 */
export function withBlock(d: NginxDirective, block: NginxDirective[] | undefined): NginxDirective {
  return d instanceof Directive ? d.withBlock(block) : { ...d, block };
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
  const root: Frame = { directive: null, base: 0 };
  const stack: Frame[] = [root];
  let frame = root;

  // Line tracking with the same line breaks as LineIndex (LF, CRLF, lone CR); every `lineStart`
  // is also recorded in `starts`, for the spans that nodes compute on access.
  let line = 1;
  let lineStart = 0;
  let prev = -1;
  const starts = [0];
  const lines = new Lines(file, text, starts);
  const names = new Map(KNOWN_NAME_ENTRIES);
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

  // The statement being read: its first word (the name, null before it) and the arguments after it.
  let name: string | null = null;
  let nameStart = 0;
  let nameEnd = 0;
  let lastEnd = 0; // where the statement's last word ends
  let hasInclude = false;
  // Arguments and children are collected in shared lists and copied out when complete: arrays of
  // their exact length take far less memory than arrays grown by push, which V8 first gives room
  // for 16 elements (`JSObject::NewElementsCapacity`, src/objects/js-objects.h).
  const words: NginxArg[] = [];
  let argCount = 0;
  // The children of every open block, outermost first; each frame records where its own start.
  const pending: NginxDirective[] = [];
  let pendingCount = 0;
  let tokStart = 0;
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

  // A word from `tokStart` to `end`; the first word of a statement becomes its name. Arguments
  // work their values out from the same offsets when asked (see Arg).
  const pushWord = (end: number, valueStart: number, valueEnd: number): void => {
    if (name !== null) {
      const quoted = valueStart > tokStart;
      const flags = (quoted ? QUOTED : 0) | (quoted && valueEnd === end ? OPEN : 0) | (sawBackslash ? ESCAPED : 0);
      words[argCount++] = new Arg(lines, tokStart, end, flags);
    } else {
      const value = sawBackslash ? unescape(text, valueStart, valueEnd) : text.slice(valueStart, valueEnd);
      const known = names.get(value);
      if (known !== undefined) name = known;
      else {
        name = value;
        if (names.size < MAX_NAMES) names.set(value, value);
      }
      nameStart = tokStart;
      nameEnd = end;
    }
    sawBackslash = false;
    lastEnd = end;
  };

  // Ends at `end`, or, when `end` is omitted, where the last word ends. Only called with a name read.
  const makeDirective = (end?: number): Directive => {
    if (name === 'include') hasInclude = true;
    const d = new Directive(name as string, words.slice(0, argCount), lines, nameStart, nameEnd, end ?? lastEnd);
    name = null;
    argCount = 0;
    return d;
  };

  const addChild = (d: NginxDirective): void => {
    pending[pendingCount++] = d;
  };

  // The children read since `frame` opened become its directive's block (a nameless frame drops them).
  const endFrame = (f: Frame): void => {
    if (f.directive !== null) f.directive.block = pending.slice(f.base, pendingCount);
    pendingCount = f.base;
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
    if (name !== null) addChild(makeDirective(i + 1));
    resetTokenizer(i + 1);
  };

  const openBlock = (i: number): number => {
    let directive: Directive | null = null;
    if (name !== null) {
      if (frame.directive !== null && HANDLER_BLOCKS.has(frame.directive.name)) error('unexpected "{"', i, i + 1);
      directive = makeDirective(i + 1);
      directive.openAt(i);
      addChild(directive);
      if (directive.name.endsWith('_by_lua_block')) return skipLuaBlock(directive, i);
    }
    frame = { directive, base: pendingCount };
    stack.push(frame);
    resetTokenizer(i + 1);
    return i;
  };

  const closeBlock = (i: number): void => {
    if (name !== null) addChild(makeDirective());
    if (stack.length === 1) {
      error('unexpected "}"', i, i + 1);
    } else {
      const closed = stack.pop() as Frame;
      endFrame(closed);
      closed.directive?.closeAt(i + 1);
      frame = stack[stack.length - 1];
    }
    resetTokenizer(i + 1);
  };

  // Skips a Lua body the way lua-nginx-module's ngx_http_lua_conf_lua_block_parse does (its lexer
  // knows `{`, `}`, "…" and '…' strings with escapes, `--` comments and [=[ long brackets ]=]):
  // only braces outside those count. Returns the index of the closing `}` (or n - 1 at EOF).
  const skipLuaBlock = (d: Directive, open: number): number => {
    let level = 1;
    let i = open + 1;
    let bracketError = false;
    const advanceLines = (from: number, to: number): void => {
      for (let k = from; k < to; k++) {
        const c = text.charCodeAt(k);
        if (c === LF || (c === CR && text.charCodeAt(k + 1) !== LF)) {
          line++;
          lineStart = k + 1;
          starts.push(lineStart);
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
      d.setLua(text.slice(open + 1, n));
      d.closeAt(n);
      resetTokenizer(n);
      return n;
    }
    d.setLua(text.slice(open + 1, i));
    d.closeAt(i + 1);
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
      starts.push(i);
    }
    prev = ch;

    // Three UTF-16 units are at most 4096/3 bytes away from nginx's limit; only then count bytes.
    if ((i - ngxStart) * 3 >= CONF_BUFFER - 3) checkTooLong(i, ch);

    if (ch === LF && sharpComment) {
      sharpComment = false;
      const end = text.charCodeAt(i - 1) === CR ? i - 1 : i;
      comments.push({ text: text.slice(commentStart + 1, end), span: { file, line: commentLine, column: commentCol, endLine: commentLine, endColumn: commentCol + end - commentStart } });
    }
    if (sharpComment) {
      // The rest of the comment line changes nothing; only line breaks and the buffer limit matter
      // (and a line break just read: the next character starts a line).
      if (ch === CR) continue;
      const limit = Math.min(n, ngxStart + UNCHECKED);
      let j = i + 1;
      while (j < limit) {
        const c = text.charCodeAt(j);
        if (c === LF || c === CR) break;
        j++;
      }
      i = j - 1;
      prev = text.charCodeAt(i);
      continue;
    }
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
      if (ch === SPACE || ch === TAB) {
        // Indentation: each further blank would only move `start` onto itself.
        let j = i + 1;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c !== SPACE && c !== TAB) break;
          j++;
        }
        i = j - 1;
        prev = text.charCodeAt(i);
        ngxStart = i;
        ngxStartCol = i - lineStart + 1;
        continue;
      }
      if (isSpace(ch)) continue;
      switch (ch) {
        case SEMI:
          if (name === null) {
            error('unexpected ";"', i, i + 1);
            resetTokenizer(i + 1);
          } else endStatement(i);
          continue;
        case LBRACE:
          if (name === null) error('unexpected "{"', i, i + 1);
          i = openBlock(i);
          prev = text.charCodeAt(i);
          continue;
        case RBRACE:
          if (name !== null) error('unexpected "}"', i, i + 1);
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
      const close = dQuoted ? QUOTE_D : QUOTE_S;
      if (ch === close) {
        dQuoted = sQuoted = false;
        needSpace = true;
        pushWord(i + 1, tokStart + 1, i);
        continue;
      }
      // Up to the closing quote, only `\`, `$` and line breaks need the character-by-character path.
      if (ch === LF || ch === CR) continue;
      const limit = Math.min(n, ngxStart + UNCHECKED);
      let j = i + 1;
      while (j < limit) {
        const c = text.charCodeAt(j);
        if (c === close || c === BACKSLASH || c === DOLLAR || c === LF || c === CR) break;
        j++;
      }
      i = j - 1;
      prev = text.charCodeAt(i);
      continue;
    }
    if (isSpace(ch) || ch === SEMI || ch === LBRACE) {
      lastSpace = true;
      pushWord(i, tokStart, i);
      if (ch === SEMI) endStatement(i);
      else if (ch === LBRACE) {
        i = openBlock(i);
        prev = text.charCodeAt(i);
      }
      continue;
    }
    // An ordinary character of an unquoted word; so are the ones after it up to a blank, `;`, `{`,
    // `\` or `$` (control characters too are left to the path above).
    const limit = Math.min(n, ngxStart + UNCHECKED);
    let j = i + 1;
    while (j < limit) {
      const c = text.charCodeAt(j);
      if (c <= SPACE || c === SEMI || c === LBRACE || c === BACKSLASH || c === DOLLAR) break;
      j++;
    }
    i = j - 1;
    prev = text.charCodeAt(i);
  }

  // End of file.
  if (n > 0 && (prev === LF || prev === CR)) {
    line++;
    lineStart = n;
    starts.push(n);
  }
  if (sharpComment) {
    comments.push({ text: text.slice(commentStart + 1, n), span: { file, line: commentLine, column: commentCol, endLine: line, endColumn: n - lineStart + 1 } });
  }
  if (name !== null || !lastSpace) {
    error('unexpected end of file, expecting ";" or "}"', n, n);
    if (!lastSpace && !needSpace) {
      pushWord(n, dQuoted || sQuoted ? tokStart + 1 : tokStart, n);
    }
    if (name !== null) addChild(makeDirective());
  }
  if (stack.length > 1) {
    error('unexpected end of file, expecting "}"', n, n);
    for (let k = stack.length - 1; k > 0; k--) {
      endFrame(stack[k]);
      stack[k].directive?.closeAt(n);
    }
  }
  return { directives: pending.slice(0, pendingCount), errors, comments, hasInclude };
}
