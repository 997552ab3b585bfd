// parse-error: the file could not be parsed; the parser's reason and position are reported.
import { defineRule } from '../src/rule-api/index.js';

export default defineRule({
  id: 'parse-error',
  meta: {
    summary: 'A configuration file cannot be parsed',
    severity: 'medium',
    recommended: true,
    messages: { parse: '{reason}' },
    docs: {
      why:
        'A file that does not parse is either rejected by the server or storage service that reads it (so the CORS policy you wrote is not the one in effect), or read differently than you expect. corslint reports the parser\'s reason and position and still analyses the parts of the file it could recover.',
      fix: 'Fix the syntax error at the reported position. For JSON, remove comments and trailing commas; for nginx, check that every directive ends with `;` and every block is closed.',
      examples: [
        { stack: 's3', kind: 'bad', code: '{\n  "CORSRules": [\n    { "AllowedOrigins": ["https://app.example.com"], "AllowedMethods": ["GET"], }\n  ]\n}\n' },
        { stack: 's3', kind: 'good', code: '{\n  "CORSRules": [\n    { "AllowedOrigins": ["https://app.example.com"], "AllowedMethods": ["GET"] }\n  ]\n}\n' },
        { stack: 'nginx', kind: 'bad', code: 'server {\n    listen 80;\n    add_header Access-Control-Allow-Origin "https://app.example.com" always\n}\n' },
        { stack: 'nginx', kind: 'good', code: 'server {\n    listen 80;\n    add_header Access-Control-Allow-Origin "https://app.example.com" always;\n}\n' },
      ],
    },
  },
  *checkFile(file, ctx) {
    for (const d of file.diagnostics) {
      if (d.ruleId === 'parse-error') yield ctx.finding('parse', d.span, { data: { reason: d.message }, related: d.related });
    }
  },
});
