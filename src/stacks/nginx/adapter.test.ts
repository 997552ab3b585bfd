// Routing of the nginx adapter: which paths it wants and which contents it accepts.
import { describe, expect, it } from 'vitest';
import { nginx } from './adapter.js';

describe('nginx adapter routing', () => {
  it('wants nginx paths by name and by conventional folder', () => {
    for (const path of ['nginx.conf', 'deploy/nginx.conf', 'site.conf', 'default.conf.template', 'api.nginx', 'conf.d/x', 'etc/nginx/sites-enabled/default', 'a/vhost.d/b.com', 'snippets/cors']) {
      expect(nginx.wantsPath(path), path).toBe(true);
    }
    for (const path of ['nginx.conf.bak', 'conf.json', 'README.md', 'confd/x', 'my-snippets.txt']) {
      expect(nginx.wantsPath(path), path).toBe(false);
    }
  });

  it('accepts nginx content that may matter for CORS, including files that only include others', () => {
    expect(nginx.accepts('site.conf', 'server {\n  listen 80;\n  include snippets/cors.conf;\n}\n')).toBe(true);
    expect(nginx.accepts('snippets/cors.conf', 'add_header Access-Control-Allow-Origin $http_origin;\n')).toBe(true);
  });

  it('skips other .conf formats and nginx files without anything CORS-related', () => {
    expect(nginx.accepts('site.conf', '<VirtualHost *:80>\n  Header set Access-Control-Allow-Origin "*"\n</VirtualHost>\n')).toBe(false);
    expect(nginx.accepts('supervisord.conf', '[program:cors]\ncommand=/bin/cors\n')).toBe(false);
    expect(nginx.accepts('gzip.conf', 'gzip on;\ngzip_types text/css;\n')).toBe(false);
  });
});
