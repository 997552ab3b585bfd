// Intended hosts: which hosts a rule's author meant to trust, and whether a host falls under them.
import { createRequire } from 'node:module';
import type { OriginRule, PredicateCheck } from '../model/policy.js';
import { compileRegex } from './pattern.js';
import type { CharSet } from './regex/charset.js';
import { setUnits } from './regex/charset.js';
import type { Node } from './regex/parse.js';

/** A host the author meant to trust: exact (`app.example.com`), any subdomain (`*.example.com`) or a label prefix (`proj-*.vercel.app`). */
export interface IntendedOrigin {
  host: string;
  /**
   * `https` when the configuration names https for this host (even next to http, as in `https?://`),
   * `http` when it only names http, `any` when it names no scheme (`endsWith('.example.com')`).
   */
  scheme: 'https' | 'http' | 'any';
}

type Tldts = typeof import('tldts');
let tldtsModule: Tldts | undefined;

// tldts costs ~20–35 ms to load (measured with `node -e`), so it is loaded on first use, not at import.
function tldts(): Tldts {
  tldtsModule ??= createRequire(import.meta.url)('tldts') as Tldts;
  return tldtsModule;
}

const PSL = { allowPrivateDomains: true } as const;

/** The registrable domain (PSL, private section included), or null for IPs, single labels and public suffixes. */
export function registrableDomain(host: string): string | null {
  return tldts().getDomain(host, PSL);
}

/**
 * The shared-hosting suffix a host sits on (`vercel.app` for `x.vercel.app` or `*.vercel.app`):
 * a public suffix from the PSL's private section, where anyone can get a subdomain.
 */
export function sharedHostingSuffix(host: string): string | undefined {
  const probe = host.replace(/\*/g, 'corslint');
  const info = tldts().parse(probe, PSL);
  if (info.isPrivate && info.publicSuffix && info.publicSuffix !== probe) return info.publicSuffix;
  if (info.isPrivate && info.publicSuffix === probe) return probe;
  return undefined;
}

/** Whether a host is itself a public suffix (`com`, `vercel.app`). */
export function isPublicSuffix(host: string): boolean {
  const info = tldts().parse(host, PSL);
  return info.publicSuffix === host;
}

/** Whether `host` belongs to the owner of one of the intended hosts (same registrable domain, or a listed subdomain). */
export function isUnderIntended(host: string, intended: readonly IntendedOrigin[]): boolean {
  const h = host.toLowerCase();
  const reg = registrableDomain(h);
  for (const { host: i } of intended) {
    if (i === h) return true;
    if (i.startsWith('*.')) {
      const base = i.slice(2);
      // Under a public suffix every label belongs to someone else (`*.vercel.app`).
      if (isPublicSuffix(base)) continue;
      if (h === base || h.endsWith('.' + base)) return true;
      if (reg !== null && reg === registrableDomain(base)) return true;
      continue;
    }
    const concrete = i.replace(/\*/g, 'corslint');
    const iReg = registrableDomain(concrete);
    // A label-prefix host on a shared suffix (`proj-*.vercel.app`) is its own registrable domain
    // for every value of `*`, so only the host itself would be under it; never true for a probe.
    if (i.includes('*')) continue;
    if (reg !== null && reg === iReg) return true;
  }
  return false;
}

// A placeholder for "some characters chosen by the visitor" while sampling a pattern.
const WILD = '\u0001';
const MAX_SAMPLES = 16;
// Hosts are at most 253 characters; longer samples cannot name one, so sampling stops growing them.
const MAX_SAMPLE_LENGTH = 300;

function isDotLike(set: CharSet): boolean {
  const units = setUnits(set);
  if (!units) return false;
  let covered = 0;
  for (let i = 0; i < units.length; i += 2) covered += units[i + 1] - units[i] + 1;
  return covered > 0x10000; // `.` (everything but line terminators) or `[^]`
}

function setSample(set: CharSet, quantified: boolean): string {
  const units = setUnits(set);
  if (units && units.length === 2 && units[0] === units[1]) return String.fromCharCode(units[0]);
  if (units && set.fold && units.length === 4 && units[2] - units[0] === 32) return String.fromCharCode(units[2]);
  // A bare `.` in a host is almost always a dot the author forgot to escape: read it as one.
  if (!quantified && isDotLike(set)) return '.';
  return WILD;
}

function product(a: string[], b: string[]): string[] {
  const out: string[] = [];
  for (const x of a) {
    if (x.length > MAX_SAMPLE_LENGTH) {
      out.push(x);
      continue;
    }
    for (const y of b) if (out.length < MAX_SAMPLES) out.push(x + y);
  }
  return out;
}

/** Strings that show what a pattern was written to match, with WILD where the visitor chooses. */
function samples(node: Node, quantified = false): string[] {
  switch (node.kind) {
    case 'set':
      return [setSample(node, quantified)];
    case 'assert':
      return [''];
    case 'cat':
      return node.items.reduce<string[]>((acc, item) => product(acc, samples(item)), ['']);
    case 'alt': {
      const out: string[] = [];
      for (const item of node.items) {
        if (out.length >= MAX_SAMPLES) break;
        out.push(...samples(item));
      }
      return out.slice(0, MAX_SAMPLES);
    }
    case 'atomic':
      return samples(node.body, quantified);
    case 'rep': {
      if (node.body.kind === 'set') {
        const one = setSample(node.body, true);
        if (one === WILD) return [WILD];
        return node.max === 1 && node.min === 0 ? ['', one] : [one.repeat(Math.max(node.min, 1))];
      }
      const body = samples(node.body);
      if (node.min === 0) return ['', ...body].slice(0, MAX_SAMPLES);
      return body.map((b) => b.repeat(Math.min(node.min, 3)));
    }
  }
}

