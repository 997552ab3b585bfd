// Differential tests of parseNginx against the real `nginx -t` (Debian nginx 1.22.1): targeted cases, a seeded mutation fuzz, Debian's stock files.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseNginx } from './parser.js';

const NGINX = '/usr/sbin/nginx';
const HAVE_NGINX = existsSync(NGINX);
if (!HAVE_NGINX) console.warn(`skipping nginx oracle tests: ${NGINX} not found (apt-get install nginx-light)`);

const TESTDATA = new URL('./testdata/', import.meta.url);
const BASES = ['cors-map.conf', 'multi-site.conf', 'preflight.conf'].map((name) => ({
  name,
  text: readFileSync(new URL(name, TESTDATA), 'utf8'),
}));

type Verdict =
  | { kind: 'ok' }
  | { kind: 'syntax'; message: string; line: number }
  | { kind: 'semantic'; message: string; line: number };

/**
 * Messages that come from nginx's tokenizer and block parser (ngx_conf_read_token and
 * ngx_conf_parse in src/core/ngx_conf_file.c). Everything else — unknown directive, invalid number
 * of arguments, "is not allowed here", "is not terminated by ;", "has no opening {", duplicates,
 * "unexpected ... in condition" from the rewrite module — depends on the directive table.
 */
const SYNTAX_MESSAGE =
  /^(?:unexpected ".?"|unexpected end of file, expecting (?:";" or "\}"|"\}")|too long parameter(?:, probably missing terminating ".?" character| ".*\.\.\." started))$/s;

function runNginx(text: string): Promise<Verdict> {
  const dir = mkdtempSync(join(tmpdir(), 'corslint-nginx-'));
  const conf = join(dir, 'nginx.conf');
  writeFileSync(conf, text);
  return new Promise((resolve, reject) => {
    const child = spawn(NGINX, ['-t', '-q', '-p', `${dir}/`, '-c', conf, '-g', `pid ${dir}/nginx.pid; error_log stderr;`]);
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => {
      rmSync(dir, { recursive: true, force: true });
      if (code === 0) return resolve({ kind: 'ok' });
      // A message may itself contain line breaks (an escaped newline inside a directive name).
      const at = stderr.indexOf(`[emerg] `);
      const body = at < 0 ? '' : stderr.slice(stderr.indexOf(': ', at) + 2);
      const suffix = ` in ${conf}:`;
      const cut = body.indexOf(suffix);
      if (at < 0) return reject(new Error(`unrecognised nginx output: ${stderr}`));
      if (cut < 0) {
        // Errors logged without a position come after the whole file was read.
        return resolve({ kind: 'semantic', message: body.split('\n')[0], line: Number.POSITIVE_INFINITY });
      }
      const message = body.slice(0, cut);
      const line = Number(/^\d+/.exec(body.slice(cut + suffix.length))?.[0]);
      resolve({ kind: SYNTAX_MESSAGE.test(message) ? 'syntax' : 'semantic', message, line });
    });
  });
}

async function mapLimit<T, R>(items: T[], limit: number, f: (x: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const k = next++;
      out[k] = await f(items[k]);
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
  return out;
}

type Outcome = 'agree-ok' | 'agree-syntax' | 'semantic-first' | 'disagree';

/**
 * nginx stops at its first error. A syntax verdict must match our first error (message and line);
 * an ok verdict must match no errors; a semantic error at line L proves there is no syntax error
 * before the directive ending on line L, so our first error (if any) must not be earlier.
 */
function compare(text: string, v: Verdict): { outcome: Outcome; detail: string } {
  const first = parseNginx(text, 'nginx.conf').errors[0];
  const mine = first ? `${first.message} @${first.span.line}` : 'no error';
  const theirs = v.kind === 'ok' ? 'ok' : `${v.kind}: ${v.message} @${v.line}`;
  let outcome: Outcome;
  if (v.kind === 'ok') outcome = first ? 'disagree' : 'agree-ok';
  else if (v.kind === 'syntax') outcome = first && first.message === v.message && first.span.line === v.line ? 'agree-syntax' : 'disagree';
  else outcome = first && first.span.line < v.line ? 'disagree' : 'semantic-first';
  return { outcome, detail: `nginx ${theirs} | parser ${mine}` };
}

/** mulberry32: a small deterministic PRNG so the fuzz corpus is the same on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MUTATION_CHARS = [';', '{', '}', '"', "'", '#', '\\', '$', '\n', 'word'] as const;

function mutate(text: string, rnd: () => number): { text: string; op: string } {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const what = pick(MUTATION_CHARS);
  const op = pick(['insert', 'delete', 'duplicate'] as const);
  if (op === 'insert') {
    const at = Math.floor(rnd() * (text.length + 1));
    const piece = what === 'word' ? pick(['x', 'add_header', 'always', '$http_origin', 'location']) : what;
    return { text: text.slice(0, at) + piece + text.slice(at), op: `insert ${JSON.stringify(piece)} at ${at}` };
  }
  const spans: [number, number][] = [];
  const re = what === 'word' ? /[A-Za-z_][A-Za-z0-9_-]*/g : new RegExp(what.replace(/[\\$]/g, '\\$&'), 'g');
  for (let m = re.exec(text); m; m = re.exec(text)) spans.push([m.index, m.index + m[0].length]);
  if (spans.length === 0) return { text, op: 'none' };
  const [s, e] = pick(spans);
  const out = op === 'delete' ? text.slice(0, s) + text.slice(e) : text.slice(0, e) + text.slice(s, e) + text.slice(e);
  return { text: out, op: `${op} ${JSON.stringify(text.slice(s, e))} at ${s}` };
}

