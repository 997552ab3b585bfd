// Which context a file belongs to: config `contexts` globs first, then path conventions.
import type { Context } from '../model/index.js';
import { globMatcher, normalizePath, relativeTo } from './paths.js';
import type { CorslintConfig } from './types.js';

// Path conventions, checked on the path's segments (case-insensitively), in this priority: test,
// then example, then development — a test file stays a test even inside a dev/ folder. Within a
// context, file-name conventions and directory names count equally.
//
//   test         directories test/ tests/ __tests__/ spec/ specs/;
//                files *.test.* *.spec.* conftest.py test_*.py *_test.py (pytest's default
//                `python_files = test_*.py *_test.py`, docs.pytest.org "Conventions for Python
//                test discovery"; conftest.py holds pytest fixtures)
//   example      directories example/ examples/ sample/ samples/ demo/ demos/ docs/
//   development  directories dev/ development/ local/; files *.dev.* *.local.*
//                docker-compose.override.* (Compose reads it only next to docker-compose.yml, a
//                local-development layer: docs.docker.com "Merge Compose files"), and dev.py,
//                development.py, local.py directly inside a settings/ directory (Django's split
//                settings habit)
//
// Everything else is production: unknown files are judged at full severity.
const TEST_DIRS = new Set(['test', 'tests', '__tests__', 'spec', 'specs']);
const EXAMPLE_DIRS = new Set(['example', 'examples', 'sample', 'samples', 'demo', 'demos', 'docs']);
const DEVELOPMENT_DIRS = new Set(['dev', 'development', 'local']);
const DEVELOPMENT_SETTINGS = new Set(['dev.py', 'development.py', 'local.py']);

const TEST_FILE = /\.(?:test|spec)\.|^conftest\.py$|^test_.*\.py$|_test\.py$/;
const DEVELOPMENT_FILE = /\.(?:dev|local)\.|^docker-compose\.override\./;

/** The context the path conventions above give `path` (a repository- or cwd-relative path). */
export function conventionalContext(path: string): Context {
  const segments = normalizePath(path).toLowerCase().split('/');
  const name = segments[segments.length - 1];
  const dirs = segments.slice(0, -1);
  if (TEST_FILE.test(name) || dirs.some((dir) => TEST_DIRS.has(dir))) return 'test';
  if (dirs.some((dir) => EXAMPLE_DIRS.has(dir))) return 'example';
  if (
    DEVELOPMENT_FILE.test(name) ||
    dirs.some((dir) => DEVELOPMENT_DIRS.has(dir)) ||
    (dirs[dirs.length - 1] === 'settings' && DEVELOPMENT_SETTINGS.has(name))
  ) {
    return 'development';
  }
  return 'production';
}

// When a file matches the globs of several contexts, production wins (the strictest reading),
// then development, test, example.
const CONFIG_ORDER: readonly Context[] = ['production', 'development', 'test', 'example'];

/**
 * The context of a file. The config's `contexts` globs win over the conventions; they are matched
 * against `path` relative to `configDir` (same frame as `path`; omit it when `path` is already
 * relative to the config's directory). Conventions read `path` as given, so pass a repository- or
 * cwd-relative path: an absolute one would let directories above the project (`/home/dev/…`) count.
 */
export function contextFor(path: string, config?: CorslintConfig, configDir?: string): Context {
  return configuredContext(path, config, configDir) ?? conventionalContext(path);
}

/** The context the config's `contexts` globs give `path` (relative to `configDir`), if any matches. */
export function configuredContext(path: string, config?: CorslintConfig, configDir?: string): Context | undefined {
  const contexts = config?.contexts;
  if (contexts === undefined) return undefined;
  const relative = relativeTo(path, configDir ?? '');
  if (relative === undefined) return undefined;
  for (const context of CONFIG_ORDER) {
    const patterns = contexts[context];
    if (patterns !== undefined && globMatcher(patterns)(relative)) return context;
  }
  return undefined;
}
