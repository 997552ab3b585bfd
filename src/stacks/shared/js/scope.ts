// Lexical bindings of one file: which declaration an identifier refers to, and whether it changes.
import type * as t from '@babel/types';
import { forEachChild } from './walk.js';

export type BindingKind =
  | 'const' | 'let' | 'var' | 'using'
  | 'function' | 'class' | 'import' | 'param' | 'catch' | 'enum' | 'loop';

/** One step from a declaration's initializer to a destructured name. */
export type PatternStep =
  | { type: 'key'; key: string }
  | { type: 'computed-key'; key: t.Expression }
  | { type: 'index'; index: number }
  /** `...rest` in an object pattern; `excluded` is undefined when a sibling key is computed. */
  | { type: 'rest-object'; excluded: string[] | undefined }
  | { type: 'rest-array'; from: number }
  | { type: 'default'; value: t.Expression };

/** A declared name. */
export interface Binding {
  name: string;
  kind: BindingKind;
  /** The declaring identifier. */
  id: t.Identifier;
  /** The declarator, function, class, import specifier or function owning the parameter. */
  declaration: t.Node;
  /** The initializer of a variable declarator. */
  init?: t.Expression;
  /** Destructuring steps from `init` to this name (empty for `const x = …`). */
  path: PatternStep[];
  /** For imports: the specifier and the imported name (`default`, `*` or a name). */
  import?: { source: string; imported: string; via: 'import' | 'require' };
  /** Assigned again somewhere in the file (or declared twice). */
  reassigned: boolean;
  /** A property of it is assigned or deleted, or a mutating method is called on it. */
  mutated: boolean;
}

interface Scope {
  parent: Scope | undefined;
  /** Function (or program) scopes receive `var` declarations. */
  isFunction: boolean;
  bindings: Map<string, Binding>;
}

/** Scope facts of one file. */
export interface ScopeInfo {
  /** The binding a reference (or declaring) identifier resolves to; undefined for globals. */
  bindingOf(id: t.Identifier): Binding | undefined;
  /** A binding of the program's top-level scope. */
  topLevel(name: string): Binding | undefined;
}

const ARRAY_MUTATORS = new Set(['push', 'pop', 'shift', 'unshift', 'splice', 'sort', 'reverse', 'fill', 'copyWithin']);

function staticKey(key: t.Node, computed: boolean): string | undefined {
  if (!computed && key.type === 'Identifier') return key.name;
  if (key.type === 'StringLiteral') return key.value;
  if (key.type === 'NumericLiteral') return String(key.value);
  return undefined;
}

/** `a.b[c].d` → `a` (the identifier whose value a member write changes). */
function memberRoot(node: t.Node): t.Identifier | undefined {
  let current: t.Node = node;
  while (current.type === 'MemberExpression' || current.type === 'OptionalMemberExpression' ||
    current.type === 'TSNonNullExpression' || current.type === 'TSAsExpression' || current.type === 'ParenthesizedExpression') {
    current = current.type === 'MemberExpression' || current.type === 'OptionalMemberExpression' ? current.object : current.expression;
  }
  return current.type === 'Identifier' ? current : undefined;
}

