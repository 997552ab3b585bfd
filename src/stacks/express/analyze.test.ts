// The Node adapter's effective policies, checked against the libraries' documented semantics.
import { describe, expect, it } from 'vitest';
import type { AdapterHost } from '../../model/adapter.js';
import type { CorsPolicy, OriginRule } from '../../model/policy.js';
import { compileOrigin } from '../../analysis/matcher.js';
import { nodeParser } from './analyze.js';
import { express } from './adapter.js';

function hostWith(files: Record<string, string> = {}): AdapterHost {
  return { readFile: (p) => files[p], listFiles: () => Object.keys(files), contextFor: () => 'production' };
}

async function analyze(text: string, path = 'server.js', files: Record<string, string> = {}) {
  return nodeParser.analyze([{ path, text }], hostWith(files));
}

async function onlyPolicy(text: string, path = 'server.js', files: Record<string, string> = {}): Promise<CorsPolicy> {
  const r = await analyze(text, path, files);
  expect(r.policies).toHaveLength(1);
  return r.policies[0];
}

const kinds = (p: CorsPolicy) => p.origins.map((o) => o.value.kind);

/** Whether an origin rule admits a browser origin, by the analysis matcher. */
function accepts(rule: OriginRule, origin: string): boolean {
  const m = compileOrigin(rule);
  if ('unverifiable' in m) throw new Error(m.reason);
  return m.accepts(origin);
}

const CORS = "const express = require('express');\nconst cors = require('cors');\nconst app = express();\n";

describe('routing', () => {
  it('wants JS and TS sources but not declaration files', () => {
    for (const p of ['a.js', 'a.cjs', 'a.mjs', 'a.jsx', 'a.ts', 'a.cts', 'a.mts', 'a.tsx']) expect(express.wantsPath(p), p).toBe(true);
    expect(express.wantsPath('types.d.ts')).toBe(false);
    expect(express.wantsPath('nginx.conf')).toBe(false);
  });
  it('accepts files that mention cors or an Access-Control header, and nothing else', () => {
    expect(express.accepts('a.js', "require('cors')")).toBe(true);
    expect(express.accepts('a.ts', 'app.enableCors()')).toBe(true);
    expect(express.accepts('a.ts', 'app.use(allow(CORS_OPTIONS))')).toBe(true);
    expect(express.accepts('a.js', "res.setHeader('access-control-allow-origin', '*')")).toBe(true);
    expect(express.accepts('a.js', 'const x = 1;')).toBe(false);
  });
});

