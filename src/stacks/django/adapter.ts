// Routing for Django settings (django-cors-headers): by path and cheap text tests, before the Python grammar loads.
import type { StackAdapter } from '../../model/adapter.js';

/** A module inside a `settings/` package, or a `settings.py`: star imports there link split settings. */
const SETTINGS_PATH = /(?:^|\/)settings(?:\.py|\/[^/]+\.py)$/;

/** A `CORS_*` name standing on its own (`BACKEND_CORS_ORIGINS` in a pydantic settings class is not one). */
const SETTING = /\bCORS_[A-Z]/;

/**
 * Django settings that configure django-cors-headers (`CORS_*` settings, `corsheaders` in
 * `MIDDLEWARE`/`INSTALLED_APPS`), modules with `check_request_enabled` receivers, and settings
 * modules that star-import others (a `production.py` that only sets DEBUG still decides which
 * values are in effect).
 */
export const django: StackAdapter = {
  id: 'django',
  name: 'Django settings (django-cors-headers)',
  wantsPath: (path) => path.endsWith('.py'),
  // SETTING needs `CORS_`; a settings module that only star-imports needs `import *`.
  contentHints: ['corsheaders', 'check_request_enabled', 'CORS_', 'import *'],
  accepts: (path, text) =>
    text.includes('corsheaders') || text.includes('check_request_enabled') || SETTING.test(text) || (SETTINGS_PATH.test(path) && text.includes('import *')),
  load: async () => (await import('./analyze.js')).djangoParser,
};
