// Routing for FastAPI / Starlette CORSMiddleware: cheap text test before the Python grammar loads.
import type { StackAdapter } from '../../model/adapter.js';

/**
 * Python modules that mention `CORSMiddleware` (FastAPI re-exports Starlette's class from
 * `fastapi.middleware.cors`): `app.add_middleware(CORSMiddleware, …)`, `Middleware(CORSMiddleware, …)`
 * lists and direct wrapping `CORSMiddleware(app, …)`.
 */
export const fastapi: StackAdapter = {
  id: 'fastapi',
  name: 'FastAPI / Starlette CORSMiddleware',
  wantsPath: (path) => path.endsWith('.py'),
  contentHints: ['CORSMiddleware'],
  accepts: (_path, text) => text.includes('CORSMiddleware'),
  load: async () => (await import('./analyze.js')).fastapiParser,
};
