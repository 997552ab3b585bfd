// Cheap string tests that decide whether a file is nginx configuration and whether it may matter for CORS.

/** Directories whose files are nginx configuration by convention (Debian, Docker images, nginx-proxy). */
const NGINX_DIRS = ['conf.d/', 'sites-available/', 'sites-enabled/', 'vhost.d/', 'snippets/'];

/** Only the head of a file is inspected; configuration files that matter declare themselves early. */
const HEAD = 64 * 1024;

/**
 * Content that is never valid nginx: Apache sections and CamelCase directives, INI/systemd/
 * supervisord section headers, XML (fontconfig), `key=value` lines (sysctl, dnsmasq, supervisord),
 * logrotate keywords, and BIND's `};` lines (nginx rejects a `;` after `}` with `unexpected ";"`;
 * a `};` inside a word such as `${port};` is fine, hence only whole lines).
 */
const NOT_NGINX = new RegExp(
  [
    String.raw`^[ \t]*</?(?:VirtualHost|Directory|DirectoryMatch|Files|FilesMatch|Location|LocationMatch|IfModule|IfDefine|Proxy)\b`,
    String.raw`^[ \t]*(?:LoadModule|ServerName|ServerAlias|DocumentRoot|RewriteEngine|RewriteRule|Listen|SSLEngine|Header[ \t]+(?:always[ \t]+)?(?:set|add|append|merge|unset|edit))\b`,
    String.raw`^[ \t]*\[[^\]\n]*\][ \t]*\r?$`,
    String.raw`^\s*<[?!]?[A-Za-z]`,
    String.raw`^[ \t]*[A-Za-z_][\w.-]*[ \t]*=`,
    String.raw`^[ \t]*(?:rotate[ \t]+\d+|missingok|notifempty|postrotate|endscript|copytruncate|delaycompress)[ \t]*\r?$`,
    String.raw`^[ \t]*\}[ \t]*;`,
  ].join('|'),
  'm',
);

/** Directive shapes that only nginx uses: a known block opener or a known simple directive ending in `;`. */
const NGINX_SIGNAL = new RegExp(
  [
    String.raw`^[ \t]*(?:server|location|http|events|upstream|map|geo|types|stream|if|limit_except)\b[^;{}\n]*\{`,
    String.raw`^[ \t]*(?:add_header|more_set_headers|more_clear_headers|proxy_pass|proxy_set_header|proxy_hide_header|listen|server_name|fastcgi_pass|fastcgi_param|uwsgi_pass|uwsgi_param|include|root|return|rewrite|try_files|worker_processes|ssl_certificate|error_page|access_log|error_log|expires|default_type|client_max_body_size|keepalive_timeout|sendfile|alias)[ \t][^\n]*;`,
  ].join('|'),
  'm',
);

/** A statement line: something ending in `;`, `{` or `}` (comments excluded by the leading class). */
const STATEMENT = /^[ \t]*[^#\s][^\n]*[;{}][ \t]*\r?$/m;

/**
 * Whether `path` (repository-relative, `/`-separated) with content `text` is nginx configuration.
 * Candidates by name: `nginx.conf`, `*.conf`, `*.conf.template`, `*.nginx`, and any file under
 * conf.d/, sites-available/, sites-enabled/, vhost.d/ or snippets/. Content then decides: files
 * showing another format's syntax are rejected; conventional nginx paths need any statement line,
 * other `.conf` files need an nginx-specific directive.
 */
export function looksLikeNginx(path: string, text: string): boolean {
  const p = '/' + path;
  const base = p.slice(p.lastIndexOf('/') + 1);
  const inNginxDir = NGINX_DIRS.some((d) => p.includes('/' + d));
  const strongName = base === 'nginx.conf' || base.endsWith('.nginx') || inNginxDir;
  if (!strongName && !base.endsWith('.conf') && !base.endsWith('.conf.template')) return false;
  const head = text.length > HEAD ? text.slice(0, HEAD) : text;
  if (NOT_NGINX.test(head)) return false;
  if (NGINX_SIGNAL.test(head)) return true;
  return strongName && STATEMENT.test(head);
}

/**
 * Cheap pre-filter: whether an nginx file may take part in a CORS policy. Besides CORS markers
 * (`Access-Control-`, `$http_origin`, anything named `cors`, headers-more), it keeps every file
 * with `include` or `add_header`: an including file supplies the server/location context of a
 * CORS snippet it includes, and any `add_header` in a location cancels the CORS headers it would
 * otherwise inherit from the file that includes it (ngx_http_headers_filter_module merge rules).
 * Dropping either kind would hide findings, so the filter errs on the side of parsing.
 */
export function mayHaveCors(text: string): boolean {
  return /access-control-|http_origin|cors|more_(?:set|clear)_headers|\binclude\b|\badd_header\b/i.test(text);
}
