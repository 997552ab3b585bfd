// Routing for Node code (Express, Fastify, Koa, NestJS, plain http): by extension and a cheap text test.
import type { StackAdapter } from '../../model/adapter.js';

const JS_PATH = /\.(?:[cm]?[jt]s|[jt]sx)$/i;
const DECLARATION = /\.d\.[cm]?ts$/i;

/**
 * JavaScript and TypeScript sources (`.js .cjs .mjs .jsx .ts .cts .mts .tsx`, not `.d.ts`) that
 * mention `cors`, `Cors` or `CORS` (the packages, `enableCors`, NestJS's `{ cors }` option, `CORS_OPTIONS`) or an
 * `Access-Control-` header. One adapter covers every Node framework so that each file is parsed once;
 * the policies it produces carry the framework's stack id.
 */
export const express: StackAdapter = {
  id: 'express',
  name: 'Node.js (Express, Fastify, Koa, NestJS, hand-written headers)',
  wantsPath: (path) => JS_PATH.test(path) && !DECLARATION.test(path),
  contentHints: ['cors', 'Cors', 'CORS', 'Access-Control', 'access-control', 'ACCESS-CONTROL'],
  accepts: (_path, text) =>
    text.includes('cors') || text.includes('Cors') || text.includes('CORS') || text.includes('Access-Control') || text.includes('access-control') || text.includes('ACCESS-CONTROL'),
  load: async () => (await import('./analyze.js')).nodeParser,
};
