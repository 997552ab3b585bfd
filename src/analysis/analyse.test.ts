// Witnesses, intended hosts and probes: attacker origins must get through exactly when the engine lets them.
import { describe, expect, it } from 'vitest';
import type { OriginRule, PatternFlavor, PredicateCheck } from '../model/policy.js';
import { analyseOrigin, describeAcceptance, intendedHosts, probeOrigins } from './index.js';

const pattern = (p: string, flavor: PatternFlavor, flags?: string): OriginRule => ({ kind: 'pattern', pattern: p, flavor, flags });
const predicate = (...checks: PredicateCheck[]): OriginRule => ({ kind: 'predicate', checks });
const witnessOrigins = (rule: OriginRule, trustedOrigins?: string[]) => analyseOrigin(rule, { trustedOrigins }).witnesses.map((w) => w.origin);
const classes = (rule: OriginRule) => new Set(analyseOrigin(rule).witnesses.map((w) => w.class));

describe('no false witness for correct allow-lists', () => {
  const good: [string, OriginRule][] = [
    ['fully anchored JS regex', pattern('^https://(www\\.)?example\\.com$', 'js-regexp-test')],
    ['fullmatch without anchors', pattern('https://(www\\.)?example\\.com', 'python-re-fullmatch')],
    ['re.match with $', pattern('https://(www\\.)?example\\.com$', 'python-re-match')],
    ['re.match with \\Z', pattern('https://[a-z0-9-]+\\.example\\.com\\Z', 'python-re-match')],
    ['nginx anchored', pattern('^https://([a-z0-9-]+\\.)?example\\.com$', 'pcre-unanchored', 'i')],
    ['exact origin', { kind: 'exact', origin: 'https://app.example.com' }],
    ['in-list', predicate({ op: 'in-list', values: ['https://a.example.com', 'https://b.example.org'] })],
    ['endsWith with leading dot', predicate({ op: 'endsWith', value: '.example.com' })],
    ['S3 subdomain glob', pattern('https://*.example.com', 's3-glob')],
  ];
  for (const [name, rule] of good) {
    it(name, () => {
      const a = analyseOrigin(rule);
      expect(a.unverifiable).toBeUndefined();
      expect(a.witnesses).toEqual([]);
      expect(a.acceptsEverything).toBe(false);
    });
  }
});

