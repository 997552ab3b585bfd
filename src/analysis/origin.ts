// Origin strings: parsing, browser serialisation (Fetch/URL), localhost detection, dead allow-list entries.
import type { OriginRule } from '../model/policy.js';

/** The parts of an origin and its serialised form, as a browser would send it in `Origin`. */
export interface ParsedOrigin {
  scheme: string;
  /** Lower-case host as the URL parser serialises it (punycode, IPv6 in brackets). */
  host: string;
  /** Explicit non-default port, if any. */
  port?: number;
  /** `scheme://host[:port]`, or `null` for schemes with opaque origins (file:, data:). */
  serialized: string;
}

/**
 * Parses `scheme://host[:port]` (a path is tolerated and dropped) with the WHATWG URL parser, which
 * is what browsers use to serialise the Origin header. Undefined for anything that is not a URL.
 */
export function parseOrigin(s: string): ParsedOrigin | undefined {
  if (!/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(s)) return undefined;
  let url: URL;
  try {
    url = new URL(s);
  } catch {
    return undefined;
  }
  const scheme = url.protocol.slice(0, -1);
  const parsed: ParsedOrigin = { scheme, host: url.hostname, serialized: url.origin };
  if (url.port !== '') parsed.port = Number(url.port);
  return parsed;
}

/** Whether an origin is a loopback or local-only host: localhost, *.localhost, 127.0.0.0/8, 0.0.0.0, ::1. */
export function isLocalhostOrigin(origin: string): boolean {
  const parsed = parseOrigin(origin);
  if (!parsed) return false;
  return isLocalhostHost(parsed.host);
}

/** Host-level form of isLocalhostOrigin. */
export function isLocalhostHost(host: string): boolean {
  const h = host.toLowerCase();
  return (
    h === 'localhost' ||
    h.endsWith('.localhost') ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h) ||
    h === '0.0.0.0' ||
    h === '[::1]' ||
    h === '::1'
  );
}

const DEFAULT_PORTS: Record<string, string> = { http: '80', https: '443', ws: '80', wss: '443' };

/**
 * Why an allow-list entry can never equal a browser's serialised origin under the stack's
 * comparison (Fetch "byte-serializing a request origin", semantics §5.1), or undefined when it can.
 * `null` is not judged here: it does match the `null` origin.
 */
export function originNeverMatchesReason(rule: Extract<OriginRule, { kind: 'exact' }>): string | undefined {
  const value = rule.origin;
  const ignoreCase = rule.comparison === 'ignore-case';
  if (value === 'null') return undefined;
  if (/\s/.test(value)) return 'it contains whitespace, which a serialised origin never has';
  if (value === '*') return 'a literal `*` in a list of exact origins is not a wildcard; it equals no origin';
  const m = /^([^:/?#]*):\/\/([^/?#]*)([^]*)$/.exec(value);
  if (!m) return 'it has no scheme; browsers send `scheme://host[:port]`';
  const [, scheme, authority, rest] = m;
  if (rest === '/') return 'it ends with `/`; browsers send origins without a trailing slash';
  if (rest !== '') return 'it has a path, query or fragment; browsers send only `scheme://host[:port]`';
  if (authority.includes('@')) return 'it contains user information, which an origin never has';
  if (authority.includes('*')) return 'a literal `*` here is compared as text, not as a wildcard';
  if (!ignoreCase && scheme !== scheme.toLowerCase()) return 'its scheme has upper-case letters; browsers send it in lower case';
  const hostPort = /^(\[[^\]]*\]|[^:]*)(?::(\d*))?$/.exec(authority);
  if (!hostPort || hostPort[1] === '') return 'it has no valid host';
  const [, host, port] = hostPort;
  if (/[^\x00-\x7f]/.test(host)) return 'its host is not in punycode; browsers send internationalised hosts as `xn--…`';
  if (!ignoreCase && host !== host.toLowerCase()) return 'its host has upper-case letters; browsers send hosts in lower case';
  if (port !== undefined) {
    if (port === '') return 'it ends with `:` but no port';
    if (DEFAULT_PORTS[scheme.toLowerCase()] === port) return `it names the default port :${port}, which browsers omit`;
    if (/^0\d/.test(port)) return 'its port has leading zeros, which browsers drop';
  }
  if (scheme.toLowerCase() === 'file') return 'file: pages have an opaque origin and send `null`';
  return undefined;
}
