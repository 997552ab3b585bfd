// Lists a file's imports and requires with their local names, following local re-exports one hop.
import type * as t from '@babel/types';
import type { SourceSpan } from '../../../model/source.js';
import { isRelativeSpecifier } from './module-path.js';
import { createResolver, type ResolverHost, type ResolverOptions } from './resolver.js';
import { spanOf } from './span.js';
import { forEachChild } from './walk.js';

/** One imported value. */
export interface JsImport {
  /** The local name; absent for a value used directly (`app.register(import('@fastify/cors'))`). */
  local?: string;
  /** The module specifier as written (for a followed re-export: the package the local module re-exports). */
  source: string;
  /**
   * `'default'`, `'*'` (namespace, or the whole `require()` result, which for a CommonJS package
   * such as `cors` is the same function as its default import), or an export name.
   */
  imported: string;
  kind: 'import' | 'require' | 'dynamic-import';
  /** The local name where it is declared, else the `require`/`import()` call. */
  span: SourceSpan;
  /** For a re-export followed through a local module: that module's repository-relative path. */
  via?: string;
}

type Loader = { source: string; kind: 'require' | 'dynamic-import'; call: t.Node };

function stringArgument(node: t.Node | undefined): string | undefined {
  if (node?.type === 'StringLiteral') return node.value;
  if (node?.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0].value.cooked ?? undefined;
  return undefined;
}

function unwrap(node: t.Node): t.Node {
  let current = node;
  while (current.type === 'AwaitExpression' || current.type === 'TSAsExpression' || current.type === 'TSNonNullExpression' ||
    current.type === 'TSSatisfiesExpression' || current.type === 'ParenthesizedExpression') {
    current = current.type === 'AwaitExpression' ? current.argument : current.expression;
  }
  return current;
}

/** `require('x')`, `import('x')` (as a call or Babel's `ImportExpression`); `require` is assumed to be the global. */
function loaderOf(node: t.Node): Loader | undefined {
  const n = unwrap(node);
  if (n.type === 'ImportExpression') {
    const source = stringArgument(n.source);
    return source === undefined ? undefined : { source, kind: 'dynamic-import', call: n };
  }
  if (n.type !== 'CallExpression') return undefined;
  const isRequire = n.callee.type === 'Identifier' && n.callee.name === 'require';
  if (!isRequire && n.callee.type !== 'Import') return undefined;
  const source = stringArgument(n.arguments[0]);
  return source === undefined ? undefined : { source, kind: isRequire ? 'require' : 'dynamic-import', call: n };
}

/** `loader`, or `loader.name` (`require('cors').default`, `(await import('x')).default`). */
function loaderWithMember(node: t.Node): { loader: Loader; member?: string } | undefined {
  const n = unwrap(node);
  const direct = loaderOf(n);
  if (direct) return { loader: direct };
  if (n.type !== 'MemberExpression') return undefined;
  const member = !n.computed && n.property.type === 'Identifier' ? n.property.name
    : n.property.type === 'StringLiteral' ? n.property.value : undefined;
  const loader = member === undefined ? undefined : loaderOf(n.object);
  return loader ? { loader, member } : undefined;
}

function specifierName(node: t.Identifier | t.StringLiteral): string {
  return node.type === 'Identifier' ? node.name : node.value;
}

/**
 * The imports of a file. Declarations give local names (`import cors from 'cors'` → default,
 * `import * as c` → `*`, `import { default as c }` → default, `const c = require('cors')` → `*`,
 * `const c = require('cors').default` → default, `const { a } = require('x')` → a,
 * `const c = await import('x')` → `*`); other `require()`/`import()` calls are listed without a
 * local name. Type-only imports are left out. With a `host`, a relative import whose binding
 * resolves (one hop) to a package import — `export { default as cors } from 'cors'` in the local
 * module — is listed a second time with the package as `source` and `via` set.
 */
export function findImports(ast: t.File, file: string, host?: ResolverHost, options?: ResolverOptions): JsImport[] {
  const found: { entry: JsImport; id?: t.Identifier }[] = [];
  const consumed = new Set<t.Node>();
  const add = (entry: JsImport, id?: t.Identifier): void => {
    found.push({ entry, id });
  };

  const fromDeclarator = (pattern: t.Node, init: t.Node): void => {
    const match = loaderWithMember(init);
    if (!match) return;
    const { loader, member } = match;
    consumed.add(loader.call);
    const base = { source: loader.source, kind: loader.kind } as const;
    if (pattern.type === 'Identifier') {
      add({ ...base, local: pattern.name, imported: member ?? '*', span: spanOf(pattern, file) }, pattern);
    } else if (pattern.type === 'ObjectPattern' && member === undefined) {
      for (const prop of pattern.properties) {
        if (prop.type !== 'ObjectProperty') continue;
        const key = !prop.computed && prop.key.type === 'Identifier' ? prop.key.name
          : prop.key.type === 'StringLiteral' ? prop.key.value : undefined;
        const value = prop.value.type === 'AssignmentPattern' ? prop.value.left : prop.value;
        if (key !== undefined && value.type === 'Identifier') add({ ...base, local: value.name, imported: key, span: spanOf(value, file) }, value);
      }
    } else consumed.delete(loader.call);
  };

  const visit = (node: t.Node): void => {
    switch (node.type) {
      case 'ImportDeclaration':
        if (node.importKind === 'type' || node.importKind === 'typeof') return;
        for (const spec of node.specifiers) {
          if (spec.type === 'ImportSpecifier' && (spec.importKind === 'type' || spec.importKind === 'typeof')) continue;
          const imported = spec.type === 'ImportDefaultSpecifier' ? 'default'
            : spec.type === 'ImportNamespaceSpecifier' ? '*' : specifierName(spec.imported);
          add({ local: spec.local.name, source: node.source.value, imported, kind: 'import', span: spanOf(spec.local, file) }, spec.local);
        }
        return;
      case 'TSImportEqualsDeclaration':
        if (node.importKind !== 'type' && node.moduleReference.type === 'TSExternalModuleReference') {
          add({ local: node.id.name, source: node.moduleReference.expression.value, imported: '*', kind: 'require', span: spanOf(node.id, file) }, node.id);
        }
        return;
      case 'VariableDeclarator':
        if (node.init) fromDeclarator(node.id, node.init);
        break;
      case 'CallExpression':
      case 'ImportExpression':
        if (!consumed.has(node)) {
          const loader = loaderOf(node);
          if (loader) add({ source: loader.source, imported: '*', kind: loader.kind, span: spanOf(node, file) });
        }
        break;
      default:
        break;
    }
    forEachChild(node, visit);
  };
  visit(ast.program);

  const imports = found.map((f) => f.entry);
  if (!host) return imports;
  const resolver = createResolver(ast, file, host, options);
  for (const { entry, id } of found) {
    if (!id || !isRelativeSpecifier(entry.source)) continue;
    const value = resolver.resolve(id);
    if (value.kind === 'module' && value.members.length === 0) {
      imports.push({
        local: entry.local, source: value.source, imported: value.imported,
        kind: value.via, span: entry.span, via: value.span.file,
      });
    }
  }
  return imports;
}
