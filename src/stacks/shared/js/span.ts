// Source spans for Babel nodes, in the model's convention (1-based, UTF-16, end exclusive).
import type { Node } from '@babel/types';
import type { SourceSpan } from '../../../model/source.js';

/**
 * The span of a Babel node. Babel's `loc` lines are 1-based and its columns 0-based UTF-16 code
 * units (`@babel/parser` `Position`, computed as `index - lineStart` on the JS string), so only the
 * columns shift by one. A node without `loc` (never produced by the parser) maps to 1:1.
 */
export function spanOf(node: Node, file: string): SourceSpan {
  const loc = node.loc;
  if (!loc) return { file, line: 1, column: 1, endLine: 1, endColumn: 1 };
  return {
    file,
    line: loc.start.line,
    column: loc.start.column + 1,
    endLine: loc.end.line,
    endColumn: loc.end.column + 1,
  };
}
