// private-network-allowed: Access-Control-Allow-Private-Network: true for any origin.
import { defineRule } from '../src/rule-api/index.js';

export default defineRule({
  id: 'private-network-allowed',
  meta: {
    summary: 'Private-network access is granted to any origin',
    severity: 'medium',
    recommended: true,
    raisedByCredentials: true,
    messages: {
      allowed:
        'Access-Control-Allow-Private-Network is true while {origins}: any public website a visitor opens may reach this private-network service from the visitor\'s browser',
    },
    docs: {
      why:
        'Chrome\'s Private Network Access asked services on private or loopback addresses to opt in, with `Access-Control-Allow-Private-Network: true` on the preflight, before public websites could call them. Granting it together with a wildcard or echoed origin opts in for every website on the internet, which defeats the protection for routers, dashboards and local development servers. (Chrome has since moved to a permission prompt, Local Network Access, but the header still states the intent.)',
      fix: 'Send `Access-Control-Allow-Private-Network: true` only together with an allow-list of the origins that need it.',
      examples: [
        {
          stack: 'nginx',
          kind: 'bad',
          code: 'server {\n    listen 80;\n    add_header Access-Control-Allow-Origin "*" always;\n    add_header Access-Control-Allow-Private-Network "true" always;\n}\n',
        },
        {
          stack: 'nginx',
          kind: 'good',
          code: 'server {\n    listen 80;\n    add_header Access-Control-Allow-Origin "https://app.example.com" always;\n    add_header Access-Control-Allow-Private-Network "true" always;\n}\n',
        },
      ],
      references: ['https://developer.chrome.com/blog/private-network-access-preflight', 'https://wicg.github.io/private-network-access/'],
    },
  },
  *check(policy, ctx) {
    const pna = policy.allowPrivateNetwork;
    if (pna?.value !== true) return;
    const open = policy.origins.find((o) => o.value.kind === 'any' || o.value.kind === 'reflect');
    if (!open) return;
    const origins = open.value.kind === 'any' ? 'Access-Control-Allow-Origin is "*"' : 'the request Origin is echoed back';
    yield ctx.finding('allowed', pna.span, { policy, value: pna, data: { origins }, related: [{ span: open.span, message: 'the origin rule' }] });
  },
});
