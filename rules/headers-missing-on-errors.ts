// headers-missing-on-errors: the CORS headers are not sent on 4xx/5xx responses.
import { defineRule } from '../src/rule-api/index.js';

export default defineRule({
  id: 'headers-missing-on-errors',
  meta: {
    summary: 'CORS headers are not sent on error responses',
    severity: 'medium',
    recommended: true,
    messages: {
      missing:
        'Access-Control-Allow-Origin is only sent on successful responses: on a 4xx/5xx the browser reports a CORS error instead of the real status and the page cannot read the error body',
    },
    docs: {
      why:
        'nginx\'s `add_header` applies only to 200, 201, 204, 206, 301, 302, 303, 304, 307 and 308 responses unless it ends with `always`. A 401, 404, 413 or 502 then arrives without `Access-Control-Allow-Origin`, and the browser hides it behind a generic CORS failure: the client cannot show "session expired" or validation errors, and debugging starts in the wrong place. This is a functional problem, not a security one.',
      fix: 'Add `always` to the CORS `add_header` lines (`add_header Access-Control-Allow-Origin $cors_origin always;`). headers-more\'s `more_set_headers` already applies to every status unless restricted with `-s`.',
      examples: [
        {
          stack: 'nginx',
          kind: 'bad',
          code: 'server {\n    listen 80;\n    add_header Access-Control-Allow-Origin "https://app.example.com";\n}\n',
        },
        {
          stack: 'nginx',
          kind: 'good',
          code: 'server {\n    listen 80;\n    add_header Access-Control-Allow-Origin "https://app.example.com" always;\n}\n',
        },
      ],
      references: ['https://nginx.org/en/docs/http/ngx_http_headers_module.html#add_header', 'https://fetch.spec.whatwg.org/#cors-check'],
    },
  },
  *check(policy, ctx) {
    const sent = policy.sentOnErrors;
    if (sent?.value !== false) return;
    yield ctx.finding('missing', sent.span, { policy, value: sent });
  },
});
