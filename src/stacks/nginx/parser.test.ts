// Unit tests for the nginx tokenizer/parser: values, positions, escapes, comments, Lua bodies, errors, recovery.
import { describe, expect, it } from 'vitest';
import { LineIndex } from '../../model/source.js';
import { parseNginx, type NginxDirective } from './parser.js';

const F = 'nginx.conf';

function parse(text: string) {
  return parseNginx(text, F);
}

/** name + argument values, recursively, for compact structural assertions. */
function shape(ds: NginxDirective[]): unknown[] {
  return ds.map((d) => (d.block ? [d.name, ...d.args.map((a) => a.value), shape(d.block)] : [d.name, ...d.args.map((a) => a.value)]));
}

/** The text a span covers, computed independently with LineIndex. */
function cover(text: string, s: { line: number; column: number; endLine: number; endColumn: number }): string {
  const idx = new LineIndex(text);
  return text.slice(idx.lineStart(s.line) + s.column - 1, idx.lineStart(s.endLine) + s.endColumn - 1);
}

function walk(ds: NginxDirective[], f: (d: NginxDirective) => void): void {
  for (const d of ds) {
    f(d);
    if (d.block) walk(d.block, f);
  }
}

describe('tokens and values', () => {
  it('splits words on spaces, tabs and line breaks and keeps order and duplicates', () => {
    const r = parse('add_header A 1;\nadd_header\tA  2 ;\r\nadd_header A 1;');
    expect(r.errors).toEqual([]);
    expect(shape(r.directives)).toEqual([
      ['add_header', 'A', '1'],
      ['add_header', 'A', '2'],
      ['add_header', 'A', '1'],
    ]);
  });

  it('unquotes strings and processes exactly the escapes nginx knows', () => {
    // Expected values follow ngx_conf_read_token's copy loop: \" \' \\ drop the backslash,
    // \t \r \n become control characters, any other backslash stays.
    const r = parse(String.raw`a "x\"y" 'p\'q' "t\tn\nr\r" "b\\s" "\d\$" w\"x;`);
    expect(r.errors).toEqual([]);
    const [d] = r.directives;
    expect(d.args.map((a) => a.value)).toEqual(['x"y', "p'q", 't\tn\nr\r', 'b\\s', '\\d\\$', 'w"x']);
    expect(d.args.map((a) => a.quoted)).toEqual(['"', "'", '"', '"', '"', false]);
    expect(d.args[0].raw).toBe(String.raw`"x\"y"`);
  });

  it('keeps ; { } # inside quotes and allows line breaks inside quotes', () => {
    const r = parse('add_header X "a;b{c}d#e\nf" always;');
    expect(r.errors).toEqual([]);
    expect(r.directives[0].args.map((a) => a.value)).toEqual(['X', 'a;b{c}d#e\nf', 'always']);
  });

  it('treats a brace right after $ as part of the word, also at the start of a word', () => {
    // nginx -t accepts `set $a ${host}abc;` (checked in parser.oracle.test.ts).
    const r = parse('set $a ${host}abc; return 200 "${host}x"; set $b x${y}z;');
    expect(r.errors).toEqual([]);
    expect(shape(r.directives)).toEqual([
      ['set', '$a', '${host}abc'],
      ['return', '200', '${host}x'],
      ['set', '$b', 'x${y}z'],
    ]);
  });

  it('a brace not right after $ ends the word and opens a block', () => {
    const r = parse('set $a $ {');
    expect(r.directives[0].name).toBe('set');
    expect(r.directives[0].args.map((a) => a.value)).toEqual(['$a', '$']);
    expect(r.directives[0].block).toEqual([]);
  });

  it('a ) right after a closing quote starts a new word, as in if ($x ~* "re")', () => {
    const r = parse('if ($http_origin ~* "^https://a\\.com$") { return 204; }');
    expect(r.errors).toEqual([]);
    expect(shape(r.directives)).toEqual([['if', '($http_origin', '~*', '^https://a\\.com$', ')', [['return', '204']]]]);
    // nginx -t: `add_header X "a")b;` fails with invalid parameter ")b", so `)b` is one word.
    expect(parse('add_header X "a")b;').directives[0].args.map((a) => a.value)).toEqual(['X', 'a', ')b']);
  });

  it('braces inside an unquoted regex end the word (nginx reads `location ~ ^/a{3}$ {` as a block then `3}$`)', () => {
    const r = parse('location ~ ^/a{3}$ { }');
    expect(r.errors.map((e) => e.message)).toEqual(['unexpected end of file, expecting "}"']);
    expect(shape(r.directives)).toEqual([['location', '~', '^/a', [['3}$', []]]]]);
    const q = parse('location ~ "^/a{3}$" { }');
    expect(shape(q.directives)).toEqual([['location', '~', '^/a{3}$', []]]);
  });

  it('quotes inside a word and } or # inside a word are ordinary characters', () => {
    const r = parse('return 200 a"b"c}d#e;');
    expect(r.errors).toEqual([]);
    expect(r.directives[0].args.map((a) => a.value)).toEqual(['200', 'a"b"c}d#e']);
  });

  it('a backslash escapes the next character, even a space or a semicolon', () => {
    const r = parse('a b\\ c d\\;e;');
    expect(r.errors).toEqual([]);
    expect(r.directives[0].args.map((a) => a.raw)).toEqual(['b\\ c', 'd\\;e']);
    expect(r.directives[0].args.map((a) => a.value)).toEqual(['b\\ c', 'd\\;e']);
  });
});

