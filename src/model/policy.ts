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
  /**
   * A listed origin, compared byte-for-byte or case-insensitively, as the stack compares it.
   * `emitted`: the value is sent as `Access-Control-Allow-Origin` exactly as written (a literal
   * header, an Express string origin) and the browser does the comparing — such values are judged
   * by origin-value-invalid, not as allow-list entries.
   */
  | { kind: 'exact'; origin: string; comparison?: 'exact' | 'ignore-case'; emitted?: boolean }
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
  /**
   * Whether the allow-origin value, or whether it is sent at all, depends on the request's Origin
   * (an allow-list lookup, a guarded echo) rather than being one constant sent to everyone. When
   * absent, rules infer it from `origins` (reflection, patterns, predicates or several entries).
   */
  originDependent?: boolean;
  /**
   * CORS headers that an enclosing scope sends but this nested scope does not, because the
   * nested scope's own header directives replace the inherited ones.
   */
  droppedHeaders?: DroppedHeaders;
  /**
   * Where requests of this scope are forwarded to be answered (a proxied upstream), and which
   * of the upstream's response headers are removed on the way (lower-case names). The hook for
   * pairing a proxy with the app behind it.
   */
  forwardsTo?: Located<string> & { hiddenHeaders: string[] };
  /**
   * Where the CORS middleware sits in the request pipeline, for stacks where handlers that run
   * before it can answer without CORS headers (Django `MIDDLEWARE`, Express `app.use` order).
   */
  middleware?: MiddlewarePlacement;
  /**
   * Methods the application's own routes in this scope answer (upper-case), when the file shows
   * them: a preflight that does not allow one of them blocks that route for browsers.
   */
  routeMethods?: Located<string[]>;
  /**
   * The CORS library and the version the project pins (read from its lockfile or requirements),
   * when the stack's behaviour depends on the version. Absent `version`: the current release is
   * assumed (semantics.md pins it).
   */
  library?: LibraryVersion;
  /**
   * Facts only this stack's own wire profile reads to predict exact responses (Express
   * `optionsSuccessStatus`, Starlette's preflight status for a refused origin). Rules never read
   * it: anything a rule needs belongs in a named field above.
   */
  wire?: Record<string, string | number | boolean | null | readonly string[]>;
}

/** A library name and the version a project pins (see {@link CorsPolicy.library}). */
export interface LibraryVersion {
  /** Package name as its registry spells it: `django-cors-headers`, `@koa/cors`, `starlette`. */
  name: string;
  /** Exact version (`3.14.0`); absent when no lockfile or requirement pins one. */
  version?: string;
  /** Repository-relative path of the file the version was read from. */
  source?: string;
}

/** The CORS middleware's place among the request handlers (see {@link CorsPolicy.middleware}). */
export interface MiddlewarePlacement {
  /** The CORS middleware entry or mounting call; absent when it is configured but never installed. */
  cors?: SourceSpan;
  /** Where the pipeline is declared (the `MIDDLEWARE` list): reported when `cors` is absent. */
  pipeline: SourceSpan;
  /** Handlers placed before the CORS middleware that can answer a request themselves. */
  answeredEarlierBy: { name: string; span: SourceSpan }[];
}

/** Inherited CORS headers that a nested scope stops sending (see {@link CorsPolicy.droppedHeaders}). */
export interface DroppedHeaders {
  /** Header names as the enclosing scope writes them. */
  names: string[];
  /** The nested scope's first own header directive: the one that replaces the inherited list. */
  by: SourceSpan;
  /** Where the dropped headers are set. */
  inherited: SourceSpan[];
}

/** What an adapter learned from its files: policies and problems, all with spans. */
export interface Diagnostic {
  /** The built-in rule that reports it: `parse-error`, `config-invalid`, `setting-deprecated`, `policy-unverifiable`. */
  ruleId: string;
  message: string;
  span: SourceSpan;
  related?: { span: SourceSpan; message?: string }[];
}