/** Wraps a server-level snippet into a complete configuration (line 6 is the snippet's first line). */
function wrap(snippet: string): string {
  return `events {}\nhttp {\naccess_log off;\nserver {\nlisten 127.0.0.1:18090;\n${snippet}\n}\n}\n`;
}

const TARGETED: string[] = [
  'set $a ${host}abc; return 200 "${host}x";',
  'set $a $ {',
  'add_header X "a")b;',
  'add_header X "a" always;}',
  "add_header X 'a'x;",
  'add_header X "a""b";',
  'add_header X "a"#b;',
  'add_header X abc',
  'add_header X "abc',
  "add_header X 'a\\'b' always;",
  'add_header X "a\\"b;',
  'location ~ ^/a{3}$ { }',
  'location ~ "^/a{3}$" { }',
  'location / { if ($http_origin ~* "^https://a\\.com$") { add_header X 1; } }',
  'location / { if ($http_origin ~* "x")) { } }',
  ';',
  'location / { { } }',
  'return 200 a"b"c}d#e;',
  'return 200 abc#def;',
  'add_header X\\ Y z;',
  '# only a comment }',
  'location / {} }',
  `add_header X ${'x'.repeat(4095)};`,
  `add_header X ${'x'.repeat(4096)};`,
  `add_header X "${'x'.repeat(5000)}";`,
  `add_header X "${'x'.repeat(5000)}`,
  `# ${'x'.repeat(5000)}`,
  `${' '.repeat(6000)}add_header X y;`,
  `add_header X ${'€'.repeat(1365)};`,
  `add_header X ${'€'.repeat(1366)};`,
].map(wrap);
TARGETED.push('events {}\nhttp { access_log off; map $a $b { default 0; x { } } }\n');
TARGETED.push('events {}\nhttp { access_log off; types { text/html html; } }\n}\n');

describe.skipIf(!HAVE_NGINX)('parseNginx agrees with nginx -t', () => {
  it('on the base configurations (all valid)', async () => {
    for (const b of BASES) {
      expect(await runNginx(b.text)).toEqual({ kind: 'ok' });
      expect(parseNginx(b.text, b.name).errors).toEqual([]);
    }
  });

  it('on targeted tokenizer cases', async () => {
    const verdicts = await mapLimit(TARGETED, 4, runNginx);
    const results = TARGETED.map((t, k) => ({ snippet: t.slice(0, 120), ...compare(t, verdicts[k]) }));
    const bad = results.filter((r) => r.outcome === 'disagree');
    expect(bad).toEqual([]);
    // The list must exercise real syntax errors, not only semantic ones.
    expect(results.filter((r) => r.outcome === 'agree-syntax').length).toBeGreaterThanOrEqual(15);
  });

  it('on 450 seeded mutations of the base configurations', async () => {
    const rnd = prng(20261122);
    const cases: { base: string; op: string; text: string }[] = [];
    for (let k = 0; k < 450; k++) {
      const base = BASES[k % BASES.length];
      let { text, op } = mutate(base.text, rnd);
      // A third of the cases get a second mutation, to reach states one edit cannot.
      if (k % 3 === 2) {
        const again = mutate(text, rnd);
        text = again.text;
        op += `; ${again.op}`;
      }
      cases.push({ base: base.name, op, text });
    }
    const started = Date.now();
    const verdicts = await mapLimit(cases, 4, (c) => runNginx(c.text));
    const results = cases.map((c, k) => ({ base: c.base, op: c.op, ...compare(c.text, verdicts[k]) }));
    const count = (o: Outcome): number => results.filter((r) => r.outcome === o).length;
    console.log(
      `nginx fuzz: ${cases.length} cases in ${Date.now() - started} ms; agree-ok ${count('agree-ok')}, ` +
        `agree-syntax ${count('agree-syntax')}, semantic-first ${count('semantic-first')}, disagreements ${count('disagree')}`,
    );
    expect(results.filter((r) => r.outcome === 'disagree')).toEqual([]);
    expect(count('agree-syntax')).toBeGreaterThanOrEqual(50);
    expect(count('agree-ok')).toBeGreaterThanOrEqual(50);
  });
});

describe.skipIf(!existsSync('/etc/nginx/nginx.conf'))("Debian's stock configuration", () => {
  it('parses without errors', () => {
    const files = [
      '/etc/nginx/nginx.conf',
      '/etc/nginx/sites-available/default',
      ...['/etc/nginx', '/etc/nginx/snippets']
        .filter((d) => existsSync(d))
        .flatMap((d) => readdirSync(d).map((f) => join(d, f)))
        .filter((f) => statSync(f).isFile() && /(?:\.conf|_params|\.types|-utf|-win)$/.test(f)),
    ].filter((f) => existsSync(f));
    expect(files.length).toBeGreaterThan(3);
    for (const f of files) {
      const r = parseNginx(readFileSync(f, 'utf8'), f);
      expect({ f, errors: r.errors }).toEqual({ f, errors: [] });
      expect(r.directives.length).toBeGreaterThan(0);
    }
    // Debian's nginx.conf: tab-indented "##" lines are comments, so `http` holds real directives.
    const main = parseNginx(readFileSync('/etc/nginx/nginx.conf', 'utf8'), 'nginx.conf');
    const http = main.directives.find((d) => d.name === 'http');
    expect(http?.block?.some((d) => d.name === 'sendfile')).toBe(true);
    expect(http?.block?.some((d) => d.name.startsWith('#'))).toBe(false);
  });
});
