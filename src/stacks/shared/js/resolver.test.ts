// Tests for the static value resolver, checked against the JS engine where a snippet is static.
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import type * as t from '@babel/types';
import { createResolver, loadJsParser, type JsResolver, type JsValue } from './index.js';

const parse = await loadJsParser();

function resolverFor(code: string, file = 'src/app.ts', files?: Record<string, string>): JsResolver {
  const r = parse(code, file);
  if (!r.ast) throw new Error(`fixture does not parse: ${JSON.stringify(r.diagnostics)}`);
  return createResolver(r.ast, file, files ? { readFile: (p) => files[p] } : undefined);
}

function valueOf(code: string, name = 'result', file = 'src/app.ts', files?: Record<string, string>): JsValue {
  const v = resolverFor(code, file, files).resolveName(name);
  if (!v) throw new Error(`no binding ${name}`);
  return v;
}

/** The JS value a resolved value stands for; throws for values that have no static equivalent. */
function plain(v: JsValue): unknown {
  switch (v.kind) {
    case 'string':
    case 'number':
    case 'boolean':
      return v.value;
    case 'null': return null;
    case 'undefined': return undefined;
    case 'regexp': return new RegExp(v.pattern, v.flags);
    case 'array': return v.elements.map(plain);
    case 'object': return Object.fromEntries([...v.properties].map(([k, p]) => [k, plain(p.value)]));
    default: throw new Error(`no plain value for ${v.kind}: ${JSON.stringify(v)}`);
  }
}

/** The real engine's value of `result` in a snippet (test oracle only; the product never evaluates code). */
function engine(code: string): unknown {
  return new Function(`${code}\nreturn result;`)();
}

function expectKind<K extends JsValue['kind']>(v: JsValue, kind: K): Extract<JsValue, { kind: K }> {
  expect(v.kind, JSON.stringify(v)).toBe(kind);
  return v as Extract<JsValue, { kind: K }>;
}

describe('agrees with the JS engine on static snippets', () => {
  const cases: Record<string, string> = {
    literals: 'const result = ["a", 1, -2, true, false, null, undefined, void 0, 0x10, 1e3, NaN, 1_000];',
    'string escapes': String.raw`const result = ["a\.b\d", 'it\'s', "\u0041\x42\n\t", "\\."];`,
    'template literal': 'const h = "example.com"; const p = 8080; const result = `https://${h}:${p}/${null}${true}`;',
    'String.raw keeps backslashes': 'const result = String.raw`^https://app\\.example\\.com$`;',
    'concatenation is left-associative': "const result = 'https://' + 'a' + '.' + 1 + 2;",
    'number addition': 'const result = 1 + 2 + 0.5;',
    'const, let never reassigned, var never reassigned': "const a = 'x'; let b = a; var c = b; const result = [a, b, c];",
    'let without initialiser': 'let u; const result = u;',
    'nested destructuring and member access': `
      const cfg = { cors: { origin: ['https://a.com', 'https://b.com'], credentials: true } };
      const { cors: { origin } } = cfg;
      const [first, , third = 'fallback'] = origin;
      const result = { origin, first, third, c: cfg.cors.credentials, l: origin[1], n: origin.length, m: cfg['cors']['origin'][0] };`,
    'object rest and array rest': "const { a = 'def', ...rest } = { b: 2, c: 3 }; const [x, ...ys] = [1, 2, 3]; const result = { a, rest, x, ys };",
    'spreads: later keys win': `
      const base = { origin: '*', credentials: false, methods: 'GET' };
      const result = { ...base, credentials: true, ...{ methods: 'POST' }, ...null, ...undefined };`,
    'shorthand, computed and numeric keys': "const k = 'origin'; const origin = 'a'; const result = { origin, [k + '2']: 1, ['x']: 2, 3: 'n', 'q': 4 };",
    'array spreads and holes': "const a = ['x', 'y']; const result = [...a, 'z', ...'ab', , 'end'];",
    regexps: String.raw`const result = [new RegExp('^https://app\.example\.com$'), new RegExp('^https://app\\.example\\.com$'), RegExp('a', 'gi'), /x\.y/m, new RegExp(/z/g, 'i'), new RegExp(/z/g), new RegExp(String.raw${'`'}\d+${'`'}), new RegExp()];`,
    'member access on arrays and strings': "const list = ['a', 'b']; const result = [list[1], list['0'], list[5], 'abc'[1], 'abc'.length, '😀'.length];",
    'logical and conditional operators': "const a = null; const result = [a ?? 'd', '' || 'e', 'x' && 'y', 0 || null, 'k' ?? 'z', !0, !'', true ? 1 : 2, '' ? 1 : 2, -(-3), +4];",
    'string and array methods': `const result = [
      ' a , b ,'.split(',').map(s => s.trim()).filter(Boolean), ['a', 'b'].join(), ['a', null, 'b'].join(' '),
      'A'.toLowerCase(), 'b'.toUpperCase(), '  p '.trim(), ['a'].concat(['b'], 'c'), 'x'.concat('y', 1),
      'a,b'.split(',').map(function (s) { return s.trim(); }), ['', 'q'].filter(s => s)];`,
    'Object.freeze and Object.assign': 'const base = { a: 1 }; const result = [Object.freeze({ b: 2 }), Object.assign({}, base, { c: 3 }, { a: 4 })];',
    'calls of simple local functions': "function opts() { const o = 'https://a.com'; return { origin: o }; } const mk = () => ['x']; const result = [opts(), mk()];",
    'strict equality': "const result = ['a' === 'a', 1 !== 1, null === undefined, 'a' !== 'b'];",
    'sequence and parentheses': "const result = (0, ('x'));",
    'optional chaining on undefined': 'const o = undefined; const result = [o?.x, o?.split(",")];',
  };
  for (const [name, code] of Object.entries(cases)) {
    test(name, () => {
      expect(plain(valueOf(code, 'result', 'src/app.js'))).toEqual(engine(code));
    });
  }

  test('object spreads keep JS key order (a replaced key stays in place)', () => {
    const code = "const base = { origin: '*', credentials: false }; const result = { methods: 1, ...base, origin: 'x', z: 0 };";
    const v = expectKind(valueOf(code, 'result', 'src/app.js'), 'object');
    expect([...v.properties.keys()]).toEqual(Object.keys(engine(code) as object));
  });

  test('string literals round-trip whatever they contain (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const code = `const result = ${JSON.stringify(s)} + ${JSON.stringify(s.split('').reverse().join(''))};`;
        expect(plain(valueOf(code, 'result', 'src/app.js'))).toBe(engine(code));
      }),
      { numRuns: 200 },
    );
  });
});