describe('witnesses per flavor (semantics §1.1, §2, §3, §4.1)', () => {
  it('JS RegExp.test without an end anchor accepts the prefix probe', () => {
    const rule = pattern('^https://app\\.example\\.com', 'js-regexp-test');
    expect(witnessOrigins(rule)).toContain('https://app.example.com.evil.example');
    expect(classes(rule).has('prefix')).toBe(true);
    // And the engine itself agrees.
    expect(/^https:\/\/app\.example\.com/.test('https://app.example.com.evil.example')).toBe(true);
  });

  it('JS RegExp.test without a start anchor accepts the suffix probe', () => {
    const rule = pattern('example\\.com$', 'js-regexp-test');
    expect(witnessOrigins(rule)).toContain('https://evilexample.com');
  });

  it('re.match is anchored at the start but not the end', () => {
    const rule = pattern('https://.*\\.example\\.com', 'python-re-match');
    const w = witnessOrigins(rule);
    expect(w).toContain('https://www.example.com.evil.example');
    expect(w).not.toContain('https://evilexample.com');
    // The same text under fullmatch is safe.
    expect(witnessOrigins(pattern('https://.*\\.example\\.com', 'python-re-fullmatch'))).toEqual([]);
  });

  it('re.match with IGNORECASE and unanchored glob-looking text (flask-cors)', () => {
    const rule = pattern('https://*.example.com', 'python-re-match-ignorecase');
    // `/*` is "zero or more slashes" and `.` any character: https://xexample.com.evil.example passes.
    const a = analyseOrigin(rule);
    expect(a.accepts('HTTPS://XEXAMPLE.COM.EVIL.EXAMPLE')).toBe(true);
    expect(a.witnesses.length).toBeGreaterThan(0);
  });

  it('nginx ~* is unanchored and case-insensitive', () => {
    const rule = pattern('example.com', 'pcre-unanchored', 'i');
    const a = analyseOrigin(rule);
    expect(a.accepts('https://NOTEXAMPLE.COM.evil.example')).toBe(true);
    expect(classes(rule)).toEqual(new Set(['prefix', 'suffix', 'substring', 'unescaped-dot', 'untrusted-subdomain', 'special-char', 'path-query']));
  });

  it('unescaped dots give an unescaped-dot witness', () => {
    const rule = pattern('^https://www.example.com$', 'js-regexp-test');
    expect(analyseOrigin(rule).witnesses).toEqual([
      expect.objectContaining({ origin: 'https://wwwxexample.com', class: 'unescaped-dot' }),
      expect.objectContaining({ origin: 'https://www.examplexcom', class: 'unescaped-dot' }),
    ]);
  });

  it('https? gives an http-scheme witness for the intended host', () => {
    const rule = pattern('^https?://app\\.example\\.com$', 'js-regexp-test');
    expect(analyseOrigin(rule).witnesses).toEqual([expect.objectContaining({ origin: 'http://app.example.com', class: 'http-scheme' })]);
    // When the configuration says http is intended, it is not a witness.
    expect(witnessOrigins(rule, ['http://app.example.com', 'https://app.example.com'])).toEqual([]);
  });

  it('shared-hosting wildcards: full label and label prefix', () => {
    expect(analyseOrigin(pattern('https://*.vercel.app', 's3-glob')).witnesses).toEqual([
      expect.objectContaining({ origin: 'https://evil-corslint.vercel.app', class: 'shared-host' }),
    ]);
    const prefix = analyseOrigin(pattern('^https://proj-[a-z0-9-]+\\.vercel\\.app$', 'js-regexp-test'));
    expect(prefix.intendedHosts).toEqual(['proj-*.vercel.app']);
    expect(prefix.witnesses.map((w) => w.origin)).toEqual(['https://proj-evil.vercel.app']);
    // A specific host on a shared domain is fine.
    expect(witnessOrigins(pattern('^https://myapp\\.vercel\\.app$', 'js-regexp-test'))).toEqual([]);
    expect(witnessOrigins(pattern('^https://[a-z0-9-]+\\.github\\.io$', 'python-re-match'))).toContain('https://evil-corslint.github.io');
  });

  it('null: listed, accepted by a pattern, or by reflection', () => {
    expect(analyseOrigin({ kind: 'null' }).witnesses).toEqual([expect.objectContaining({ origin: 'null', class: 'null' })]);
    expect(classes(pattern('^(null|https://a\\.example\\.com)$', 'js-regexp-test'))).toEqual(new Set(['null']));
  });

  it('universal matchers count as accepting everything', () => {
    for (const rule of [
      pattern('.*', 'js-regexp-test'),
      pattern('^https?://.*$', 'python-re-fullmatch'),
      pattern('', 'pcre-unanchored'),
      pattern('*', 's3-glob'),
      pattern('https://*', 's3-glob'),
      { kind: 'reflect' } as OriginRule,
      { kind: 'any' } as OriginRule,
      predicate({ op: 'always' }),
    ]) {
      expect(analyseOrigin(rule).acceptsEverything, JSON.stringify(rule)).toBe(true);
    }
    expect(analyseOrigin(pattern('^https://.*\\.example\\.com$', 'js-regexp-test')).acceptsEverything).toBe(false);
  });

  it('S3 glob: one * matches any run, several are unverifiable', () => {
    const a = analyseOrigin(pattern('https://*example.com', 's3-glob'));
    expect(a.witnesses.map((w) => w.origin)).toContain('https://evilexample.com');
    expect(analyseOrigin(pattern('https://*.*.example.com', 's3-glob')).unverifiable).toMatch(/at most one/);
  });

  it('predicates: bypassable string checks', () => {
    expect(witnessOrigins(predicate({ op: 'endsWith', value: 'example.com' }))).toContain('https://evilexample.com');
    expect(witnessOrigins(predicate({ op: 'includes', value: 'example.com' }))).toContain('https://example.com.evil.example');
    expect(witnessOrigins(predicate({ op: 'startsWith', value: 'https://example.com' }))).toContain('https://example.com.evil.example');
    expect(witnessOrigins(predicate({ op: 'regex', pattern: 'example\\.com', flags: '' }))).toContain('https://evilexample.com');
    expect(witnessOrigins(predicate({ op: 'all', checks: [{ op: 'startsWith', value: 'https://' }, { op: 'endsWith', value: '.example.com' }] }))).toEqual([]);
    expect(analyseOrigin(predicate({ op: 'no-origin' })).accepts('null')).toBe(false);
  });

  it('stateful JS regexes are flagged and model the first request', () => {
    const a = analyseOrigin(pattern('^https://a\\.example\\.com$', 'js-regexp-test', 'g'));
    expect(a.matcher?.stateful).toBe(true);
    expect(a.accepts('https://a.example.com')).toBe(true);
  });

  it('unknown rules and untranslatable patterns are unverifiable', () => {
    expect(analyseOrigin({ kind: 'unknown', expression: 'process.env.ORIGIN' }).unverifiable).toMatch(/run time/);
    expect(analyseOrigin(pattern('^(a)\\1$', 'js-regexp-test')).unverifiable).toMatch(/backreference/);
    expect(analyseOrigin(pattern('^https://(?=x)', 'python-re-match')).unverifiable).toMatch(/lookaround/);
    expect(analyseOrigin(pattern('(', 'js-regexp-test')).unverifiable).toMatch(/not a valid JavaScript/);
  });

  it('trustedOrigins replace the derived hosts', () => {
    const rule = pattern('^https://[a-z]+\\.example\\.(com|net)$', 'js-regexp-test');
    expect(witnessOrigins(rule)).toEqual([]);
    // Only example.com is trusted: a .net host under the pattern is not. No probe targets it, but
    // the intended hosts must come from the configuration.
    expect(analyseOrigin(rule, { trustedOrigins: ['https://*.example.com'] }).intendedHosts).toEqual(['*.example.com']);
  });
});

