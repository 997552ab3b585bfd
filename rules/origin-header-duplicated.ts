// origin-header-duplicated: two emitters send Access-Control-Allow-Origin on the same response.
import { defineRule } from '../src/rule-api/index.js';

export default defineRule({
  id: 'origin-header-duplicated',
  meta: {
    summary: 'Access-Control-Allow-Origin is sent twice on the same response',
    severity: 'medium',
    recommended: true,
    messages: {
      upstream:
        'Access-Control-Allow-Origin "{value}" is added in front of an application in this repository that sends its own ({app}), and the upstream\'s copy is not hidden: responses carry two lines and browsers fail with "contains multiple values"',
      duplicate:
        'a second Access-Control-Allow-Origin line ("{value}") is sent on the same response as "{first}": browsers join them into one value ("a, b") that matches no origin and fail with "contains multiple values"',
    },
    docs: {
      why:
        'When two places add `Access-Control-Allow-Origin` — two `add_header` lines in one nginx scope, `add_header` plus headers-more\'s `more_set_headers`, or a proxy in front of an application that sets it too — the response carries two header lines. Browsers combine repeated headers with ", ", so the value is never a single origin and every cross-origin request fails.',
      fix: 'Let exactly one layer send the CORS headers. In nginx, remove the duplicate directive, or hide the upstream\'s copies with `proxy_hide_header Access-Control-Allow-Origin;` (and the other `Access-Control-*` headers).',
      examples: [
        {
          stack: 'nginx',
          kind: 'bad',
          code: 'server {\n    listen 80;\n    location / {\n        add_header Access-Control-Allow-Origin "https://app.example.com" always;\n        add_header Access-Control-Allow-Origin "https://admin.example.com" always;\n    }\n}\n',
        },
        {
          stack: 'nginx',
          kind: 'good',
          code: 'server {\n    listen 80;\n    location / {\n        add_header Access-Control-Allow-Origin "https://app.example.com" always;\n    }\n}\n',
        },
      ],
      references: ['https://fetch.spec.whatwg.org/#concept-header-list-get', 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Guides/CORS/Errors/CORSMultipleAllowOriginNotAllowed'],
    },
  },
  /**
   * A proxy scope that adds the header and forwards to an upstream without hiding the upstream's
   * copy, while an application in the same repository sends the header too. Which application
   * answers which upstream is not knowable statically; any app policy that emits the header is
   * taken as the one behind the proxy (the usual single-app repository).
   */
  *checkProject(project, ctx) {
    const app = project.files
      .flatMap((f) => f.policies)
      .find((p) => p.layer === 'app' && p.origins.some((o) => o.value.kind !== 'unknown'));
    if (!app) return;
    for (const file of project.files) {
      for (const policy of file.policies) {
        if (policy.layer !== 'proxy' || !policy.forwardsTo) continue;
        if (policy.forwardsTo.hiddenHeaders.includes('access-control-allow-origin')) continue;
        const own = policy.headerEmitters ?? [];
        // Two lines in the proxy itself are already reported by `check`.
        if (own.length !== 1) continue;
        yield ctx.finding('upstream', own[0].span, {
          policy,
          data: { value: own[0].value, app: `${app.span.file}:${app.span.line}` },
          related: [{ span: app.span, message: 'the application also sends Access-Control-Allow-Origin' }],
        });
      }
    }
  },
  *check(policy, ctx) {
    const emitters = policy.headerEmitters ?? [];
    if (emitters.length < 2) return;
    const [first, ...rest] = emitters;
    for (const e of rest) {
      yield ctx.finding('duplicate', e.span, {
        policy,
        data: { value: e.value, first: first.value },
        related: [{ span: first.span, message: 'the other Access-Control-Allow-Origin line' }],
      });
    }
  },
});
