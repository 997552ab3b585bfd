// Runs the probes through a rule's matcher and keeps the accepted ones that are not intended: the witnesses.
import type { OriginRule } from '../model/policy.js';
import { type IntendedOrigin, intendedOrigins, isUnderIntended } from './hosts.js';
import { type Matcher, checkTest, compileOrigin, describeCheck, displayPattern, flavorWords, isUnverifiable } from './matcher.js';
import { isLocalHost as isLocalhostHost } from '../model/origin.js';
import { ATTACKER, type ProbeClass, probeOrigins } from './probes.js';

/** An attacker origin the rule accepts although it is not under an intended host. */
export interface Witness {
  origin: string;
  class: ProbeClass;
  /** Why this origin is a problem, in words. */
  reason: string;
}

export interface OriginAnalysis {
  matcher?: Matcher;
  /** Set when no matcher could be built; the reason. */
  unverifiable?: string;
  intendedHosts: string[];
  /**
   * The rule accepts any https origin: the unrelated probe and random-looking ones. Equivalent to
   * reflection (`.*`, `^https?://.*$`). `null` is not required (`^https?://.*$` rejects it); an
   * accepted `null` shows up as a witness of class `null`.
   */
  acceptsEverything: boolean;
  witnesses: Witness[];
  /** Whether an origin is accepted under the rule's exact semantics; undefined when unverifiable. */
  accepts(origin: string): boolean | undefined;
}

export interface AnalyseOptions {
  trustedOrigins?: readonly string[];
}

// Random-looking origins no allow-list would name; together with the unrelated probe they decide
// `acceptsEverything`.
const UNIVERSAL = [`https://${ATTACKER}`, 'https://q7zx3-corslint-probe.net:8443', 'https://a.b-c.d.xn--p1ai'];

