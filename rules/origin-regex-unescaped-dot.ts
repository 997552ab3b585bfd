// origin-regex-unescaped-dot: an unescaped `.` in the host part lets a look-alike domain through.
import { defineRule } from '../src/rule-api/index.js';
import type { OriginRule, PredicateCheck } from '../src/rule-api/index.js';

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
        {
          stack: 'express',
          kind: 'bad',
          code: 'const express = require(\'express\');\nconst cors = require(\'cors\');\n\nconst app = express();\napp.use(cors({ origin: new RegExp(\'^https://app\\.example\\.com$\') }));\n',
        },
        {
          stack: 'express',
          kind: 'good',
          code: 'const express = require(\'express\');\nconst cors = require(\'cors\');\n\nconst app = express();\napp.use(cors({ origin: new RegExp(\'^https://app\\\\.example\\\\.com$\') }));\n',
        },
      ],
      references: ['https://portswigger.net/web-security/cors#errors-parsing-origin-headers'],
    },
  },
  *check(policy, ctx) {
    for (const origin of policy.origins) {
      const rule = origin.value;
      const escaped = withDotsEscaped(rule);
      if (!escaped) continue;
      const analysis = ctx.analyseOrigin(rule);
      if (analysis.acceptsEverything || analysis.witnesses.some((w) => w.class === 'unrelated')) continue;
      // The dot is the cause only when the same pattern with its dots escaped rejects the witness
      // (an unanchored `example\.com$` accepts `wwwxexample.com` because of the missing `^`).
      const check = ctx.analyseOrigin(escaped);
      const witness = analysis.witnesses.find((w) => w.class === 'unescaped-dot' && check.accepts(w.origin) === false);
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

/** `.` outside character classes and not escaped: any character in a regex. */
function escapeDots(source: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      out += c + (source[i + 1] ?? '');
      i++;
    } else if (inClass) {
      if (c === ']') inClass = false;
      out += c;
    } else if (c === '[') {
      inClass = true;
      out += c;
    } else out += c === '.' ? '\\.' : c;
  }
  return out;
}

/** The rule with every regex dot escaped, or undefined when it has no regex dots to blame. */
function withDotsEscaped(rule: OriginRule): OriginRule | undefined {
  if (rule.kind === 'pattern') {
    if (rule.flavor === 's3-glob') return undefined; // globs have no regex dots
    const pattern = escapeDots(rule.pattern);
    return pattern === rule.pattern ? undefined : { ...rule, pattern };
  }
  if (rule.kind === 'predicate') {
    const escape = (c: PredicateCheck): PredicateCheck =>
      c.op === 'regex' ? { ...c, pattern: escapeDots(c.pattern) } : c.op === 'all' ? { ...c, checks: c.checks.map(escape) } : c;
    const checks = rule.checks.map(escape);
    return JSON.stringify(checks) === JSON.stringify(rule.checks) ? undefined : { ...rule, checks };
  }
  return undefined;
}