/** Walks a program once and records declarations, references, reassignments and mutations. */
export function analyzeScopes(program: t.Program): ScopeInfo {
  const programScope: Scope = { parent: undefined, isFunction: true, bindings: new Map() };
  const refScope = new Map<t.Identifier, Scope>();
  const declared = new Map<t.Identifier, Binding>();
  const writes: { id: t.Identifier; scope: Scope }[] = [];
  const mutations: { id: t.Identifier; scope: Scope }[] = [];

  const functionScope = (scope: Scope): Scope => {
    let s = scope;
    while (!s.isFunction && s.parent) s = s.parent;
    return s;
  };

  const declare = (scope: Scope, id: t.Identifier, kind: BindingKind, declaration: t.Node, extra: Partial<Binding> = {}): void => {
    const existing = scope.bindings.get(id.name);
    if (existing) {
      // `var x; var x = 2;`, or a function declared twice: the name has more than one value.
      existing.reassigned = true;
      declared.set(id, existing);
      return;
    }
    const binding: Binding = { name: id.name, kind, id, declaration, path: [], reassigned: false, mutated: false, ...extra };
    scope.bindings.set(id.name, binding);
    declared.set(id, binding);
  };

  /** Declares every name in a binding pattern; expressions inside it (defaults, computed keys) are visited. */
  const declarePattern = (
    pattern: t.Node, path: PatternStep[], target: Scope, visitScope: Scope,
    kind: BindingKind, declaration: t.Node, init: t.Expression | undefined,
  ): void => {
    switch (pattern.type) {
      case 'Identifier':
        declare(target, pattern, kind, declaration, { init, path });
        return;
      case 'ObjectPattern': {
        const keys: string[] = [];
        let allStatic = true;
        for (const prop of pattern.properties) {
          if (prop.type === 'RestElement') {
            declarePattern(prop.argument, [...path, { type: 'rest-object', excluded: allStatic ? keys : undefined }], target, visitScope, kind, declaration, init);
            continue;
          }
          const key = staticKey(prop.key, prop.computed);
          let step: PatternStep;
          if (key !== undefined) {
            keys.push(key);
            step = { type: 'key', key };
          } else {
            allStatic = false;
            visit(prop.key, visitScope);
            step = { type: 'computed-key', key: prop.key as t.Expression };
          }
          declarePattern(prop.value, [...path, step], target, visitScope, kind, declaration, init);
        }
        return;
      }
      case 'ArrayPattern':
        pattern.elements.forEach((element, index) => {
          if (!element) return;
          if (element.type === 'RestElement') {
            declarePattern(element.argument, [...path, { type: 'rest-array', from: index }], target, visitScope, kind, declaration, init);
          } else declarePattern(element, [...path, { type: 'index', index }], target, visitScope, kind, declaration, init);
        });
        return;
      case 'AssignmentPattern':
        visit(pattern.right, visitScope);
        declarePattern(pattern.left, [...path, { type: 'default', value: pattern.right }], target, visitScope, kind, declaration, init);
        return;
      case 'RestElement':
        declarePattern(pattern.argument, path, target, visitScope, kind, declaration, init);
        return;
      case 'TSParameterProperty':
        declarePattern(pattern.parameter, path, target, visitScope, kind, declaration, init);
        return;
      default:
        return;
    }
  };

  /** Records the names an assignment target writes; member targets mutate their root object. */
  const assignTarget = (target: t.Node, scope: Scope): void => {
    switch (target.type) {
      case 'Identifier':
        writes.push({ id: target, scope });
        return;
      case 'MemberExpression':
      case 'OptionalMemberExpression': {
        const root = memberRoot(target);
        if (root) mutations.push({ id: root, scope });
        visit(target, scope);
        return;
      }
      case 'ObjectPattern':
        for (const prop of target.properties) {
          if (prop.type === 'RestElement') assignTarget(prop.argument, scope);
          else {
            if (prop.computed) visit(prop.key, scope);
            assignTarget(prop.value, scope);
          }
        }
        return;
      case 'ArrayPattern':
        for (const element of target.elements) if (element) assignTarget(element, scope);
        return;
      case 'AssignmentPattern':
        visit(target.right, scope);
        assignTarget(target.left, scope);
        return;
      case 'RestElement':
        assignTarget(target.argument, scope);
        return;
      case 'TSAsExpression':
      case 'TSSatisfiesExpression':
      case 'TSNonNullExpression':
      case 'TSTypeAssertion':
      case 'ParenthesizedExpression':
        assignTarget(target.expression, scope);
        return;
      default:
        visit(target, scope);
    }
  };

  const visitFunction = (fn: t.Function, scope: Scope): void => {
    const inner: Scope = { parent: scope, isFunction: true, bindings: new Map() };
    if (fn.type === 'FunctionExpression' && fn.id) declare(inner, fn.id, 'function', fn);
    if ((fn.type === 'ObjectMethod' || fn.type === 'ClassMethod' || fn.type === 'ClassPrivateMethod') && fn.computed) visit(fn.key, scope);
    for (const param of fn.params) {
      // Parameter decorators (`@Inject(TOKEN) cfg`) run in the enclosing scope.
      for (const decorator of (param as { decorators?: t.Decorator[] | null }).decorators ?? []) visit(decorator, scope);
      declarePattern(param, [], inner, inner, 'param', fn, undefined);
    }
    if (fn.body.type === 'BlockStatement') for (const statement of fn.body.body) visit(statement, inner);
    else visit(fn.body, inner);
  };

  const visitChildren = (node: t.Node, scope: Scope): void => forEachChild(node, (child) => visit(child, scope));

  const block = (scope: Scope): Scope => ({ parent: scope, isFunction: false, bindings: new Map() });

  function visit(node: t.Node, scope: Scope): void {
    switch (node.type) {
      case 'Identifier':
        refScope.set(node, scope);
        return;
      case 'ImportDeclaration': {
        if (node.importKind === 'type' || node.importKind === 'typeof') return;
        for (const spec of node.specifiers) {
          if (spec.type === 'ImportSpecifier' && (spec.importKind === 'type' || spec.importKind === 'typeof')) continue;
          const imported = spec.type === 'ImportDefaultSpecifier' ? 'default'
            : spec.type === 'ImportNamespaceSpecifier' ? '*'
            : spec.imported.type === 'Identifier' ? spec.imported.name : spec.imported.value;
          declare(programScope, spec.local, 'import', spec, { import: { source: node.source.value, imported, via: 'import' } });
        }
        return;
      }
      case 'TSImportEqualsDeclaration':
        // `import cors = require('cors')`: TypeScript's CommonJS import.
        if (node.importKind !== 'type' && node.moduleReference.type === 'TSExternalModuleReference') {
          declare(scope, node.id, 'import', node, { import: { source: node.moduleReference.expression.value, imported: '*', via: 'require' } });
        }
        return;
      case 'VariableDeclaration': {
        const kind: BindingKind = node.kind === 'var' ? 'var' : node.kind === 'let' ? 'let' : node.kind === 'const' ? 'const' : 'using';
        const target = kind === 'var' ? functionScope(scope) : scope;
        for (const declarator of node.declarations) {
          declarePattern(declarator.id, [], target, scope, kind, declarator, declarator.init ?? undefined);
          if (declarator.init) visit(declarator.init, scope);
        }
        return;
      }
      case 'FunctionDeclaration':
        if (node.id) declare(scope, node.id, 'function', node);
        visitFunction(node, scope);
        return;
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
      case 'ObjectMethod':
      case 'ClassMethod':
      case 'ClassPrivateMethod':
        for (const decorator of (node as { decorators?: t.Decorator[] | null }).decorators ?? []) visit(decorator, scope);
        visitFunction(node, scope);
        return;
      case 'ClassDeclaration':
        if (node.id) declare(scope, node.id, 'class', node);
        visitChildren({ ...node, id: null } as t.ClassDeclaration, block(scope));
        return;
      case 'TSEnumDeclaration':
        declare(scope, node.id, 'enum', node);
        return;
      case 'BlockStatement':
      case 'StaticBlock':
      case 'SwitchStatement':
      case 'ForStatement':
      case 'TSModuleDeclaration':
        visitChildren(node, block(scope));
        return;
      case 'ForInStatement':
      case 'ForOfStatement': {
        const inner = block(scope);
        if (node.left.type === 'VariableDeclaration') {
          const target = node.left.kind === 'var' ? functionScope(inner) : inner;
          for (const declarator of node.left.declarations) declarePattern(declarator.id, [], target, inner, 'loop', declarator, undefined);
        } else assignTarget(node.left, inner);
        visit(node.right, inner);
        visit(node.body, inner);
        return;
      }
      case 'CatchClause': {
        const inner = block(scope);
        if (node.param) declarePattern(node.param, [], inner, inner, 'catch', node, undefined);
        for (const statement of node.body.body) visit(statement, inner);
        return;
      }
      case 'AssignmentExpression':
        assignTarget(node.left, scope);
        visit(node.right, scope);
        return;
      case 'UpdateExpression':
        assignTarget(node.argument, scope);
        return;
      case 'UnaryExpression':
        if (node.operator === 'delete') {
          const root = memberRoot(node.argument);
          if (root) mutations.push({ id: root, scope });
        }
        visit(node.argument, scope);
        return;
      case 'CallExpression':
      case 'OptionalCallExpression': {
        const callee = node.callee;
        if ((callee.type === 'MemberExpression' || callee.type === 'OptionalMemberExpression') && !callee.computed && callee.property.type === 'Identifier') {
          const method = callee.property.name;
          const isObjectAssign = method === 'assign' && callee.object.type === 'Identifier' && callee.object.name === 'Object';
          const root = isObjectAssign ? (node.arguments[0] ? memberRoot(node.arguments[0]) : undefined)
            : ARRAY_MUTATORS.has(method) ? memberRoot(callee.object) : undefined;
          if (root) mutations.push({ id: root, scope });
        }
        visitChildren(node, scope);
        return;
      }
      case 'MemberExpression':
      case 'OptionalMemberExpression':
        visit(node.object, scope);
        if (node.computed) visit(node.property, scope);
        return;
      case 'ObjectProperty':
      case 'ClassProperty':
      case 'ClassAccessorProperty':
      case 'ClassPrivateProperty':
        for (const decorator of node.decorators ?? []) visit(decorator, scope);
        if (node.type !== 'ClassPrivateProperty' && node.computed) visit(node.key, scope);
        if (node.value) visit(node.value, scope);
        return;
      case 'ExportNamedDeclaration':
        if (node.declaration) visit(node.declaration, scope);
        // `export { a as b }` refers to the local `a`; with `from`, nothing local is referenced.
        if (!node.source) for (const spec of node.specifiers) if (spec.type === 'ExportSpecifier') visit(spec.local, scope);
        return;
      case 'ExportAllDeclaration':
      case 'LabeledStatement':
      case 'BreakStatement':
      case 'ContinueStatement':
      case 'MetaProperty':
      case 'PrivateName':
        if (node.type === 'LabeledStatement') visit(node.body, scope);
        return;
      default:
        visitChildren(node, scope);
    }
  }

  for (const statement of program.body) visit(statement, programScope);

  const lookup = (name: string, scope: Scope): Binding | undefined => {
    for (let s: Scope | undefined = scope; s; s = s.parent) {
      const binding = s.bindings.get(name);
      if (binding) return binding;
    }
    return undefined;
  };
  for (const { id, scope } of writes) {
    const binding = lookup(id.name, scope);
    // Writing a const or an import throws a TypeError, so the declared value stays.
    if (binding && binding.kind !== 'const' && binding.kind !== 'import') binding.reassigned = true;
  }
  for (const { id, scope } of mutations) {
    const binding = lookup(id.name, scope);
    if (binding) binding.mutated = true;
  }

  return {
    bindingOf(id) {
      const own = declared.get(id);
      if (own) return own;
      const scope = refScope.get(id);
      return scope ? lookup(id.name, scope) : undefined;
    },
    topLevel: (name) => programScope.bindings.get(name),
  };
}
