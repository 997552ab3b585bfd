// Headless Chromium for the truth suite: pages on two loopback origins fetch from the server under test.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server as HttpServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './harness.js';

const CHROMIUM = '/usr/bin/chromium';

/**
 * Flags from issue #8: without the networking ones Chromium keeps trying to reach outside hosts,
 * which this machine cannot, and each attempt slows the run.
 */
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM);
}

export interface BrowserFetch {
  method: string;
  /** Request header names the page sets (values are placeholders). */
  headers: string[];
  credentials: boolean;
}

export interface BrowserHarness {
  /** The origin the configurations under test should trust. */
  pageOrigin: string;
  /** A second origin, trusted by nothing. */
  otherOrigin: string;
  /** Runs `fetch(url, …)` in a page of `fromOrigin`: allowed when the page can read the response. */
  fetchFrom(fromOrigin: string, url: string, init: BrowserFetch): Promise<{ allowed: boolean; detail: string }>;
}

async function pageServer(): Promise<{ origin: string; server: HttpServer }> {
  const port = await freePort();
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!doctype html><title>corslint truth page</title>');
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${port}`, server };
}

/**
 * Starts Chromium with a fresh profile and two page origins, runs `fn`, and always tears
 * everything down. Credentialed fetches carry a cookie (set for 127.0.0.1, which every port
 * shares), as they would on a real site: Starlette's answer depends on it.
 */
export async function withBrowser<T>(fn: (browser: BrowserHarness) => Promise<T>): Promise<T> {
  const { chromium } = await import('playwright-core');
  const pages = [await pageServer(), await pageServer()];
  const userDataDir = mkdtempSync(join(tmpdir(), 'corslint-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    timeout: 60_000,
  });
  try {
    await context.addCookies([{ name: 'corslint', value: '1', domain: '127.0.0.1', path: '/' }]);
    const page = context.pages()[0] ?? (await context.newPage());
    const messages: string[] = [];
    page.on('console', (m) => messages.push(m.text()));
    const harness: BrowserHarness = {
      pageOrigin: pages[0].origin,
      otherOrigin: pages[1].origin,
      async fetchFrom(fromOrigin, url, init) {
        if (new URL(page.url() === 'about:blank' ? 'http://x' : page.url()).origin !== fromOrigin) {
          await page.goto(`${fromOrigin}/`);
        }
        messages.length = 0;
        const outcome = await page.evaluate(
          async ({ url: target, method, headers, credentials }) => {
            const values: Record<string, string> = {};
            for (const name of headers) values[name] = name === 'content-type' ? 'application/json' : 'x';
            try {
              const res = await fetch(target, { method, headers: values, credentials: credentials ? 'include' : 'omit', mode: 'cors', cache: 'no-store' });
              return { allowed: true, detail: `status ${res.status}` };
            } catch (error) {
              return { allowed: false, detail: String(error) };
            }
          },
          { url, method: init.method, headers: init.headers, credentials: init.credentials },
        );
        // Chromium explains a CORS failure only on the console; keep it for mismatch reports.
        await page.waitForTimeout(20);
        return { allowed: outcome.allowed, detail: [outcome.detail, ...messages].join(' | ') };
      },
    };
    return await fn(harness);
  } finally {
    await context.close();
    for (const p of pages) p.server.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }
}
