// Attacker origins built from the intended hosts, following the dynamic CORS scanners' taxonomy.
import { isPublicSuffix, registrableDomain, sharedHostingSuffix } from './hosts.js';
import { isLocalHost as isLocalhostHost } from '../model/origin.js';

/** The kind of bypass a probe tries. */
export type ProbeClass =
  | 'unrelated'
  | 'null'
  | 'prefix'
  | 'suffix'
  | 'substring'
  | 'unescaped-dot'
  | 'untrusted-subdomain'
  | 'shared-host'
  | 'http-scheme'
  | 'special-char'
  | 'path-query';

export interface Probe {
  origin: string;
  class: ProbeClass;
}

/** The attacker's own domain in every probe: `.example` is reserved (RFC 2606), so no probe names a real site. */
export const ATTACKER = 'evil.example';
/** A fresh label an attacker could register under a shared-hosting suffix. */
export const SHARED_LABEL = 'evil-corslint';

const ORDER: ProbeClass[] = [
  'unrelated', 'null', 'prefix', 'suffix', 'substring', 'unescaped-dot', 'untrusted-subdomain',
  'shared-host', 'http-scheme', 'special-char', 'path-query',
];

/** Concrete names to build probes from: the host itself, or for `*.x` both `x` and `www.x`. */
function names(host: string): string[] {
  if (host.startsWith('*.')) {
    const base = host.slice(2);
    return base.includes('*') ? [] : [base, `www.${base}`];
  }
  return host.includes('*') ? [host.replace(/\*/g, 'corslint')] : [host];
}

function probesFor(host: string, add: (origin: string, cls: ProbeClass) => void): void {
  // Every label under a public suffix belongs to whoever registers it: the shared-host probe below
  // is the precise witness, and look-alikes of the suffix itself would say nothing more.
  const wildcardSuffix = host.startsWith('*.') && isPublicSuffix(host.slice(2));
  for (const name of wildcardSuffix ? [] : names(host)) {
    add(`https://${name}.${ATTACKER}`, 'prefix');
    add(`https://evil${name}`, 'suffix');
    const reg = registrableDomain(name);
    if (reg && reg !== name) add(`https://evil${reg}`, 'suffix');
    add(`https://not${name}.${ATTACKER}`, 'substring');
    for (let i = name.indexOf('.'); i >= 0; i = name.indexOf('.', i + 1)) {
      add(`https://${name.slice(0, i)}x${name.slice(i + 1)}`, 'unescaped-dot');
    }
    if (reg === name) add(`https://wwwx${name}`, 'unescaped-dot');
    add(`https://${name}-${ATTACKER}`, 'untrusted-subdomain');
    const label = name.split('.')[0];
    if (label !== name) add(`https://${label}.${ATTACKER}`, 'untrusted-subdomain');
    if (!isLocalhostHost(name)) add(`http://${name}`, 'http-scheme');
    add(`https://${name}_.${ATTACKER}`, 'special-char');
    add(`https://${name}\`.${ATTACKER}`, 'special-char');
    add(`https://${name}%60.${ATTACKER}`, 'special-char');
    add(`https://${ATTACKER}/?${name}`, 'path-query');
    add(`https://${ATTACKER}/${name}`, 'path-query');
  }
  const suffix = sharedHostingSuffix(host.startsWith('*.') ? host.slice(2) : host);
  if (suffix) {
    const base = host.startsWith('*.') ? host.slice(2) : host;
    if (base.includes('*')) add(`https://${base.replace(/\*/g, 'evil')}`, 'shared-host');
    add(`https://${SHARED_LABEL}.${suffix}`, 'shared-host');
  }
}

/**
 * Deterministic, short attacker origins for the given intended hosts (see `intendedHosts`), grouped
 * by class in taxonomy order so the first accepted probe is the most telling one.
 */
export function probeOrigins(hosts: readonly string[]): Probe[] {
  const byClass = new Map<ProbeClass, Probe[]>(ORDER.map((c) => [c, []]));
  const seen = new Set<string>();
  const add = (origin: string, cls: ProbeClass): void => {
    if (seen.has(origin)) return;
    seen.add(origin);
    byClass.get(cls)?.push({ origin, class: cls });
  };
  add(`https://${ATTACKER}`, 'unrelated');
  add('null', 'null');
  for (const host of hosts) probesFor(host, add);
  return ORDER.flatMap((c) => byClass.get(c) ?? []);
}
