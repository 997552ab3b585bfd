// origin-check-bypassable: a string check on the origin in code accepts an attacker origin.
import { defineRule } from '../src/rule-api/index.js';

/** Witness classes other rules report (reflection, null, dots, http, shared hosting). */
const OTHER_RULES = new Set(['unrelated', 'null', 'unescaped-dot', 'http-scheme', 'shared-host']);

export default defineRule({
  id: 'origin-check-bypassable',
  meta: {
    summary: 'An origin check in code can be bypassed with a crafted origin',
    severity: 'medium',
    recommended: true,
    raisedByCredentials: true,
    messages: {
      bypass: '"{witness}" passes the origin check: {reason}',
    },
    docs: {
      why:
        'Origin callbacks often test the origin with string methods: `origin.includes("example.com")`, `origin.indexOf("example.com") !== -1`, `origin.startsWith("https://example.com")`, `origin.endsWith("example.com")`. Each accepts origins an attacker can register: `https://example.com.evil.net` passes the first three, `https://evilexample.com` the last. The check runs on every request, so the bypass gives the attacker whatever the policy grants trusted origins.',
      fix: 'Compare whole origins: `allowed.includes(origin)` over a list of full origins, a `Set`, or `===`. For subdomains, parse the origin with `new URL(origin)` and test `url.protocol === "https:"` and `url.hostname === "example.com" || url.hostname.endsWith(".example.com")`.',
      examples: [
        {
          stack: 'express',
          kind: 'bad',
          code: 'const express = require(\'express\');\nconst cors = require(\'cors\');\n\nconst app = express();\napp.use(cors({\n  origin: (origin, callback) => callback(null, origin.endsWith(\'example.com\')),\n  credentials: true,\n}));\n',
        },
        {
          stack: 'express',
          kind: 'good',
          code: 'const express = require(\'express\');\nconst cors = require(\'cors\');\n\nconst app = express();\nconst ALLOWED = [\'https://app.example.com\', \'https://admin.example.com\'];\napp.use(cors({\n  origin: (origin, callback) => callback(null, ALLOWED.includes(origin)),\n  credentials: true,\n}));\n',
        },
      ],
      references: ['https://portswigger.net/web-security/cors#errors-parsing-origin-headers'],
    },
  },
  *check(policy, ctx) {
    for (const origin of policy.origins) {
      const rule = origin.value;
      if (rule.kind !== 'predicate') continue;
      const analysis = ctx.analyseOrigin(rule);
      if (analysis.acceptsEverything || analysis.witnesses.some((w) => w.class === 'unrelated')) continue;
      const witness = analysis.witnesses.find((w) => !OTHER_RULES.has(w.class));
      if (!witness) continue;
      yield ctx.finding('bypass', origin.span, { policy, value: origin, witness: witness.origin, data: { witness: witness.origin, reason: witness.reason } });
    }
  },
});