describe('comments', () => {
  it('starts a comment only at a token start, also between arguments and in Debian ## lines', () => {
    const text = 'http {\n\t##\n\t# Basic Settings\n\t##\n\tsendfile on; # trailing\n\tlisten 80 # mid\n\t;\n}\n#location /x {\n';
    const r = parse(text);
    expect(r.errors).toEqual([]);
    expect(shape(r.directives)).toEqual([['http', [['sendfile', 'on'], ['listen', '80']]]]);
    expect(r.comments.map((c) => c.text)).toEqual(['#', ' Basic Settings', '#', ' trailing', ' mid', 'location /x {']);
    for (const c of r.comments) expect(cover(text, c.span)).toBe('#' + c.text);
  });

  it('# inside quotes is not a comment; a comment at end of file without newline is kept', () => {
    const r = parse('add_header X "a # b";#end');
    expect(r.errors).toEqual([]);
    expect(r.directives[0].args[1].value).toBe('a # b');
    expect(r.comments.map((c) => c.text)).toEqual(['end']);
  });

  it('a comment ends at LF; CRLF files keep the CR out of the comment text', () => {
    const r = parse('# a\r\nb c;');
    expect(r.comments[0].text).toBe(' a');
    expect(shape(r.directives)).toEqual([['b', 'c']]);
  });
});

describe('positions', () => {
  it('gives 1-based line/column spans with exclusive ends, counting UTF-16 units', () => {
    const text = 'server {\n  add_header X-Émoji "😀 ok";\n  location / { return 204; }\n}\n';
    const r = parse(text);
    expect(r.errors).toEqual([]);
    const server = r.directives[0];
    expect(server.span).toEqual({ file: F, line: 1, column: 1, endLine: 4, endColumn: 2 });
    expect(server.blockSpan).toEqual({ file: F, line: 1, column: 8, endLine: 4, endColumn: 2 });
    const ah = server.block![0];
    expect(ah.nameSpan).toEqual({ file: F, line: 2, column: 3, endLine: 2, endColumn: 13 });
    expect(ah.args[0].span).toEqual({ file: F, line: 2, column: 14, endLine: 2, endColumn: 21 });
    // "😀 ok" is 7 UTF-16 units: the quote, 2 for the emoji, space, o, k, quote.
    expect(ah.args[1].span).toEqual({ file: F, line: 2, column: 22, endLine: 2, endColumn: 29 });
    expect(ah.span.endColumn).toBe(30);
    walk(r.directives, (d) => {
      for (const a of d.args) expect(cover(text, a.span)).toBe(a.raw);
      expect(cover(text, d.span).startsWith(d.name)).toBe(true);
      expect(/[;}]$/.test(cover(text, d.span))).toBe(true);
    });
  });

  it('agrees with LineIndex for CR-only and CRLF line breaks', () => {
    const text = 'a 1;\rb\r\n  "2"\r\n;\n\rc 3;';
    const r = parse(text);
    expect(r.errors).toEqual([]);
    walk(r.directives, (d) => {
      for (const a of d.args) expect(cover(text, a.span)).toBe(a.raw);
    });
    expect(r.directives.map((d) => d.nameSpan.line)).toEqual([1, 2, 6]);
  });
});

describe('Lua blocks', () => {
  it('keeps *_by_lua_block bodies raw, ignoring braces in Lua strings, comments and long brackets', () => {
    const body = ` ngx.say("}") ngx.say('{') -- } comment
      local t = { a = [[ } ]], b = [==[ ]] } ]==] } --[[ } ]] --[=[
      } ]=]
      if x then ngx.say("\\"}") end `;
    const text = `location / {\n  content_by_lua_block {${body}}\n  add_header X y;\n}`;
    const r = parse(text);
    expect(r.errors).toEqual([]);
    const loc = r.directives[0];
    expect(shape(loc.block!)).toEqual([['content_by_lua_block'], ['add_header', 'X', 'y']]);
    const lua = loc.block![0];
    expect(lua.rawBlock).toBe(body);
    expect(lua.block).toBeUndefined();
    expect(cover(text, lua.span)).toBe(`content_by_lua_block {${body}}`);
    expect(lua.blockSpan!.endLine).toBe(5);
    expect(loc.block![1].nameSpan.line).toBe(6);
  });

  it('reports an unterminated Lua block', () => {
    const r = parse('content_by_lua_block { ngx.say("x")');
    expect(r.errors.map((e) => e.message)).toEqual(['unexpected end of file, expecting terminating characters for lua code block']);
    expect(r.directives[0].rawBlock).toBe(' ngx.say("x")');
  });
});