function hostOf(origin: string): string | undefined {
  const m = /^[a-z]+:\/\/([^/?#:]*)/i.exec(origin);
  return m?.[1].toLowerCase();
}

const CLASS_WORDS: Record<ProbeClass, string> = {
  unrelated: 'an unrelated origin is accepted',
  null: 'the `null` origin (sandboxed iframes, data: and file: documents) is accepted',
  prefix: 'an attacker domain that begins with a trusted host name is accepted',
  suffix: 'an attacker domain that ends with a trusted host name is accepted',
  substring: 'an attacker domain that contains a trusted host name is accepted',
  'unescaped-dot': 'an unescaped `.` matches any character, so a look-alike domain is accepted',
  'untrusted-subdomain': "a subdomain of an attacker's domain that carries a trusted name is accepted",
  'shared-host': 'anyone can register this subdomain of a shared-hosting domain',
  'http-scheme': 'the plain-http form of a trusted host is accepted; a network attacker can inject into it',
  'special-char': 'a host with a special character after a trusted name is accepted',
  'path-query': 'a trusted name in the path or query of an attacker origin is accepted',
};

/** Whether only https is intended for `host` (no entry for it says http or leaves the scheme open). */
function httpsOnly(intended: readonly IntendedOrigin[], host: string): boolean {
  const covering = intended.filter((i) => isUnderIntended(host, [i]));
  return covering.length > 0 && covering.every((i) => i.scheme === 'https');
}

function witnessFor(cls: ProbeClass, origin: string, intended: readonly IntendedOrigin[], matcher: Matcher): Witness | undefined {
  const hosts = intended.map((i) => i.host);
  const notUnder = (host: string) =>
    hosts.length === 0 ? `${host} is not a trusted host` : `${host} is not under ${hosts.join(', ')}`;
  if (cls === 'null') return { origin, class: cls, reason: CLASS_WORDS.null };
  // Browsers never put a path in Origin, so these probes only illustrate a pattern's missing end
  // anchor; where the match is tied to the end, the path is not a way in.
  if (cls === 'path-query' && matcher.anchoredEnd !== false) return undefined;
  const host = hostOf(origin);
  if (host === undefined) return undefined;
  if (!isUnderIntended(host, intended)) {
    return { origin, class: cls, reason: `${CLASS_WORDS[cls]}: ${notUnder(host)}` };
  }
  if (cls === 'http-scheme' && origin.startsWith('http://') && !isLocalhostHost(host) && httpsOnly(intended, host)) {
    return { origin, class: cls, reason: CLASS_WORDS['http-scheme'] };
  }
  return undefined;
}

const analyses = new WeakMap<OriginRule, Map<readonly string[] | undefined, OriginAnalysis>>();

/**
 * Builds the rule's matcher, derives its intended hosts, probes it with attacker origins and
 * returns the witnesses (each accepted by the real engine's semantics and not under an intended
 * host). Memoised per rule object and trustedOrigins array.
 */
export function analyseOrigin(rule: OriginRule, options: AnalyseOptions = {}): OriginAnalysis {
  let perRule = analyses.get(rule);
  const cached = perRule?.get(options.trustedOrigins);
  if (cached) return cached;
  const result = compute(rule, options);
  if (!perRule) analyses.set(rule, (perRule = new Map()));
  perRule.set(options.trustedOrigins, result);
  return result;
}

function compute(rule: OriginRule, options: AnalyseOptions): OriginAnalysis {
  const intended = intendedOrigins(rule, options.trustedOrigins);
  const intendedHosts = [...new Set(intended.map((i) => i.host))];
  // With trustedOrigins, witnesses are judged against them, but the rule's own literal hosts are
  // probed too: `partner\.example\.com` unanchored is a flaw even when only `example.com` is trusted.
  const probed = options.trustedOrigins ? [...new Set([...intendedHosts, ...intendedOrigins(rule).map((i) => i.host)])] : intendedHosts;
  const compiled = compileOrigin(rule);
  if (isUnverifiable(compiled)) {
    return { unverifiable: compiled.reason, intendedHosts, acceptsEverything: false, witnesses: [], accepts: () => undefined };
  }
  const witnesses: Witness[] = [];
  for (const probe of probeOrigins(probed)) {
    if (!compiled.accepts(probe.origin)) continue;
    const w = witnessFor(probe.class, probe.origin, intended, compiled);
    if (w) witnesses.push(w);
  }
  return {
    matcher: compiled,
    intendedHosts,
    acceptsEverything: UNIVERSAL.every((o) => compiled.accepts(o)),
    witnesses,
    accepts: (o) => compiled.accepts(o),
  };
}

function anchoringNote(m: Matcher): string {
  if (m.anchoredStart && m.anchoredEnd) return '';
  if (!m.anchoredStart && !m.anchoredEnd) return 'no anchors; ';
  return m.anchoredStart ? 'no end anchor; ' : 'no start anchor; ';
}

/**
 * Message text saying that and why the rule accepts the witness, in terms of the flavor's matching
 * semantics (never the stack): `"https://a.example.com.evil.example" is accepted by
 * /^https:\/\/a\.example\.com/ (no end anchor; tested unanchored with RegExp.test)`.
 */
export function describeAcceptance(rule: OriginRule, witness: Pick<Witness, 'origin'> & Partial<Witness>): string {
  const subject = JSON.stringify(witness.origin);
  const compiled = compileOrigin(rule);
  const matcher = isUnverifiable(compiled) ? undefined : compiled;
  switch (rule.kind) {
    case 'any':
      return `${subject} is accepted: the wildcard \`*\` allows every origin`;
    case 'reflect':
      return `${subject} is accepted: the request Origin is echoed back unconditionally`;
    case 'null':
      return `${subject} is accepted: the \`null\` origin is trusted`;
    case 'unknown':
      return `${subject} may be accepted: the origin is computed at run time`;
    case 'exact':
      return `${subject} is accepted by the entry ${JSON.stringify(rule.origin)}`;
    case 'pattern': {
      const note = matcher && rule.flavor !== 's3-glob' ? anchoringNote(matcher) : '';
      const dot = witness.class === 'unescaped-dot' ? '; an unescaped `.` matches any character' : '';
      const state = matcher?.stateful ? '; `g`/`y` make repeated tests alternate, this is the first request' : '';
      return `${subject} is accepted by ${displayPattern(rule)} (${note}${flavorWords(rule)}${dot}${state})`;
    }
    case 'predicate': {
      const hit = rule.checks.find((c) => {
        try {
          return checkTest(c).test(witness.origin);
        } catch {
          return false;
        }
      });
      return `${subject} is accepted by the origin check ${hit ? describeCheck(hit) : rule.checks.map(describeCheck).join(' || ')}`;
    }
  }
}
