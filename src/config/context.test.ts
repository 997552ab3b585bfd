// Contexts from path conventions and config globs; ignore patterns.
import { describe, expect, it } from 'vitest';
import { contextFor } from './context.js';
import { isIgnored } from './ignore.js';

describe('contextFor conventions', () => {
  it.each([
    ['src/app.js', 'production'],
    ['test/cors.js', 'test'],
    ['pkg/tests/settings.py', 'test'],
    ['src/__tests__/cors.ts', 'test'],
    ['spec/cors.rb', 'test'],
    ['src/cors.test.ts', 'test'],
    ['src/cors.spec.js', 'test'],
    ['app/conftest.py', 'test'],
    ['app/test_cors.py', 'test'],
    ['app/cors_test.py', 'test'],
    ['examples/express/app.js', 'example'],
    ['docs/nginx.conf', 'example'],
    ['samples/s3.json', 'example'],
    ['demo/app.js', 'example'],
    ['dev/nginx.conf', 'development'],
    ['docker/local/nginx.conf', 'development'],
    ['proj/settings/dev.py', 'development'],
    ['proj/settings/local.py', 'development'],
    ['proj/settings/prod.py', 'production'],
    ['proj/dev.py', 'production'],
    ['config/cors.dev.js', 'development'],
    ['config/app.local.json', 'development'],
    ['docker-compose.override.yml', 'development'],
    ['dev/tests/x.js', 'test'],
    ['examples/dev/x.js', 'example'],
    ['src\\Tests\\cors.js', 'test'],
    ['latest/contest.py', 'production'],
    ['devices/app.js', 'production'],
  ] as const)('%s is %s', (path, context) => {
    expect(contextFor(path)).toBe(context);
  });
});

describe('contextFor with config globs', () => {
  const config = { contexts: { production: ['deploy/**'], development: ['**/settings/dev.py', 'docker/local/**'], example: ['sandbox/**'] } };

  it('lets config globs win over the conventions', () => {
    expect(contextFor('deploy/tests/nginx.conf', config)).toBe('production');
    expect(contextFor('sandbox/app.js', config)).toBe('example');
    expect(contextFor('a/settings/dev.py', config)).toBe('development');
    expect(contextFor('test/app.js', config)).toBe('test');
  });

  it('matches globs relative to the config directory', () => {
    expect(contextFor('/repo/sandbox/app.js', config, '/repo')).toBe('example');
    expect(contextFor('/other/sandbox/app.js', config, '/repo')).toBe('production');
  });
});

describe('isIgnored', () => {
  const config = { ignorePatterns: ['legacy/**', '*.bak.js', 'vendor/', '!vendor/keep.js'] };
  it('uses gitignore syntax relative to the config directory', () => {
    expect(isIgnored('legacy/a/nginx.conf', config)).toBe(true);
    expect(isIgnored('src/legacy.js', config)).toBe(false);
    expect(isIgnored('deep/x/cors.bak.js', config)).toBe(true);
    expect(isIgnored('a/vendor/x.js', config)).toBe(true);
    expect(isIgnored('/repo/legacy/x.conf', config, '/repo')).toBe(true);
    expect(isIgnored('/elsewhere/legacy/x.conf', config, '/repo')).toBe(false);
    expect(isIgnored('legacy/x', {})).toBe(false);
    expect(isIgnored('legacy/x', undefined)).toBe(false);
  });
});