describe('intendedHosts', () => {
  it('derives hosts from the literal parts of a rule', () => {
    expect(intendedHosts(pattern('^https://(www\\.)?example\\.com$', 'js-regexp-test'))).toEqual(['example.com', 'www.example.com']);
    expect(intendedHosts(pattern('https://*.example.com', 's3-glob'))).toEqual(['*.example.com']);
    expect(intendedHosts(pattern('^https://.*\\.example\\.com$', 'python-re-match'))).toEqual(['*.example.com']);
    expect(intendedHosts(pattern('https://.*example.com$', 'python-re-match'))).toEqual(['example.com', '*.example.com']);
    expect(intendedHosts({ kind: 'exact', origin: 'https://App.Example.com:8443' })).toEqual(['app.example.com']);
    expect(intendedHosts(predicate({ op: 'endsWith', value: '.example.com' }))).toEqual(['*.example.com']);
    expect(intendedHosts(predicate({ op: 'in-list', values: ['https://a.x.com', 'http://localhost:3000'] }))).toEqual(['a.x.com', 'localhost']);
    expect(intendedHosts({ kind: 'reflect' })).toEqual([]);
    expect(intendedHosts({ kind: 'exact', origin: 'https://a.com' }, ['https://b.com'])).toEqual(['b.com']);
  });
});

