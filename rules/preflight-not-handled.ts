// preflight-not-handled: non-simple requests are advertised but an OPTIONS preflight gets no CORS answer.
import { defineRule } from '../src/rule-api/index.js';
import type { HeaderList } from '../src/rule-api/index.js';

/** Methods a browser sends without a preflight (fetch.bs "CORS-safelisted method"), plus OPTIONS itself. */
const SIMPLE_METHODS = new Set(['GET', 'HEAD', 'POST', 'OPTIONS']);
/**
 * Request headers that never need a preflight whatever their value (fetch.bs "CORS-safelisted
 * request-header"). `Content-Type` is safelisted only for form and text values, so listing it
 * means the client sends another type (`application/json`) and a preflight.
 */
const SIMPLE_HEADERS = new Set(['accept', 'accept-language', 'content-language']);

function nonSimple(list: HeaderList | undefined, simple: (name: string) => boolean): boolean {
  if (list === undefined) return false;
  if (list === '*' || list === 'reflect') return true;
  return list.some((name) => !simple(name));
}

export default defineRule({
  id: 'preflight-not-handled',
  meta: {
    summary: 'Non-simple requests are advertised but OPTIONS preflights get no CORS answer',
    severity: 'medium',
    recommended: true,
    messages: {
      notHandled:
        'non-simple requests are advertised here ({what}) but nothing answers their OPTIONS preflight with CORS headers and a 2xx status: browsers never send the actual requests',
    },
    docs: {
      why:
        'Before a request with a method other than GET/HEAD/POST or with non-safelisted headers (`Authorization`, `Content-Type: application/json`, custom headers), the browser sends an OPTIONS preflight and proceeds only if that answer has a 2xx status and the CORS headers. Advertising such methods and headers on the actual responses does nothing when the OPTIONS request itself ends in a 404/405 (nginx serving static files answers OPTIONS with 405) or reaches no one who adds the headers.',
      fix: 'Answer OPTIONS where the CORS headers are set: in nginx, `if ($request_method = OPTIONS) { … return 204; }` repeating every CORS header in that block, or pass the request to the application that handles preflights (`proxy_pass`).',
      examples: [
        {
          stack: 'nginx',
          kind: 'bad',
          code: 'server {\n    listen 80;\n    location /files/ {\n        root /srv;\n        add_header Access-Control-Allow-Origin "https://app.example.com" always;\n        add_header Access-Control-Allow-Methods "GET, PUT, DELETE" always;\n    }\n}\n',
        },
        {
          stack: 'nginx',
          kind: 'good',
          code: 'server {\n    listen 80;\n    location /files/ {\n        root /srv;\n        add_header Access-Control-Allow-Origin "https://app.example.com" always;\n        add_header Access-Control-Allow-Methods "GET, PUT, DELETE" always;\n        if ($request_method = OPTIONS) {\n            add_header Access-Control-Allow-Origin "https://app.example.com";\n            add_header Access-Control-Allow-Methods "GET, PUT, DELETE";\n            return 204;\n        }\n    }\n}\n',
        },
        {
          stack: 'express',
          kind: 'bad',
          code: 'const express = require(\'express\');\nconst cors = require(\'cors\');\n\nconst app = express();\napp.put(\'/items/:id\', cors({ origin: \'https://app.example.com\' }), (req, res) => res.json({ ok: true }));\n',
        },
        {
          stack: 'express',
          kind: 'good',
          code: 'const express = require(\'express\');\nconst cors = require(\'cors\');\n\nconst app = express();\nconst corsOptions = { origin: \'https://app.example.com\' };\napp.options(\'/items/:id\', cors(corsOptions));\napp.put(\'/items/:id\', cors(corsOptions), (req, res) => res.json({ ok: true }));\n',
        },
      ],
      references: ['https://fetch.spec.whatwg.org/#cors-preflight-fetch', 'https://developer.mozilla.org/en-US/docs/Glossary/Preflight_request'],
    },
  },
  *check(policy, ctx) {
    if (policy.preflight?.value !== 'not-handled' || policy.origins.length === 0) return;
    const methods = nonSimple(policy.allowMethods?.value, (m) => SIMPLE_METHODS.has(m));
    const headers = nonSimple(policy.allowHeaders?.value, (h) => SIMPLE_HEADERS.has(h.toLowerCase()));
    const advertised = methods ? policy.allowMethods : headers ? policy.allowHeaders : undefined;
    if (!advertised) return;
    const what = methods ? 'methods beyond GET, HEAD and POST' : 'request headers that need a preflight';
    yield ctx.finding('notHandled', advertised.span, { policy, data: { what }, related: [{ span: policy.preflight.span, message: 'OPTIONS requests end here' }] });
  },
});
