// policy-unverifiable: the origin list or the credentials flag is computed at run time, with no default in sight.
import { defineRule } from '../src/rule-api/index.js';

export default defineRule({
  id: 'policy-unverifiable',
  meta: {
    summary: 'The allowed origins or the credentials flag are computed at run time, so they cannot be checked',
    severity: 'info',
    recommended: true,
    messages: {
      origins: 'the allowed origins come from "{expression}", computed at run time with no default visible here, so no origin rule can check them',
      credentials: 'whether credentials are allowed comes from code computed at run time with no default visible here, so the origin rules assume the least dangerous case',
    },
    docs: {
      why:
        'When the allow-list is read from an environment variable or another module without a default in the code, corslint cannot see which origins are trusted: a deployment could set `*`, `null` or an unanchored pattern and no rule would notice. This finding says where the analysis stopped, so that a clean report is not mistaken for a verified one.',
      fix: 'Give the run-time value a safe default in the code (`env.list("CORS_ALLOWED_ORIGINS", default=["https://app.example.com"])`), or list the intended origins in corslint\'s `trustedOrigins` setting and check the deployed value separately.',
      examples: [
        { stack: 'django', kind: 'bad', code: 'import os\n\nCORS_ALLOWED_ORIGINS = os.environ["CORS_ALLOWED_ORIGINS"].split(",")\n' },
        { stack: 'django', kind: 'good', code: 'import os\n\nCORS_ALLOWED_ORIGINS = os.environ.get("CORS_ALLOWED_ORIGINS", "https://app.example.com").split(",")\n' },
        {
          stack: 'fastapi',
          kind: 'bad',
          code: 'from fastapi import FastAPI\nfrom fastapi.middleware.cors import CORSMiddleware\n\nfrom .config import settings\n\napp = FastAPI()\napp.add_middleware(CORSMiddleware, allow_origins=settings.cors_origins)\n',
        },
        {
          stack: 'fastapi',
          kind: 'good',
          code: 'from fastapi import FastAPI\nfrom fastapi.middleware.cors import CORSMiddleware\n\napp = FastAPI()\napp.add_middleware(CORSMiddleware, allow_origins=["https://app.example.com"])\n',
        },
        {
          stack: 'flask',
          kind: 'bad',
          code: 'import os\n\nfrom flask import Flask\nfrom flask_cors import CORS\n\napp = Flask(__name__)\nCORS(app, origins=os.environ["CORS_ORIGINS"].split(","))\n',
        },
        {
          stack: 'flask',
          kind: 'good',
          code: 'import os\n\nfrom flask import Flask\nfrom flask_cors import CORS\n\napp = Flask(__name__)\nCORS(app, origins=os.environ.get("CORS_ORIGINS", "https://app.example.com").split(","))\n',
        },
      ],
    },
  },
  *check(policy, ctx) {
    // Only when nothing about the origins is known: a partly known list can still be checked.
    const unknown = policy.origins.filter((o) => o.value.kind === 'unknown');
    if (unknown.length > 0 && unknown.length === policy.origins.length) {
      const first = unknown[0];
      const expression = first.value.kind === 'unknown' ? first.value.expression : '';
      yield ctx.finding('origins', first.span, { policy, data: { expression } });
    }
    if (policy.credentials.value === 'unknown') yield ctx.finding('credentials', policy.credentials.span, { policy });
  },
});
