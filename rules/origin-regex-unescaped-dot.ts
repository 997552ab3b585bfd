// origin-regex-unescaped-dot: an unescaped `.` in the host part lets a look-alike domain through.
import { defineRule } from '../src/rule-api/index.js';

export default defineRule({
  id: 'origin-regex-unescaped-dot',
  meta: {
    summary: 'An unescaped dot in an origin pattern accepts look-alike domains',
    severity: 'medium',
    recommended: true,
    raisedByCredentials: true,
    messages: {
      dot: '"{witness}" is accepted by {value}: {reason}',
    },
    docs: {
      why:
        'In a regular expression `.` matches any character, so `^https://app.example.com$` also accepts `https://appxexample.com` — a different domain that an attacker can register. Because the pattern looks right when read quickly, this slips through review.',
      fix: 'Escape every dot in the host part: `^https://app\\.example\\.com$`. In a string that becomes a RegExp, the backslash itself must be escaped (`"app\\.example\\.com"`) or use a regex literal.',
      examples: [
        { stack: 'nginx', kind: 'bad', code: "server {\n    listen 80;\n    location /api/ {\n        if ($http_origin ~* \"^https://app.example.com$\") {\n            add_header Access-Control-Allow-Origin $http_origin always;\n            add_header Vary Origin always;\n        }\n        proxy_pass http://127.0.0.1:3000;\n    }\n}\n" },
        { stack: 'nginx', kind: 'good', code: "server {\n    listen 80;\n    location /api/ {\n        if ($http_origin ~* \"^https://app\\.example\\.com$\") {\n            add_header Access-Control-Allow-Origin $http_origin always;\n            add_header Vary Origin always;\n        }\n        proxy_pass http://127.0.0.1:3000;\n    }\n}\n" },
      ],
      references: ['https://portswigger.net/web-security/cors#errors-parsing-origin-headers'],
    },
  },
  *check(policy, ctx) {
    for (const origin of policy.origins) {
      const rule = origin.value;
      if (rule.kind !== 'pattern' && rule.kind !== 'predicate') continue;
      const analysis = ctx.analyseOrigin(rule);
      if (analysis.acceptsEverything || analysis.witnesses.some((w) => w.class === 'unrelated')) continue;
      const witness = analysis.witnesses.find((w) => w.class === 'unescaped-dot');
      if (!witness) continue;
      yield ctx.finding('dot', origin.span, {
        policy,
        value: origin,
        witness: witness.origin,
        data: { witness: witness.origin, value: rule.kind === 'pattern' ? `"${rule.pattern}"` : 'the origin check', reason: witness.reason },
      });
    }
  },
});
