// The harness itself must be able to fail: a comparison that always agrees, or a browser check that
// always allows, would make every other truth test pass vacuously.
import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, withBrowser } from './browser.js';
import { compareResponses, freePort, requestMatrix, requireRuntime, sendActual, sendPreflight } from './harness.js';

describe('compareResponses', () => {
  it('agrees on equal sets of list tokens whatever their case and order', () => {
    expect(compareResponses({ status: 204, headers: { 'access-control-allow-methods': ['GET,PUT'] } }, { status: 204, headers: { 'access-control-allow-methods': ['put, get'] } })).toEqual([]);
  });
  it('reports a missing header, a changed value, a second value and a status', () => {
    const diffs = compareResponses(
      { status: 200, headers: { 'access-control-allow-origin': ['https://a.example'], 'access-control-allow-credentials': ['true'] } },
      { status: 204, headers: { 'access-control-allow-origin': ['https://a.example', 'https://a.example'] } },
    );
    expect(diffs).toHaveLength(3);
    expect(diffs.join('\n')).toMatch(/status: predicted 200, real 204/);
    expect(diffs.join('\n')).toMatch(/access-control-allow-credentials/);
    expect(diffs.join('\n')).toMatch(/access-control-allow-origin/);
  });
  it('compares Vary only on the tokens CORS depends on', () => {
    expect(compareResponses({ status: 200, headers: { vary: ['Origin'] } }, { status: 200, headers: { vary: ['Accept-Encoding, Origin'] } })).toEqual([]);
    expect(compareResponses({ status: 200, headers: { vary: ['Origin'] } }, { status: 200, headers: { vary: ['Accept-Encoding'] } })).toHaveLength(1);
  });
});

describe('requestMatrix', () => {
  it('covers trusted, unrelated, null, missing and witness origins, with and without credentials', () => {
    const m = requestMatrix({ trusted: ['https://app.example.com'], witnesses: ['https://app.example.com.evil.net'] });
    const origins = new Set(m.map((r) => r.origin));
    expect(origins).toEqual(new Set(['https://app.example.com', 'https://unrelated.example.net', 'null', undefined, 'https://app.example.com.evil.net']));
    expect(m.filter((r) => r.credentials)).toHaveLength(m.length / 2);
    expect(m.some((r) => r.method === 'PUT' && r.headers.includes('x-custom'))).toBe(true);
  });
});

describe('HTTP and browser plumbing against a hand-written server', () => {
  let port = 0;
  const server = createServer((req, res) => {
    // `/allow` answers like a correct allow-list for any origin it is sent; `/none` sends nothing.
    if (req.url === '/allow' && req.headers.origin) {
      res.setHeader('Access-Control-Allow-Origin', req.headers.origin);
      res.setHeader('Access-Control-Allow-Credentials', 'true');
      res.setHeader('Vary', 'Origin');
    }
    if (req.method === 'OPTIONS') {
      res.setHeader('Access-Control-Allow-Methods', 'PUT');
      res.setHeader('Access-Control-Allow-Headers', 'x-custom, content-type');
      res.statusCode = 204;
    }
    res.end(req.headers.cookie ?? '');
  });
  beforeAll(async () => {
    port = await freePort();
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('sends preflights and actual requests and keeps only CORS headers', async () => {
    const base = `http://127.0.0.1:${port}`;
    const pre = await sendPreflight(`${base}`, { origin: 'https://a.example', method: 'PUT', headers: ['x-custom'], credentials: false, path: '/allow' });
    expect(pre.status).toBe(204);
    expect(pre.headers['access-control-allow-origin']).toEqual(['https://a.example']);
    const actual = await sendActual(base, { origin: 'https://a.example', method: 'GET', headers: [], credentials: true, path: '/none' });
    expect(actual.status).toBe(200);
    expect(actual.headers).toEqual({});
  });

  it.skipIf(!requireRuntime(chromiumAvailable(), 'Chromium (/usr/bin/chromium)'))('Chromium allows the echoed origin and blocks a response without one', async () => {
    await withBrowser(async (b) => {
      const base = `http://127.0.0.1:${port}`;
      const allowed = await b.fetchFrom(b.pageOrigin, `${base}/allow`, { method: 'PUT', headers: ['x-custom'], credentials: true });
      expect(allowed.allowed, allowed.detail).toBe(true);
      const blocked = await b.fetchFrom(b.pageOrigin, `${base}/none`, { method: 'GET', headers: [], credentials: false });
      expect(blocked.allowed, blocked.detail).toBe(false);
    });
  });
});
