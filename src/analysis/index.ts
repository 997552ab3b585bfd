// Origin analysis, the public entry: exact matchers per flavor, intended hosts, attacker probes and witnesses.
export { compileOrigin, isUnverifiable, type Matcher, type Unverifiable } from './matcher.js';
export { analyseOrigin, describeAcceptance, type AnalyseOptions, type OriginAnalysis, type Witness } from './analyse.js';
export { intendedHosts, isUnderIntended, registrableDomain, sharedHostingSuffix, type IntendedOrigin } from './hosts.js';
export { probeOrigins, type Probe, type ProbeClass } from './probes.js';
export { isLocalhostOrigin, parseOrigin, type ParsedOrigin } from './origin.js';
