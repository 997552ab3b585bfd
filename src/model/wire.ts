// The simulation contract: one request in, the response headers a stack's middleware sends out.
import type { CorsPolicy } from './policy.js';

/** One browser request as `corslint simulate` describes it. */
export interface SimRequest {
  /** The `Origin` header; absent when the request carries none. An opaque origin is the string `null`. */
  origin?: string;
  /** The actual request's method, upper-case (`GET`, `PUT`). */
  method: string;
  /** Names of the request headers the page sets (lower-case); non-safelisted ones need a preflight. */
  headers: string[];
  /** `fetch(…, { credentials: 'include' })`: cookies are sent and the response must allow them. */
  credentials: boolean;
  /** Request path, default `/`. Profiles that know paths (nginx locations) may use it. */
  path?: string;
  /** Status the application answers the actual request with (default 200; 404 for a missing page). */
  status?: number;
}

/** What the server sends back, restricted to what CORS depends on. */
export interface SimResponse {
  status: number;
  /**
   * `Access-Control-*` response headers and `Vary`, lower-case names, each with its values in the
   * order sent (a header sent twice has two entries). Absent name: not sent.
   */
  headers: Record<string, string[]>;
  /** Parts of the prediction that depend on run-time values the file does not show. */
  unknowns?: string[];
}

/**
 * A stack's wire behaviour over the policy model. Each adapter that offers one handles every
 * `policy.stack` it produces; the simulator never branches on the stack itself.
 */
export interface WireProfile {
  /** The response to the OPTIONS preflight for `req` (`Access-Control-Request-Method: req.method`). */
  preflight(policy: CorsPolicy, req: SimRequest): SimResponse;
  /** The response to the actual request. */
  actual(policy: CorsPolicy, req: SimRequest): SimResponse;
}
