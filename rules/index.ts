// The built-in rules, sorted by id. A convention test keeps this list equal to the files in rules/.
import type { Rule } from '../src/rule-api/index.js';
import configInvalid from './config-invalid.js';
import headersDroppedByInheritance from './headers-dropped-by-inheritance.js';
import headersMissingOnErrors from './headers-missing-on-errors.js';
import headersWildcardWithCredentials from './headers-wildcard-with-credentials.js';
import maxAgeAboveBrowserCap from './max-age-above-browser-cap.js';
import methodsWriteFromAnyOrigin from './methods-write-from-any-origin.js';
import middlewareMisplaced from './middleware-misplaced.js';
import originAllowlistOverridden from './origin-allowlist-overridden.js';
import originAny from './origin-any.js';
import originCheckBypassable from './origin-check-bypassable.js';
import originHeaderDuplicated from './origin-header-duplicated.js';
import originHttpScheme from './origin-http-scheme.js';
import originLocalhostInProduction from './origin-localhost-in-production.js';
import originNeverMatches from './origin-never-matches.js';
import originNullAllowed from './origin-null-allowed.js';
import originReflectedWithCredentials from './origin-reflected-with-credentials.js';
import originRegexUnanchored from './origin-regex-unanchored.js';
import originRegexUnescapedDot from './origin-regex-unescaped-dot.js';
import originSharedHost from './origin-shared-host.js';
import originValueInvalid from './origin-value-invalid.js';
import originWildcardWithCredentials from './origin-wildcard-with-credentials.js';
import parseError from './parse-error.js';
import policyUnverifiable from './policy-unverifiable.js';
import preflightNotHandled from './preflight-not-handled.js';
import privateNetworkAllowed from './private-network-allowed.js';
import settingDeprecated from './setting-deprecated.js';
import varyOriginMissing from './vary-origin-missing.js';

export const builtinRules: readonly Rule[] = [
  configInvalid as Rule,
  headersDroppedByInheritance as Rule,
  headersMissingOnErrors as Rule,
  headersWildcardWithCredentials as Rule,
  maxAgeAboveBrowserCap as Rule,
  methodsWriteFromAnyOrigin as Rule,
  middlewareMisplaced as Rule,
  originAllowlistOverridden as Rule,
  originAny as Rule,
  originCheckBypassable as Rule,
  originHeaderDuplicated as Rule,
  originHttpScheme as Rule,
  originLocalhostInProduction as Rule,
  originNeverMatches as Rule,
  originNullAllowed as Rule,
  originReflectedWithCredentials as Rule,
  originRegexUnanchored as Rule,
  originRegexUnescapedDot as Rule,
  originSharedHost as Rule,
  originValueInvalid as Rule,
  originWildcardWithCredentials as Rule,
  parseError as Rule,
  policyUnverifiable as Rule,
  preflightNotHandled as Rule,
  privateNetworkAllowed as Rule,
  settingDeprecated as Rule,
  varyOriginMissing as Rule,
];