describe('expressjs/cors', () => {
  it('cors() without options sends * and reflects requested headers (lib/index.js L9, L94-115)', async () => {
    const p = await onlyPolicy(`${CORS}app.use(cors());`);
    expect(p.stack).toBe('express');
    expect(p.origins).toEqual([expect.objectContaining({ value: { kind: 'any' }, implicit: true })]);
    expect(p.credentials.value).toBe(false);
    expect(p.allowHeaders?.value).toBe('reflect');
    expect(p.allowMethods?.value).toEqual(['GET', 'HEAD', 'PUT', 'PATCH', 'POST', 'DELETE']);
    expect(p.varyOrigin?.value).toBe(false);
    expect(p.preflight?.value).toBe('handled');
  });

  it('finds cors under any local name and import form', async () => {
    for (const head of [
      "import corsMiddleware from 'cors';",
      "import * as corsMiddleware from 'cors';",
      "const corsMiddleware = require('cors');",
      "import { default as corsMiddleware } from 'cors';",
    ]) {
      const p = await onlyPolicy(`${head}\nconst app = require('express')();\napp.use(corsMiddleware({ origin: true }));`);
      expect(kinds(p), head).toEqual(['reflect']);
    }
  });

  it('follows a local re-export of cors one hop', async () => {
    const p = await onlyPolicy("import cors from './lib/cors';\napp.use(cors({ origin: 'https://a.example.com' }));", 'src/server.js', {
      'src/lib/cors.js': "export { default } from 'cors';\n",
    });
    expect(p.origins[0].value).toEqual({ kind: 'exact', origin: 'https://a.example.com', comparison: 'exact', emitted: true });
  });

  it('ignores a function called cors that is not the package', async () => {
    const r = await analyze('function cors(o) { return o; }\napp.use(cors({ origin: true }));');
    expect(r.policies).toEqual([]);
  });

  it('a string origin is sent verbatim (an emitter) with Vary: Origin; `true` reflects', async () => {
    const r = await analyze(`${CORS}app.use('/a', cors({ origin: 'https://a.example.com' }));\napp.use('/b', cors({ origin: true, credentials: true }));`);
    const [a, b] = r.policies;
    expect(a.headerEmitters?.map((e) => e.value)).toEqual(['https://a.example.com']);
    expect(a.varyOrigin?.value).toBe(true);
    expect(b.origins[0].value).toEqual({ kind: 'reflect' });
    expect(b.credentials.value).toBe(true);
  });

  it("['*'] is a literal entry, not a wildcard (L20-32)", async () => {
    const p = await onlyPolicy(`${CORS}app.use(cors({ origin: ['*'] }));`);
    expect(p.origins[0].value).toEqual({ kind: 'exact', origin: '*', comparison: 'exact' });
  });

  it("credentials: 'true' sends nothing (only === true, L84-92) and is config-invalid", async () => {
    const r = await analyze(`${CORS}app.use(cors({ origin: 'https://a.example.com', credentials: 'true' }));`);
    expect(r.policies[0].credentials.value).toBe(false);
    expect(r.diagnostics.map((d) => d.ruleId)).toEqual(['config-invalid']);
  });

  it('a module object with the options under another key leaves the defaults (any origin) in force', async () => {
    const r = await analyze(`${CORS}const config = require('./config');\napp.use(cors(config));`, 'server.js', {
      'config.js': "module.exports = { port: 3000, cors: { origin: 'https://a.example.com', credentials: true } };\n",
    });
    expect(r.policies[0].origins).toEqual([expect.objectContaining({ value: { kind: 'any' }, implicit: true })]);
    expect(r.policies[0].credentials.value).toBe(false);
    expect(r.diagnostics).toEqual([expect.objectContaining({ ruleId: 'config-invalid', span: expect.objectContaining({ file: 'server.js', line: 5 }) })]);
  });

  it('an array in place of the options object leaves the defaults', async () => {
    const r = await analyze(`${CORS}app.use(cors(['https://a.example.com']));`);
    expect(kinds(r.policies[0])).toEqual(['any']);
    expect(r.diagnostics[0].ruleId).toBe('config-invalid');
  });

  it('resolves one-hop imported constants, spreads and template literals', async () => {
    const p = await onlyPolicy(
      "import { BASE, extra } from './origins.js';\nimport cors from 'cors';\nconst opts = { ...extra, origin: [`https://${BASE}`] };\napp.use(cors(opts));",
      'server.js',
      { 'origins.js': "export const BASE = 'app.example.com';\nexport const extra = { credentials: true };\n" },
    );
    expect(p.origins[0].value).toEqual({ kind: 'exact', origin: 'https://app.example.com', comparison: 'exact' });
    expect(p.credentials.value).toBe(true);
  });

  it('a RegExp built from a string loses its escapes: the pattern the engine sees has a bare dot', async () => {
    const p = await onlyPolicy(`${CORS}app.use(cors({ origin: new RegExp('^https://app\\.example\\.com$') }));`);
    const rule = p.origins[0].value;
    expect(rule).toMatchObject({ kind: 'pattern', pattern: '^https://app.example.com$', flavor: 'js-regexp-test' });
    // The real engine agrees: the dot matches any character.
    expect(new RegExp('^https://app\.example\.com$').test('https://appxexample.com')).toBe(true);
    expect(accepts(rule, 'https://appxexample.com')).toBe(true);
  });

  it('env values keep their visible defaults as runtime defaults; without one the origin is unknown', async () => {
    const r = await analyze(`${CORS}app.use('/a', cors({ origin: process.env.ORIGINS?.split(',') ?? ['https://a.example.com'] }));\napp.use('/b', cors({ origin: process.env.ORIGIN }));\napp.use('/c', cors({ origin: (process.env.ORIGINS || 'https://x.example.com,https://y.example.com').split(',') }));`);
    const [a, b, c] = r.policies;
    expect(b.origins[0].value.kind).toBe('unknown');
    expect(c.origins.map((o) => [o.value, o.runtimeDefault])).toEqual([
      [{ kind: 'exact', origin: 'https://x.example.com', comparison: 'exact' }, true],
      [{ kind: 'exact', origin: 'https://y.example.com', comparison: 'exact' }, true],
    ]);
    expect(a.origins.length).toBeGreaterThan(0);
  });
});

