// The differential truth suite's shared harness: real servers on loopback, real HTTP, one tally.
import { spawn } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createServer, connect } from 'node:net';
import { lint } from '../../src/api.js';
import type { StackAdapter } from '../../src/model/adapter.js';
import type { Finding } from '../../src/model/finding.js';
import type { CorsPolicy } from '../../src/model/policy.js';
import type { SimRequest, SimResponse, WireProfile } from '../../src/model/wire.js';
import { builtinAdapters } from '../../src/stacks/index.js';

/** CI must run every stack: a missing runtime there is a failure, not a skip. */
export const IN_CI = Boolean(process.env.CI);

/**
 * Whether a stack's runtime is here. Outside CI a missing runtime prints why the stack is skipped
 * (use with `describe.skipIf(!ok)`); in CI it throws, because `.ci/run` installs every runtime.
 */
export function requireRuntime(available: boolean, what: string): boolean {
  if (available) return true;
  if (IN_CI) throw new Error(`truth suite: ${what} is missing in CI (.ci/run should install it)`);
  process.stderr.write(`truth suite: SKIPPED ${what} (not installed here; CI installs it)\n`);
  return false;
}

/** A free TCP port on 127.0.0.1 (the OS picks it; the server binds it right after). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface Server {
  url: string;
  port: number;
  stop(): Promise<void>;
  /** What the process printed (stdout and stderr), for failure messages. */
  output(): string;
}

export interface StartOptions {
  command: string;
  args: string[];
  cwd: string;
  env?: Record<string, string>;
  /** The port the process listens on, on 127.0.0.1. */
  port: number;
  /** How long to wait for the port to accept connections. */
  readyTimeoutMs?: number;
  /** The process is killed after this long even if the test forgets to stop it. */
  lifetimeMs?: number;
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Starts a server process and resolves once its port accepts connections. */
export async function startServer(options: StartOptions): Promise<Server> {
  const child = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: false,
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => ((exited = true), resolve())));
  const killer = setTimeout(() => child.kill('SIGKILL'), options.lifetimeMs ?? 120_000);
  killer.unref();
  const stop = async (): Promise<void> => {
    clearTimeout(killer);
    if (!exited) {
      child.kill('SIGTERM');
      const forced = setTimeout(() => child.kill('SIGKILL'), 3_000);
      await exit;
      clearTimeout(forced);
    }
  };
  const deadline = Date.now() + (options.readyTimeoutMs ?? 20_000);
  for (;;) {
    if (exited) throw new Error(`${options.command} exited before listening on ${options.port}:\n${output}`);
    if (await portOpen(options.port)) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${options.command} did not listen on 127.0.0.1:${options.port} in time:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { url: `http://127.0.0.1:${options.port}`, port: options.port, stop, output: () => output };
}

export interface HttpResult {
  status: number;
  /** `access-control-*` and `vary` response headers, lower-case names, values in the order sent. */
  headers: Record<string, string[]>;
}

function corsHeadersOf(raw: string[]): Record<string, string[]> {
  const headers: Record<string, string[]> = {};
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i].toLowerCase();
    if (name.startsWith('access-control-') || name === 'vary') (headers[name] ??= []).push(raw[i + 1]);
  }
  return headers;
}

