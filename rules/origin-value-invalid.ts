// origin-value-invalid: the Access-Control-Allow-Origin value sent can never pass the browser's check.
import { defineRule, splitOrigin } from '../src/rule-api/index.js';

/** Why an emitted value can never equal a serialized origin, in the shapes RULES.md names. */
function invalidReason(value: string): 'list' | 'wildcard' | 'path' | undefined {
  if (/[\s,]/.test(value.trim())) return 'list';
  if (value.includes('*')) return 'wildcard';
  const parts = splitOrigin(value);
  if (parts && parts.rest !== '') return 'path';
  return undefined;
}

export default defineRule({
  id: 'origin-value-invalid',
  meta: {
    summary: 'The Access-Control-Allow-Origin value sent can never pass the browser check',
    severity: 'medium',
    recommended: true,
    messages: {
      list: 'Access-Control-Allow-Origin is sent as "{value}": the header holds exactly one origin, so browsers compare the whole list with the request origin and fail every request',
      wildcard: 'Access-Control-Allow-Origin is sent as "{value}": a "*" inside an origin is not a pattern, so browsers compare it literally and fail every request',
      path: 'Access-Control-Allow-Origin is sent as "{value}": an origin has no path or trailing slash, so browsers fail every request',
    },
    docs: {
      why:
        'The browser accepts a response only if `Access-Control-Allow-Origin` is `*` or byte-for-byte equal to the serialized request origin (`scheme://host[:port]`, no path, no trailing slash). A list of origins, a wildcard subdomain such as `https://*.example.com`, or an origin with a path is sent as written and compared as one string, so it matches no request at all: every cross-origin call fails.',
      fix: 'Send exactly one origin. To allow several, pick the request origin from an allow-list on the server (an nginx `map` over `$http_origin` with `default ""`) and echo it, with `Vary: Origin`.',
      examples: [
        {
          stack: 'nginx',
          kind: 'bad',
          code: 'server {\n    listen 80;\n    add_header Access-Control-Allow-Origin "https://a.example.com, https://b.example.com" always;\n}\n',
        },
        {
          stack: 'nginx',
          kind: 'good',
          code: 'server {\n    listen 80;\n    add_header Access-Control-Allow-Origin "https://a.example.com" always;\n}\n',
        },
        {
          stack: 'express',
          kind: 'bad',
          code: 'const express = require(\'express\');\nconst cors = require(\'cors\');\n\nconst app = express();\napp.use(cors({ origin: \'https://a.example.com,https://b.example.com\' }));\n',
        },
        {
          stack: 'express',
          kind: 'good',
          code: 'const express = require(\'express\');\nconst cors = require(\'cors\');\n\nconst app = express();\napp.use(cors({ origin: [\'https://a.example.com\', \'https://b.example.com\'] }));\n',
        },
      ],
      references: ['https://fetch.spec.whatwg.org/#cors-check', 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Guides/CORS/Errors/CORSMultipleAllowOriginNotAllowed'],
    },
  },
  *check(policy, ctx) {
    // Only values that are sent as written. Allow-list entries that are compared with the request
    // origin are origin-never-matches' concern.
    for (const origin of policy.origins) {
      const rule = origin.value;
      if (rule.kind !== 'exact' || !rule.emitted) continue;
      const reason = invalidReason(rule.origin);
      if (reason) yield ctx.finding(reason, origin.span, { policy, value: origin, data: { value: rule.origin } });
    }
  },
});