describe('options chosen at run time', () => {
  it('both branches of a NODE_ENV test count; the non-production one as a runtime default', async () => {
    const p = await onlyPolicy(`${CORS}const dev = process.env.NODE_ENV !== 'production';\napp.use(cors({ origin: dev ? true : ['https://a.example.com'] }));`);
    expect(p.origins.map((o) => [o.value.kind, o.runtimeDefault === true])).toEqual([['reflect', true], ['exact', false]]);
  });
  it('another run-time condition keeps both branches as they are', async () => {
    const p = await onlyPolicy(`${CORS}app.use(cors({ origin: flags.open ? '*' : 'https://a.example.com' }));`);
    expect(p.origins.map((o) => [o.value.kind, o.runtimeDefault === true])).toEqual([['any', false], ['exact', false]]);
  });
});

describe('origin callbacks', () => {
  const policyFor = async (fn: string, extra = '') => onlyPolicy(`${CORS}${extra}app.use(cors({ origin: ${fn}, credentials: true }));`);

  it('branches that all allow accept every origin, null included', async () => {
    const p = await policyFor('(origin, cb) => { if (!origin) { cb(null, true); } else { cb(null, true); } }');
    expect(accepts(p.origins[0].value, 'https://evil.example')).toBe(true);
    expect(accepts(p.origins[0].value, 'null')).toBe(true);
  });

  it('cb(null, origin) echoes every origin', async () => {
    const p = await policyFor('(origin, cb) => cb(null, origin)');
    expect(accepts(p.origins[0].value, 'https://evil.example')).toBe(true);
  });

  it('an exact allow-list with a guard clause admits only the list; !origin admits no browser origin', async () => {
    const p = await policyFor(
      "function (origin, callback) {\n  if (!origin) return callback(null, true);\n  if (allowed.indexOf(origin) === -1) return callback(new Error('no'), false);\n  return callback(null, true);\n}",
      "const allowed = ['https://a.example.com'];\n",
    );
    const rule = p.origins[0].value;
    expect(rule.kind).toBe('predicate');
    expect(accepts(rule, 'https://a.example.com')).toBe(true);
    expect(accepts(rule, 'https://evil.example')).toBe(false);
    expect(accepts(rule, 'null')).toBe(false);
  });

  it('string checks become includes / startsWith / endsWith checks', async () => {
    const p = await policyFor("(origin, cb) => cb(null, origin.endsWith('example.com') || origin.startsWith('https://app.'))");
    const rule = p.origins[0].value as Extract<OriginRule, { kind: 'predicate' }>;
    expect(rule.checks.map((c) => c.op).sort()).toEqual(['endsWith', 'startsWith']);
    expect(accepts(rule, 'https://evilexample.com')).toBe(true);
  });

  it('regex tests and list lookups through a Set and Array.some', async () => {
    const p = await policyFor(
      '(origin, cb) => { const ok = ALLOWED.has(origin) || PATTERNS.some((re) => re.test(origin)); cb(null, ok); }',
      "const ALLOWED = new Set(['https://a.example.com']);\nconst PATTERNS = [/^https:\\/\\/[a-z]+\\.example\\.com$/];\n",
    );
    const rule = p.origins[0].value;
    expect(accepts(rule, 'https://a.example.com')).toBe(true);
    expect(accepts(rule, 'https://b.example.com')).toBe(true);
    expect(accepts(rule, 'https://b.example.com.evil.net')).toBe(false);
  });

  it('swapped callback arguments fail every request with an Origin: nothing is allowed, config-invalid', async () => {
    const r = await analyze(`${CORS}app.use(cors({ origin: (origin, cb) => cb(origin, true) }));`);
    expect(r.policies[0].origins).toEqual([]);
    expect(r.diagnostics.map((d) => d.ruleId)).toEqual(['config-invalid']);
  });

  it('an answer from a nested callback (database lookup) is unknown', async () => {
    const p = await policyFor('(origin, cb) => { db.find(origin).then((row) => cb(null, !!row)); }');
    expect(kinds(p)).toEqual(['unknown']);
  });

  it('cb(null, constant) is re-interpreted as an origin option (L218-226)', async () => {
    const p = await policyFor("(origin, cb) => cb(null, 'https://a.example.com')");
    expect(p.origins.map((o) => o.value)).toEqual([{ kind: 'exact', origin: 'https://a.example.com', comparison: 'exact', emitted: true }]);
  });
});

