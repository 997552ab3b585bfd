// Routing for nginx configuration: by path and cheap content tests, before the parser is loaded.
import type { StackAdapter } from '../../model/adapter.js';
import { looksLikeNginx, mayHaveCors } from './detect.js';

const NGINX_PATH = /(?:^|\/)(?:nginx\.conf|[^/]+\.conf|[^/]+\.conf\.template|[^/]+\.nginx)$|(?:^|\/)(?:conf\.d|sites-available|sites-enabled|vhost\.d|snippets)\//;

/**
 * nginx: `nginx.conf`, `*.conf`, `*.conf.template`, `*.nginx` and files under conf.d/,
 * sites-available/, sites-enabled/, vhost.d/ and snippets/, when the content looks like nginx (other
 * `.conf` formats are skipped without errors) and may take part in CORS. A file that does not
 * mention CORS itself but includes one that does is kept by the pre-filter (it mentions `include`);
 * included files are then read through the host, not through routing.
 */
export const nginx: StackAdapter = {
  id: 'nginx',
  name: 'nginx configuration',
  wantsPath: (path) => NGINX_PATH.test(path),
  accepts: (path, text) => mayHaveCors(text) && looksLikeNginx(path, text),
  load: async () => (await import('./analyze.js')).nginxParser,
};
