// origin-reflected-with-credentials: any origin (including null) is echoed back while credentials are allowed.
import { allowsAmbientCredentials, defineRule } from '../src/rule-api/index.js';

export default defineRule({
  id: 'origin-reflected-with-credentials',
  meta: {
    summary: 'Any origin is echoed back while credentials are allowed',
    severity: 'high',
    recommended: true,
    messages: {
      reflect: 'the request Origin is echoed back and credentials are allowed: any website can send requests with the visitor\'s cookies and read the responses',
      acceptsAll: '{value} accepts any origin (for example "{witness}") and credentials are allowed: any website can send requests with the visitor\'s cookies and read the responses',
    },
    docs: {
      why:
        'Echoing the request `Origin` into `Access-Control-Allow-Origin` together with `Access-Control-Allow-Credentials: true` is the exploitable CORS misconfiguration: any page a logged-in user visits can call the API with the user\'s cookies and read the answers — account data, CSRF tokens, anything. `null` is echoed too, and any site can produce it from a sandboxed iframe. Several stacks do this for settings that look like a plain wildcard (django-cors-headers and Starlette with `*` plus credentials, flask-cors and @koa/cors defaults with credentials).',
      fix: 'Replace the echo with an explicit allow-list of trusted origins, compared exactly. If the API does not need cookies or HTTP authentication cross-origin, stop allowing credentials.',
      examples: [
        { stack: 'nginx', kind: 'bad', code: "server {\n    listen 80;\n    location /api/ {\n        add_header Access-Control-Allow-Origin $http_origin always;\n        add_header Access-Control-Allow-Credentials true always;\n        add_header Vary Origin always;\n        proxy_pass http://127.0.0.1:3000;\n    }\n}\n" },
        { stack: 'nginx', kind: 'good', code: "map $http_origin $cors_origin {\n    default \"\";\n    \"https://app.example.com\" $http_origin;\n}\nserver {\n    listen 80;\n    location /api/ {\n        add_header Access-Control-Allow-Origin $cors_origin always;\n        add_header Access-Control-Allow-Credentials true always;\n        add_header Vary Origin always;\n        proxy_pass http://127.0.0.1:3000;\n    }\n}\n" },
        {
          stack: 'express',
          kind: 'bad',
          code: 'const express = require(\'express\');\nconst cors = require(\'cors\');\n\nconst app = express();\napp.use(cors({ origin: true, credentials: true }));\n',
        },
        {
          stack: 'express',
          kind: 'good',
          code: 'const express = require(\'express\');\nconst cors = require(\'cors\');\n\nconst app = express();\napp.use(cors({ origin: [\'https://app.example.com\'], credentials: true }));\n',
        },
        { stack: 'django', kind: 'bad', code: 'CORS_ALLOW_ALL_ORIGINS = True\nCORS_ALLOW_CREDENTIALS = True\n' },
        { stack: 'django', kind: 'good', code: 'CORS_ALLOWED_ORIGINS = ["https://app.example.com"]\nCORS_ALLOW_CREDENTIALS = True\n' },
        { stack: 'fastapi', kind: 'bad', code: 'from fastapi import FastAPI\nfrom fastapi.middleware.cors import CORSMiddleware\n\napp = FastAPI()\napp.add_middleware(CORSMiddleware, allow_origins=["*"], allow_credentials=True)\n' },
        { stack: 'fastapi', kind: 'good', code: 'from fastapi import FastAPI\nfrom fastapi.middleware.cors import CORSMiddleware\n\napp = FastAPI()\napp.add_middleware(CORSMiddleware, allow_origins=["https://app.example.com"], allow_credentials=True)\n' },
        { stack: 'flask', kind: 'bad', code: 'from flask import Flask\nfrom flask_cors import CORS\n\napp = Flask(__name__)\nCORS(app, supports_credentials=True)\n' },
        { stack: 'flask', kind: 'good', code: 'from flask import Flask\nfrom flask_cors import CORS\n\napp = Flask(__name__)\nCORS(app, origins=["https://app.example.com"], supports_credentials=True)\n' },
      ],
      references: ['https://portswigger.net/web-security/cors', 'https://fetch.spec.whatwg.org/#cors-protocol-and-credentials'],
    },
  },
  *check(policy, ctx) {
    if (!allowsAmbientCredentials(policy)) return;
    const related = [{ span: policy.credentials.span, message: 'credentials are allowed here' }];
    for (const origin of policy.origins) {
      const rule = origin.value;
      if (rule.kind === 'reflect') {
        yield ctx.finding('reflect', origin.span, { policy, value: origin, related });
      } else if (rule.kind === 'pattern' || rule.kind === 'predicate') {
        const analysis = ctx.analyseOrigin(rule);
        const witness = analysis.witnesses.find((w) => w.class === 'unrelated');
        if (analysis.acceptsEverything || witness) {
          const shown = witness?.origin ?? 'https://evil.example';
          yield ctx.finding('acceptsAll', origin.span, {
            policy,
            value: origin,
            related,
            witness: shown,
            data: { value: rule.kind === 'pattern' ? `"${rule.pattern}"` : 'the origin check', witness: shown },
          });
        }
      }
    }
  },
});
