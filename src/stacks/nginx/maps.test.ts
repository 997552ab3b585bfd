// `if` conditions and `map` blocks as nginx's rewrite and map modules read them.
import { describe, expect, it } from 'vitest';
import { readCondition, readMap, testsOptions } from './maps.js';
import { parseNginx } from './parser.js';

const directive = (text: string) => parseNginx(text, 'x.conf').directives[0];

describe('if conditions', () => {
  it('strips the parentheses like ngx_http_rewrite_if_condition, quoted or not', () => {
    expect(readCondition(directive('if ($http_origin ~* "^https://a\\.com$") { }').args)).toMatchObject({
      variable: 'http_origin',
      op: '~*',
      operand: { value: '^https://a\\.com$' },
    });
    expect(readCondition(directive('if ( $request_method = OPTIONS ) { }').args)).toMatchObject({ variable: 'request_method', op: '=', operand: { value: 'OPTIONS' } });
    expect(readCondition(directive('if ($http_origin ~ (a|b)) { }').args)).toMatchObject({ op: '~', operand: { value: '(a|b)' } });
    const truthy = readCondition(directive('if ($cors) { }').args);
    expect([truthy?.variable, truthy?.op, truthy?.operand]).toEqual(['cors', undefined, undefined]);
    expect(readCondition(directive('if (-f $request_filename) { }').args)?.variable).toBeUndefined();
  });

  it('recognises OPTIONS tests: `=` is exact, regexes are tried on "OPTIONS"', () => {
    const t = (s: string) => testsOptions(readCondition(directive(s).args)!);
    expect(t('if ($request_method = OPTIONS) { }')).toBe(true);
    expect(t("if ($request_method = 'OPTIONS') { }")).toBe(true);
    expect(t('if ($request_method = options) { }')).toBe(false);
    expect(t('if ($request_method ~* "^(options|head)$") { }')).toBe(true);
    expect(t('if ($request_method = GET) { }')).toBe(false);
    expect(t('if ($http_x = OPTIONS) { }')).toBe(false);
  });
});

describe('map blocks', () => {
  it('reads default, regex keys with their case flag, escaped keywords and skips hostnames/volatile', () => {
    const map = readMap(directive('map $http_origin $Cors { hostnames; default ""; "~*^https://a" $http_origin; ~^https://b 1; \\default 2; https://c.com $http_origin; }'));
    expect(map?.target).toBe('cors');
    expect(map?.default?.value).toBe('');
    expect(map?.entries.map((e) => [e.key, e.regex?.flags, e.value.value])).toEqual([
      ['^https://a', 'i', '$http_origin'],
      ['^https://b', '', '1'],
      ['default', undefined, '2'],
      ['https://c.com', undefined, '$http_origin'],
    ]);
  });
});