describe('cors(delegate)', () => {
  it('the README delegate allows only the list, with credentials from the options', async () => {
    const p = await onlyPolicy(`${CORS}const allowlist = ['https://a.example.com'];
const delegate = function (req, callback) {
  let corsOptions;
  if (allowlist.indexOf(req.header('Origin')) !== -1) {
    corsOptions = { origin: true, credentials: true };
  } else {
    corsOptions = { origin: false };
  }
  callback(null, corsOptions);
};
app.use(cors(delegate));`);
    const rule = p.origins[0].value;
    expect(rule.kind).toBe('predicate');
    expect(accepts(rule, 'https://a.example.com')).toBe(true);
    expect(accepts(rule, 'https://evil.example')).toBe(false);
    expect(p.credentials.value).toBe(true);
  });
});

describe('mounting and order', () => {
  it('route-level cors() without an OPTIONS route or global cors() leaves the preflight unanswered', async () => {
    const r = await analyze(`${CORS}app.delete('/x', cors(), (req, res) => res.end());`);
    expect(r.policies[0].preflight?.value).toBe('not-handled');
    const ok = await analyze(`${CORS}app.options('*', cors());\napp.delete('/x', cors(), (req, res) => res.end());`);
    expect(ok.policies.map((p) => p.preflight?.value)).toEqual(['handled', 'handled']);
  });

  it('a middleware variable mounted later is found through its binding', async () => {
    const r = await analyze(`${CORS}const corsMw = cors({ origin: 'https://a.example.com' });\nrouter.put('/x', corsMw, handler);`);
    expect(r.policies[0].preflight?.value).toBe('not-handled');
    expect(r.policies[0].scope).toBe("router.put('/x', cors())");
  });

  it('app.use(cors()) after routes records them as answering first', async () => {
    const p = await onlyPolicy(`${CORS}app.get('/a', (req, res) => res.end());\napp.use(cors());`);
    expect(p.middleware?.answeredEarlierBy.map((e) => e.name)).toEqual(["app.get('/a')"]);
    const early = await onlyPolicy(`${CORS}app.use(cors());\napp.get('/a', (req, res) => res.end());`);
    expect(early.middleware?.answeredEarlierBy).toEqual([]);
    const mounted = await analyze(`${CORS}app.use(express.json());\napp.use('/docs', express.static('docs'));\napp.use(passport.authenticate('jwt'));\napp.use(express.static('public'));\napp.use('/api', cors());\napp.use(cors());`);
    expect(mounted.policies[1].middleware?.answeredEarlierBy.map((e) => e.name)).toEqual([
      "app.use('/docs', …)", "the authentication middleware passport.authenticate('jwt')", "the static file handler express.static('public')",
    ]);
  });
});

