// Generic child iteration over Babel nodes, without @babel/types' runtime visitor tables.
import type { Node } from '@babel/types';

/**
 * Keys that never hold runtime code: positions, comments, and TypeScript type positions (the
 * `typeAnnotation` of `x as T` is a type, as is every other `typeAnnotation`).
 */
const SKIPPED_KEYS = new Set([
  'type', 'start', 'end', 'loc', 'range', 'extra', 'errors', 'comments', 'tokens',
  'leadingComments', 'trailingComments', 'innerComments',
  'typeAnnotation', 'returnType', 'typeParameters', 'typeArguments', 'superTypeParameters',
  'implements', 'predicate',
]);

/** Declarations that exist only in the type system. */
const TYPE_ONLY = new Set([
  'TSInterfaceDeclaration', 'TSTypeAliasDeclaration', 'TSDeclareFunction', 'TSDeclareMethod',
  'TSIndexSignature', 'DeclareVariable', 'DeclareFunction',
]);

/**
 * Child keys of the commonest node types, in Babel's `VISITOR_KEYS` order (@babel/types
 * `src/definitions/core.ts`) minus type positions: a fixed list is several times faster than
 * enumerating every key of every node. Other types fall back to key enumeration.
 */
const CHILD_KEYS: Record<string, readonly string[]> = {
  // Parameter decorators (`@Inject('CFG') cfg`) sit on the Identifier.
  Identifier: ['decorators'], StringLiteral: [], NumericLiteral: [], BooleanLiteral: [], NullLiteral: [],
  RegExpLiteral: [], TemplateElement: [], ThisExpression: [], Super: [], EmptyStatement: [],
  ArrayExpression: ['elements'],
  AssignmentExpression: ['left', 'right'],
  BinaryExpression: ['left', 'right'],
  LogicalExpression: ['left', 'right'],
  CallExpression: ['callee', 'arguments'],
  NewExpression: ['callee', 'arguments'],
  OptionalCallExpression: ['callee', 'arguments'],
  MemberExpression: ['object', 'property'],
  OptionalMemberExpression: ['object', 'property'],
  ConditionalExpression: ['test', 'consequent', 'alternate'],
  IfStatement: ['test', 'consequent', 'alternate'],
  ExpressionStatement: ['expression'],
  ReturnStatement: ['argument'],
  ThrowStatement: ['argument'],
  UnaryExpression: ['argument'],
  UpdateExpression: ['argument'],
  AwaitExpression: ['argument'],
  SpreadElement: ['argument'],
  ObjectExpression: ['properties'],
  ObjectProperty: ['key', 'value', 'decorators'],
  TemplateLiteral: ['quasis', 'expressions'],
  TaggedTemplateExpression: ['tag', 'quasi'],
  VariableDeclaration: ['declarations'],
  VariableDeclarator: ['id', 'init'],
  BlockStatement: ['body'],
  Program: ['body'],
  File: ['program'],
  ArrowFunctionExpression: ['params', 'body'],
  FunctionExpression: ['id', 'params', 'body'],
  FunctionDeclaration: ['id', 'params', 'body'],
  TryStatement: ['block', 'handler', 'finalizer'],
  CatchClause: ['param', 'body'],
  ObjectPattern: ['properties', 'decorators'],
  ArrayPattern: ['elements', 'decorators'],
  AssignmentPattern: ['left', 'right', 'decorators'],
  RestElement: ['argument', 'decorators'],
};

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/** Calls `visit` on each child node that can hold runtime code, in source order. */
export function forEachChild(node: Node, visit: (child: Node) => void): void {
  const record = node as unknown as Record<string, unknown>;
  const keys = CHILD_KEYS[node.type];
  if (keys) {
    for (const key of keys) visitValue(record[key], visit);
    return;
  }
  for (const key in record) if (!SKIPPED_KEYS.has(key)) visitValue(record[key], visit);
}

function visitValue(value: unknown, visit: (child: Node) => void): void {
  if (Array.isArray(value)) {
    for (const item of value) if (isNode(item) && !TYPE_ONLY.has(item.type)) visit(item);
  } else if (isNode(value) && !TYPE_ONLY.has(value.type)) visit(value);
}
