// origin-wildcard-with-credentials: the literal `*` is sent with Access-Control-Allow-Credentials: true.
import { defineRule } from '../src/rule-api/index.js';

export default defineRule({
  id: 'origin-wildcard-with-credentials',
  meta: {
    summary: 'Access-Control-Allow-Origin "*" is sent together with Access-Control-Allow-Credentials: true',
    severity: 'medium',
    recommended: true,
    messages: {
      wildcard:
        'Access-Control-Allow-Origin is "*" while Access-Control-Allow-Credentials is true: browsers refuse every credentialed request (the wildcard never matches when cookies are sent), and the intent — any site reading responses with the visitor\'s cookies — is unsafe',
    },
    docs: {
      why:
        'The Fetch standard lets `*` match only requests made without credentials; with `credentials: "include"` (or `withCredentials`) the browser requires the exact origin and fails the request. So this combination breaks every credentialed call in every browser. It also shows the intent to let any website read responses with the visitor\'s cookies: a later "fix" that echoes the request origin instead turns a broken configuration into an exploitable one.',
      fix: 'Decide which it is. For credentialed requests, send the exact origin from an allow-list (and `Vary: Origin`); for public data, keep `*` and drop `Access-Control-Allow-Credentials`.',
      examples: [
        {
          stack: 'nginx',
          kind: 'bad',
          code: 'server {\n    listen 80;\n    add_header Access-Control-Allow-Origin "*" always;\n    add_header Access-Control-Allow-Credentials "true" always;\n}\n',
        },
        {
          stack: 'nginx',
          kind: 'good',
          code: 'server {\n    listen 80;\n    add_header Access-Control-Allow-Origin "*" always;\n}\n',
        },
        {
          stack: 'express',
          kind: 'bad',
          code: 'const express = require(\'express\');\nconst cors = require(\'cors\');\n\nconst app = express();\napp.use(cors({ origin: \'*\', credentials: true }));\n',
        },
        {
          stack: 'express',
          kind: 'good',
          code: 'const express = require(\'express\');\nconst cors = require(\'cors\');\n\nconst app = express();\napp.use(cors({ origin: \'https://app.example.com\', credentials: true }));\n',
        },
      ],
      references: ['https://fetch.spec.whatwg.org/#cors-check', 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Guides/CORS/Errors/CORSNotSupportingCredentials'],
    },
  },
  *check(policy, ctx) {
    if (policy.credentials.value !== true) return;
    for (const origin of policy.origins) {
      if (origin.value.kind !== 'any') continue;
      yield ctx.finding('wildcard', origin.span, {
        policy,
        value: origin,
        related: [{ span: policy.credentials.span, message: 'credentials are allowed here' }],
      });
    }
  },
});