describe('misuse and precedence', () => {
  it('app.use(cors) mounts the factory: config-invalid', async () => {
    const r = await analyze(`${CORS}app.use(cors);`);
    expect(r.diagnostics).toEqual([expect.objectContaining({ ruleId: 'config-invalid', span: expect.objectContaining({ line: 4, column: 9 }) })]);
  });

  it('an aliased middleware mounted far from any telling word is still found', async () => {
    const r = await analyze("import allowCrossOrigin from 'cors';\nconst mw = allowCrossOrigin({ origin: 'https://a.example.com' });\nfunction routes(r) {\n  r.put('/x', mw, (req, res) => res.end());\n}\nroutes(app);");
    expect(r.policies[0].preflight?.value).toBe('not-handled');
  });

  it('a global cors() allowing everyone voids a later allow-list of the same app', async () => {
    const r = await analyze(`${CORS}app.use(cors());\napp.use('/api', cors({ origin: ['https://a.example.com'] }));\nrouter.use(cors({ origin: ['https://b.example.com'] }));`);
    const [, api, other] = r.policies;
    expect(api.overrides?.map((o) => [o.winner.line, o.dead.line])).toEqual([[4, 5]]);
    expect(other.overrides).toBeUndefined();
  });

  it('@fastify/cors: an origin answer of undefined is a 500, not a denial (index.js L185-188)', async () => {
    const r = await analyze("const fastify = require('fastify')();\nfastify.register(require('@fastify/cors'), { origin: (origin, cb) => { if (origin === 'https://a.example.com') cb(null, true); else cb(null); } });");
    expect(r.diagnostics.map((d) => d.ruleId)).toEqual(['config-invalid']);
    expect(accepts(r.policies[0].origins[0].value, 'https://a.example.com')).toBe(true);
  });
});

describe('@fastify/cors', () => {
  it('register(cors, opts) and register(import(...)): v11 default methods, RegExp reset before test', async () => {
    const r = await analyze(`const fastify = require('fastify')();
fastify.register(require('@fastify/cors'), { origin: /example\\.com/y });
fastify.register(import('@fastify/cors'), { origin: ['*', 'https://a.example.com'] });`);
    const [a, b] = r.policies;
    expect(a.stack).toBe('fastify');
    expect(a.allowMethods?.value).toEqual(['GET', 'HEAD', 'POST']);
    // lastIndex = 0 then test: a sticky regex must match at index 0 (index.js L299-301).
    const sticky = /example\.com/y;
    sticky.lastIndex = 0;
    expect(sticky.test('https://example.com')).toBe(false);
    expect(accepts(a.origins[0].value, 'https://example.com')).toBe(false);
    expect(accepts(a.origins[0].value, 'example.com.evil.net')).toBe(true);
    expect(kinds(b)).toEqual(['any']);
    expect(b.varyOrigin?.value).toBe(false);
  });
});

describe('@koa/cors', () => {
  it('v5 default origin is *, and credentials turn it into reflection (index.js L67, L77-79)', async () => {
    const r = await analyze("const cors = require('@koa/cors');\napp.use(cors());\napp.use(cors({ credentials: true }));");
    expect(r.policies.map(kinds)).toEqual([['any'], ['reflect']]);
    expect(r.policies.every((p) => p.stack === 'koa' && p.varyOrigin?.value === true)).toBe(true);
  });
  it('an array origin becomes two header lines, read as one invalid value', async () => {
    const p = await onlyPolicy("const cors = require('@koa/cors');\napp.use(cors({ origin: ['https://a.example.com', 'https://b.example.com'] }));");
    expect(p.headerEmitters?.map((e) => e.value)).toEqual(['https://a.example.com, https://b.example.com']);
  });
});

