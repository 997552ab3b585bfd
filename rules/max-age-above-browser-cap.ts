// max-age-above-browser-cap: Access-Control-Max-Age beyond what browsers honour, negative or fractional.
import { defineRule } from '../src/rule-api/index.js';

export default defineRule({
  id: 'max-age-above-browser-cap',
  meta: {
    summary: 'Access-Control-Max-Age is above what browsers honour, negative or not a whole number',
    severity: 'info',
    recommended: true,
    messages: {
      aboveCap: 'Access-Control-Max-Age {value} is above {max} s; browsers cap the preflight cache (Chromium at 7200 s, Firefox at 86400 s, Safari at 600 s), so the extra has no effect',
      negative: 'Access-Control-Max-Age {value} is negative: browsers do not cache the preflight at all',
      fractional: 'Access-Control-Max-Age {value} is not a whole number of seconds: Chromium and Firefox ignore it and fall back to their default (5 s in Chromium)',
    },
    options: {
      schema: {
        type: 'object',
        properties: { max: { type: 'integer', minimum: 0, description: 'Highest value accepted without a finding, in seconds (default 7200, Chromium\'s cap).' } },
        additionalProperties: false,
      },
      defaults: { max: 7200 },
    },
    docs: {
      why:
        'Browsers cap how long they cache a preflight answer: Chromium at 7200 s (2 h), Firefox at 86400 s (24 h), WebKit at 600 s. A larger `Access-Control-Max-Age` does nothing beyond the cap, which matters when you rely on it to reduce preflight traffic or expect a policy change to take effect later than it does. A negative value disables caching, and a value that is not a whole number is ignored.',
      fix: 'Use a whole number of seconds no larger than 7200 (or the `max` option you configure).',
      examples: [
        { stack: 's3', kind: 'bad', code: '[\n  { "AllowedOrigins": ["https://app.example.com"], "AllowedMethods": ["GET"], "MaxAgeSeconds": 86400 }\n]\n' },
        { stack: 's3', kind: 'good', code: '[\n  { "AllowedOrigins": ["https://app.example.com"], "AllowedMethods": ["GET"], "MaxAgeSeconds": 3600 }\n]\n' },
        { stack: 'nginx', kind: 'bad', code: 'server {\n    listen 80;\n    location /api/ {\n        add_header Access-Control-Allow-Origin "https://app.example.com" always;\n        add_header Access-Control-Max-Age 86400 always;\n        proxy_pass http://127.0.0.1:3000;\n    }\n}\n' },
        { stack: 'nginx', kind: 'good', code: 'server {\n    listen 80;\n    location /api/ {\n        add_header Access-Control-Allow-Origin "https://app.example.com" always;\n        add_header Access-Control-Max-Age 600 always;\n        proxy_pass http://127.0.0.1:3000;\n    }\n}\n' },
      ],
      references: [
        'https://fetch.spec.whatwg.org/#http-access-control-max-age',
        'https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Access-Control-Max-Age',
      ],
    },
  },
  *check(policy, ctx) {
    const maxAge = policy.maxAge;
    if (!maxAge) return;
    const value = maxAge.value;
    const options = { data: { value, max: ctx.options.max }, policy, value: maxAge };
    if (value < 0) yield ctx.finding('negative', maxAge.span, options);
    else if (!Number.isInteger(value)) yield ctx.finding('fractional', maxAge.span, options);
    else if (value > ctx.options.max) yield ctx.finding('aboveCap', maxAge.span, options);
  },
});