describe('regular expressions from strings', () => {
  test('a string regex that lost its escapes: the pattern is what RegExp sees, and it is flagged', () => {
    const v = expectKind(valueOf('const result = new RegExp("^https://app\\.example\\.com$");'), 'regexp');
    // The JS engine agrees: "\." in a string literal is just ".".
    expect(v.pattern).toBe(new RegExp('^https://app.example.com$').source.replace(/\\\//g, '/'));
    expect(v.pattern).toBe('^https://app.example.com$');
    expect(v).toMatchObject({ fromString: true, lostEscapes: true, flags: '' });
  });

  test('doubled backslashes survive and are not flagged; regex literals are not from strings', () => {
    const v = expectKind(valueOf('const result = new RegExp("^https://app\\\\.example\\\\.com$", "i");'), 'regexp');
    expect(v.pattern).toBe('^https://app\\.example\\.com$');
    expect(v.lostEscapes).toBeUndefined();
    expect(v.flags).toBe('i');
    const lit = expectKind(valueOf('const result = /^https:\\/\\/a\\.com$/;'), 'regexp');
    expect(lit.fromString).toBeUndefined();
    expect(lit.pattern).toBe('^https:\\/\\/a\\.com$');
  });

  test('lost escapes are tracked through bindings, concatenation and templates; \\b counts', () => {
    const code = [
      'const host = "app\\.example\\.com";',
      'const a = new RegExp("^https://" + host + "$");',
      'const b = new RegExp(`^https://${host}$`);',
      'const c = new RegExp("\\bexample\\b");',
      'const d = new RegExp("^https://a\\n$");',
      'const e = new RegExp(String.raw`^https://app\\.example\\.com$`);',
      'const f = new RegExp(`^https://a\\.com\\$`);',
    ].join('\n');
    const r = resolverFor(code);
    expect(r.resolveName('a')).toMatchObject({ kind: 'regexp', pattern: '^https://app.example.com$', lostEscapes: true });
    expect(r.resolveName('b')).toMatchObject({ kind: 'regexp', pattern: '^https://app.example.com$', lostEscapes: true });
    expect(r.resolveName('c')).toMatchObject({ kind: 'regexp', pattern: '\bexample\b', lostEscapes: true });
    expect((r.resolveName('d') as { lostEscapes?: boolean }).lostEscapes).toBeUndefined();
    expect(r.resolveName('e')).toMatchObject({ kind: 'regexp', pattern: '^https://app\\.example\\.com$', fromString: true });
    expect((r.resolveName('e') as { lostEscapes?: boolean }).lostEscapes).toBeUndefined();
    // In a template, `\$` is just `$`: the author's literal dollar became an end anchor.
    expect(r.resolveName('f')).toMatchObject({ kind: 'regexp', pattern: '^https://a.com$', lostEscapes: true });
  });

  test('unknown pattern or flags give unknown', () => {
    expect(valueOf('const result = new RegExp(process.env.RE);').kind).toBe('unknown');
    expect(valueOf('function f(x) { return new RegExp("a", x); } const result = f("g");').kind).toBe('unknown');
  });
});

describe('TypeScript wrappers', () => {
  test('as const, satisfies, angle-bracket casts, non-null and parentheses are transparent', () => {
    const code = `
      const a = ['https://a.com'] as const;
      const b = { origin: 'x' } satisfies Record<string, string>;
      const c = <string>'y';
      const d = (a as readonly string[])![0];
      const e = (((b.origin)));
      const f = ((<any>b) as { origin: string }).origin!;
    `;
    const r = resolverFor(code, 'src/app.ts');
    expect(plain(r.resolveName('a')!)).toEqual(['https://a.com']);
    expect(plain(r.resolveName('b')!)).toEqual({ origin: 'x' });
    expect(plain(r.resolveName('c')!)).toBe('y');
    expect(plain(r.resolveName('d')!)).toBe('https://a.com');
    expect(plain(r.resolveName('e')!)).toBe('x');
    expect(plain(r.resolveName('f')!)).toBe('x');
  });

  test('type-only declarations and namespaces do not disturb resolution', () => {
    const code = 'interface O { origin: string }\ntype T = string;\nnamespace N { const result = 1; }\nexport const result: O = { origin: <T>"z" };';
    expect(plain(valueOf(code))).toEqual({ origin: 'z' });
  });
});

describe('spans', () => {
  test('a value reached through bindings carries the span of its definition', () => {
    const code = "const origins = ['https://a.com'];\nconst opts = { origin: origins };\nconst result = opts.origin[0];";
    const v = valueOf(code);
    // 'https://a.com' is at line 1, 0-based columns 17..32 → 1-based 18, end exclusive 33.
    expect(v.span).toEqual({ file: 'src/app.ts', line: 1, column: 18, endLine: 1, endColumn: 33 });
  });

  test('object properties carry key and property spans', () => {
    const v = expectKind(valueOf("const result = {\n  credentials: true,\n};"), 'object');
    const p = v.properties.get('credentials')!;
    expect(p.keySpan).toEqual({ file: 'src/app.ts', line: 2, column: 3, endLine: 2, endColumn: 14 });
    expect(p.span).toEqual({ file: 'src/app.ts', line: 2, column: 3, endLine: 2, endColumn: 20 });
    expect(p.value.span).toEqual({ file: 'src/app.ts', line: 2, column: 16, endLine: 2, endColumn: 20 });
  });
});

describe('unknowns', () => {
  test('parameters, calls of unknown functions, globals and classes are unknown with a reason', () => {
    const r = resolverFor(`
      function f(origin) { return origin; }
      const a = f('x');
      const b = fetchOrigins();
      const c = someGlobal;
      class K {}
      const d = K;
      const e = Math.random() > 0.5 ? 'a' : 'b';
    `);
    expect(r.resolveName('a')).toMatchObject({ kind: 'unknown', reason: 'parameter' });
    expect(r.resolveName('b')).toMatchObject({ kind: 'unknown', text: 'fetchOrigins()' });
    expect(r.resolveName('c')).toMatchObject({ kind: 'unknown', reason: 'global' });
    expect(r.resolveName('d')).toMatchObject({ kind: 'unknown', reason: 'class' });
    expect(r.resolveName('e')).toMatchObject({ kind: 'unknown', reason: 'condition not known' });
  });

  test('let/var that are reassigned anywhere are unknown; const stays known', () => {
    const r = resolverFor(`
      let a = 'x'; if (cond) a = 'y';
      var b = 'x'; function g() { b += 'z'; }
      let c = 1; c++;
      let d = 'x'; [d] = ['y'];
      var e = 'x'; var e = 'y';
      let f = 'x'; for (f of list) {}
      const k = 'x';
    `, 'src/app.js');
    for (const name of ['a', 'b', 'c', 'd', 'e', 'f']) {
      expect(r.resolveName(name), name).toMatchObject({ kind: 'unknown', reason: 'reassigned' });
    }
    expect(plain(r.resolveName('k')!)).toBe('x');
  });

  test('arrays and objects that are mutated are unknown', () => {
    const r = resolverFor(`
      const a = ['x']; if (dev) a.push('http://localhost:3000');
      const o = { origin: 'x' }; o.origin = true;
      const p = { origin: 'x' }; delete p.origin;
      const q = { origin: 'x' }; Object.assign(q, { origin: '*' });
      const n = { inner: { origin: 'x' } }; n.inner.origin = '*';
      const untouched = ['x']; const copy = [...untouched, 'y'];
    `, 'src/app.js');
    for (const name of ['a', 'o', 'p', 'q', 'n']) expect(r.resolveName(name), name).toMatchObject({ kind: 'unknown', reason: 'mutated' });
    expect(plain(r.resolveName('copy')!)).toEqual(['x', 'y']);
  });

  test('shadowing: an inner binding hides the outer one', () => {
    const code = "const origin = 'outer';\nfunction h(origin) { return origin; }\nfunction k() { const origin = 'inner'; return origin; }\nconst a = h(); const b = k(); const c = origin;";
    const r = resolverFor(code);
    expect(r.resolveName('a')).toMatchObject({ kind: 'unknown', reason: 'parameter' });
    expect(plain(r.resolveName('b')!)).toBe('inner');
    expect(plain(r.resolveName('c')!)).toBe('outer');
  });

  test('cycles resolve to unknown instead of overflowing the stack', () => {
    const r = resolverFor('const a = b;\nconst b = a;\nconst s = [s];\nfunction f() { return f(); }\nconst g = f();', 'src/app.js');
    expect(r.resolveName('a')).toMatchObject({ kind: 'unknown', reason: 'cycle' });
    expect(r.resolveName('b')).toMatchObject({ kind: 'unknown' });
    const s = expectKind(r.resolveName('s')!, 'array');
    expect(s.elements[0]).toMatchObject({ kind: 'unknown', reason: 'cycle' });
    expect(r.resolveName('g')).toMatchObject({ kind: 'unknown', reason: 'recursive call' });
  });

  test('deep nesting hits the depth limit; exponential strings and arrays are capped', () => {
    const deep = `const result = ${'['.repeat(300)}1${']'.repeat(300)};`;
    expect(JSON.stringify(valueOf(deep))).toContain('too deeply nested');
    // 25 doublings stay within the depth limit but would build a 512M-character string.
    const strings = ["const s0 = 'xxxxxxxxxxxxxxxx';", ...Array.from({ length: 25 }, (_, i) => `const s${i + 1} = s${i} + s${i};`)].join('\n');
    const started = Date.now();
    expect(valueOf(strings, 's25')).toMatchObject({ kind: 'unknown', reason: 'operand not known' });
    expect(valueOf(strings, 's17')).toMatchObject({ kind: 'unknown', reason: 'string too long' });
    const arrays = ["const a0 = ['x', 'y'];", ...Array.from({ length: 25 }, (_, i) => `const a${i + 1} = [...a${i}, ...a${i}];`)].join('\n');
    expect(valueOf(arrays, 'a13')).toMatchObject({ kind: 'unknown', reason: 'array too large' });
    expect(expectKind(valueOf(arrays, 'a25'), 'array').spreadUnknown).toBe(true);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  test('unresolvable spreads: later keys are certain, earlier ones may be overridden', () => {
    const r = resolverFor(`
      function make(opts) {
        const before = { credentials: true, ...opts };
        const after = { ...opts, credentials: true };
        return [before, after];
      }
      const [before, after] = make();
      const arr = [...fromSomewhere(), 'x'];
      const x = before.credentials;
    `);
    const before = expectKind(r.resolveName('before')!, 'object');
    expect(before.spreadUnknown).toBe(true);
    expect(before.properties.get('credentials')?.mayBeOverridden).toBe(true);
    const after = expectKind(r.resolveName('after')!, 'object');
    expect(after.spreadUnknown).toBe(true);
    expect(after.properties.get('credentials')?.mayBeOverridden).toBeUndefined();
    expect(r.resolveName('x')).toMatchObject({ kind: 'unknown' });
    const arr = expectKind(r.resolveName('arr')!, 'array');
    expect(arr.spreadUnknown).toBe(true);
    expect(arr.elements.map((e) => e.kind)).toEqual(['unknown', 'string']);
  });

  test('a missing key of a fully known object is undefined; Object.prototype names are not', () => {
    const r = resolverFor("const o = { a: 1 };\nconst m = o.origin;\nconst p = o.toString;");
    expect(r.resolveName('m')?.kind).toBe('undefined');
    expect(r.resolveName('p')?.kind).toBe('unknown');
  });
});

describe('process.env', () => {
  test('the forms of reading a variable', () => {
    const r = resolverFor(`
      import { env } from 'node:process';
      import proc from 'process';
      const a = process.env.ORIGIN;
      const b = process.env['ORIGIN'];
      const { ORIGIN } = process.env;
      const { ORIGIN: renamed = 'http://localhost:3000' } = process.env;
      const e = process.env;
      const c = e.ORIGIN;
      const d = env.ORIGIN;
      const f = proc.env.ORIGIN;
    `);
    for (const name of ['a', 'b', 'ORIGIN', 'c', 'd', 'f']) expect(r.resolveName(name), name).toMatchObject({ kind: 'env', name: 'ORIGIN' });
    expect(r.resolveName('a')).toMatchObject({ text: 'process.env.ORIGIN' });
    expect(r.resolveName('renamed')).toMatchObject({ kind: 'env', name: 'ORIGIN', defaultWhen: 'unset', default: { kind: 'string', value: 'http://localhost:3000' } });
    expect(r.resolveName('e')).toMatchObject({ kind: 'unknown', reason: 'process.env object' });
  });

  test("origin: process.env.ORIGIN ?? 'http://localhost:3000' keeps the variable and its visible default", () => {
    const code = "const result = { origin: process.env.ORIGIN ?? 'http://localhost:3000', o2: process.env.O2 || 'http://x' };";
    const v = expectKind(valueOf(code), 'object');
    const origin = expectKind(v.properties.get('origin')!.value, 'env');
    expect(origin).toMatchObject({ name: 'ORIGIN', defaultWhen: 'unset', text: "process.env.ORIGIN ?? 'http://localhost:3000'" });
    expect(origin.default).toMatchObject({ kind: 'string', value: 'http://localhost:3000', span: { line: 1, column: 48 } });
    expect(v.properties.get('o2')!.value).toMatchObject({ kind: 'env', name: 'O2', defaultWhen: 'unset-or-empty' });
  });

  test('split, map(trim) and filter(Boolean) are recorded, and applied to the default as JS would', () => {
    const r = resolverFor(`
      const a = process.env.ORIGINS.split(',');
      const b = process.env.ORIGINS?.split(',').map((s) => s.trim());
      const c = (process.env.ORIGINS ?? 'https://a.com, https://b.com,').split(',').map(s => s.trim()).filter(Boolean);
      const d = process.env.ORIGINS?.split(',') ?? ['https://a.com'];
      const e = process.env.ORIGIN.trim();
      const f = process.env.ORIGINS.split(',').join(' ');
    `);
    expect(r.resolveName('a')).toMatchObject({ kind: 'env', name: 'ORIGINS', split: ',' });
    expect(r.resolveName('b')).toMatchObject({ kind: 'env', name: 'ORIGINS', split: ',', trim: true });
    const c = expectKind(r.resolveName('c')!, 'env');
    expect(c).toMatchObject({ split: ',', trim: true, filterEmpty: true, defaultWhen: 'unset' });
    expect(plain(c.default!)).toEqual('https://a.com, https://b.com,'.split(',').map((s) => s.trim()).filter(Boolean));
    const d = expectKind(r.resolveName('d')!, 'env');
    expect(d.split).toBe(',');
    expect(plain(d.default!)).toEqual(['https://a.com']);
    expect(r.resolveName('e')).toMatchObject({ kind: 'env', trim: true });
    expect(r.resolveName('f')).toMatchObject({ kind: 'unknown' });
  });

  test('a local binding named process is not the global', () => {
    const v = valueOf("const process = { env: { ORIGIN: 'fixed' } };\nconst result = process.env.ORIGIN;");
    expect(plain(v)).toBe('fixed');
  });

  test('env values in templates or comparisons are unknown', () => {
    const r = resolverFor("const a = `https://${process.env.HOST}`;\nconst b = process.env.NODE_ENV === 'production';");
    expect(r.resolveName('a')?.kind).toBe('unknown');
    expect(r.resolveName('b')?.kind).toBe('unknown');
  });
});

describe('module values', () => {
  test('package imports and requires resolve to module values', () => {
    const r = resolverFor(`
      import cors from 'cors';
      import * as corsNs from 'cors';
      import { default as c2, named } from 'cors';
      import express from 'express';
      const c3 = require('cors');
      const c4 = require('cors').default;
      const { default: c5 } = require('cors');
      const s = express.static;
      const deep = corsNs.a.b;
      const fastifyCors = import('@fastify/cors');
      async function load() { const m = await import('@fastify/cors'); return m; }
      const c6 = load;
    `);
    expect(r.resolveName('cors')).toMatchObject({ kind: 'module', source: 'cors', imported: 'default', members: [], via: 'import' });
    expect(r.resolveName('corsNs')).toMatchObject({ kind: 'module', source: 'cors', imported: '*' });
    expect(r.resolveName('c2')).toMatchObject({ kind: 'module', imported: 'default' });
    expect(r.resolveName('named')).toMatchObject({ kind: 'module', imported: 'named' });
    expect(r.resolveName('c3')).toMatchObject({ kind: 'module', source: 'cors', imported: '*', via: 'require' });
    expect(r.resolveName('c4')).toMatchObject({ kind: 'module', source: 'cors', imported: 'default', via: 'require' });
    expect(r.resolveName('c5')).toMatchObject({ kind: 'module', source: 'cors', imported: 'default', via: 'require' });
    expect(r.resolveName('s')).toMatchObject({ kind: 'module', source: 'express', imported: 'default', members: ['static'] });
    expect(r.resolveName('deep')).toMatchObject({ kind: 'module', imported: 'a', members: ['b'] });
    expect(r.resolveName('fastifyCors')).toMatchObject({ kind: 'module', source: '@fastify/cors', imported: '*', via: 'dynamic-import' });
    expect(r.resolveName('c6')).toMatchObject({ kind: 'function' });
  });

  test('pitfall: the module itself passed where the middleware (a call result) is expected', async () => {
    const code = "import cors from 'cors';\napp.use(cors);\napp.use(cors());\n";
    const ast = parse(code, 'src/app.ts').ast!;
    const r = createResolver(ast, 'src/app.ts');
    const calls = ast.program.body.slice(1).map((s) => ((s as t.ExpressionStatement).expression as t.CallExpression).arguments[0]);
    expect(r.resolve(calls[0])).toMatchObject({ kind: 'module', source: 'cors', imported: 'default' });
    expect(r.resolve(calls[1])).toMatchObject({ kind: 'unknown', reason: 'call', text: 'cors()' });
  });

  test('function values: declarations, expressions, arrows and object methods', () => {
    const r = resolverFor("function a(o, cb) { cb(null, true); }\nconst b = (o, cb) => cb(null, o);\nconst c = { origin(o, cb) {} };");
    expect(r.resolveName('a')).toMatchObject({ kind: 'function' });
    expect(r.resolveName('b')).toMatchObject({ kind: 'function' });
    expect(expectKind(r.resolveName('c')!, 'object').properties.get('origin')?.value.kind).toBe('function');
  });

  test('identifiers in class, member and parameter decorators resolve', () => {
    const code = "const TOKEN = 'CFG';\nclass C {\n  constructor(@Inject(TOKEN) cfg: string) {}\n  @Prop(TOKEN) p = 1;\n}";
    const ast = parse(code, 'src/app.ts').ast!;
    const r = createResolver(ast, 'src/app.ts');
    const members = (ast.program.body[1] as t.ClassDeclaration).body.body;
    const param = (members[0] as t.ClassMethod).params[0] as t.Identifier;
    const args = [param.decorators![0], (members[1] as t.ClassProperty).decorators![0]].map((d) => (d.expression as t.CallExpression).arguments[0]);
    for (const arg of args) expect(plain(r.resolve(arg))).toBe('CFG');
  });

  test('bindingOf finds the declaration of a reference', () => {
    const ast = parse("const allow = ['a'];\nfunction check(origin) { return allow.includes(origin); }", 'x.js').ast!;
    const r = createResolver(ast, 'x.js');
    const fn = ast.program.body[1] as t.FunctionDeclaration;
    const call = (fn.body.body[0] as t.ReturnStatement).argument as t.CallExpression;
    const allow = (call.callee as t.MemberExpression).object as t.Identifier;
    expect(r.bindingOf(allow)).toMatchObject({ kind: 'const', name: 'allow' });
    expect(r.bindingOf(call.arguments[0] as t.Identifier)).toMatchObject({ kind: 'param', name: 'origin' });
    expect(plain(r.resolve(allow))).toEqual(['a']);
  });
});

describe('one-hop imports through the host', () => {
  const files: Record<string, string> = {
    'src/config.ts': "export const ORIGINS = ['https://a.com', 'https://b.com'] as const;\nconst local = { credentials: true };\nexport { local as CORS_BASE };\nexport default { origin: ORIGINS[0] };\nexport const FROM_ENV = process.env.ORIGIN ?? 'http://localhost:3000';\n",
    'src/cjs.js': "const ORIGINS = ['https://c.com'];\nmodule.exports = { ORIGINS, credentials: true };\nmodule.exports.extra = 'e';\n",
    'src/exports.js': "exports.ORIGIN = 'https://d.com';\nexports.RE = new RegExp('^https://d\\\\.com$');\n",
    'src/broken-alias.js': "module.exports = { a: 1 };\nexports.b = 2;\n",
    'src/settings/index.ts': "export const ALLOWED = ['https://idx.com'];\n",
    'src/two-hops.ts': "import { BASE } from './base';\nexport const FAR = BASE;\nexport { default as cors } from 'cors';\nexport { X } from './base';\n",
    'src/base.ts': "export const BASE = 'https://base.com';\n",
    'src/ts-export.ts': "export = { origin: 'https://eq.com' };\n",
    'src/bad.ts': 'export const = ;\n',
  };

  test('named, default and renamed exports of an ES module (./config means config.ts)', () => {
    const r = resolverFor("import cfg, { ORIGINS, CORS_BASE, FROM_ENV } from './config';\nimport * as ns from './config.js';\nconst o = cfg.origin;\nconst n = ns.ORIGINS[1];", 'src/app.ts', files);
    expect(plain(r.resolveName('ORIGINS')!)).toEqual(['https://a.com', 'https://b.com']);
    expect(r.resolveName('ORIGINS')!.span.file).toBe('src/config.ts');
    expect(plain(r.resolveName('CORS_BASE')!)).toEqual({ credentials: true });
    expect(plain(r.resolveName('o')!)).toBe('https://a.com');
    expect(plain(r.resolveName('n')!)).toBe('https://b.com');
    expect(r.resolveName('FROM_ENV')).toMatchObject({ kind: 'env', name: 'ORIGIN', default: { value: 'http://localhost:3000', span: { file: 'src/config.ts' } } });
    expect(r.linkedFiles()).toEqual(['src/config.ts']);
  });

  test('CommonJS: module.exports object, added properties, exports.X, and require with destructuring', () => {
    const r = resolverFor(
      "const { ORIGINS, extra } = require('./cjs.js');\nconst all = require('./cjs');\nimport def from './cjs.js';\nimport { ORIGIN, RE } from './exports.js';\nconst alias = require('./broken-alias.js');",
      'src/app.js', files,
    );
    expect(plain(r.resolveName('ORIGINS')!)).toEqual(['https://c.com']);
    expect(plain(r.resolveName('extra')!)).toBe('e');
    expect(plain(r.resolveName('all')!)).toEqual({ ORIGINS: ['https://c.com'], credentials: true, extra: 'e' });
    expect(plain(r.resolveName('def')!)).toEqual({ ORIGINS: ['https://c.com'], credentials: true, extra: 'e' });
    expect(plain(r.resolveName('ORIGIN')!)).toBe('https://d.com');
    expect(r.resolveName('RE')).toMatchObject({ kind: 'regexp', pattern: '^https://d\\.com$', fromString: true });
    // After `module.exports = …`, `exports` no longer aliases module.exports, so `exports.b` is lost.
    expect(plain(r.resolveName('alias')!)).toEqual({ a: 1 });
  });

  test('directory index, TypeScript `export =`, and import = require', () => {
    const r = resolverFor("import { ALLOWED } from './settings';\nimport eq = require('./ts-export');\nimport def from './ts-export';", 'src/app.ts', files);
    expect(plain(r.resolveName('ALLOWED')!)).toEqual(['https://idx.com']);
    expect(plain(r.resolveName('eq')!)).toEqual({ origin: 'https://eq.com' });
    expect(plain(r.resolveName('def')!)).toEqual({ origin: 'https://eq.com' });
  });

  test('one hop only; package re-exports are followed; missing modules and exports are unknown', () => {
    const r = resolverFor(
      "import { FAR, cors, X } from './two-hops';\nimport { nope } from './config';\nimport { A } from './missing';\nimport { B } from '../../outside';\nimport { C } from './bad';",
      'src/app.ts', files,
    );
    expect(r.resolveName('FAR')).toMatchObject({ kind: 'unknown', reason: 'import not followed (one hop only)' });
    expect(r.resolveName('X')).toMatchObject({ kind: 'unknown', reason: 'import not followed (one hop only)' });
    expect(r.resolveName('cors')).toMatchObject({ kind: 'module', source: 'cors', imported: 'default', span: { file: 'src/two-hops.ts' } });
    expect(r.resolveName('nope')).toMatchObject({ kind: 'unknown', reason: 'no export named nope in src/config.ts' });
    expect(r.resolveName('A')).toMatchObject({ kind: 'unknown', reason: 'module not found: ./missing' });
    expect(r.resolveName('B')).toMatchObject({ kind: 'unknown', reason: 'module not found: ../../outside' });
    expect(r.resolveName('C')).toMatchObject({ kind: 'unknown', reason: 'could not parse src/bad.ts' });
    expect(r.linkedFiles().sort()).toEqual(['src/bad.ts', 'src/config.ts', 'src/two-hops.ts']);
  });

  test('without a host, relative imports are unknown', () => {
    expect(valueOf("import { ORIGINS } from './config';", 'ORIGINS')).toMatchObject({ kind: 'unknown', reason: 'imports are not followed without a host' });
  });
});

describe('robustness', () => {
  test('resolve never throws, on any node of a file using most of the syntax', async () => {
    const code = `
      import cors, * as ns from 'cors';
      import cfg from './cfg';
      @Controller('x') class C extends B { @Get() m(@Inject('CFG') private readonly cfg: Cfg, { a = 1, ...r }: T = {}) { return super.m?.(a, ...r); } static { init(); } #p = 1; get g() { return this.#p; } }
      const f = async function* named([x, , ...ys] = [], z = x ?? y) { for await (const v of ys) yield v; };
      label: for (let i = 0; i < 3; i++) { if (i) continue label; else break label; }
      try { throw new Error(\`t \${1 + 2}\`); } catch ({ message }) { void message; } finally { delete o.k; }
      const { [key]: computed, ...others } = process.env;
      const w = new.target ?? import.meta.url ?? typeof x ?? (a, b) ?? (q ||= 1) ?? 10n ?? o?.[k]?.(1) ?? f\`\${1}\`;
      const el = <div a={1} {...p}>{c}<br /></div>;
      export default (o as any)!.x satisfies unknown;
      enum E { A = 1 } namespace N { export const n = 1; }
      module.exports = { a: [1, { b: /re/g }], [k]: () => ({ ...o }), ...require('./x'), ...require(dynamic) };
    `;
    const ast = parse(code, 'src/x.tsx').ast!;
    const r = createResolver(ast, 'src/x.tsx', { readFile: (p) => (p === 'src/cfg.ts' ? 'export default {' : undefined) });
    const { forEachChild } = await import('./index.js');
    let count = 0;
    const visit = (node: t.Node): void => {
      const v = r.resolve(node);
      expect(['string', 'number', 'boolean', 'null', 'undefined', 'regexp', 'array', 'object', 'function', 'module', 'env', 'unknown']).toContain(v.kind);
      expect(v.span.line).toBeGreaterThanOrEqual(1);
      count++;
      forEachChild(node, visit);
    };
    visit(ast.program);
    expect(count).toBeGreaterThan(200);
    expect(r.resolveName('cfg')).toMatchObject({ kind: 'unknown', reason: 'could not parse src/cfg.ts' });
  });
});
