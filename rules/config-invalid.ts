// config-invalid: the stack would reject or silently ignore part of the configuration.
import { defineRule } from '../src/rule-api/index.js';

export default defineRule({
  id: 'config-invalid',
  meta: {
    summary: 'The server or service would reject or ignore this configuration',
    severity: 'medium',
    recommended: true,
    messages: { invalid: '{reason}' },
    docs: {
      why:
        'Each stack has values it refuses or silently drops: S3 rejects origins with more than one `*`, methods outside GET/PUT/POST/DELETE/HEAD and more than 100 rules; Express `cors` ignores `credentials: \'true\'` (a string); nginx refuses directives in the wrong context. Either the deployment fails, or the policy in effect is not the one written, which is how CORS bugs reach production unnoticed.',
      fix: 'Use only the keys, types and values the stack accepts. The message names the value and what the stack expects instead.',
      examples: [
        { stack: 's3', kind: 'bad', code: '[\n  { "AllowedOrigins": ["https://app.example.com"], "AllowedMethods": ["GET", "OPTIONS"] }\n]\n' },
        { stack: 's3', kind: 'good', code: '[\n  { "AllowedOrigins": ["https://app.example.com"], "AllowedMethods": ["GET", "HEAD"] }\n]\n' },
        { stack: 'nginx', kind: 'bad', code: 'server {\n    listen 80;\n    if ($request_method = OPTIONS) {\n        add_header Access-Control-Allow-Origin "https://app.example.com";\n        return 204;\n    }\n}\n' },
        { stack: 'nginx', kind: 'good', code: 'server {\n    listen 80;\n    location / {\n        if ($request_method = OPTIONS) {\n            add_header Access-Control-Allow-Origin "https://app.example.com";\n            return 204;\n        }\n        proxy_pass http://127.0.0.1:3000;\n    }\n}\n' },
        {
          stack: 'express',
          kind: 'bad',
          code: 'const express = require(\'express\');\nconst cors = require(\'cors\');\n\nconst app = express();\napp.use(cors({ origin: \'https://app.example.com\', credentials: \'true\' }));\n',
        },
        {
          stack: 'express',
          kind: 'good',
          code: 'const express = require(\'express\');\nconst cors = require(\'cors\');\n\nconst app = express();\napp.use(cors({ origin: \'https://app.example.com\', credentials: true }));\n',
        },
        { stack: 'django', kind: 'bad', code: 'CORS_ALLOWED_ORIGINS = ["https://app.example.com"]\nCORS_ALLOW_CREDENTIALS = "true"\n' },
        { stack: 'django', kind: 'good', code: 'CORS_ALLOWED_ORIGINS = ["https://app.example.com"]\nCORS_ALLOW_CREDENTIALS = True\n' },
      ],
      references: ['https://docs.aws.amazon.com/AmazonS3/latest/API/API_CORSRule.html'],
    },
  },
  *checkFile(file, ctx) {
    for (const d of file.diagnostics) {
      if (d.ruleId === 'config-invalid') yield ctx.finding('invalid', d.span, { data: { reason: d.message }, related: d.related });
    }
  },
});