describe('NestJS', () => {
  it('{ cors: true } on Express sends *; the same list means different things per platform', async () => {
    const exp = await onlyPolicy("import { NestFactory } from '@nestjs/core';\nconst app = await NestFactory.create(AppModule, { cors: true });", 'main.ts');
    expect(exp.stack).toBe('nestjs');
    expect(kinds(exp)).toEqual(['any']);
    const opts = "app.enableCors({ origin: ['*', 'https://a.example.com'] });";
    const onExpress = await onlyPolicy(`import { NestFactory } from '@nestjs/core';\nconst app = await NestFactory.create(AppModule);\n${opts}`, 'main.ts');
    expect(onExpress.origins[0].value).toEqual({ kind: 'exact', origin: '*', comparison: 'exact' });
    const onFastify = await onlyPolicy(`import { NestFactory } from '@nestjs/core';\nimport { FastifyAdapter } from '@nestjs/platform-fastify';\nconst app = await NestFactory.create(AppModule, new FastifyAdapter());\n${opts}`, 'main.ts');
    expect(kinds(onFastify)).toEqual(['any']);
    expect(onFastify.allowMethods?.value).toEqual(['GET', 'HEAD', 'POST']);
  });
});

describe('hand-written headers', () => {
  it('unguarded req.headers.origin is reflection; credentials and Vary are read', async () => {
    const p = await onlyPolicy("http.createServer((req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', req.headers.origin);\n  res.setHeader('Access-Control-Allow-Credentials', true);\n  res.setHeader('Vary', 'Origin');\n});");
    expect(kinds(p)).toEqual(['reflect']);
    expect(p.credentials.value).toBe(true);
    expect(p.varyOrigin?.value).toBe(true);
    expect(p.stack).toBe('node');
  });

  it('an echo guarded by an exact list is limited to the list', async () => {
    const p = await onlyPolicy("const ok = ['https://a.example.com'];\napp.use((req, res, next) => {\n  const { origin } = req.headers;\n  if (ok.includes(origin)) res.header('Access-Control-Allow-Origin', origin);\n  next();\n});");
    expect(accepts(p.origins[0].value, 'https://a.example.com')).toBe(true);
    expect(accepts(p.origins[0].value, 'https://evil.example')).toBe(false);
    expect(p.originDependent).toBe(true);
    expect(p.varyOrigin?.value).toBe(false);
  });

  it('ternaries, res.set({...}) and writeHead objects', async () => {
    const r = await analyze("app.get('/a', (req, res) => {\n  res.set({ 'Access-Control-Allow-Origin': req.get('origin') === 'https://a.example.com' ? req.get('origin') : 'https://b.example.com' });\n});\nhttp.createServer((req, res) => { res.writeHead(200, { 'access-control-allow-origin': '*', 'Access-Control-Allow-Methods': 'GET, PUT' }); });");
    const [a, b] = r.policies;
    expect(a.origins.map((o) => o.value.kind)).toEqual(['predicate', 'exact']);
    expect(kinds(b)).toEqual(['any']);
    expect(b.allowMethods?.value).toEqual(['GET', 'PUT']);
  });
});

describe('parsing', () => {
  it('reports syntax errors as parse-error with the position', async () => {
    const r = await analyze("const cors = require('cors');\napp.use(cors({ origin: 'x' );");
    expect(r.diagnostics).toEqual([expect.objectContaining({ ruleId: 'parse-error', span: expect.objectContaining({ line: 2 }) })]);
  });
  it('skips minified bundles without policies', async () => {
    const r = await analyze(`var cors=require("cors");${'a();'.repeat(2000)}app.use(cors({origin:true}));`, 'bundle.js');
    expect(r.policies).toEqual([]);
  });
});

