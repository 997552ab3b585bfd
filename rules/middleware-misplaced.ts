// middleware-misplaced: the CORS middleware is configured but not installed, or runs after handlers that answer first.
import { defineRule } from '../src/rule-api/index.js';

export default defineRule({
  id: 'middleware-misplaced',
  meta: {
    summary: 'The CORS middleware is not installed, or runs after handlers that can answer first',
    severity: 'medium',
    recommended: true,
    messages: {
      missing: 'CORS is configured but its middleware is not in this pipeline: no response carries CORS headers, so browsers block every cross-origin read',
      late: 'the CORS middleware runs after {names}, which can answer requests themselves (redirects, static files, errors): those responses get no CORS headers, so browsers report CORS errors for them, and a redirected preflight always fails',
    },
    docs: {
      why:
        'CORS headers are added by a middleware, so they are only on responses that pass through it. Settings for a middleware that is not installed do nothing. A middleware placed after one that can answer on its own — Django\'s `CommonMiddleware` (the `APPEND_SLASH` redirect), WhiteNoise (static files), a login redirect — never sees those responses: the browser gets a redirect or error without `Access-Control-Allow-Origin` and reports a CORS failure instead of the real problem. Preflights do not follow redirects at all, so a preflight that hits the `APPEND_SLASH` redirect always fails.',
      fix: 'Install the CORS middleware, as early as possible: for django-cors-headers put `"corsheaders.middleware.CorsMiddleware"` in `MIDDLEWARE` above `CommonMiddleware`, WhiteNoise and any middleware that can return a response.',
      examples: [
        {
          stack: 'django',
          kind: 'bad',
          code: 'MIDDLEWARE = [\n    "django.middleware.security.SecurityMiddleware",\n    "django.middleware.common.CommonMiddleware",\n    "corsheaders.middleware.CorsMiddleware",\n]\nCORS_ALLOWED_ORIGINS = ["https://app.example.com"]\n',
        },
        {
          stack: 'django',
          kind: 'bad',
          code: 'MIDDLEWARE = [\n    "django.middleware.security.SecurityMiddleware",\n    "django.middleware.common.CommonMiddleware",\n]\nCORS_ALLOWED_ORIGINS = ["https://app.example.com"]\n',
        },
        {
          stack: 'django',
          kind: 'good',
          code: 'MIDDLEWARE = [\n    "django.middleware.security.SecurityMiddleware",\n    "corsheaders.middleware.CorsMiddleware",\n    "django.middleware.common.CommonMiddleware",\n]\nCORS_ALLOWED_ORIGINS = ["https://app.example.com"]\n',
        },
        {
          stack: 'express',
          kind: 'bad',
          code: 'const express = require(\'express\');\nconst cors = require(\'cors\');\n\nconst app = express();\napp.get(\'/api/items\', (req, res) => res.json([]));\napp.use(cors({ origin: \'https://app.example.com\' }));\n',
        },
        {
          stack: 'express',
          kind: 'good',
          code: 'const express = require(\'express\');\nconst cors = require(\'cors\');\n\nconst app = express();\napp.use(cors({ origin: \'https://app.example.com\' }));\napp.get(\'/api/items\', (req, res) => res.json([]));\n',
        },
      ],
      references: ['https://github.com/adamchainz/django-cors-headers#setup', 'https://fetch.spec.whatwg.org/#cors-preflight-fetch'],
    },
  },
  *check(policy, ctx) {
    const m = policy.middleware;
    if (!m) return;
    if (!m.cors) {
      yield ctx.finding('missing', m.pipeline, { policy });
      return;
    }
    if (m.answeredEarlierBy.length === 0) return;
    yield ctx.finding('late', m.cors, {
      policy,
      data: { names: m.answeredEarlierBy.map((e) => e.name).join(', ') },
      related: m.answeredEarlierBy.map((e) => ({ span: e.span, message: 'can answer before the CORS middleware runs' })),
    });
  },
});
