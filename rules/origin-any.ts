// origin-any: every website can read the responses (a literal `*`, or any origin echoed back), without credentials.
import { allowsAmbientCredentials, defineRule } from '../src/rule-api/index.js';

export default defineRule({
  id: 'origin-any',
  meta: {
    summary: 'Any website can read the responses (without credentials)',
    severity: 'low',
    recommended: true,
    messages: {
      wildcard: 'Access-Control-Allow-Origin is "*": every website can read these responses (without cookies)',
      reflect: 'the request Origin is echoed back unconditionally: every website can read these responses (credentials are not allowed)',
      acceptsAll: '{value} accepts any origin (for example "{witness}") and echoes it back: every website can read these responses',
    },
    docs: {
      why:
        'Allowing every origin makes every response readable by any page a visitor opens. Without credentials the browser sends no cookies, so only what an anonymous request can fetch is exposed — which still matters for APIs that trust the network position of the caller (intranet services, IP allow-lists, anything reachable from the visitor\'s machine but not from the internet). Public, read-only assets are the exception: on storage buckets a literal `*` is the right answer and is not reported.',
      fix: 'List the origins that need access. If the resource really is public, keep `*` and disable this rule for that file with a `corslint-ignore origin-any -- <reason>` comment or an override in the config.',
      examples: [
        { stack: 's3', kind: 'bad', code: '[\n  { "AllowedOrigins": ["https://*"], "AllowedMethods": ["GET"] }\n]\n' },
        { stack: 's3', kind: 'good', code: '[\n  { "AllowedOrigins": ["https://app.example.com"], "AllowedMethods": ["GET"] }\n]\n' },
        { stack: 's3', kind: 'good', code: '[\n  { "AllowedOrigins": ["*"], "AllowedMethods": ["GET", "HEAD"] }\n]\n' },
        { stack: 'nginx', kind: 'bad', code: 'server {\n    listen 80;\n    location /api/ {\n        add_header Access-Control-Allow-Origin "*" always;\n        proxy_pass http://127.0.0.1:3000;\n    }\n}\n' },
        { stack: 'nginx', kind: 'good', code: 'server {\n    listen 80;\n    location /api/ {\n        add_header Access-Control-Allow-Origin "https://app.example.com" always;\n        proxy_pass http://127.0.0.1:3000;\n    }\n}\n' },
        {
          stack: 'express',
          kind: 'bad',
          code: 'const express = require(\'express\');\nconst cors = require(\'cors\');\n\nconst app = express();\napp.use(cors());\n',
        },
        {
          stack: 'express',
          kind: 'good',
          code: 'const express = require(\'express\');\nconst cors = require(\'cors\');\n\nconst app = express();\napp.use(cors({ origin: \'https://app.example.com\' }));\n',
        },
        { stack: 'flask', kind: 'bad', code: 'from flask import Flask\nfrom flask_cors import CORS\n\napp = Flask(__name__)\nCORS(app)\n' },
        { stack: 'flask', kind: 'good', code: 'from flask import Flask\nfrom flask_cors import CORS\n\napp = Flask(__name__)\nCORS(app, origins=["https://app.example.com"])\n' },
      ],
      references: ['https://fetch.spec.whatwg.org/#cors-check', 'https://portswigger.net/web-security/cors'],
    },
  },
  *check(policy, ctx) {
    // With ambient credentials the flaw is worse and other rules report it
    // (origin-reflected-with-credentials, origin-wildcard-with-credentials).
    if (allowsAmbientCredentials(policy)) return;
    for (const origin of policy.origins) {
      const rule = origin.value;
      if (rule.kind === 'any') {
        // semantics.md §4.1: `*` on a storage bucket serves public assets and never grants
        // credentials; write methods are methods-write-from-any-origin's concern.
        if (policy.layer !== 'storage') yield ctx.finding('wildcard', origin.span, { policy, value: origin });
      } else if (rule.kind === 'reflect') {
        yield ctx.finding('reflect', origin.span, { policy, value: origin });
      } else if (rule.kind === 'pattern' || rule.kind === 'predicate') {
        const analysis = ctx.analyseOrigin(rule);
        const witness = analysis.witnesses.find((w) => w.class === 'unrelated');
        if (witness) {
          yield ctx.finding('acceptsAll', origin.span, {
            policy,
            value: origin,
            witness: witness.origin,
            data: { value: rule.kind === 'pattern' ? `"${rule.pattern}"` : 'the origin check', witness: witness.origin },
          });
        }
      }
    }
  },
});