describe('hono/cors (semantics.md §1.4)', () => {
  const HONO = "import { Hono } from 'hono';\nimport { cors } from 'hono/cors';\nconst app = new Hono();\n";
  it('defaults: any origin, default methods, reflected headers, preflight handled, no Vary', async () => {
    const p = await onlyPolicy(`${HONO}app.use('/api/*', cors());\n`, 'app.ts');
    expect(p.stack).toBe('hono');
    expect(kinds(p)).toEqual(['any']);
    expect(p.credentials.value).toBe(false);
    expect(p.allowMethods?.value).toEqual(['GET', 'HEAD', 'PUT', 'POST', 'DELETE', 'PATCH']);
    expect(p.allowHeaders?.value).toBe('reflect');
    expect(p.preflight?.value).toBe('handled');
    expect(p.varyOrigin?.value).toBe(false);
  });
  it('a string origin other than * is compared exactly, not sent to everyone', async () => {
    const p = await onlyPolicy(`${HONO}app.use('*', cors({ origin: 'https://a.example.com', allowHeaders: [] }));\n`, 'app.ts');
    expect(p.origins.map((o) => o.value)).toEqual([{ kind: 'exact', origin: 'https://a.example.com', comparison: 'exact' }]);
    expect(p.headerEmitters).toBeUndefined();
    expect(p.varyOrigin?.value).toBe(true);
    // An explicitly empty allowHeaders reflects too (L132-145).
    expect(p.allowHeaders?.value).toBe('reflect');
  });
  it("['*'] is a literal entry, and credentials keep `*` as is (no reflection)", async () => {
    const list = await onlyPolicy(`${HONO}app.use('*', cors({ origin: ['*'] }));\n`, 'app.ts');
    expect(list.origins.map((o) => o.value)).toEqual([{ kind: 'exact', origin: '*', comparison: 'exact' }]);
    const cred = await onlyPolicy(`${HONO}app.use('*', cors({ credentials: true }));\n`, 'app.ts');
    expect(kinds(cred)).toEqual(['any']);
    expect(cred.credentials.value).toBe(true);
  });
  it('an origin function returns the header value: echoing the origin under a test allows what the test allows', async () => {
    const p = await onlyPolicy(`${HONO}app.use('*', cors({ origin: (o) => (o.endsWith('.example.com') ? o : null) }));\n`, 'app.ts');
    expect(kinds(p)).toEqual(['predicate']);
    expect(accepts(p.origins[0].value, 'https://a.example.com')).toBe(true);
    expect(accepts(p.origins[0].value, 'https://evil.net')).toBe(false);
    const echo = await onlyPolicy(`${HONO}app.use('*', cors({ origin: (o) => o }));\n`, 'app.ts');
    expect(accepts(echo.origins[0].value, 'https://evil.net')).toBe(true);
  });
  it('a string returned by the origin function is sent verbatim', async () => {
    const p = await onlyPolicy(`${HONO}app.use('*', cors({ origin: () => 'https://a.example.com' }));\n`, 'app.ts');
    expect(p.origins.map((o) => o.value)).toEqual([{ kind: 'exact', origin: 'https://a.example.com', comparison: 'exact', emitted: true }]);
  });
  it('true and RegExp origins are config-invalid and allow nothing', async () => {
    const r = await analyze(`${HONO}app.use('*', cors({ origin: /example\\.com$/ }));\n`, 'app.ts');
    expect(r.policies[0].origins).toEqual([]);
    expect(r.diagnostics.map((d) => d.ruleId)).toEqual(['config-invalid']);
  });
  it('unknown option names are config-invalid', async () => {
    const r = await analyze(`${HONO}app.use('*', cors({ origin: 'https://a.example.com', methods: ['PUT'] }));\n`, 'app.ts');
    expect(r.diagnostics.map((d) => d.message)).toEqual([expect.stringContaining('"methods"')]);
  });
});