function send(baseUrl: string, method: string, path: string, headers: Record<string, string>): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const url = new URL(path, baseUrl);
    const req = httpRequest(url, { method, headers, timeout: 10_000 }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: corsHeadersOf(res.rawHeaders) }));
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${url.href} timed out`)));
    req.on('error', reject);
    req.end();
  });
}

function originHeaders(req: SimRequest): Record<string, string> {
  const headers: Record<string, string> = {};
  if (req.origin !== undefined) headers.Origin = req.origin;
  // A credentialed browser request carries cookies; Starlette decides on the Cookie header itself.
  if (req.credentials) headers.Cookie = 'corslint=1';
  return headers;
}

/** Sends the OPTIONS preflight a browser would send before `req` (no cookies: fetch.bs never sends them). */
export function sendPreflight(baseUrl: string, req: SimRequest): Promise<HttpResult> {
  const headers: Record<string, string> = { 'Access-Control-Request-Method': req.method };
  if (req.origin !== undefined) headers.Origin = req.origin;
  if (req.headers.length > 0) headers['Access-Control-Request-Headers'] = [...req.headers].sort().join(',');
  return send(baseUrl, 'OPTIONS', req.path ?? '/', headers);
}

/** Sends the actual request, with the page's custom headers set to placeholder values. */
export function sendActual(baseUrl: string, req: SimRequest): Promise<HttpResult> {
  const headers = originHeaders(req);
  for (const name of req.headers) headers[name] = name === 'content-type' ? 'application/json' : 'x';
  return send(baseUrl, req.method, req.path ?? '/', headers);
}

export interface MatrixOptions {
  /** Origins the configuration trusts. */
  trusted: string[];
  /** Origins it should refuse (an unrelated one is always added). */
  others?: string[];
  /** Origins the origin analysis says get through. */
  witnesses?: string[];
  path?: string;
}

/**
 * The request matrix: each origin (trusted, unrelated, `null`, none, witnesses) with and without
 * credentials, as a simple GET, a simple POST and a PUT with custom headers that needs a preflight.
 */
export function requestMatrix(options: MatrixOptions): SimRequest[] {
  const origins: (string | undefined)[] = [
    ...options.trusted,
    'https://unrelated.example.net',
    ...(options.others ?? []),
    'null',
    undefined,
    ...(options.witnesses ?? []),
  ];
  const unique = [...new Set(origins)];
  const shapes: { method: string; headers: string[] }[] = [
    { method: 'GET', headers: [] },
    { method: 'POST', headers: [] },
    { method: 'PUT', headers: ['x-custom', 'content-type'] },
  ];
  const out: SimRequest[] = [];
  for (const origin of unique) {
    for (const credentials of [false, true]) {
      for (const shape of shapes) {
        out.push({ origin, method: shape.method, headers: shape.headers, credentials, path: options.path });
      }
    }
  }
  return out;
}

/** Response headers whose values are comma-separated lists; compared as case-insensitive token sets. */
const LIST_HEADERS = new Set(['access-control-allow-methods', 'access-control-allow-headers', 'access-control-expose-headers']);
/** The Vary tokens CORS depends on; others (Accept-Encoding) belong to the framework. */
const CORS_VARY = new Set(['origin', 'access-control-request-method', 'access-control-request-headers', 'access-control-request-private-network']);

function tokens(values: string[]): string[] {
  return [...new Set(values.flatMap((v) => v.split(',')).map((t) => t.trim().toLowerCase()).filter(Boolean))].sort();
}

/** Differences between a prediction and a real response; empty when they agree. */
export function compareResponses(expected: SimResponse, actual: HttpResult): string[] {
  const diffs: string[] = [];
  if (expected.status !== actual.status) diffs.push(`status: predicted ${expected.status}, real ${actual.status}`);
  const names = new Set([...Object.keys(expected.headers), ...Object.keys(actual.headers)].map((n) => n.toLowerCase()));
  for (const name of [...names].sort()) {
    const want = expected.headers[name] ?? [];
    const got = actual.headers[name] ?? [];
    if (name === 'vary') {
      const w = tokens(want).filter((t) => CORS_VARY.has(t));
      const g = tokens(got).filter((t) => CORS_VARY.has(t));
      if (w.join() !== g.join()) diffs.push(`vary: predicted [${w.join(', ')}], real [${g.join(', ')}]`);
    } else if (LIST_HEADERS.has(name)) {
      // Sent twice is not the same as sent once: the count matters before the tokens do.
      if (want.length !== got.length || tokens(want).join() !== tokens(got).join()) {
        diffs.push(`${name}: predicted ${JSON.stringify(want)}, real ${JSON.stringify(got)}`);
      }
    } else if (JSON.stringify(want) !== JSON.stringify(got)) {
      diffs.push(`${name}: predicted ${JSON.stringify(want)}, real ${JSON.stringify(got)}`);
    }
  }
  return diffs;
}

export interface LintedProject {
  policies: CorsPolicy[];
  findings: Finding[];
  /** The wire profile of the adapter that read the policy's file (the engine's own routing). */
  profileFor(policy: CorsPolicy): Promise<WireProfile>;
}

function adapterFor(path: string, text: string): StackAdapter | undefined {
  return builtinAdapters.find((a) => a.wantsPath(path) && a.accepts(path, text));
}

/** Lints in-memory project files with corslint's real pipeline (recommended rules, no config). */
export async function lintProject(files: { path: string; text: string }[], config: { trustedOrigins?: string[] } = {}): Promise<LintedProject> {
  const result = await lint({ files, config, cwd: '/', configDir: '/' });
  const byPath = new Map(files.map((f) => [f.path, f.text]));
  return {
    policies: result.models.flatMap((m) => [...m.policies]),
    findings: result.findings,
    async profileFor(policy) {
      const text = byPath.get(policy.span.file);
      const adapter = text === undefined ? undefined : adapterFor(policy.span.file, text);
      if (!adapter?.wire) throw new Error(`no wire profile for ${policy.stack} (${policy.span.file})`);
      return adapter.wire();
    },
  };
}

/** Where the per-file counts go; `scripts/truth.js` sums them for the last line. */
const TALLY_FILE = process.env.CORSLINT_TRUTH_TALLY;

export const tally = {
  record(stack: string, kind: 'server' | 'browser', pairs: number, mismatches: number): void {
    if (TALLY_FILE) appendFileSync(TALLY_FILE, `${JSON.stringify({ stack, kind, pairs, mismatches })}\n`);
  },
};

function describeRequest(req: SimRequest): string {
  const origin = req.origin === undefined ? '(no Origin)' : req.origin;
  return `${req.method} ${req.path ?? '/'} Origin: ${origin}${req.headers.length ? ` headers: ${req.headers.join(',')}` : ''}${req.credentials ? ' credentials' : ''}`;
}

export interface MatrixRun {
  stack: string;
  /** Names the configuration in mismatch reports (e.g. the fixture or case name). */
  config: string;
  baseUrl: string;
  policy: CorsPolicy;
  profile: WireProfile;
  requests: SimRequest[];
}

/**
 * Sends every request of the matrix to the real server — the preflight when the browser would send
 * one, and the actual request — compares each response with the profile's prediction, records the
 * pair count, and returns one readable report per mismatch.
 */
export async function runMatrix(run: MatrixRun): Promise<string[]> {
  const { needsPreflight } = await import('../../src/simulate/fetch.js');
  const reports: string[] = [];
  let pairs = 0;
  const check = (kind: string, req: SimRequest, expected: SimResponse, actual: HttpResult): void => {
    pairs++;
    const diffs = compareResponses(expected, actual);
    if (diffs.length > 0) {
      reports.push(
        [
          `${run.stack} ${run.config} — ${kind} ${describeRequest(req)}`,
          ...diffs.map((d) => `  ${d}`),
          `  predicted: ${expected.status} ${JSON.stringify(expected.headers)}`,
          `  real:      ${actual.status} ${JSON.stringify(actual.headers)}`,
        ].join('\n'),
      );
    }
  };
  for (const req of run.requests) {
    if (needsPreflight(req)) check('preflight', req, run.profile.preflight(run.policy, req), await sendPreflight(run.baseUrl, req));
    check('actual', req, run.profile.actual(run.policy, req), await sendActual(run.baseUrl, req));
  }
  tally.record(run.stack, 'server', pairs, reports.length);
  return reports;
}
