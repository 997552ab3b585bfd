// origin-never-matches: an allow-list entry that no browser Origin can ever equal.
import { defineRule, originNeverMatchesReason } from '../src/rule-api/index.js';

export default defineRule({
  id: 'origin-never-matches',
  meta: {
    summary: 'An allow-list entry can never match a browser\'s Origin',
    severity: 'low',
    recommended: true,
    messages: { never: '"{origin}" never matches: {reason}, so requests from that site are refused' },
    docs: {
      why:
        'Browsers send `Origin` in one exact form: lowercase `scheme://host`, a port only when it is not the default, and nothing after it. An allow-list entry with a trailing slash, a path, no scheme, an uppercase host, a default port or a literal `*` is compared with that form and never equals it, so the site you meant to allow gets CORS errors — and the usual "fix" under time pressure is to allow every origin.',
      fix: 'Write the entry exactly as the browser sends it: `https://app.example.com` (no trailing slash, lowercase, no `:443`). To allow subdomains, use the stack\'s pattern setting instead of a `*` in an exact list.',
      examples: [
        { stack: 's3', kind: 'bad', code: '[\n  { "AllowedOrigins": ["https://app.example.com/"], "AllowedMethods": ["GET"] }\n]\n' },
        { stack: 's3', kind: 'good', code: '[\n  { "AllowedOrigins": ["https://app.example.com"], "AllowedMethods": ["GET"] }\n]\n' },
        {
          stack: 'express',
          kind: 'bad',
          code: 'const express = require(\'express\');\nconst cors = require(\'cors\');\n\nconst app = express();\napp.use(cors({ origin: [\'https://app.example.com/\'] }));\n',
        },
        {
          stack: 'express',
          kind: 'good',
          code: 'const express = require(\'express\');\nconst cors = require(\'cors\');\n\nconst app = express();\napp.use(cors({ origin: [\'https://app.example.com\'] }));\n',
        },
      ],
      references: ['https://fetch.spec.whatwg.org/#origin-header'],
    },
  },
  *check(policy, ctx) {
    for (const origin of policy.origins) {
      const rule = origin.value;
      // A value the server sends as written is origin-value-invalid's concern (RULES.md).
      if (rule.kind !== 'exact' || rule.emitted) continue;
      const reason = originNeverMatchesReason(rule.origin, rule.comparison);
      if (reason) yield ctx.finding('never', origin.span, { policy, value: origin, data: { origin: rule.origin, reason } });
    }
  },
});
