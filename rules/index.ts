// The built-in rules, sorted by id. A convention test keeps this list equal to the files in rules/.
import type { Rule } from '../src/rule-api/index.js';
import configInvalid from './config-invalid.js';
import maxAgeAboveBrowserCap from './max-age-above-browser-cap.js';
import methodsWriteFromAnyOrigin from './methods-write-from-any-origin.js';
import originAllowlistOverridden from './origin-allowlist-overridden.js';
import originAny from './origin-any.js';
import originHttpScheme from './origin-http-scheme.js';
import originLocalhostInProduction from './origin-localhost-in-production.js';
import originNeverMatches from './origin-never-matches.js';
import originSharedHost from './origin-shared-host.js';
import parseError from './parse-error.js';

export const builtinRules: readonly Rule[] = [
  configInvalid as Rule,
  maxAgeAboveBrowserCap as Rule,
  methodsWriteFromAnyOrigin as Rule,
  originAllowlistOverridden as Rule,
  originAny as Rule,
  originHttpScheme as Rule,
  originLocalhostInProduction as Rule,
  originNeverMatches as Rule,
  originSharedHost as Rule,
  parseError as Rule,
];
