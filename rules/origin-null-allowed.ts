// origin-null-allowed: the `null` origin is trusted (listed, accepted by a pattern, or implied).
import { defineRule } from '../src/rule-api/index.js';

export default defineRule({
  id: 'origin-null-allowed',
  meta: {
    summary: 'The null origin is trusted',
    severity: 'medium',
    recommended: true,
    raisedByCredentials: true,
    messages: {
      listed: 'the origin "null" is trusted: any website can send requests with Origin: null from a sandboxed iframe or a data: URL and read these responses',
      accepted: '{value} accepts the origin "null": any website can send requests with Origin: null from a sandboxed iframe and read these responses',
    },
    docs: {
      why:
        'Browsers send `Origin: null` from sandboxed iframes, `data:` and `file:` documents and after some cross-origin redirects. An attacker produces it at will with `<iframe sandbox="allow-scripts" srcdoc="…">`, so trusting `null` is trusting every website. Allow-lists often gain `null` to make local files or redirects work, and some stacks imply it: django-cors-headers treats an entry without a scheme (such as `"*"` in `CORS_ALLOWED_ORIGINS`) as matching only `null`.',
      fix: 'Remove `null` from the allow-list. Serve local test pages from `http://localhost` instead of `file:`, and avoid cross-origin redirect chains on CORS endpoints.',
      examples: [
        { stack: 'nginx', kind: 'bad', code: "server {\n    listen 80;\n    location /api/ {\n        add_header Access-Control-Allow-Origin \"null\" always;\n        proxy_pass http://127.0.0.1:3000;\n    }\n}\n" },
        { stack: 'nginx', kind: 'good', code: "server {\n    listen 80;\n    location /api/ {\n        add_header Access-Control-Allow-Origin \"https://app.example.com\" always;\n        proxy_pass http://127.0.0.1:3000;\n    }\n}\n" },
        {
          stack: 'express',
          kind: 'bad',
          code: 'const express = require(\'express\');\nconst cors = require(\'cors\');\n\nconst app = express();\napp.use(cors({ origin: [\'https://app.example.com\', \'null\'], credentials: true }));\n',
        },
        {
          stack: 'express',
          kind: 'good',
          code: 'const express = require(\'express\');\nconst cors = require(\'cors\');\n\nconst app = express();\napp.use(cors({ origin: [\'https://app.example.com\'], credentials: true }));\n',
        },
        { stack: 'django', kind: 'bad', code: 'CORS_ALLOWED_ORIGINS = ["*"]\nCORS_ALLOW_CREDENTIALS = True\n' },
        { stack: 'django', kind: 'good', code: 'CORS_ALLOWED_ORIGINS = ["https://app.example.com"]\nCORS_ALLOW_CREDENTIALS = True\n' },
      ],
      references: ['https://fetch.spec.whatwg.org/#origin-header', 'https://portswigger.net/web-security/cors#whitelisted-null-origin-value'],
    },
  },
  *check(policy, ctx) {
    for (const origin of policy.origins) {
      const rule = origin.value;
      if (rule.kind === 'null') {
        yield ctx.finding('listed', origin.span, { policy, value: origin, witness: 'null' });
      } else if (rule.kind === 'pattern' || rule.kind === 'predicate') {
        const analysis = ctx.analyseOrigin(rule);
        // A matcher that accepts every origin is reported as reflection or any-origin instead.
        if (analysis.acceptsEverything || analysis.witnesses.some((w) => w.class === 'unrelated')) continue;
        if (analysis.witnesses.some((w) => w.class === 'null')) {
          yield ctx.finding('accepted', origin.span, {
            policy,
            value: origin,
            witness: 'null',
            data: { value: rule.kind === 'pattern' ? `"${rule.pattern}"` : 'the origin check' },
          });
        }
      }
    }
  },
});
