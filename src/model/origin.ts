// Origin strings: what a browser sends as `Origin`, and why a configured entry may never equal it.

/** The parts of an origin-like string as written (nothing normalised). */
export interface OriginParts {
  scheme: string;
  host: string;
  /** The port as written, or undefined. */
  port?: string;
  /** Anything after the authority (`/`, `/path`, `?q`). */
  rest: string;
}

const ORIGIN_LIKE = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/(\[[^\]]*\]|[^/:?#]*)(?::([^/?#]*))?(.*)$/s;

/** Splits `scheme://host[:port][rest]`; undefined when there is no `scheme://`. */
export function splitOrigin(value: string): OriginParts | undefined {
  const m = ORIGIN_LIKE.exec(value);
  if (!m) return undefined;
  return { scheme: m[1], host: m[2], port: m[3], rest: m[4] };
}

const DEFAULT_PORTS: Readonly<Record<string, string>> = { http: '80', https: '443', ws: '80', wss: '443' };


/**
 * Whether a host is the local machine: `localhost` and `*.localhost` (RFC 6761 §6.3), the IPv4
 * loopback range 127.0.0.0/8, the unspecified address 0.0.0.0 and IPv6 `::1`.
 */
export function isLocalHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h.endsWith('.localhost') || /^127(\.\d{1,3}){3}$/.test(h) || h === '0.0.0.0' || h === '::1' || h === '0:0:0:0:0:0:0:1';
}

/**
 * Why a browser's serialized `Origin` can never equal this allow-list entry under the stack's
 * comparison, or undefined if it can. Browsers send `scheme://host[:port]`: lowercase scheme and
 * host, punycode, no default port, nothing after the authority (Fetch "byte-serializing a request
 * origin", semantics.md §5.1). `null` is not judged here: it matches the `null` origin.
 */
export function originNeverMatchesReason(entry: string, comparison: 'exact' | 'ignore-case' = 'exact'): string | undefined {
  if (entry === 'null') return undefined;
  if (/\s/.test(entry)) return 'it contains whitespace, which no Origin header does';
  if (entry === '*') return 'a literal "*" in a list of exact origins is not a wildcard: it equals no origin';
  const m = /^([^:/?#]*):\/\/([^/?#]*)([^]*)$/.exec(entry);
  if (!m) return 'it has no scheme (browsers always send one, e.g. "https://…")';
  const [, scheme, authority, rest] = m;
  if (rest === '/') return 'it ends with "/", and an Origin never has a trailing slash';
  if (rest !== '') return `it has a path, query or fragment ("${rest}"), and an Origin never has one`;
  if (authority.includes('@')) return 'it contains user information, which an Origin never has';
  if (authority.includes('*')) return 'a literal "*" here is compared as text, not as a wildcard, so it matches no origin';
  const exact = comparison === 'exact';
  if (exact && scheme !== scheme.toLowerCase()) return 'browsers send the scheme in lowercase, and this entry is compared byte for byte';
  const hostPort = /^(\[[^\]]*\]|[^:]*)(?::(\d*))?$/.exec(authority);
  if (!hostPort || hostPort[1] === '') return 'it has no valid host';
  const [, host, port] = hostPort;
  if (/[^\x00-\x7f]/.test(host)) return 'its host is not in punycode: browsers send internationalised hosts as "xn--…"';
  if (exact && host !== host.toLowerCase()) return 'browsers send the host in lowercase, and this entry is compared byte for byte';
  if (port !== undefined) {
    if (port === '') return 'it ends with ":" but no port';
    if (DEFAULT_PORTS[scheme.toLowerCase()] === port) return `browsers leave out the default port :${port}`;
    if (/^0\d/.test(port)) return 'its port has leading zeros, which browsers drop';
  }
  if (scheme.toLowerCase() === 'file') return 'file: pages have an opaque origin and send "null"';
  return undefined;
}
