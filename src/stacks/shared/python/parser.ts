// Lazily loads web-tree-sitter with the Python grammar and turns ERROR/MISSING nodes into parse-error diagnostics.
import { createRequire } from 'node:module';
import type { Node, Parser, Tree } from 'web-tree-sitter';
import type { Diagnostic } from '../../../model/policy.js';
import { LineIndex } from '../../../model/source.js';

/** The result of parsing one file. The caller owns `tree` and must call `tree.delete()` when done. */
export interface ParsedPython {
  tree: Tree;
  /** One `parse-error` diagnostic per ERROR region and per MISSING token; the rest of the tree is usable. */
  diagnostics: Diagnostic[];
  /** Offset → line/column index of the parsed text (tree-sitter offsets are UTF-16 code units). */
  lines: LineIndex;
}

/** A ready parser for Python source. */
export interface PythonParser {
  /** Parses `text`; `file` is the path put into diagnostic spans. Never throws on bad input. */
  parse(text: string, file: string): ParsedPython;
}

/** Where to find the two wasm files, for bundled installs; defaults resolve them from node_modules. */
export interface PythonParserAssets {
  /** The grammar: a path or its bytes (web-tree-sitter's `Language.load` accepts both). */
  grammar?: string | Uint8Array;
  /** Maps a runtime file name (`web-tree-sitter.wasm`) to its location (Emscripten `locateFile`). */
  locateRuntime?: (fileName: string, scriptDirectory: string) => string;
}

let defaultParser: Promise<PythonParser> | undefined;

/**
 * Loads web-tree-sitter and the Python grammar (`tree-sitter-python@0.25.0`'s wasm, ABI 15, which
 * needs `web-tree-sitter@0.27.1` — see reference/parsers.md §2). The default call is memoised, so
 * the ~25 ms load happens at most once per process; passing `assets` creates a separate parser.
 *
 * Reading the two wasm files is the one place outside src/cli where bytes come from disk: it is done
 * by web-tree-sitter itself (`Parser.init` locates `web-tree-sitter.wasm` beside its own JS;
 * `Language.load(path)` reads the grammar with `fs/promises`), only on this async call, and a
 * caller that must avoid it can hand in the bytes through `assets.grammar`.
 */
export function loadPythonParser(assets?: PythonParserAssets): Promise<PythonParser> {
  if (assets) return createParser(assets);
  defaultParser ??= createParser({}).catch((error: unknown) => {
    // A failed load (missing package) must not poison later attempts in a long-lived process.
    defaultParser = undefined;
    throw error;
  });
  return defaultParser;
}

async function createParser(assets: PythonParserAssets): Promise<PythonParser> {
  // Imported here, not at module level, so that importing this module costs nothing.
  const { Parser: TSParser, Language } = await import('web-tree-sitter');
  await TSParser.init(assets.locateRuntime ? { locateFile: assets.locateRuntime } : undefined);
  const grammar = assets.grammar ?? createRequire(import.meta.url).resolve('tree-sitter-python/tree-sitter-python.wasm');
  const language = await Language.load(grammar);
  const parser = new TSParser();
  parser.setLanguage(language);
  return { parse: (text, file) => parseWith(parser, text, file) };
}

function parseWith(parser: Parser, text: string, file: string): ParsedPython {
  // parse() returns null only without a language or after a cancelled progress callback; neither applies.
  const tree = parser.parse(text)!;
  const lines = new LineIndex(text);
  const diagnostics: Diagnostic[] = [];
  if (tree.rootNode.hasError) collectErrors(tree.rootNode, file, lines, diagnostics);
  return { tree, diagnostics, lines };
}

/** Walks only into subtrees that contain errors (`hasError`), so valid files cost one check. */
function collectErrors(node: Node, file: string, lines: LineIndex, out: Diagnostic[]): void {
  for (const child of node.children) {
    if (child.isMissing) {
      out.push({ ruleId: 'parse-error', message: missingMessage(child), span: lines.span(file, child.startIndex, child.endIndex) });
    } else if (child.isError) {
      // One diagnostic per error region: nested ERROR nodes describe the same mistake.
      out.push({ ruleId: 'parse-error', message: 'invalid syntax', span: lines.span(file, child.startIndex, child.endIndex) });
    } else if (child.hasError) {
      collectErrors(child, file, lines, out);
    }
  }
}

function missingMessage(node: Node): string {
  // Anonymous MISSING nodes are punctuation/keywords (`)`, `:`); named ones are a node kind (`identifier`).
  return node.isNamed ? `missing ${node.type.replace(/_/g, ' ')}` : `missing "${node.type}"`;
}
