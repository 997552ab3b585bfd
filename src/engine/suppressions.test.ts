// Ignore comments: the comment token follows the file's language.
import { describe, expect, it } from 'vitest';
import { parseIgnoreDirectives } from './suppressions.js';

describe('parseIgnoreDirectives', () => {
  it('reads // in JavaScript and # elsewhere, never the other token', () => {
    const js = "app.use(cors()); // corslint-ignore origin-any -- public API\nconst s = '# corslint-ignore origin-any';\n";
    expect(parseIgnoreDirectives('server.js', js).directives.map((d) => [d.targetLine, d.ruleIds, d.reason])).toEqual([[1, ['origin-any'], 'public API']]);
    const py = 'CORS_ALLOW_ALL_ORIGINS = True  # corslint-ignore origin-any -- public API\nURL = "http://x// corslint-ignore origin-any"\n';
    expect(parseIgnoreDirectives('settings.py', py).directives.map((d) => d.targetLine)).toEqual([1]);
  });

  it('an own-line directive applies to the next code line, skipping blank lines', () => {
    const text = '# corslint-ignore origin-any, origin-null-allowed -- reviewed\n\nadd_header X y;\n';
    const { directives } = parseIgnoreDirectives('site.conf', text);
    expect(directives.map((d) => [d.targetLine, d.ruleIds])).toEqual([[3, ['origin-any', 'origin-null-allowed']]]);
  });

  it('a directive without a reason or without rule ids is malformed and silences nothing', () => {
    const r = parseIgnoreDirectives('site.conf', 'a; # corslint-ignore origin-any\nb; # corslint-ignore -- why\n');
    expect(r.directives).toEqual([]);
    expect(r.malformed.map((m) => m.span.line)).toEqual([1, 2]);
  });
});
