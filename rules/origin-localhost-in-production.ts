// origin-localhost-in-production: a localhost origin is trusted by a production configuration.
import { defineRule, isLocalHost, splitOrigin } from '../src/rule-api/index.js';

/** Local origins a development server typically runs on, probed against patterns. */
const LOCAL_PROBES = ['http://localhost:3000', 'http://localhost', 'http://127.0.0.1:8000', 'https://localhost:8443'];

export default defineRule({
  id: 'origin-localhost-in-production',
  meta: {
    summary: 'A localhost origin is trusted in production',
    severity: 'low',
    recommended: true,
    raisedByCredentials: true,
    productionOnly: true,
    messages: {
      exact: '"{origin}" is trusted in a production configuration: any page served on a visitor\'s own machine at that address (a dev server, another local app) can read these responses',
      pattern: '{value} accepts "{probe}" in a production configuration: any page served on a visitor\'s own machine at that address can read these responses',
    },
    docs: {
      why:
        'Development origins such as `http://localhost:3000` are often left in production allow-lists. In production they trust whatever a visitor runs locally: a development server of another project, a tool with a web UI, or malware listening on that port can then make requests your site answers as trusted — with the visitor\'s cookies when credentials are allowed. The rule only runs on production configurations (see contexts), and a value that only appears as a default in code (`env("ORIGINS", default="http://localhost:3000")`) is reported at most as low.',
      fix: 'Keep local origins in development settings only (a development settings module, an environment variable set only on developer machines).',
      examples: [
        { stack: 's3', kind: 'bad', code: '[\n  { "AllowedOrigins": ["https://app.example.com", "http://localhost:3000"], "AllowedMethods": ["GET"] }\n]\n' },
        { stack: 's3', kind: 'good', code: '[\n  { "AllowedOrigins": ["https://app.example.com"], "AllowedMethods": ["GET"] }\n]\n' },
        { stack: 'nginx', kind: 'bad', code: 'server {\n    listen 80;\n    location /api/ {\n        add_header Access-Control-Allow-Origin "http://localhost:3000" always;\n        proxy_pass http://127.0.0.1:3000;\n    }\n}\n' },
        { stack: 'nginx', kind: 'good', code: 'server {\n    listen 80;\n    location /api/ {\n        add_header Access-Control-Allow-Origin "https://app.example.com" always;\n        proxy_pass http://127.0.0.1:3000;\n    }\n}\n' },
      ],
    },
  },
  *check(policy, ctx) {
    for (const origin of policy.origins) {
      const rule = origin.value;
      if (rule.kind === 'exact') {
        const parts = splitOrigin(rule.origin);
        if (parts && isLocalHost(parts.host)) yield ctx.finding('exact', origin.span, { policy, value: origin, data: { origin: rule.origin } });
      } else if (rule.kind === 'pattern' || rule.kind === 'predicate') {
        const analysis = ctx.analyseOrigin(rule);
        // A pattern that accepts everything is another rule's finding, not a localhost one.
        if (analysis.acceptsEverything || analysis.witnesses.some((w) => w.class === 'unrelated')) continue;
        const probe = LOCAL_PROBES.find((p) => analysis.accepts(p) === true);
        if (probe) {
          yield ctx.finding('pattern', origin.span, {
            policy,
            value: origin,
            data: { value: rule.kind === 'pattern' ? `"${rule.pattern}"` : 'the origin check', probe },
          });
        }
      }
    }
  },
});