describe('errors and recovery', () => {
  it('reports a } inside a directive, keeps the directive and the rest of the file', () => {
    const text = 'server {\n  location / {\n    return 200\n  }\n  add_header A b;\n}\n';
    const r = parse(text);
    expect(r.errors).toEqual([{ message: 'unexpected "}"', span: { file: F, line: 4, column: 3, endLine: 4, endColumn: 4 } }]);
    expect(shape(r.directives)).toEqual([['server', [['location', '/', [['return', '200']]], ['add_header', 'A', 'b']]]]);
  });

  it('reports an extra } at file level and continues', () => {
    const r = parse('a 1;\n}\nb 2;');
    expect(r.errors).toEqual([{ message: 'unexpected "}"', span: { file: F, line: 2, column: 1, endLine: 2, endColumn: 2 } }]);
    expect(shape(r.directives)).toEqual([['a', '1'], ['b', '2']]);
  });

  it('reports ; and { without a directive name', () => {
    const r = parse('a 1;;\n{ b 2; }\nc 3;');
    expect(r.errors.map((e) => [e.message, e.span.line, e.span.column])).toEqual([
      ['unexpected ";"', 1, 5],
      ['unexpected "{"', 2, 1],
    ]);
    expect(shape(r.directives)).toEqual([['a', '1'], ['c', '3']]);
  });

  it('reports a character glued to a closing quote and reads it as a new word', () => {
    const r = parse("add_header X 'a'x;\nadd_header Y \"a\"\"b\";\nz 1;");
    expect(r.errors.map((e) => [e.message, e.span.line, e.span.column])).toEqual([
      ['unexpected "x"', 1, 17],
      ['unexpected """', 2, 17],
    ]);
    expect(shape(r.directives)).toEqual([['add_header', 'X', 'a', 'x'], ['add_header', 'Y', 'a', 'b'], ['z', '1']]);
  });

  it('reports end of file inside a directive, inside a quote and inside a block', () => {
    expect(parse('a b').errors.map((e) => e.message)).toEqual(['unexpected end of file, expecting ";" or "}"']);
    expect(parse('a "b;\n').errors).toEqual([
      { message: 'unexpected end of file, expecting ";" or "}"', span: { file: F, line: 2, column: 1, endLine: 2, endColumn: 1 } },
    ]);
    const r = parse('http {\n  server {\n    listen 80;\n');
    expect(r.errors).toEqual([{ message: 'unexpected end of file, expecting "}"', span: { file: F, line: 4, column: 1, endLine: 4, endColumn: 1 } }]);
    expect(shape(r.directives)).toEqual([['http', [['server', [['listen', '80']]]]]]);
    expect(r.directives[0].span.endLine).toBe(4);
  });

  it('rejects a nested block inside map, geo, types, split_clients and charset_map', () => {
    const r = parse('map $a $b {\n  default 0;\n  x { }\n}\nok 1;');
    expect(r.errors).toEqual([{ message: 'unexpected "{"', span: { file: F, line: 3, column: 5, endLine: 3, endColumn: 6 } }]);
    expect(r.directives.map((d) => d.name)).toEqual(['map', 'ok']);
    expect(parse('location / { if ($a) { } }').errors).toEqual([]);
  });

  it('reports a token that keeps nginx`s 4096-byte buffer full, as nginx does', () => {
    const long = 'x'.repeat(5000);
    expect(parse(`a ${long};`).errors.map((e) => [e.message, e.span.line, e.span.column])).toEqual([['too long parameter "xxxxxxxxxx..." started', 1, 3]]);
    expect(parse(`a "${long}";`).errors.map((e) => e.message)).toEqual(['too long parameter, probably missing terminating """ character']);
    expect(parse(`a 1;\n# ${long}\nb 2;`).errors.map((e) => [e.message, e.span.line])).toEqual([['too long parameter "# xxxxxxxx..." started', 2]]);
    // Whitespace moves nginx's start pointer, so long runs of blanks are fine.
    expect(parse(`a 1;${' '.repeat(9000)}b 2;`).errors).toEqual([]);
    // nginx -t 1.22.1: a 4095-byte word passes, a 4096-byte one fails (the byte after it is read
    // with a full buffer); at end of file no further byte is read.
    expect(parse(`a ${'x'.repeat(4095)};`).errors).toEqual([]);
    expect(parse(`a ${'x'.repeat(4096)};`).errors).toHaveLength(1);
    expect(parse(`a ${'x'.repeat(4096)}`).errors.map((e) => e.message)).toEqual(['unexpected end of file, expecting ";" or "}"']);
    // Bytes, not UTF-16 units (nginx -t: 1365 x "€" passes, 1366 fails).
    expect(parse(`a ${'€'.repeat(1365)};`).errors).toEqual([]);
    expect(parse(`a ${'€'.repeat(1366)};`).errors).toHaveLength(1);
  });
});