describe('app.options(path, cors(a)) next to app.use(cors(b)) (semantics.md §1.1 pitfall 10)', () => {
  it('an OPTIONS route registered first answers the preflights: the global allow-list is marked overridden by it', async () => {
    const r = await analyze(`${CORS}app.options('*', cors());\napp.use(cors({ origin: ['https://a.example.com'] }));\n`);
    const [route, global] = r.policies;
    expect(route.overrides).toBeUndefined();
    expect(global.overrides).toHaveLength(1);
    expect(global.overrides![0].winner.line).toBe(4);
    expect(global.overrides![0].dead.line).toBe(5);
  });
  it('a global cors() registered first ends every preflight: the later OPTIONS route is dead', async () => {
    const r = await analyze(`${CORS}app.use(cors({ origin: 'https://a.example.com' }));\napp.options('/x', cors({ origin: 'https://b.example.com' }));\n`);
    const [global, route] = r.policies;
    expect(global.overrides).toBeUndefined();
    expect(route.overrides?.map((o) => [o.winner.line, o.dead.line])).toEqual([[4, 5]]);
  });
  it('the same origin trust written twice, or preflightContinue on the global one, is not reported', async () => {
    const same = await analyze(`${CORS}app.options('*', cors({ origin: ['https://a.example.com'] }));\napp.use(cors({ origin: ['https://a.example.com'] }));\n`);
    expect(same.policies.every((p) => p.overrides === undefined)).toBe(true);
    const cont = await analyze(`${CORS}app.use(cors({ origin: 'https://a.example.com', preflightContinue: true }));\napp.options('/x', cors({ origin: 'https://b.example.com' }));\n`);
    expect(cont.policies.every((p) => p.overrides === undefined)).toBe(true);
  });
});

describe('@fastify/cors hook order and v11 default methods', () => {
  const F = "const fastify = require('fastify')();\n";
  it('a hook after an earlier authentication hook is misplaced; one before it is not', async () => {
    const late = await onlyPolicy(`${F}fastify.addHook('onRequest', fastify.authenticate);\nfastify.register(require('@fastify/cors'), { methods: ['GET'], hook: 'preHandler' });\n`);
    expect(late.middleware?.cors?.line).toBe(3);
    expect(late.middleware?.answeredEarlierBy.map((e) => e.span.line)).toEqual([2]);
    const early = await onlyPolicy(`${F}fastify.addHook('preHandler', fastify.authenticate);\nfastify.register(require('@fastify/cors'), { methods: ['GET'], hook: 'preValidation' });\n`);
    expect(early.middleware).toBeUndefined();
  });
  it('a hook name the plugin does not know is config-invalid', async () => {
    const r = await analyze(`${F}fastify.register(require('@fastify/cors'), { hook: 'onResponse' });\n`);
    expect(r.diagnostics.map((d) => d.ruleId)).toEqual(['config-invalid']);
  });
  it('default methods with a PUT route: the preflight does not serve it; explicit methods do', async () => {
    const dflt = await onlyPolicy(`${F}fastify.register(require('@fastify/cors'));\nfastify.put('/x', async () => 1);\n`);
    expect(dflt.preflight).toMatchObject({ value: 'not-handled', span: { line: 3 } });
    const listed = await onlyPolicy(`${F}fastify.register(require('@fastify/cors'), { methods: ['GET', 'PUT'] });\nfastify.put('/x', async () => 1);\n`);
    expect(listed.preflight?.value).toBe('handled');
    const reads = await onlyPolicy(`${F}fastify.register(require('@fastify/cors'));\nfastify.post('/x', async () => 1);\n`);
    expect(reads.preflight?.value).toBe('handled');
  });
});
