// setting-deprecated: a legacy setting name that still works but is no longer the documented one.
import { defineRule } from '../src/rule-api/index.js';

export default defineRule({
  id: 'setting-deprecated',
  meta: {
    summary: 'A legacy setting name is used',
    severity: 'low',
    recommended: true,
    messages: { deprecated: '{reason}' },
    docs: {
      why:
        'django-cors-headers renamed `CORS_ORIGIN_WHITELIST`, `CORS_ORIGIN_REGEX_WHITELIST` and `CORS_ORIGIN_ALLOW_ALL` in version 3.5. The old names still work as fallbacks, but only while the new name is absent: anyone who adds the documented name later (copying from the docs) silently replaces the old value, even with an empty list or `False`. Reviewers searching for the documented names also miss the old ones.',
      fix: 'Rename the setting to `CORS_ALLOWED_ORIGINS`, `CORS_ALLOWED_ORIGIN_REGEXES` or `CORS_ALLOW_ALL_ORIGINS`, and remove the old name.',
      examples: [
        { stack: 'django', kind: 'bad', code: 'CORS_ORIGIN_WHITELIST = ["https://app.example.com"]\n' },
        { stack: 'django', kind: 'good', code: 'CORS_ALLOWED_ORIGINS = ["https://app.example.com"]\n' },
      ],
      references: ['https://github.com/adamchainz/django-cors-headers/blob/main/CHANGELOG.rst'],
    },
  },
  *checkFile(file, ctx) {
    for (const d of file.diagnostics) {
      if (d.ruleId === 'setting-deprecated') yield ctx.finding('deprecated', d.span, { data: { reason: d.message }, related: d.related });
    }
  },
});
