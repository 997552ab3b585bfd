// Include path resolution: prefix, globs, normalisation and the scanned-root boundary.
import { describe, expect, it } from 'vitest';
import { globToRegExp, joinPath, prefixOf } from './includes.js';

describe('include paths', () => {
  it('takes the prefix from the top-level file, or from above a conventional folder', () => {
    expect(prefixOf('nginx.conf')).toBe('');
    expect(prefixOf('deploy/nginx/nginx.conf')).toBe('deploy/nginx');
    expect(prefixOf('etc/nginx/sites-enabled/default')).toBe('etc/nginx');
    expect(prefixOf('conf.d/api.conf')).toBe('');
  });

  it('normalises . and .. and refuses to leave the root', () => {
    expect(joinPath('a/b', './c/../d.conf')).toBe('a/b/d.conf');
    expect(joinPath('', 'snippets/x.conf')).toBe('snippets/x.conf');
    expect(joinPath('a', '../../etc/passwd')).toBeUndefined();
  });

  it('matches glob(3) patterns without crossing folders', () => {
    const re = globToRegExp('conf.d/*.conf');
    expect(re.test('conf.d/a.conf')).toBe(true);
    expect(re.test('conf.d/sub/a.conf')).toBe(false);
    expect(re.test('conf.dX/a.conf')).toBe(false);
    expect(globToRegExp('s/[!a]?.conf').test('s/b1.conf')).toBe(true);
    expect(globToRegExp('s/[!a]?.conf').test('s/a1.conf')).toBe(false);
    expect(globToRegExp('s/x+(1).conf').test('s/x+(1).conf')).toBe(true);
  });
});
