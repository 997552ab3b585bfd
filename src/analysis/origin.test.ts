// Origin parsing, localhost detection, dead allow-list entries and the simple matcher kinds.
import { describe, expect, it } from 'vitest';
import type { OriginRule } from '../model/policy.js';

const exact = (origin: string, comparison?: 'exact' | 'ignore-case') => ({ kind: 'exact' as const, origin, comparison });
import { compileOrigin, isLocalhostOrigin, isUnverifiable, parseOrigin } from './index.js';


describe('parseOrigin', () => {
  it('serialises as the URL parser (and so the browser) does', () => {
    expect(parseOrigin('https://App.Example.com:443/')).toEqual({ scheme: 'https', host: 'app.example.com', serialized: 'https://app.example.com' });
    expect(parseOrigin('http://localhost:3000')).toEqual({ scheme: 'http', host: 'localhost', port: 3000, serialized: 'http://localhost:3000' });
    expect(parseOrigin('https://bücher.de')?.serialized).toBe('https://xn--bcher-kva.de');
    expect(parseOrigin('file:///etc/passwd')?.serialized).toBe('null');
    expect(parseOrigin('example.com')).toBeUndefined();
    expect(parseOrigin('null')).toBeUndefined();
  });
});

describe('isLocalhostOrigin', () => {
  it.each([
    ['http://localhost:3000', true],
    ['http://api.localhost', true],
    ['http://127.0.0.1:8000', true],
    ['http://127.1.2.3', true],
    ['http://0.0.0.0:5173', true],
    ['http://[::1]:8080', true],
    ['https://localhost.evil.example', false],
    ['https://example.com', false],
    ['null', false],
  ])('%s → %s', (origin, expected) => expect(isLocalhostOrigin(origin)).toBe(expected));
});

describe('compileOrigin: simple kinds', () => {
  const accepts = (rule: OriginRule, origin: string) => {
    const m = compileOrigin(rule);
    if (isUnverifiable(m)) throw new Error(m.reason);
    return m.accepts(origin);
  };
  it('exact compares bytes, or case-insensitively when the stack does', () => {
    expect(accepts(exact('https://a.com'), 'https://a.com')).toBe(true);
    expect(accepts(exact('https://a.com'), 'https://A.com')).toBe(false);
    expect(accepts(exact('https://a.com/'), 'https://a.com')).toBe(false);
    expect(accepts(exact('https://A.com', 'ignore-case'), 'https://a.com')).toBe(true);
  });
  it('null, any and reflect', () => {
    expect(accepts({ kind: 'null' }, 'null')).toBe(true);
    expect(accepts({ kind: 'null' }, 'https://a.com')).toBe(false);
    expect(accepts({ kind: 'any' }, 'null')).toBe(true);
    expect(accepts({ kind: 'reflect' }, 'https://evil.example')).toBe(true);
  });
  it('predicates OR their checks and AND `all`', () => {
    const rule: OriginRule = {
      kind: 'predicate',
      checks: [
        { op: 'equals', value: 'https://a.com' },
        { op: 'all', checks: [{ op: 'startsWith', value: 'https://' }, { op: 'regex', pattern: '\\.b\\.com$', flags: 'i' }] },
      ],
    };
    expect(accepts(rule, 'https://a.com')).toBe(true);
    expect(accepts(rule, 'https://x.B.com')).toBe(true);
    expect(accepts(rule, 'http://x.b.com')).toBe(false);
  });
  it('memoises per rule object', () => {
    const rule: OriginRule = { kind: 'pattern', pattern: '^a$', flavor: 'js-regexp-test' };
    expect(compileOrigin(rule)).toBe(compileOrigin(rule));
  });
});

describe('translations PCRE and Python share with neither JS', () => {
  const pcre = (pattern: string, flags = '') => compileOrigin({ kind: 'pattern', pattern, flavor: 'pcre-unanchored', flags });
  it('reads POSIX classes, \\z, \\Q…\\E, named groups and mid-pattern options', () => {
    const cases: [string, string, boolean][] = [
      ['^[[:alpha:]]+$', 'abc', true],
      ['^[[:alpha:]]+$', 'ab1', false],
      ['^a\\z', 'a\n', false],
      ['^a\\Z', 'a\n', true],
      ['^a$', 'a\n', true],
      ['^\\Qa.b\\E$', 'a.b', true],
      ['^\\Qa.b\\E$', 'axb', false],
      ['^(?P<x>a)(?<y>b)(?\'z\'c)$', 'abc', true],
      ['^a(?i)b|c$', 'aB', true],
      ['^a(?i)b|c$', 'C', true],
      ['^A$', 'a', false],
    ];
    for (const [p, s, want] of cases) {
      const m = pcre(p);
      if (isUnverifiable(m)) throw new Error(`${p}: ${m.reason}`);
      expect(m.accepts(s), `${p} on ${JSON.stringify(s)}`).toBe(want);
    }
  });
  it('refuses what it cannot reproduce instead of guessing', () => {
    for (const p of ['(?=a)', '(a)\\1', '(?R)', '(*UTF)a', '\\h', '(?(1)a|b)', 'a*+a']) {
      expect(isUnverifiable(pcre(p)), p).toBe(true);
    }
  });
});
