// The common policy model: the one shape every adapter produces and every rule reads.
import type { SourceSpan } from './source.js';

/** Stack ids are lowercase product names; for messages and metadata only — rules never branch on them. */
export type StackId = 'express' | 'fastify' | 'koa' | 'nestjs' | 'node' | 'django' | 'fastapi' | 'flask' | 'nginx' | 's3' | (string & {});

/** Storage layers (S3, GCS) carry no ambient credentials: browsers send them no cookies. */
export type Layer = 'app' | 'proxy' | 'storage';

export type Context = 'production' | 'development' | 'test' | 'example';

/** A value plus where it came from. */
export interface Located<T> {
  value: T;
  span: SourceSpan;
  /** The value is the stack's default, not written in the configuration. */
  implicit?: boolean;
  /**
   * The value is the fallback visible in code for something computed at run time
   * (`env('X', default=…)`, `process.env.X ?? '…'`): analysed as a development value.
   */
  runtimeDefault?: boolean;
}

/**
 * How a stack evaluates an origin pattern:
 * - `js-regexp-test`: `RegExp.prototype.test`, unanchored (Express `cors`, @fastify/cors);
 * - `python-re-match`: anchored at the start only (django-cors-headers);
 * - `python-re-fullmatch`: anchored at both ends (Starlette);
 * - `python-re-match-ignorecase`: `re.match(..., re.IGNORECASE)` (flask-cors);
 * - `pcre-unanchored`: nginx `~` (and `~*` with flags `i`), `map` regex keys;
 * - `s3-glob`: at most one `*`, matching any run of characters.
 */
export type PatternFlavor =
  | 'js-regexp-test'
  | 'python-re-match'
  | 'python-re-fullmatch'
  | 'python-re-match-ignorecase'
  | 'pcre-unanchored'
  | 's3-glob';

/** One check of an origin callback, reduced to what it tests (the origin is allowed if any check passes). */
export type PredicateCheck = (
  | { op: 'always' }
  | { op: 'no-origin' }
  | { op: 'equals'; value: string }
  | { op: 'in-list'; values: string[] }
  | { op: 'includes' | 'startsWith' | 'endsWith'; value: string }
  | { op: 'regex'; pattern: string; flags: string }
  | { op: 'all'; checks: PredicateCheck[] }
) & { span?: SourceSpan };

export type OriginRule =
  /** The literal `*` is sent. */
  | { kind: 'any' }
  /** The request Origin is echoed back unconditionally (including `null`). */
  | { kind: 'reflect' }
  /** A listed origin, compared byte-for-byte or case-insensitively, as the stack compares it. */
  | { kind: 'exact'; origin: string; comparison?: 'exact' | 'ignore-case' }
  | { kind: 'pattern'; pattern: string; flavor: PatternFlavor; flags?: string }
  | { kind: 'predicate'; checks: PredicateCheck[]; source?: string }
  /** The string `null` is trusted. */
  | { kind: 'null' }
  /** Computed at run time; `expression` keeps the code text. */
  | { kind: 'unknown'; expression: string };

/** A list of names, `*`, or `reflect` (the request's `Access-Control-Request-*` is echoed). */
export type HeaderList = string[] | '*' | 'reflect';

export type PreflightHandling = 'handled' | 'not-handled' | 'delegated' | 'unknown';

/** Something in the configuration that makes another part of it dead. */
export interface Override {
  /** What wins (e.g. `CORS_ALLOW_ALL_ORIGINS = True`, an earlier S3 rule matching every origin). */
  winner: SourceSpan;
  /** What has no effect because of it. */
  dead: SourceSpan;
  /** Says why, for the message: "S3 uses the first matching rule". */
  reason: string;
}

/** One place where a CORS behaviour is defined for some set of requests. */
export interface CorsPolicy {
  stack: StackId;
  layer: Layer;
  /** Inferred from path conventions by the engine unless the adapter knows better (`if DEBUG:`). */
  context: Context;
  /** Human-readable: `location /api/`, `CORSRules[1]`, `router /admin`, `settings`. */
  scope: string;
  /** Where the policy is declared. */
  span: SourceSpan;
  /** Origin rules in evaluation order. Empty: no origin is ever allowed. */
  origins: Located<OriginRule>[];
  /** Whether `Access-Control-Allow-Credentials: true` is sent. */
  credentials: Located<boolean | 'unknown'>;
  allowMethods?: Located<HeaderList>;
  allowHeaders?: Located<HeaderList>;
  exposeHeaders?: Located<HeaderList>;
  /** Seconds as written (may be negative or fractional: rules judge it). */
  maxAge?: Located<number>;
  varyOrigin?: Located<boolean>;
  sentOnErrors?: Located<boolean>;
  preflight?: Located<PreflightHandling>;
  /** Each place that emits `Access-Control-Allow-Origin` for this scope (value as written). */
  headerEmitters?: Located<string>[];
  allowPrivateNetwork?: Located<boolean>;
  /** Parts of this configuration that never take effect, and what wins instead. */
  overrides?: Override[];
}

/** What an adapter learned from its files: policies and problems, all with spans. */
export interface Diagnostic {
  /** The built-in rule that reports it: `parse-error`, `config-invalid`, `setting-deprecated`, `policy-unverifiable`. */
  ruleId: string;
  message: string;
  span: SourceSpan;
  related?: { span: SourceSpan; message?: string }[];
}
