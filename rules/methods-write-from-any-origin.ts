// methods-write-from-any-origin: a storage bucket accepts write methods from every website.
import { defineRule } from '../src/rule-api/index.js';
import type { CorsPolicy, RuleContext } from '../src/rule-api/index.js';

const WRITE_METHODS = new Set(['PUT', 'POST', 'DELETE', 'PATCH']);

function anyOriginValue(policy: CorsPolicy, ctx: RuleContext<string, unknown>): string | undefined {
  for (const o of policy.origins) {
    const rule = o.value;
    if (rule.kind === 'any') return '"*"';
    if (rule.kind === 'reflect') return 'every origin, echoed back';
    if (rule.kind === 'pattern' && ctx.analyseOrigin(rule).witnesses.some((w) => w.class === 'unrelated')) return `"${rule.pattern}"`;
  }
  return undefined;
}

export default defineRule({
  id: 'methods-write-from-any-origin',
  meta: {
    summary: 'A storage bucket allows write methods from any origin',
    severity: 'medium',
    recommended: true,
    messages: {
      write: '{methods} allowed from any origin ({origin}): every website can send these requests to the bucket from a visitor\'s browser and read the answers',
    },
    docs: {
      why:
        'A bucket whose CORS rules allow `PUT`, `POST` or `DELETE` from every origin lets any website drive uploads and deletions from its visitors\' browsers wherever a request is authorised — by a presigned URL that leaked into a page, or by public write access. It also hides mistakes: a permissive CORS rule is usually copied from a tutorial and outlives the feature that needed it.',
      fix: 'Allow write methods only from the origins of your own application, in a separate rule before a read-only `*` rule if public reads are needed.',
      examples: [
        { stack: 's3', kind: 'bad', code: '[\n  { "AllowedOrigins": ["*"], "AllowedMethods": ["GET", "PUT", "DELETE"] }\n]\n' },
        {
          stack: 's3',
          kind: 'good',
          code: '[\n  { "AllowedOrigins": ["https://app.example.com"], "AllowedMethods": ["PUT", "DELETE"] },\n  { "AllowedOrigins": ["*"], "AllowedMethods": ["GET"] }\n]\n',
        },
      ],
      references: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/cors.html'],
    },
  },
  *check(policy, ctx) {
    if (policy.layer !== 'storage') return;
    const methods = policy.allowMethods;
    if (!methods || !Array.isArray(methods.value)) return;
    const writes = methods.value.filter((m) => WRITE_METHODS.has(m.toUpperCase()));
    if (writes.length === 0) return;
    const origin = anyOriginValue(policy, ctx);
    if (!origin) return;
    yield ctx.finding('write', methods.span, { policy, data: { methods: `${writes.join(', ')} ${writes.length === 1 ? 'is' : 'are'}`, origin } });
  },
});