describe('probeOrigins', () => {
  const probes = probeOrigins(['example.com']);
  const of = (cls: string) => probes.filter((p) => p.class === cls).map((p) => p.origin);
  it('covers every class of the taxonomy, deterministically and briefly', () => {
    expect(of('unrelated')).toEqual(['https://evil.example']);
    expect(of('null')).toEqual(['null']);
    expect(of('prefix')).toEqual(['https://example.com.evil.example']);
    expect(of('suffix')).toEqual(['https://evilexample.com']);
    expect(of('substring')).toEqual(['https://notexample.com.evil.example']);
    expect(of('unescaped-dot')).toEqual(['https://examplexcom', 'https://wwwxexample.com']);
    expect(of('untrusted-subdomain')).toEqual(['https://example.com-evil.example', 'https://example.evil.example']);
    expect(of('http-scheme')).toEqual(['http://example.com']);
    expect(of('special-char')).toEqual(['https://example.com_.evil.example', 'https://example.com`.evil.example', 'https://example.com%60.evil.example']);
    expect(of('path-query')).toEqual(['https://evil.example/?example.com', 'https://evil.example/example.com']);
    expect(of('shared-host')).toEqual([]);
    expect(probeOrigins(['example.com'])).toEqual(probes);
    expect(probes.every((p) => p.origin.length < 60)).toBe(true);
  });
  it('adds shared-host probes on PSL private suffixes only', () => {
    expect(probeOrigins(['*.vercel.app']).filter((p) => p.class === 'shared-host').map((p) => p.origin)).toEqual(['https://evil-corslint.vercel.app']);
    expect(probeOrigins(['proj-*.vercel.app']).filter((p) => p.class === 'shared-host').map((p) => p.origin)).toEqual([
      'https://proj-evil.vercel.app',
      'https://evil-corslint.vercel.app',
    ]);
    expect(probeOrigins(['*.github.io']).some((p) => p.origin === 'https://evil-corslint.github.io')).toBe(true);
    expect(probeOrigins(['localhost']).some((p) => p.class === 'http-scheme')).toBe(false);
  });
});

describe('describeAcceptance', () => {
  it('names the matching semantics, not the stack', () => {
    const rule = pattern('^https:\\/\\/app\\.example\\.com', 'js-regexp-test');
    expect(describeAcceptance(rule, { origin: 'https://app.example.com.evil.example' })).toBe(
      '"https://app.example.com.evil.example" is accepted by /^https:\\/\\/app\\.example\\.com/ (no end anchor; tested unanchored with RegExp.test)',
    );
    expect(describeAcceptance(pattern('https://a\\.example\\.com', 'python-re-match'), { origin: 'https://a.example.com.evil.example' })).toContain(
      'no end anchor; re.match, anchored at the start only',
    );
    expect(describeAcceptance(pattern('a.example.com', 'pcre-unanchored', 'i'), { origin: 'x' })).toContain('~* "a.example.com" (no anchors; case-insensitive unanchored PCRE match)');
    expect(describeAcceptance(pattern('https://*.vercel.app', 's3-glob'), { origin: 'x' })).toContain('glob: `*` matches any run of characters');
    expect(describeAcceptance(predicate({ op: 'includes', value: 'a' }, { op: 'endsWith', value: 'b.com' }), { origin: 'https://evilb.com' })).toBe(
      '"https://evilb.com" is accepted by the origin check origin.endsWith("b.com")',
    );
  });
});

describe('pathological patterns finish and return a result', () => {
  const cases: [string, string, PatternFlavor][] = [
    ['nested plus', '(a+)+$', 'js-regexp-test'],
    ['repeated star group', '(.*){1,30}x', 'js-regexp-test'],
    ['ambiguous alternation', '(\\w|\\w)*z', 'python-re-match'],
    ['star of star', '(.*)*x', 'pcre-unanchored'],
    ['10 000 branches', Array.from({ length: 10_000 }, (_, i) => `https://h${i}\\.example\\.com`).join('|'), 'js-regexp-test'],
    ['50 KB pattern', '^https://' + 'a?'.repeat(12_500) + 'a'.repeat(12_500) + '$', 'python-re-fullmatch'],
    ['huge counted repeat', '(a{1000}){1000}', 'js-regexp-test'],
    ['deep nesting', '('.repeat(5000) + 'a' + ')'.repeat(5000), 'js-regexp-test'],
  ];
  for (const [name, p, flavor] of cases) {
    it(name, () => {
      const a = analyseOrigin(pattern(p, flavor));
      expect(a.unverifiable !== undefined || Array.isArray(a.witnesses)).toBe(true);
      if (!a.unverifiable) expect(typeof a.accepts('https://' + 'a'.repeat(40) + '!')).toBe('boolean');
    });
  }
  it('evaluates exponential-backtracking patterns correctly', () => {
    const a = analyseOrigin(pattern('^(a+)+$', 'js-regexp-test'));
    expect(a.accepts('a'.repeat(64))).toBe(true);
    expect(a.accepts('a'.repeat(64) + '!')).toBe(false);
  });
});
