// origin-http-scheme: a plain-http origin other than localhost is trusted.
import { defineRule, isLocalHost, splitOrigin } from '../src/rule-api/index.js';
import type { OriginAnalysis } from '../src/rule-api/index.js';

/**
 * The plain-http form of an intended host that the matcher accepts, if any. A pattern written for
 * http only (`http://*.example.com`) has no https intent to compare with, so its own hosts are
 * probed over http (a wildcard label stands for `www`).
 */
function plainHttpAccepted(analysis: OriginAnalysis): string | undefined {
  for (const host of analysis.intendedHosts) {
    const concrete = host.replace(/^\*\./, 'www.').replace(/\*/g, 'www');
    if (isLocalHost(concrete)) continue;
    const origin = `http://${concrete}`;
    if (analysis.accepts(origin) === true) return origin;
  }
  return undefined;
}

export default defineRule({
  id: 'origin-http-scheme',
  meta: {
    summary: 'A plain http:// origin is trusted',
    severity: 'medium',
    recommended: true,
    messages: {
      exact: '"{origin}" is trusted over plain http: an attacker on the network path of any visitor can inject script into that origin\'s pages and read these responses',
      pattern: '{value} also accepts the plain-http origin "{witness}": an attacker on the network path can inject script into it and read these responses',
    },
    docs: {
      why:
        'Pages served over plain HTTP can be modified by anyone on the network path (public Wi-Fi, a compromised router). Trusting an `http://` origin therefore trusts whatever script such an attacker injects into it: the injected script can read every response this policy exposes to that origin. Local development origins (`localhost`, `127.0.0.1`, `::1`) are not network-reachable and are covered by origin-localhost-in-production instead.',
      fix: 'Trust only the `https://` origin. If a pattern allows both (`https?://`), make the `s` mandatory.',
      examples: [
        { stack: 's3', kind: 'bad', code: '[\n  { "AllowedOrigins": ["http://app.example.com"], "AllowedMethods": ["GET"] }\n]\n' },
        { stack: 's3', kind: 'good', code: '[\n  { "AllowedOrigins": ["https://app.example.com"], "AllowedMethods": ["GET"] }\n]\n' },
        { stack: 'nginx', kind: 'bad', code: 'server {\n    listen 80;\n    location /api/ {\n        add_header Access-Control-Allow-Origin "http://app.example.com" always;\n        proxy_pass http://127.0.0.1:3000;\n    }\n}\n' },
        { stack: 'nginx', kind: 'good', code: 'server {\n    listen 80;\n    location /api/ {\n        add_header Access-Control-Allow-Origin "https://app.example.com" always;\n        proxy_pass http://127.0.0.1:3000;\n    }\n}\n' },
      ],
      references: ['https://portswigger.net/web-security/cors#breaking-tls-with-poorly-configured-cors'],
    },
  },
  *check(policy, ctx) {
    for (const origin of policy.origins) {
      const rule = origin.value;
      if (rule.kind === 'exact') {
        const parts = splitOrigin(rule.origin);
        if (parts && parts.scheme.toLowerCase() === 'http' && !isLocalHost(parts.host)) {
          yield ctx.finding('exact', origin.span, { policy, value: origin, data: { origin: rule.origin } });
        }
      } else if (rule.kind === 'pattern' || rule.kind === 'predicate') {
        const analysis = ctx.analyseOrigin(rule);
        if (analysis.acceptsEverything) continue; // reported as any origin or reflection
        const witness = analysis.witnesses.find((w) => w.class === 'http-scheme')?.origin ?? plainHttpAccepted(analysis);
        if (witness) {
          yield ctx.finding('pattern', origin.span, {
            policy,
            value: origin,
            witness,
            data: { value: rule.kind === 'pattern' ? `"${rule.pattern}"` : 'the origin check', witness },
          });
        }
      }
    }
  },
});
