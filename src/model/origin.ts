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

const DEFAULT_PORT: Readonly<Record<string, string>> = { http: '80', https: '443' };

/**
 * Whether a host is the local machine: `localhost` and `*.localhost` (RFC 6761 §6.3), the IPv4
 * loopback range 127.0.0.0/8, the unspecified address 0.0.0.0 and IPv6 `::1`.
 */
export function isLocalHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h.endsWith('.localhost') || /^127(\.\d{1,3}){3}$/.test(h) || h === '0.0.0.0' || h === '::1' || h === '0:0:0:0:0:0:0:1';
}

/**
 * Why a browser's serialized `Origin` can never be byte-equal to this allow-list entry, or
 * undefined if it can. Browsers serialize `scheme://host[:port]`: lowercase scheme and host, no
 * default port, no path or trailing slash (Fetch "byte-serializing a request origin",
 * semantics.md §5.1).
 */
export function originNeverMatchesReason(entry: string, comparison: 'exact' | 'ignore-case' = 'exact'): string | undefined {
  if (entry === 'null') return undefined;
  if (/\s/.test(entry)) return 'it contains whitespace, which no Origin header does';
  if (entry.includes('*')) return 'a literal "*" inside an exact allow-list entry is compared as the character "*", so it matches no origin';
  const parts = splitOrigin(entry);
  if (!parts) return 'it has no scheme (browsers always send one, e.g. "https://…")';
  if (parts.rest !== '') {
    return parts.rest === '/' ? 'it ends with "/", and an Origin never has a trailing slash' : `it has a path or query ("${parts.rest}"), and an Origin never has one`;
  }
  if (parts.host === '') return 'it has no host';
  if (comparison === 'exact' && (parts.scheme !== parts.scheme.toLowerCase() || parts.host !== parts.host.toLowerCase())) {
    return 'browsers send the scheme and host in lowercase, and this entry is compared byte for byte';
  }
  if (parts.port !== undefined && parts.port === DEFAULT_PORT[parts.scheme.toLowerCase()]) {
    return `browsers leave out the default port :${parts.port}`;
  }
  return undefined;
}
