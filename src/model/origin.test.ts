// Why an allow-list entry can never equal a browser's Origin, and what counts as the local machine.
import { describe, expect, it } from 'vitest';
import { isLocalHost, originNeverMatchesReason } from './origin.js';

describe('originNeverMatchesReason (semantics §5.1)', () => {
  it.each([
    ['https://example.com/', /trailing slash/],
    ['https://example.com/app', /path/],
    ['example.com', /no scheme/],
    ['https://Example.com', /host in lowercase/],
    ['HTTPS://example.com', /scheme in lowercase/],
    ['https://example.com:443', /default port :443/],
    ['http://example.com:80', /default port :80/],
    ['*', /not a wildcard/],
    ['https://*.example.com', /literal "\*" here/],
    [' https://example.com', /whitespace/],
    ['https://user@example.com', /user information/],
    ['https://bücher.de', /punycode/],
    ['https://example.com:', /no port/],
  ])('%s', (origin, reason) => expect(originNeverMatchesReason(origin)).toMatch(reason));

  it.each(['https://example.com', 'http://localhost:3000', 'https://example.com:8443', 'null', 'chrome-extension://abcdef'])(
    '%s can match',
    (origin) => expect(originNeverMatchesReason(origin)).toBeUndefined(),
  );

  it('an upper-case host is fine where the stack compares case-insensitively', () => {
    expect(originNeverMatchesReason('https://Example.com', 'ignore-case')).toBeUndefined();
  });
});

describe('isLocalHost', () => {
  it.each([
    ['localhost', true],
    ['api.localhost', true],
    ['127.0.0.1', true],
    ['127.255.0.9', true],
    ['0.0.0.0', true],
    ['[::1]', true],
    ['localhost.example.com', false],
    ['128.0.0.1', false],
  ])('%s → %s', (host, expected) => expect(isLocalHost(host)).toBe(expected));
});
