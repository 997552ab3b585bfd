// Routing for Flask-CORS: cheap text test before the Python grammar loads.
import type { StackAdapter } from '../../model/adapter.js';

/** Python modules that import flask-cors (`CORS(app, …)`, `@cross_origin(…)`). */
export const flask: StackAdapter = {
  id: 'flask',
  name: 'Flask-CORS',
  wantsPath: (path) => path.endsWith('.py'),
  contentHints: ['flask_cors'],
  accepts: (_path, text) => text.includes('flask_cors'),
  load: async () => (await import('./analyze.js')).flaskParser,
};