/** Normalises a sampled or literal host (WILD or `*` for visitor-chosen text) into intended hosts. */
function hostsFromText(text: string): string[] {
  let h = text.toLowerCase().replace(/\*/g, WILD).replace(/\u0001+/g, WILD);
  if (!/^[a-z0-9.\-\u0001[\]:]+$/.test(h)) return [];
  h = h.replace(/^\.+/, '');
  const labels = h.split('.');
  while (labels.length > 1 && labels[0] === WILD && labels[1] === WILD) labels.shift();
  if (labels.slice(1).some((l) => l.includes(WILD) || l === '')) return [];
  if (labels.length === 1 && labels[0].includes(WILD)) return [];
  const [head, ...tail] = labels;
  const rest = tail.join('.');
  if (head === WILD) return [`*.${rest}`];
  if (head.startsWith(WILD)) {
    // `.*example\.com`: the author meant example.com and its subdomains.
    const stripped = head.slice(1).replace(/^[-.]+/, '');
    return stripped ? [`${stripped}.${rest}`, `*.${stripped}.${rest}`] : [`*.${rest}`];
  }
  if (head.includes(WILD)) return [`${head.replace(WILD, '*')}.${rest}`];
  return [labels.join('.')];
}

/** Intended origins from origin-like text (`https://app.example.com`, `https://*.x.com`, `https?://…` samples). */
function fromOriginText(text: string): IntendedOrigin[] {
  const m = /^([^/]*):\/\/(.*)$/.exec(text);
  let scheme: IntendedOrigin['scheme'] = 'any';
  let rest = text;
  if (m) {
    rest = m[2];
    const written = m[1].toLowerCase();
    if (written === 'http' || written === 'https') scheme = written;
  }
  const host = /^(\[[^\]]*\]|[^/?#:]*)/.exec(rest)?.[1] ?? '';
  if (host === '') return [];
  return hostsFromText(host).map((h) => ({ host: h, scheme }));
}

function fromCheck(check: PredicateCheck): IntendedOrigin[] {
  switch (check.op) {
    case 'always':
    case 'no-origin':
      return [];
    case 'equals':
      return fromOriginText(check.value);
    case 'in-list':
      return check.values.flatMap((v) => fromOriginText(v));
    case 'includes':
    case 'startsWith':
    case 'endsWith': {
      const v = check.value;
      if (v.includes('://')) return fromOriginText(v);
      // `endsWith('.example.com')`: the leading dot means "subdomains of".
      if (v.startsWith('.')) return hostsFromText(v.slice(1)).map((h) => ({ host: h.startsWith('*.') ? h : `*.${h}`, scheme: 'any' as const }));
      return fromOriginText(v);
    }
    case 'regex':
      return fromPattern(check.pattern, check.flags);
    case 'all':
      return check.checks.flatMap(fromCheck);
  }
}

function fromPattern(pattern: string, flags: string, flavor: Parameters<typeof compileRegex>[1] = 'js-regexp-test'): IntendedOrigin[] {
  let node: Node;
  try {
    node = compileRegex(pattern, flavor, flags).node;
  } catch {
    return [];
  }
  return samples(node).flatMap((s) => fromOriginText(s));
}

const SCHEME_RANK: Record<IntendedOrigin['scheme'], number> = { http: 0, any: 1, https: 2 };

/** Merges entries per host: https wins when both schemes are seen (`https?://` means https was meant). */
function merge(list: IntendedOrigin[]): IntendedOrigin[] {
  const byHost = new Map<string, IntendedOrigin>();
  for (const o of list) {
    const prev = byHost.get(o.host);
    if (!prev) byHost.set(o.host, { ...o });
    else if (SCHEME_RANK[o.scheme] > SCHEME_RANK[prev.scheme]) prev.scheme = o.scheme;
  }
  return [...byHost.values()];
}

/** Intended origins of a rule, or of the configured `trustedOrigins` when given. */
export function intendedOrigins(rule: OriginRule, trustedOrigins?: readonly string[]): IntendedOrigin[] {
  if (trustedOrigins && trustedOrigins.length > 0) {
    // Configured entries are taken at their word, scheme included.
    const list: IntendedOrigin[] = [];
    for (const t of trustedOrigins) for (const o of fromOriginText(t)) list.push(o);
    const byKey = new Map(list.map((o) => [`${o.scheme}://${o.host}`, o]));
    return [...byKey.values()];
  }
  switch (rule.kind) {
    case 'any':
    case 'reflect':
    case 'null':
    case 'unknown':
      return [];
    case 'exact':
      return merge(fromOriginText(rule.origin));
    case 'pattern':
      if (rule.flavor === 's3-glob') return merge(fromOriginText(rule.pattern));
      return merge(fromPattern(rule.pattern, rule.flags ?? '', rule.flavor));
    case 'predicate':
      return merge(rule.checks.flatMap(fromCheck));
  }
}

/**
 * The hosts a rule means to trust: from `trustedOrigins` when given, else from the rule's literal
 * parts. `*.example.com` stands for example.com's subdomains, `proj-*.vercel.app` for a label prefix.
 */
export function intendedHosts(rule: OriginRule, trustedOrigins?: readonly string[]): string[] {
  return [...new Set(intendedOrigins(rule, trustedOrigins).map((o) => o.host))];
}
