// Finds calls and decorators (add_middleware, Middleware, CORS, @cross_origin) and evaluates their arguments.
import type { Node, Tree } from 'web-tree-sitter';
import type { SourceSpan } from '../../../model/source.js';
import { dottedName, type ModuleValues } from './evaluate.js';
import type { PyValue, World } from './values.js';

/** What a matcher sees of a call before its arguments are evaluated. */
export interface Callee {
  /** The callee as written when it is a dotted name (`app.add_middleware`, `CM`), else its text. */
  text: string;
  /** `text` with its first segment resolved through imports (`CM` → `fastapi.middleware.cors.CORSMiddleware`). */
  qualifiedName: string;
  /** The last segment (`add_middleware`). */
  attribute: string;
  decorator: boolean;
}

/** A keyword argument, written directly or expanded from a known `**dict`. */
export interface KeywordArgument {
  name: string;
  value: PyValue;
  /** `name=value` as written, or the dict entry it came from. */
  span: SourceSpan;
  /** Came from `**opts` where `opts` is a dict known in this file. */
  fromUnpacking?: boolean;
}

/** A matched call with its arguments evaluated where the call stands. */
export interface CallSite {
  callee: Callee;
  node: Node;
  span: SourceSpan;
  positional: PyValue[];
  keywords: KeywordArgument[];
  /** `*args` / `**kwargs` whose contents are not known: the call may have more arguments. */
  unknownUnpacking: PyValue[];
}

/** Options for {@link findCalls}. */
export interface FindCallsOptions {
  /** The world to evaluate arguments in (default production). */
  world?: World;
  /**
   * File offsets of the names a caller looks for (found with a text search): only the innermost
   * call or decorator around each offset is considered. Visiting a handful of calls instead of
   * every call in the file is most of the adapters' speed on large modules.
   */
  at?: readonly number[];
}

/**
 * Finds every call (and every decorator, with or without parentheses) whose callee `match`
 * accepts, anywhere in the tree, and evaluates its arguments with `values` (the module the tree
 * was evaluated into): top-level calls see the values assigned before them; calls inside
 * functions see the function's locals and the module's final values.
 */
export function findCalls(tree: Tree, values: ModuleValues, match: (callee: Callee) => boolean, options: FindCallsOptions = {}): CallSite[] {
  const world = options.world ?? 'production';
  const sites: CallSite[] = [];
  const root = tree.rootNode;
  const candidates = options.at ? enclosingCalls(root, options.at) : root.descendantsOfType(['call', 'decorator']);
  for (const node of candidates) {
    if (node.type === 'decorator') {
      // `@cross_origin` without parentheses: the decorator itself is the call (with no arguments).
      const expr = node.namedChildren.find((c) => c.type !== 'comment');
      if (!expr || (expr.type !== 'identifier' && expr.type !== 'attribute')) continue;
      const callee = describeCallee(expr, values, true);
      if (match(callee)) sites.push({ callee, node, span: values.spanOf(expr), positional: [], keywords: [], unknownUnpacking: [] });
      continue;
    }
    const fn = node.childForFieldName('function');
    if (!fn) continue;
    const callee = describeCallee(fn, values, node.parent?.type === 'decorator');
    if (!match(callee)) continue;
    sites.push(evaluateCall(node, callee, values, world));
  }
  return sites;
}

/** The innermost call or decorator around each offset, each once, in source order. */
function enclosingCalls(root: Node, offsets: readonly number[]): Node[] {
  const found = new Map<number, Node>();
  for (const offset of offsets) {
    for (let node: Node | null = root.descendantForIndex(offset); node; node = node.parent) {
      if (node.type === 'call' || node.type === 'decorator') {
        found.set(node.id, node);
        break;
      }
      // Statements never sit inside calls (lambdas hold expressions only): stop climbing there.
      if (node.type.endsWith('_statement') || node.type === 'block' || node.type === 'module') break;
    }
  }
  return [...found.values()].sort((a, b) => a.startIndex - b.startIndex);
}

function describeCallee(fn: Node, values: ModuleValues, decorator: boolean): Callee {
  const dotted = dottedName(fn);
  const text = dotted ?? fn.text;
  const attribute = dotted === undefined ? '' : dotted.slice(dotted.lastIndexOf('.') + 1);
  let qualified: string | undefined;
  return {
    text,
    // Resolving a name inside a function evaluates that function's body: only on demand.
    get qualifiedName() {
      qualified ??= dotted === undefined ? text : values.qualify(dotted, fn);
      return qualified;
    },
    attribute,
    decorator,
  };
}

function evaluateCall(node: Node, callee: Callee, values: ModuleValues, world: World): CallSite {
  const site: CallSite = { callee, node, span: values.spanOf(node), positional: [], keywords: [], unknownUnpacking: [] };
  const args = node.childForFieldName('arguments');
  if (!args) return site;
  if (args.type === 'generator_expression') {
    site.positional.push(values.evaluate(args, world, node));
    return site;
  }
  for (const arg of args.namedChildren) {
    if (arg.type === 'comment') continue;
    if (arg.type === 'keyword_argument') {
      const name = arg.childForFieldName('name')?.text;
      const value = arg.childForFieldName('value');
      if (name && value) site.keywords.push({ name, value: values.evaluate(value, world, node), span: values.spanOf(arg) });
    } else if (arg.type === 'dictionary_splat' || arg.type === 'list_splat') {
      const inner = arg.namedChildren.find((c) => c.type !== 'comment');
      const spread = values.evaluate(inner ?? arg, world, node);
      if (arg.type === 'dictionary_splat' && spread.kind === 'dict' && spread.entries.every((e) => e.key.kind === 'str')) {
        for (const entry of spread.entries) {
          const name = entry.key.kind === 'str' ? entry.key.value : '';
          site.keywords.push({ name, value: entry.value, span: joinSpans(entry.key.span, entry.value.span), fromUnpacking: true });
        }
      } else if (arg.type === 'list_splat' && (spread.kind === 'list' || spread.kind === 'tuple')) {
        site.positional.push(...spread.items);
      } else site.unknownUnpacking.push(spread);
    } else {
      site.positional.push(values.evaluate(arg, world, node));
    }
  }
  return site;
}

function joinSpans(a: SourceSpan, b: SourceSpan): SourceSpan {
  if (a.file !== b.file) return a;
  return { file: a.file, line: a.line, column: a.column, endLine: b.endLine, endColumn: b.endColumn };
}
