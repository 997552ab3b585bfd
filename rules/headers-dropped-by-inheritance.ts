// headers-dropped-by-inheritance: a nested scope's own header directives silently drop the inherited CORS headers.
import { defineRule } from '../src/rule-api/index.js';

export default defineRule({
  id: 'headers-dropped-by-inheritance',
  meta: {
    summary: 'A nested scope\'s own headers replace the inherited CORS headers',
    severity: 'medium',
    recommended: true,
    messages: {
      dropped:
        'this header directive replaces the inherited ones, so {names} from the enclosing scope {verb} not sent for the requests served here: browsers fail those cross-origin requests (a preflight answered here fails too)',
    },
    docs: {
      why:
        'nginx inherits `add_header` lines from the enclosing level only when a level has none of its own. One `add_header` in a `location` (or in an `if` inside it) silently drops every CORS header set at the server or http level for the requests that scope serves. The classic case is `if ($request_method = OPTIONS) { add_header Access-Control-Allow-Methods …; return 204; }`: the 204 carries no `Access-Control-Allow-Origin`, so every preflight fails.',
      fix: 'Repeat all CORS headers in the nested scope (a shared snippet `include`d in each place helps), or move the nested scope\'s own header to where the CORS headers are. With nginx 1.29.3 or later, `add_header_inherit merge;` keeps the inherited lines.',
      examples: [
        {
          stack: 'nginx',
          kind: 'bad',
          code: 'server {\n    listen 80;\n    location /api/ {\n        add_header Access-Control-Allow-Origin "https://app.example.com" always;\n        if ($request_method = OPTIONS) {\n            add_header Access-Control-Allow-Methods "GET, PUT";\n            return 204;\n        }\n        proxy_pass http://127.0.0.1:3000;\n    }\n}\n',
        },
        {
          stack: 'nginx',
          kind: 'good',
          code: 'server {\n    listen 80;\n    location /api/ {\n        add_header Access-Control-Allow-Origin "https://app.example.com" always;\n        if ($request_method = OPTIONS) {\n            add_header Access-Control-Allow-Origin "https://app.example.com";\n            add_header Access-Control-Allow-Methods "GET, PUT";\n            return 204;\n        }\n        proxy_pass http://127.0.0.1:3000;\n    }\n}\n',
        },
      ],
      references: ['https://nginx.org/en/docs/http/ngx_http_headers_module.html#add_header', 'https://www.peterbe.com/plog/be-very-careful-with-your-add_header-in-nginx'],
    },
  },
  *check(policy, ctx) {
    const dropped = policy.droppedHeaders;
    if (!dropped) return;
    yield ctx.finding('dropped', dropped.by, {
      policy,
      data: { names: dropped.names.join(', '), verb: dropped.names.length === 1 ? 'is' : 'are' },
      related: dropped.inherited.map((span) => ({ span, message: 'inherited header, not sent in the nested scope' })),
    });
  },
});
