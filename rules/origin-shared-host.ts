// origin-shared-host: every subdomain of a domain where anyone can get a subdomain is trusted.
import { defineRule } from '../src/rule-api/index.js';

export default defineRule({
  id: 'origin-shared-host',
  meta: {
    summary: 'Origins on a shared-hosting domain that anyone can register are trusted',
    severity: 'medium',
    recommended: true,
    raisedByCredentials: true,
    messages: {
      shared: '{value} accepts "{witness}": {reason}',
    },
    docs: {
      why:
        'Domains such as `vercel.app`, `github.io`, `herokuapp.com` or `run.app` hand out subdomains to anyone who signs up (they are listed in the private section of the Public Suffix List). A pattern that trusts every subdomain of such a domain — `*.vercel.app`, or a prefix like `proj-*.vercel.app` that an attacker can complete — trusts pages that an attacker can deploy in minutes.',
      fix: 'List the exact deployment origins you use (`https://myapp.vercel.app`), or serve the application from a domain you control and trust its subdomains instead.',
      examples: [
        { stack: 's3', kind: 'bad', code: '[\n  { "AllowedOrigins": ["https://*.vercel.app"], "AllowedMethods": ["GET"] }\n]\n' },
        { stack: 's3', kind: 'good', code: '[\n  { "AllowedOrigins": ["https://myapp.vercel.app"], "AllowedMethods": ["GET"] }\n]\n' },
        { stack: 'nginx', kind: 'bad', code: 'map $http_origin $cors_origin {\n    default "";\n    "~^https://[a-z0-9-]+\\.vercel\\.app$" $http_origin;\n}\nserver {\n    listen 80;\n    location /api/ {\n        add_header Access-Control-Allow-Origin $cors_origin always;\n        add_header Vary Origin always;\n        proxy_pass http://127.0.0.1:3000;\n    }\n}\n' },
        { stack: 'nginx', kind: 'good', code: 'map $http_origin $cors_origin {\n    default "";\n    "~^https://myapp\\.vercel\\.app$" $http_origin;\n}\nserver {\n    listen 80;\n    location /api/ {\n        add_header Access-Control-Allow-Origin $cors_origin always;\n        add_header Vary Origin always;\n        proxy_pass http://127.0.0.1:3000;\n    }\n}\n' },
      ],
      references: ['https://publicsuffix.org/list/'],
    },
  },
  *check(policy, ctx) {
    for (const origin of policy.origins) {
      const rule = origin.value;
      if (rule.kind !== 'pattern' && rule.kind !== 'predicate') continue;
      const witness = ctx.analyseOrigin(rule).witnesses.find((w) => w.class === 'shared-host');
      if (!witness) continue;
      yield ctx.finding('shared', origin.span, {
        policy,
        value: origin,
        witness: witness.origin,
        data: { value: rule.kind === 'pattern' ? `"${rule.pattern}"` : 'the origin check', witness: witness.origin, reason: witness.reason },
      });
    }
  },
});
