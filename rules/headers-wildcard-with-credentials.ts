// headers-wildcard-with-credentials: `*` in Allow-Headers, Allow-Methods or Expose-Headers while credentials are allowed.
import { defineRule } from '../src/rule-api/index.js';
import type { HeaderList, Located } from '../src/rule-api/index.js';

export default defineRule({
  id: 'headers-wildcard-with-credentials',
  meta: {
    summary: 'A "*" in Allow-Headers, Allow-Methods or Expose-Headers is read literally when credentials are allowed',
    severity: 'low',
    recommended: true,
    messages: {
      wildcard:
        '{header} is "*" while credentials are allowed: for credentialed requests browsers read "*" as a literal name, so custom {what} fail (and "*" never covers Authorization)',
    },
    docs: {
      why:
        'The Fetch standard treats `*` in `Access-Control-Allow-Headers`, `-Allow-Methods` and `-Expose-Headers` as a wildcard only for requests without credentials. With cookies or `Authorization`, `*` is just the name "*": preflights asking for `Content-Type: application/json`, `X-Requested-With` or `PUT` fail, and response headers stay hidden. `Authorization` is never covered by `*`, even without credentials.',
      fix: 'List the methods and headers the clients use, for example `GET, POST, PUT, DELETE` and `Authorization, Content-Type`.',
      examples: [
        {
          stack: 'nginx',
          kind: 'bad',
          code: 'server {\n    listen 80;\n    location /api/ {\n        add_header Access-Control-Allow-Origin "https://app.example.com" always;\n        add_header Access-Control-Allow-Credentials "true" always;\n        add_header Access-Control-Allow-Headers "*" always;\n        proxy_pass http://127.0.0.1:3000;\n    }\n}\n',
        },
        {
          stack: 'nginx',
          kind: 'good',
          code: 'server {\n    listen 80;\n    location /api/ {\n        add_header Access-Control-Allow-Origin "https://app.example.com" always;\n        add_header Access-Control-Allow-Credentials "true" always;\n        add_header Access-Control-Allow-Headers "Authorization, Content-Type" always;\n        proxy_pass http://127.0.0.1:3000;\n    }\n}\n',
        },
      ],
      references: ['https://fetch.spec.whatwg.org/#http-access-control-allow-headers', 'https://fetch.spec.whatwg.org/#cors-preflight-fetch'],
    },
  },
  *check(policy, ctx) {
    if (policy.credentials.value !== true) return;
    const lists: [Located<HeaderList> | undefined, string, string][] = [
      [policy.allowHeaders, 'Access-Control-Allow-Headers', 'request headers'],
      [policy.allowMethods, 'Access-Control-Allow-Methods', 'methods'],
      [policy.exposeHeaders, 'Access-Control-Expose-Headers', 'response headers'],
    ];
    for (const [list, header, what] of lists) {
      if (list?.value === '*' || (Array.isArray(list?.value) && list.value.includes('*'))) {
        yield ctx.finding('wildcard', list.span, { policy, value: list, data: { header, what } });
      }
    }
  },
});
