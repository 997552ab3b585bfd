// origin-regex-unanchored: a pattern accepts an attacker origin because it lacks `^` or `$`.
import { defineRule } from '../src/rule-api/index.js';

/** Probe classes a missing anchor can let through (prefix: no `$`; suffix/substring: no `^`). */
const ANCHOR_CLASSES = new Set(['prefix', 'suffix', 'substring', 'path-query', 'special-char', 'untrusted-subdomain']);

export default defineRule({
  id: 'origin-regex-unanchored',
  meta: {
    summary: 'An origin pattern is not anchored and accepts attacker origins',
    severity: 'medium',
    recommended: true,
    raisedByCredentials: true,
    messages: {
      unanchored: '"{witness}" is accepted by {value}: {reason}',
    },
    docs: {
      why:
        'Origin patterns are matched differently per stack: Express and @fastify/cors test a RegExp unanchored, django-cors-headers and flask-cors use `re.match` (anchored at the start only), nginx `~` is an unanchored PCRE search, Starlette uses `fullmatch`. A pattern without `^` and `$` under an unanchored match accepts any origin that merely contains the trusted name — `https://app.example.com.attacker.net` is a domain anyone can register.',
      fix: 'Anchor the pattern at both ends and escape the dots: `^https://(www\\.)?example\\.com$`. Better, list the exact origins.',
      examples: [
        { stack: 'nginx', kind: 'bad', code: "server {\n    listen 80;\n    location /api/ {\n        if ($http_origin ~* \"^https://app\\.example\\.com\") {\n            add_header Access-Control-Allow-Origin $http_origin always;\n            add_header Vary Origin always;\n        }\n        proxy_pass http://127.0.0.1:3000;\n    }\n}\n" },
        { stack: 'nginx', kind: 'good', code: "server {\n    listen 80;\n    location /api/ {\n        if ($http_origin ~* \"^https://app\\.example\\.com$\") {\n            add_header Access-Control-Allow-Origin $http_origin always;\n            add_header Vary Origin always;\n        }\n        proxy_pass http://127.0.0.1:3000;\n    }\n}\n" },
        {
          stack: 'express',
          kind: 'bad',
          code: 'const express = require(\'express\');\nconst cors = require(\'cors\');\n\nconst app = express();\napp.use(cors({ origin: /^https:\\/\\/app\\.example\\.com/, credentials: true }));\n',
        },
        {
          stack: 'express',
          kind: 'good',
          code: 'const express = require(\'express\');\nconst cors = require(\'cors\');\n\nconst app = express();\napp.use(cors({ origin: /^https:\\/\\/app\\.example\\.com$/, credentials: true }));\n',
        },
        { stack: 'django', kind: 'bad', code: 'CORS_ALLOWED_ORIGIN_REGEXES = [r"^https://\\w+\\.example\\.com"]\n' },
        { stack: 'django', kind: 'good', code: 'CORS_ALLOWED_ORIGIN_REGEXES = [r"^https://\\w+\\.example\\.com$"]\n' },
        { stack: 'fastapi', kind: 'good', code: 'from fastapi import FastAPI\nfrom fastapi.middleware.cors import CORSMiddleware\n\napp = FastAPI()\napp.add_middleware(CORSMiddleware, allow_origin_regex=r"https://\\w+\\.example\\.com")\n' },
        { stack: 'flask', kind: 'bad', code: 'from flask import Flask\nfrom flask_cors import CORS\n\napp = Flask(__name__)\nCORS(app, origins=[r"https://app\\.example\\.com"])\n' },
      ],
      references: ['https://portswigger.net/web-security/cors#errors-parsing-origin-headers'],
    },
  },
  *check(policy, ctx) {
    for (const origin of policy.origins) {
      const rule = origin.value;
      if (rule.kind !== 'pattern' || rule.flavor === 's3-glob') continue;
      const analysis = ctx.analyseOrigin(rule);
      if (analysis.acceptsEverything || analysis.witnesses.some((w) => w.class === 'unrelated')) continue;
      // The witness is the anchor's fault when the same pattern anchored at both ends rejects it.
      const anchored = ctx.analyseOrigin({ ...rule, pattern: `^(?:${rule.pattern})$` });
      const witness = analysis.witnesses.find((w) => ANCHOR_CLASSES.has(w.class) && anchored.accepts(w.origin) === false);
      if (!witness) continue;
      yield ctx.finding('unanchored', origin.span, {
        policy,
        value: origin,
        witness: witness.origin,
        data: { witness: witness.origin, value: `"${rule.pattern}"`, reason: witness.reason },
      });
    }
  },
});
