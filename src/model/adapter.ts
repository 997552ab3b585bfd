// The stack adapter contract: file text in, policies and diagnostics out. Types only.
import type { Context, CorsPolicy, Diagnostic, StackId } from './policy.js';
import type { SourceFile } from './source.js';
import type { WireProfile } from './wire.js';

/** What an adapter may ask of the run: other files in the scanned root (read-only), nothing else. */
export interface AdapterHost {
  /** Text of another file under the scanned root (repository-relative path), or undefined. */
  readFile(path: string): string | undefined;
  /** Every file path under the scanned root that discovery found (for globs such as nginx `include`). */
  listFiles(): readonly string[];
  /** The context of a path from conventions and config; adapters may refine it from code (`if DEBUG:`). */
  contextFor(path: string): Context;
  /** Intended origins from the config (`trustedOrigins`), if any. */
  trustedOrigins?: readonly string[];
}

export interface AdapterResult {
  policies: CorsPolicy[];
  diagnostics: Diagnostic[];
  /** Files this adapter read for the ones it was given (nginx includes, Django base settings). */
  linkedFiles?: string[];
  /** Information for the user that is not a finding: a file skipped as a minified bundle, say. */
  notes?: { file: string; message: string }[];
}

/** The loaded half of an adapter: only imported when a file of its kind is present. */
export interface StackParser {
  /**
   * Reads the files this adapter accepted. Several files come together so that cross-file facts
   * (includes, settings inheritance) can be linked. Never throws on bad input. May be async so
   * that format parsers (YAML, wasm grammars) load only when a file needs them.
   */
  analyze(files: readonly SourceFile[], host: AdapterHost): AdapterResult | Promise<AdapterResult>;
}

/** The cheap half of an adapter: routing without loading any parser. */
export interface StackAdapter {
  id: StackId;
  /** 'Amazon S3 CORS configuration' */
  name: string;
  /** Whether a file at this path could be for this adapter, judged before the file is read. */
  wantsPath(path: string): boolean;
  /**
   * Byte strings of which every file `accepts` takes contains at least one (case-sensitive): a file
   * with none of them is never decoded. Leave out when `accepts` is case-insensitive.
   */
  contentHints?: readonly string[];
  /**
   * Whether this adapter wants the file, for a path `wantsPath` accepted. Must be cheap: `indexOf`
   * on the text. Runs before any parser is loaded.
   */
  accepts(path: string, text: string): boolean;
  /** Imports the parser on first use. */
  load(): Promise<StackParser>;
  /** Imports the stack's wire profile for `corslint simulate` (absent: the stack cannot be simulated yet). */
  wire?(): Promise<WireProfile>;
}
