// Tests for nginx file detection and the CORS pre-filter: nginx files accepted, other formats' .conf files rejected.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { looksLikeNginx, mayHaveCors } from './detect.js';
import { parseNginx } from './parser.js';

const SERVER = 'server {\n    listen 80;\n    location /api/ { add_header Access-Control-Allow-Origin *; }\n}\n';

describe('looksLikeNginx', () => {
  it.each([
    ['nginx.conf', SERVER],
    ['deploy/nginx.conf', 'events {}\nhttp { include mime.types; }\n'],
    ['deploy/api.conf', SERVER],
    ['docker/default.conf.template', 'server {\n  listen ${PORT};\n}\n'],
    ['site.nginx', 'location / { return 204; }\n'],
    ['etc/nginx/sites-available/default', SERVER],
    ['etc/nginx/snippets/cors.conf', 'add_header Access-Control-Allow-Origin $http_origin always;\n'],
    ['etc/nginx/conf.d/gzip.conf', 'gzip on;\ngzip_types text/css;\n'],
    ['vhost.d/example.com', 'client_max_body_size 10m;\n'],
    ['fastcgi.conf', 'fastcgi_param  SCRIPT_FILENAME    $document_root$fastcgi_script_name;\n'],
  ])('accepts %s', (path, text) => {
    expect(looksLikeNginx(path, text)).toBe(true);
  });

  it.each([
    ['apache/site.conf', '<VirtualHost *:80>\n  Header set Access-Control-Allow-Origin "*"\n</VirtualHost>\n'],
    ['httpd/conf.d/ssl.conf', 'Listen 443 https\nSSLEngine on\n'],
    ['httpd.conf', 'LoadModule headers_module modules/mod_headers.so\n'],
    ['supervisor/conf.d/app.conf', '[program:app]\ncommand=/usr/bin/app\nautostart=true\n'],
    ['systemd/override.conf', '[Service]\nEnvironment=FOO=1\n'],
    ['fonts/local.conf', '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig></fontconfig>\n'],
    ['dnsmasq.conf', 'domain-needed\nbogus-priv\nserver=/example.com/10.0.0.1\n'],
    ['sysctl.conf', 'net.ipv4.ip_forward = 1\n'],
    ['logrotate.d/nginx.conf', '/var/log/nginx/*.log {\n  daily\n  rotate 14\n  missingok\n}\n'],
    ['named.conf', 'options {\n  directory "/var/cache/bind";\n};\ninclude "/etc/bind/zones.conf";\n'],
    ['resolv.conf', 'nameserver 1.1.1.1\n'],
    ['src/app.ts', SERVER],
    ['conf.d/empty.conf', ''],
  ])('rejects %s', (path, text) => {
    expect(looksLikeNginx(path, text)).toBe(false);
  });

  it('accepts every Debian stock nginx file it would be given', () => {
    const files = ['/etc/nginx/nginx.conf', '/etc/nginx/sites-available/default', '/etc/nginx/snippets/fastcgi-php.conf', '/etc/nginx/fastcgi.conf'];
    for (const f of files.filter((x) => existsSync(x))) {
      const text = readFileSync(f, 'utf8');
      expect({ f, ok: looksLikeNginx(f.slice(1), text) }).toEqual({ f, ok: true });
      expect(parseNginx(text, f).errors).toEqual([]);
    }
  });
});

describe('mayHaveCors', () => {
  it('keeps files that mention CORS, the Origin variable or headers-more', () => {
    expect(mayHaveCors('add_header access-control-allow-origin *;')).toBe(true);
    expect(mayHaveCors('if ($http_origin ~ x) { set $ok 1; }')).toBe(true);
    expect(mayHaveCors('map $x $CORS_ok { }')).toBe(true);
    expect(mayHaveCors("more_set_headers 'X: y';")).toBe(true);
  });

  it('keeps files whose include or add_header can change inherited CORS headers', () => {
    expect(mayHaveCors('server { location / { include snippets/headers.conf; } }')).toBe(true);
    expect(mayHaveCors('location / { add_header X-Frame-Options DENY; }')).toBe(true);
  });

  it('drops files that cannot affect CORS', () => {
    expect(mayHaveCors('gzip on;\ngzip_types text/css;\n')).toBe(false);
    expect(mayHaveCors('fastcgi_param SCRIPT_FILENAME $document_root$fastcgi_script_name;')).toBe(false);
  });
});
