// Lazily loaded Babel parsing of JS/TS files into an AST plus `parse-error` diagnostics.
import type { ParseError, ParserOptions, ParserPlugin } from '@babel/parser';
import type { File } from '@babel/types';
import type { Diagnostic } from '../../../model/policy.js';

/** The outcome of parsing one file. Exactly one of `ast` and `skipped` is set, unless parsing failed. */
export interface JsParseResult {
  ast?: File;
  /** Thrown and recovered syntax errors, as `parse-error` diagnostics. */
  diagnostics: Diagnostic[];
  /** Set when the file was not parsed at all (too large, minified). */
  skipped?: { reason: string };
}

/** Parses one file; never throws. */
export type JsParse = (text: string, file: string) => JsParseResult;

/** Files larger than this (UTF-16 code units, about 1 MB of mostly ASCII source) are skipped. */
export const MAX_JS_FILE_SIZE = 1024 * 1024;
/** How much of a file the minified-bundle check looks at. */
const MINIFIED_SAMPLE = 64 * 1024;
/** A line this long in the sample means generated code. */
const MINIFIED_LINE = 5000;
/** Average line length (over a sample of at least `MINIFIED_MIN_SAMPLE`) above which a file counts as minified. */
const MINIFIED_AVERAGE = 500;
const MINIFIED_MIN_SAMPLE = 4096;

/**
 * Why a file should not be parsed, or undefined. Cheap (at most 64 KB scanned), usable before Babel
 * is loaded. A file is skipped when it is over 1 MiB, is named `*.min.*`, or looks minified: a line
 * over 5,000 characters in its first 64 KiB, or an average line length over 500 characters in a
 * first-64-KiB sample of at least 4 KiB (hand-written config code averages well under 100; a short
 * one-line file is not treated as minified).
 */
export function jsSkipReason(file: string, text: string): string | undefined {
  if (text.length > MAX_JS_FILE_SIZE) return `file is larger than ${MAX_JS_FILE_SIZE} characters`;
  if (/\.min\.[cm]?js$/i.test(file)) return 'minified file (*.min.js)';
  const sample = Math.min(text.length, MINIFIED_SAMPLE);
  let lines = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < sample; i = text.indexOf('\n', i + 1)) {
    if (i - lineStart > MINIFIED_LINE) return `looks minified (a line over ${MINIFIED_LINE} characters)`;
    lines++;
    lineStart = i + 1;
  }
  if (sample - lineStart > MINIFIED_LINE) return `looks minified (a line over ${MINIFIED_LINE} characters)`;
  if (sample >= MINIFIED_MIN_SAMPLE && sample / lines > MINIFIED_AVERAGE) {
    return `looks minified (average line over ${MINIFIED_AVERAGE} characters)`;
  }
  return undefined;
}

/**
 * Babel plugins per file kind (reference/parsers.md §3): TypeScript files get `typescript`, never
 * `jsx` unless `.tsx` (with `jsx`, `<string>y` is read as JSX and throws `UnterminatedJsxContent`);
 * JS files get `jsx` (Express apps and React code share the extension) without `typescript`.
 * `decorators-legacy` accepts NestJS parameter decorators, which the 2023 `decorators` plugin rejects.
 */
export function babelPlugins(file: string): ParserPlugin[] {
  const ext = /\.([cm]?[jt]sx?)$/i.exec(file)?.[1].toLowerCase() ?? 'js';
  if (ext.includes('t')) {
    return ext === 'tsx'
      ? [['typescript', {}], 'decorators-legacy', 'jsx']
      : [['typescript', { dts: /\.d\.[cm]?ts$/i.test(file) }], 'decorators-legacy'];
  }
  return ['jsx', 'decorators-legacy'];
}

function parserOptions(file: string): ParserOptions {
  return {
    sourceType: 'unambiguous',
    errorRecovery: true,
    // CommonJS entry points may `return` at top level; scripts and modules may use top-level await.
    allowReturnOutsideFunction: true,
    allowAwaitOutsideFunction: true,
    ranges: false,
    tokens: false,
    plugins: babelPlugins(file),
  };
}

interface BabelErrorLike {
  message: string;
  loc?: { line: number; column: number };
}

/** Babel appends ` (line:column)` to its messages; the span carries that already. */
function errorDiagnostic(error: BabelErrorLike, file: string): Diagnostic {
  const line = error.loc?.line ?? 1;
  const column = (error.loc?.column ?? 0) + 1;
  return {
    ruleId: 'parse-error',
    message: error.message.replace(/ \(\d+:\d+\)$/, ''),
    span: { file, line, column, endLine: line, endColumn: column + 1 },
  };
}

let loaded: JsParse | undefined;
/** Babel keeps no source text on the AST; the resolver needs it for `text` fields. */
const sourceTexts = new WeakMap<File, string>();

/** The text an AST was parsed from by this module's parser, if it was. */
export function sourceTextOf(ast: File): string | undefined {
  return sourceTexts.get(ast);
}

/**
 * Loads `@babel/parser` (about 20 ms) on first use and returns the synchronous parse function.
 * Nothing else in this folder imports Babel at run time, so a run without JS files never pays for it.
 */
export async function loadJsParser(): Promise<JsParse> {
  if (loaded) return loaded;
  // Node exposes the CommonJS `exports.parse` as a named ESM export (cjs-module-lexer).
  const { parse } = await import('@babel/parser');
  const parseFile: JsParse = (text, file) => {
    const reason = jsSkipReason(file, text);
    if (reason) return { diagnostics: [], skipped: { reason } };
    try {
      const result = parse(text, parserOptions(file));
      const errors: ParseError[] = result.errors ?? [];
      // @babel/parser 7.29.14 types its result with its own nested @babel/types 7.29.14, which
      // TypeScript treats as distinct from the top-level @babel/types 7.29.0; the shapes agree.
      const ast = result as unknown as File;
      sourceTexts.set(ast, text);
      return { ast, diagnostics: errors.map((e) => errorDiagnostic(e, file)) };
    } catch (e) {
      // errorRecovery covers only "recoverable" errors; an unexpected token still throws.
      const error = e instanceof Error ? (e as BabelErrorLike) : { message: String(e) };
      return { diagnostics: [errorDiagnostic(error, file)] };
    }
  };
  loaded = parseFile;
  return parseFile;
}

/** The parse function if `loadJsParser` has completed, else undefined (for code holding an AST already). */
export function loadedJsParser(): JsParse | undefined {
  return loaded;
}
