// Origin strings as the URL parser serialises them; localhost detection. (Why an entry never matches: src/model/origin.ts.)
import { isLocalHost } from '../model/origin.js';

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
  return isLocalHost(parsed.host);
}
