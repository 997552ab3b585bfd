// origin-allowlist-overridden: an allow-list (or a whole rule) has no effect because something else wins.
import { defineRule } from '../src/rule-api/index.js';

export default defineRule({
  id: 'origin-allowlist-overridden',
  meta: {
    summary: 'An origin allow-list has no effect because another setting wins',
    severity: 'low',
    recommended: true,
    messages: { overridden: '{reason}; the allow-list at line {deadLine} has no effect' },
    docs: {
      why:
        'A carefully written allow-list suggests that only those origins are trusted, but another part of the configuration decides first: django-cors-headers\' allow-all setting beats `CORS_ALLOWED_ORIGINS`, a new setting name hides a legacy one, and S3 uses the first rule that matches, so a rule allowing every origin before a narrower one makes the narrow one dead. Reviewers read the allow-list and miss what is really in effect.',
      fix: 'Remove the setting or rule that wins, or the dead allow-list, so that the configuration says once what is trusted. For S3, put narrow rules before broad ones.',
      examples: [
        {
          stack: 's3',
          kind: 'bad',
          code: '[\n  { "AllowedOrigins": ["*"], "AllowedMethods": ["GET", "PUT"] },\n  { "AllowedOrigins": ["https://app.example.com"], "AllowedMethods": ["PUT"] }\n]\n',
        },
        {
          stack: 's3',
          kind: 'good',
          code: '[\n  { "AllowedOrigins": ["https://app.example.com"], "AllowedMethods": ["PUT"] },\n  { "AllowedOrigins": ["*"], "AllowedMethods": ["GET"] }\n]\n',
        },
        { stack: 'django', kind: 'bad', code: 'CORS_ALLOW_ALL_ORIGINS = True\nCORS_ALLOWED_ORIGINS = ["https://app.example.com"]\n' },
        { stack: 'django', kind: 'good', code: 'CORS_ALLOWED_ORIGINS = ["https://app.example.com"]\n' },
      ],
      references: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/ManageCorsUsing.html'],
    },
  },
  *check(policy, ctx) {
    for (const o of policy.overrides ?? []) {
      yield ctx.finding('overridden', o.winner, {
        data: { reason: o.reason, deadLine: o.dead.line },
        related: [{ span: o.dead, message: 'has no effect' }],
        policy,
      });
    }
  },
});
