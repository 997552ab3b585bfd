// vary-origin-missing: the allow-origin value depends on the request Origin but `Vary: Origin` is not sent.
import { defineRule } from '../src/rule-api/index.js';
import type { CorsPolicy } from '../src/rule-api/index.js';

/** Whether the allow-origin value (or its presence) depends on the request's Origin. */
function dependsOnOrigin(policy: CorsPolicy): boolean {
  if (policy.originDependent !== undefined) return policy.originDependent;
  const kinds = policy.origins.map((o) => o.value.kind);
  return kinds.some((k) => k === 'reflect' || k === 'pattern' || k === 'predicate') || kinds.length > 1;
}

export default defineRule({
  id: 'vary-origin-missing',
  meta: {
    summary: 'The allow-origin value depends on the request Origin but Vary: Origin is not sent',
    severity: 'medium',
    recommended: true,
    messages: {
      missing:
        'Access-Control-Allow-Origin depends on the request Origin but "Vary: Origin" is not sent: a shared cache (CDN, proxy_cache) can serve one origin\'s answer to another, so browsers see the wrong or no allow-origin value',
    },
    docs: {
      why:
        'When the server echoes the request origin, or sends the header only to listed origins, the response differs per `Origin`. Without `Vary: Origin` a CDN or reverse-proxy cache stores one variant and serves it to everyone: other allowed sites get a response naming a different origin (and fail), and a cached answer can be reused for an attacker\'s origin in cache-poisoning setups. The Fetch standard asks for `Vary: Origin` whenever the value is not `*` or a constant.',
      fix: 'Send `Vary: Origin` on every response whose allow-origin value is computed (in nginx: `add_header Vary Origin always;` next to the CORS headers).',
      examples: [
        {
          stack: 'nginx',
          kind: 'bad',
          code: 'map $http_origin $cors_origin {\n    default "";\n    "https://app.example.com" $http_origin;\n}\nserver {\n    listen 80;\n    add_header Access-Control-Allow-Origin $cors_origin always;\n}\n',
        },
        {
          stack: 'nginx',
          kind: 'good',
          code: 'map $http_origin $cors_origin {\n    default "";\n    "https://app.example.com" $http_origin;\n}\nserver {\n    listen 80;\n    add_header Access-Control-Allow-Origin $cors_origin always;\n    add_header Vary Origin always;\n}\n',
        },
        {
          stack: 'express',
          kind: 'bad',
          code: 'const http = require(\'http\');\n\nconst ALLOWED = [\'https://app.example.com\'];\nhttp.createServer((req, res) => {\n  const origin = req.headers.origin;\n  if (ALLOWED.includes(origin)) res.setHeader(\'Access-Control-Allow-Origin\', origin);\n  res.end();\n}).listen(3000);\n',
        },
        {
          stack: 'express',
          kind: 'good',
          code: 'const http = require(\'http\');\n\nconst ALLOWED = [\'https://app.example.com\'];\nhttp.createServer((req, res) => {\n  const origin = req.headers.origin;\n  if (ALLOWED.includes(origin)) res.setHeader(\'Access-Control-Allow-Origin\', origin);\n  res.setHeader(\'Vary\', \'Origin\');\n  res.end();\n}).listen(3000);\n',
        },
      ],
      references: ['https://fetch.spec.whatwg.org/#cors-protocol-and-http-caches', 'https://portswigger.net/web-security/cors'],
    },
  },
  *check(policy, ctx) {
    if (policy.varyOrigin?.value !== false || policy.origins.length === 0 || !dependsOnOrigin(policy)) return;
    const at = policy.headerEmitters?.[0]?.span ?? policy.origins[0].span;
    yield ctx.finding('missing', at, { policy });
  },
});
