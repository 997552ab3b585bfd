// Evaluates settings-style Python modules statically: top-level assignments, DEBUG branches, env helpers, imports.
import type { Node, Tree } from 'web-tree-sitter';
import { LineIndex, type SourceSpan } from '../../../model/source.js';
import { decodePythonString, type FStringPart } from './strings.js';
import type { Branch, EnvRead, PyDict, PyStr, PyUnknown, PyValue, World } from './values.js';
import { dictGet, sequenceItems } from './values.js';

/** One value given to a name by one statement. */
export interface Binding {
  name: string;
  value: PyValue;
  /** The whole statement (`X = …`, `X += …`, `X.append(…)`, or the star import that brought it). */
  span: SourceSpan;
  /** The DEBUG branch or other condition the statement sits in; absent at top level. */
  branch?: Branch;
  op: 'assign' | 'augmented' | 'append' | 'extend' | 'insert' | 'item' | 'update';
}

/** `from .base import *`: `index` is its position in {@link ModuleValues.events}. */
export interface StarImport {
  /** Module path as written without the leading dots (`base`, `myproject.settings.base`). */
  module: string;
  /** Number of leading dots: 0 for absolute imports. */
  level: number;
  span: SourceSpan;
  index: number;
  branch?: Branch;
}

/** A name bound by an import: `from fastapi.middleware.cors import CORSMiddleware as CM` gives `CM`. */
export interface ImportBinding {
  local: string;
  /** Module as written, with its leading dots (`.base`, `fastapi.middleware.cors`). */
  module: string;
  /** The imported name for `from … import name`; absent for `import module`. */
  name?: string;
  /** `module.name` (or `module`): what `local` stands for. */
  qualifiedName: string;
  span: SourceSpan;
}

export type ModuleEvent = { kind: 'binding'; binding: Binding } | { kind: 'star-import'; starImport: StarImport };

/** The values a name holds at the end of the module, per world. */
export interface NameValues {
  /** Value when DEBUG is false; absent if only a development branch assigns it. */
  production?: Binding;
  development?: Binding;
  /** Assignments in other conditions made after the last definite one (they may or may not apply). */
  conditional: Binding[];
}

/** What {@link evaluateModule} learned. */
export interface ModuleValues {
  file: string;
  /** Bindings and star imports in source order. */
  events: ModuleEvent[];
  starImports: StarImport[];
  imports: ImportBinding[];
  /** Final values per name. */
  names: Map<string, NameValues>;
  /** The value of `name` at the end of the module in `world` (default production). */
  valueOf(name: string, world?: World): PyValue | undefined;
  /**
   * Evaluates any expression node of this tree where it stands: top-level code sees the names
   * assigned before it; code inside functions sees the function's own assignments and parameters
   * (unknown) and the module's final values. `within` is a node known to have the same enclosing
   * functions as `node` (the call whose arguments are evaluated), so that several arguments share
   * one scope lookup.
   */
  evaluate(node: Node, world?: World, within?: Node): PyValue;
  /** Resolves a dotted name's first segment through the imports visible at `node` (module imports if absent). */
  qualify(dotted: string, node?: Node): string;
  /** The span of a node of this tree. */
  spanOf(node: Node): SourceSpan;
}

/** Options for {@link evaluateModule}. */
export interface EvaluateOptions {
  /** Line index of the parsed text (from `ParsedPython.lines`); rebuilt from the tree if absent. */
  lines?: LineIndex;
  /**
   * Supplies the module behind a star import (the Django adapter resolves `from .base import *`
   * to another file). Its public names are merged in at the import's position, so later
   * assignments in this file override them.
   */
  resolveStarImport?: (starImport: StarImport) => ModuleValues | undefined;
  /**
   * Which module-level names are worth evaluating. Statements that only assign other names are
   * skipped (those names stay unbound), which is most of the work in large settings modules
   * (`LOGGING`, `DATABASES`…). The caller must keep every name its values may refer to.
   */
  evaluates?: (name: string) => boolean;
}

interface Context {
  worlds: readonly World[];
  conditional: boolean;
}

interface HistoryEntry {
  offset: number;
  production?: Binding;
  development?: Binding;
}

const BOTH: readonly World[] = ['production', 'development'];

class Scope {
  readonly history = new Map<string, HistoryEntry[]>();
  readonly maybe = new Map<string, { binding: Binding; order: number }[]>();
  readonly imports = new Map<string, ImportBinding>();
  readonly order = new Map<string, number>();

  constructor(readonly parent?: Scope) {}

  /** The binding of `name` in `world`; before `offset` if given (in this scope), else the latest. */
  lookup(name: string, world: World, offset?: number): Binding | undefined {
    const entries = this.history.get(name);
    if (entries) {
      if (offset === undefined) return entries[entries.length - 1][world];
      let lo = 0;
      let hi = entries.length - 1;
      let found = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (entries[mid].offset < offset) {
          found = mid;
          lo = mid + 1;
        } else hi = mid - 1;
      }
      if (found >= 0) return entries[found][world];
      // A module-level name read before its first assignment is not yet defined there.
      if (!this.parent) return undefined;
    }
    // Functions run after the module has finished loading: they see its final values.
    return this.parent?.lookup(name, world);
  }

  importFor(local: string): ImportBinding | undefined {
    return this.imports.get(local) ?? this.parent?.importFor(local);
  }

  set(name: string, offset: number, perWorld: Partial<Record<World, Binding>>, order: number): void {
    let entries = this.history.get(name);
    if (!entries) this.history.set(name, (entries = []));
    const last = entries[entries.length - 1];
    entries.push({
      offset,
      production: 'production' in perWorld ? perWorld.production : last?.production,
      development: 'development' in perWorld ? perWorld.development : last?.development,
    });
    this.order.set(name, order);
  }
}

/**
 * Evaluates a settings-style module without running it: walks top-level statements in order
 * (into `if`/`else`, `try`, `with` and loop bodies), and records each name's values with spans.
 * `if DEBUG:` bodies (also `if settings.DEBUG`, `if not DEBUG`, `DEBUG is True`) are evaluated in
 * the development world and their `else:` in production, instead of being merged; bodies of
 * other conditions, `try`/`except` and loops are recorded as `conditional`.
 */
export function evaluateModule(tree: Tree, file: string, options: EvaluateOptions = {}): ModuleValues {
  const lines = options.lines ?? lineIndexFromTree(tree);
  const evaluator = new Evaluator(file, lines, options.resolveStarImport, options.evaluates);
  evaluator.runModule(tree.rootNode);
  return evaluator.result();
}

/**
 * Rebuilds a line index when the caller has none: the root node skips leading blank lines, so
 * the skipped prefix is replaced by filler with the same length, line count and last column.
 */
function lineIndexFromTree(tree: Tree): LineIndex {
  const root = tree.rootNode;
  const { row, column } = root.startPosition;
  const filler = ' '.repeat(Math.max(root.startIndex - column - row, 0)) + '\n'.repeat(row) + ' '.repeat(column);
  return new LineIndex(filler + root.text);
}

const FUNCTION_TYPES = new Set(['function_definition', 'lambda']);

/** The statements {@link Evaluator} looks into; everything else binds nothing it models. */
const STATEMENT_TYPES = new Set([
  'expression_statement',
  'if_statement',
  'try_statement',
  'for_statement',
  'while_statement',
  'with_statement',
  'import_statement',
  'import_from_statement',
  'future_import_statement',
]);

/** Expression nesting beyond which values are unknown (long `a + b + …` chains nest too). */
const MAX_DEPTH = 500;

/**
 * The functions and lambdas around `node`, outermost first. Found by stepping down from the root
 * (`childWithDescendant`, one wasm call per level), not by `node.parent` (tree-sitter computes
 * each parent by descending from the root again) nor by listing every function of the file
 * (which turns each one into a JS object: most of the cost on large modules).
 */
function enclosingFunctions(node: Node): Node[] {
  const chain: Node[] = [];
  for (let current = node.tree.rootNode.childWithDescendant(node); current && current.id !== node.id; current = current.childWithDescendant(node)) {
    if (FUNCTION_TYPES.has(current.type)) chain.push(current);
  }
  return chain;
}

class Evaluator {
  private readonly module = new Scope();
  private readonly functionScopes = new Map<number, Scope>();
  /** Nesting of the expression being evaluated (see `MAX_DEPTH`). */
  private depth = 0;
  /** The last scope lookup: the arguments of one call are evaluated one after the other. */
  private lastScope: { id: number; scope: Scope } | undefined;
  private readonly events: ModuleEvent[] = [];
  private readonly starImports: StarImport[] = [];
  private readonly importList: ImportBinding[] = [];
  // Per-expression evaluation state.
  private scope: Scope = this.module;
  private world: World = 'production';
  private offset: number | undefined;
  private divergent = false;

  constructor(
    private readonly file: string,
    private readonly lines: LineIndex,
    private readonly resolveStar?: (starImport: StarImport) => ModuleValues | undefined,
    private readonly evaluates?: (name: string) => boolean,
  ) {}

  runModule(root: Node): void {
    this.runBlock(root, { worlds: BOTH, conditional: false });
  }

  result(): ModuleValues {
    const names = new Map<string, NameValues>();
    const allNames = new Set([...this.module.history.keys(), ...this.module.maybe.keys()]);
    for (const name of allNames) {
      const entries = this.module.history.get(name);
      const last = entries?.[entries.length - 1];
      const definiteOrder = this.module.order.get(name) ?? -1;
      const conditional = (this.module.maybe.get(name) ?? []).filter((m) => m.order > definiteOrder).map((m) => m.binding);
      const values: NameValues = { conditional };
      if (last?.production) values.production = last.production;
      if (last?.development) values.development = last.development;
      names.set(name, values);
    }
    return {
      file: this.file,
      events: this.events,
      starImports: this.starImports,
      imports: this.importList,
      names,
      valueOf: (name, world = 'production') => this.module.lookup(name, world)?.value,
      evaluate: (node, world = 'production', within) => this.evaluateInPlace(node, world, within),
      qualify: (dotted, node) => this.qualifyIn(node ? this.scopeFor(node) : this.module, dotted),
      spanOf: (node) => this.span(node),
    };
  }

  // ---- statements

  private runBlock(block: Node, ctx: Context): void {
    // A cursor reads each statement's type without turning every statement (most are function and
    // class definitions, which are skipped) into a JS Node object.
    const cursor = block.walk();
    try {
      if (!cursor.gotoFirstChild()) return;
      do {
        if (STATEMENT_TYPES.has(cursor.nodeType)) this.runStatement(cursor.currentNode, ctx);
      } while (cursor.gotoNextSibling());
    } finally {
      cursor.delete();
    }
  }

  private runStatement(stmt: Node, ctx: Context): void {
    switch (stmt.type) {
      case 'expression_statement': {
        const expr = stmt.firstNamedChild;
        // A statement the parser had to repair means nothing reliable (an unclosed `[` can swallow
        // the next line's value): it is reported as a parse error and left out.
        if (!expr || stmt.hasError) return;
        if (expr.type === 'assignment') this.runAssignment(stmt, expr, ctx);
        else if (expr.type === 'augmented_assignment') this.runAugmented(stmt, expr, ctx);
        else if (expr.type === 'call') this.runMutatingCall(stmt, expr, ctx);
        return;
      }
      case 'if_statement':
        return this.runIf(stmt, ctx);
      case 'try_statement':
        for (const part of stmt.namedChildren) {
          if (part.type === 'finally_clause') this.runClauseBody(part, ctx);
          else if (part.type === 'block') this.runBlock(part, { ...ctx, conditional: true });
          else this.runClauseBody(part, { ...ctx, conditional: true });
        }
        return;
      case 'for_statement':
      case 'while_statement':
        for (const part of stmt.namedChildren) {
          if (part.type === 'block') this.runBlock(part, { ...ctx, conditional: true });
          else if (part.type === 'else_clause') this.runClauseBody(part, { ...ctx, conditional: true });
        }
        return;
      case 'with_statement': {
        const body = stmt.childForFieldName('body');
        if (body) this.runBlock(body, ctx);
        return;
      }
      case 'import_statement':
      case 'import_from_statement':
      case 'future_import_statement':
        return this.runImport(stmt, ctx);
      default:
        return;
    }
  }

  private runClauseBody(clause: Node, ctx: Context): void {
    for (const child of clause.namedChildren) if (child.type === 'block') this.runBlock(child, ctx);
  }

  private runIf(stmt: Node, ctx: Context): void {
    const condition = stmt.childForFieldName('condition');
    const debug = condition ? classifyCondition(condition) : undefined;
    const narrow = (world: World | undefined): Context => {
      if (!world) return { ...ctx, conditional: true };
      const worlds = ctx.worlds.filter((w) => w === world);
      // `if DEBUG:` nested in the production branch can never run: keep it, but only as conditional.
      return worlds.length ? { worlds, conditional: ctx.conditional } : { ...ctx, conditional: true };
    };
    const consequence = stmt.childForFieldName('consequence');
    if (consequence) this.runBlock(consequence, narrow(debug));
    const other: World | undefined = debug === 'development' ? 'production' : debug === 'production' ? 'development' : undefined;
    let sawElif = false;
    for (const alt of stmt.childrenForFieldName('alternative')) {
      if (alt.type === 'elif_clause') {
        sawElif = true;
        const body = alt.childForFieldName('consequence');
        if (body) this.runBlock(body, { ...narrow(other), conditional: true });
      } else if (alt.type === 'else_clause') {
        const body = alt.childForFieldName('body');
        // After an `elif`, `else` runs only when that other condition is false too.
        if (body) this.runBlock(body, sawElif ? { ...narrow(other), conditional: true } : narrow(other));
      }
    }
  }

  private runImport(stmt: Node, ctx: Context): void {
    const span = this.span(stmt);
    if (stmt.type === 'import_statement') {
      for (const item of stmt.childrenForFieldName('name')) {
        if (item.type === 'aliased_import') {
          const module = item.childForFieldName('name')?.text ?? '';
          const local = item.childForFieldName('alias')?.text ?? module;
          this.addImport({ local, module, qualifiedName: module, span });
        } else {
          // `import os.path` binds `os`, which stands for the package `os`.
          const module = item.text;
          const local = module.split('.')[0];
          this.addImport({ local, module: local, qualifiedName: local, span });
        }
      }
      return;
    }
    const moduleNode = stmt.childForFieldName('module_name');
    const moduleText = moduleNode ? moduleNode.text.replace(/\s+/g, '') : '__future__';
    if (stmt.namedChildren.some((c) => c.type === 'wildcard_import')) {
      // Star imports are only allowed at module level (a SyntaxError inside functions).
      if (this.scope === this.module) this.runStarImport(stmt, moduleText, span, ctx);
      return;
    }
    for (const item of stmt.childrenForFieldName('name')) {
      const nameNode = item.type === 'aliased_import' ? item.childForFieldName('name') : item;
      const name = nameNode?.text ?? '';
      const local = item.type === 'aliased_import' ? (item.childForFieldName('alias')?.text ?? name) : name;
      const qualifiedName = moduleText.endsWith('.') ? moduleText + name : `${moduleText}.${name}`;
      this.addImport({ local, module: moduleText, name, qualifiedName, span });
    }
  }

  private addImport(binding: ImportBinding): void {
    this.scope.imports.set(binding.local, binding);
    if (this.scope === this.module) this.importList.push(binding);
  }

  private runStarImport(stmt: Node, moduleText: string, span: SourceSpan, ctx: Context): void {
    const level = /^\.*/.exec(moduleText)![0].length;
    const starImport: StarImport = { module: moduleText.slice(level), level, span, index: this.events.length };
    const branch = branchOf(ctx);
    if (branch) starImport.branch = branch;
    this.starImports.push(starImport);
    this.events.push({ kind: 'star-import', starImport });
    const other = this.resolveStar?.(starImport);
    if (!other) return;
    for (const [name, values] of other.names) {
      // `import *` without `__all__` skips names starting with an underscore (Python reference, "The import statement").
      if (name.startsWith('_')) continue;
      const perWorld: Partial<Record<World, Binding>> = {};
      for (const world of ctx.worlds) {
        const binding = values[world];
        if (binding) perWorld[world] = binding;
      }
      this.record(name, perWorld, stmt.startIndex, ctx);
    }
    for (const imp of other.imports) if (!imp.local.startsWith('_')) this.module.imports.set(imp.local, imp);
  }

  private runAssignment(stmt: Node, assignment: Node, ctx: Context): void {
    // `A = B = value`: the grammar nests assignments to the right.
    const targets: Node[] = [];
    let node: Node | null = assignment;
    let rhs: Node | null = null;
    while (node && node.type === 'assignment') {
      const left = node.childForFieldName('left');
      if (left) targets.push(left);
      rhs = node.childForFieldName('right');
      node = rhs;
    }
    // An annotation without a value (`X: int`) binds nothing.
    if (!rhs) return;
    if (!targets.some((t) => this.wanted(t))) return;
    const right = rhs;
    const values = this.evalInWorlds(ctx, () => this.evalExpr(right));
    for (const target of targets) this.assignTarget(stmt, target, right, values, ctx);
  }

  private assignTarget(stmt: Node, target: Node, rhs: Node, values: Map<World, PyValue>, ctx: Context): void {
    if (target.type === 'identifier') {
      this.bind(stmt, target.text, values, ctx, 'assign');
    } else if (target.type === 'pattern_list' || target.type === 'tuple_pattern' || target.type === 'list_pattern') {
      const names = target.namedChildren.filter((t) => t.type !== 'comment');
      names.forEach((sub, i) => {
        const parts = new Map<World, PyValue>();
        for (const [world, value] of values) {
          const items = sequenceItems(value);
          parts.set(world, items && items.length === names.length ? items[i] : this.unknown(rhs));
        }
        this.assignTarget(stmt, sub, rhs, parts, ctx);
      });
    } else if (target.type === 'subscript') {
      const base = target.childForFieldName('value');
      const index = target.childForFieldName('subscript');
      if (base?.type !== 'identifier' || !index) return;
      const updated = this.evalInWorlds(ctx, (world) => {
        const current = this.lookupValue(base.text, world);
        const key = this.evalExpr(index);
        return setItem(current, key, values.get(world)!, (n) => this.unknown(n), base);
      });
      this.bind(stmt, base.text, updated, ctx, 'item');
    }
  }

  private runAugmented(stmt: Node, node: Node, ctx: Context): void {
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    const operator = node.childForFieldName('operator')?.type;
    if (left?.type !== 'identifier' || !right || !this.wanted(left)) return;
    const values = this.evalInWorlds(ctx, () => {
      const current = this.evalExpr(left);
      const operand = this.evalExpr(right);
      if (operator === '+=') return concat(current, operand, node, this.span(node), true, () => this.unknown(node));
      if (operator === '|=' && current.kind === 'dict' && operand.kind === 'dict') {
        return { ...current, entries: [...current.entries, ...operand.entries] };
      }
      return this.unknown(node);
    });
    this.bind(stmt, left.text, values, ctx, 'augmented');
  }

  /** `X.append(v)`, `X.extend(vs)`, `X.insert(i, v)`, `X.update({...})` on a name. */
  private runMutatingCall(stmt: Node, call: Node, ctx: Context): void {
    const fn = call.childForFieldName('function');
    if (fn?.type !== 'attribute') return;
    const object = fn.childForFieldName('object');
    const method = fn.childForFieldName('attribute')?.text;
    if (object?.type !== 'identifier' || !method || !['append', 'extend', 'insert', 'update'].includes(method) || !this.wanted(object)) return;
    const args = call.childForFieldName('arguments');
    const positional = args ? args.namedChildren.filter((a) => a.type !== 'comment' && a.type !== 'keyword_argument') : [];
    const values = this.evalInWorlds(ctx, () => {
      const current = this.evalExpr(object);
      const argValues = positional.map((a) => this.evalExpr(a));
      return mutate(current, method, argValues, this.unknown(call));
    });
    this.bind(stmt, object.text, values, ctx, method as Binding['op']);
  }

  /** Whether an assignment target is worth evaluating (always inside functions; see `EvaluateOptions.evaluates`). */
  private wanted(target: Node): boolean {
    if (!this.evaluates || this.scope !== this.module) return true;
    if (target.type === 'identifier') return this.evaluates(target.text);
    if (target.type === 'subscript') {
      const base = target.childForFieldName('value');
      return base?.type !== 'identifier' || this.evaluates(base.text);
    }
    if (target.type === 'pattern_list' || target.type === 'tuple_pattern' || target.type === 'list_pattern') {
      return target.namedChildren.some((t) => t.type !== 'comment' && this.wanted(t));
    }
    return true;
  }

  private bind(stmt: Node, name: string, values: Map<World, PyValue>, ctx: Context, op: Binding['op']): void {
    const span = this.span(stmt);
    const perWorld: Partial<Record<World, Binding>> = {};
    const shared = values.size === 2 && new Set(values.values()).size === 1;
    const made = new Map<PyValue, Binding>();
    for (const [world, value] of values) {
      let binding = made.get(value);
      if (!binding) {
        binding = { name, value, span, op };
        // A value computed from DEBUG-dependent names differs per world even outside a DEBUG branch.
        const tag: Branch | undefined = ctx.conditional ? 'conditional' : shared ? undefined : world;
        if (tag) binding.branch = tag;
        made.set(value, binding);
        this.events.push({ kind: 'binding', binding });
      }
      perWorld[world] = binding;
    }
    this.record(name, perWorld, stmt.startIndex, ctx);
  }

  private record(name: string, perWorld: Partial<Record<World, Binding>>, offset: number, ctx: Context): void {
    if (ctx.conditional) {
      let list = this.scope.maybe.get(name);
      if (!list) this.scope.maybe.set(name, (list = []));
      for (const binding of new Set(Object.values(perWorld))) list.push({ binding, order: this.events.length });
      return;
    }
    this.scope.set(name, offset, perWorld, this.events.length);
  }

  /**
   * Evaluates `fn` once per world of `ctx`, but only once in total unless a name it read differs
   * between the worlds (most settings code does not depend on DEBUG).
   */
  private evalInWorlds(ctx: Context, fn: (world: World) => PyValue): Map<World, PyValue> {
    const out = new Map<World, PyValue>();
    const [first, second] = ctx.worlds;
    this.world = first;
    this.divergent = false;
    const value = fn(first);
    out.set(first, value);
    if (second) {
      if (this.divergent) {
        this.world = second;
        out.set(second, fn(second));
      } else out.set(second, value);
    }
    this.world = 'production';
    return out;
  }

  // ---- expressions

  private evaluateInPlace(node: Node, world: World, within?: Node): PyValue {
    const saved = { scope: this.scope, world: this.world, offset: this.offset };
    this.scope = this.scopeFor(within ?? node);
    this.world = world;
    this.offset = node.startIndex;
    try {
      return this.evalExpr(node);
    } finally {
      this.scope = saved.scope;
      this.world = saved.world;
      this.offset = saved.offset;
    }
  }

  /** The scope of the innermost function around `node`, evaluated on first use. */
  private scopeFor(node: Node): Scope {
    if (this.lastScope?.id === node.id) return this.lastScope.scope;
    const chain = enclosingFunctions(node);
    let scope = this.module;
    for (const fn of chain) {
      let inner = this.functionScopes.get(fn.id);
      if (!inner) {
        inner = new Scope(scope);
        this.functionScopes.set(fn.id, inner);
        this.runFunction(fn, inner);
      }
      scope = inner;
    }
    this.lastScope = { id: node.id, scope };
    return scope;
  }

  private runFunction(fn: Node, scope: Scope): void {
    const saved = { scope: this.scope, offset: this.offset, events: this.events.length };
    this.scope = scope;
    this.offset = undefined;
    const params = fn.childForFieldName('parameters');
    for (const param of params?.namedChildren ?? []) {
      const nameNode = param.type === 'identifier' ? param : (param.childForFieldName('name') ?? param.namedChildren.find((c) => c.type === 'identifier'));
      if (!nameNode || nameNode.type !== 'identifier') continue;
      const value = this.unknown(param, { name: nameNode.text });
      const binding: Binding = { name: nameNode.text, value, span: this.span(param), op: 'assign' };
      scope.set(nameNode.text, -1, { production: binding, development: binding }, -1);
    }
    const body = fn.childForFieldName('body');
    if (body && body.type === 'block') this.runBlock(body, { worlds: BOTH, conditional: false });
    // Function-local bindings are not module events.
    this.events.length = saved.events;
    this.scope = saved.scope;
    this.offset = saved.offset;
  }

  private lookupBinding(name: string): Binding | undefined {
    const binding = this.scope.lookup(name, this.world, this.offset);
    const other = this.scope.lookup(name, this.world === 'production' ? 'development' : 'production', this.offset);
    if (binding !== other) this.divergent = true;
    return binding;
  }

  private lookupValue(name: string, world: World): PyValue | undefined {
    this.world = world;
    return this.lookupBinding(name)?.value;
  }

  private qualifyIn(scope: Scope, dotted: string): string {
    const dot = dotted.indexOf('.');
    const head = dot < 0 ? dotted : dotted.slice(0, dot);
    const imp = scope.importFor(head);
    return imp ? imp.qualifiedName + (dot < 0 ? '' : dotted.slice(dot)) : dotted;
  }

  private span(node: Node): SourceSpan {
    return this.lines.span(this.file, node.startIndex, node.endIndex);
  }

  private unknown(node: Node, extra?: Partial<PyUnknown>): PyUnknown {
    return { kind: 'unknown', text: node.text, span: this.span(node), ...extra };
  }

  private evalExpr(node: Node): PyValue {
    // Keeps the JS stack safe on pathological input; real code stays far below (CPython's tokenizer
    // itself refuses more than 200 nested brackets, Parser/tokenizer.h MAXLEVEL).
    if (this.depth >= MAX_DEPTH) return this.unknown(node);
    this.depth++;
    try {
      return this.evalNode(node);
    } finally {
      this.depth--;
    }
  }

  private evalNode(node: Node): PyValue {
    switch (node.type) {
      case 'string':
      case 'concatenated_string':
        return this.evalString(node);
      case 'integer':
        return this.evalInteger(node);
      case 'float': {
        const text = node.text;
        if (/[jJ]$/.test(text)) return this.unknown(node);
        return { kind: 'float', value: Number(text.replace(/_/g, '')), text, span: this.span(node) };
      }
      case 'true':
      case 'false':
        return { kind: 'bool', value: node.type === 'true', span: this.span(node) };
      case 'none':
        return { kind: 'none', span: this.span(node) };
      case 'list':
      case 'tuple':
      case 'set':
      case 'expression_list':
        return this.evalSequence(node, node.type === 'expression_list' ? 'tuple' : node.type);
      case 'dictionary':
        return this.evalDict(node);
      case 'parenthesized_expression': {
        const inner = firstNamed(node);
        return inner ? this.evalExpr(inner) : this.unknown(node);
      }
      case 'identifier':
      case 'attribute':
        return this.evalName(node);
      case 'unary_operator':
        return this.evalUnary(node);
      case 'binary_operator':
        return this.evalBinary(node);
      case 'boolean_operator':
        return this.evalBoolean(node);
      case 'conditional_expression': {
        const [a, , b] = node.namedChildren.filter((c) => c.type !== 'comment');
        return this.unknown(node, a && b ? { alternatives: [this.evalExpr(a), this.evalExpr(b)] } : {});
      }
      case 'subscript':
        return this.evalSubscript(node);
      case 'call':
        return this.evalCall(node);
      default:
        return this.unknown(node);
    }
  }

  private evalString(node: Node): PyValue {
    const text = node.text;
    const decoded = decodePythonString(text);
    if (!decoded) return this.unknown(node);
    if (!decoded.isFString) {
      const str: PyStr = { kind: 'str', value: decoded.value, span: this.span(node) };
      if (decoded.isBytes) str.isBytes = true;
      if (node.type === 'string') {
        // 1:1 when the body is the value: a single literal with no backslash and no CR.
        const quoteAt = text.search(/['"]/);
        const quote = text.startsWith(text[quoteAt].repeat(3), quoteAt) ? 3 : 1;
        const body = text.slice(quoteAt + quote, text.length - quote);
        if (body === decoded.value) str.contentStart = node.startIndex + quoteAt + quote;
      }
      return str;
    }
    const parts: FStringPart[] = [];
    let resolved = true;
    for (const part of decoded.parts ?? []) {
      if (part.kind === 'literal') {
        pushLiteral(parts, part.value);
        continue;
      }
      const known = part.formatSpec === undefined && part.conversion !== 'r' && part.conversion !== 'a' ? this.formatName(part.expression.trim()) : undefined;
      if (known === undefined) {
        resolved = false;
        parts.push({ ...part, offset: node.startIndex + part.offset });
      } else pushLiteral(parts, known);
    }
    if (resolved) return { kind: 'str', value: parts.map((p) => (p.kind === 'literal' ? p.value : '')).join(''), span: this.span(node) };
    return this.unknown(node, { fstring: parts });
  }

  /** `str(value)` of a known name, for f-string placeholders. */
  private formatName(expression: string): string | undefined {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(expression)) return undefined;
    const value = this.lookupBinding(expression)?.value;
    if (!value) return undefined;
    switch (value.kind) {
      case 'str':
        return value.isBytes ? undefined : value.value;
      case 'int':
        return Number.isSafeInteger(value.value) ? String(value.value) : undefined;
      case 'bool':
        return value.value ? 'True' : 'False';
      case 'none':
        return 'None';
      default:
        return undefined;
    }
  }

  private evalInteger(node: Node): PyValue {
    const text = node.text;
    const clean = text.replace(/_/g, '');
    let value: number;
    if (/^0[xX]/.test(clean)) value = parseInt(clean.slice(2), 16);
    else if (/^0[oO]/.test(clean)) value = parseInt(clean.slice(2), 8);
    else if (/^0[bB]/.test(clean)) value = parseInt(clean.slice(2), 2);
    else if (/^[0-9]+$/.test(clean)) value = Number(clean);
    else return this.unknown(node);
    return { kind: 'int', value, text, span: this.span(node) };
  }

  private evalSequence(node: Node, kind: 'list' | 'tuple' | 'set'): PyValue {
    const items: PyValue[] = [];
    let unknownPart = false;
    for (const child of node.namedChildren) {
      if (child.type === 'comment') continue;
      if (child.type === 'list_splat') {
        const inner = firstNamed(child);
        const spread = inner ? this.evalExpr(inner) : undefined;
        const spreadItems = sequenceItems(spread);
        if (spreadItems) items.push(...spreadItems);
        else if (spread?.kind === 'unknown' && spread.knownItems) {
          items.push(...spread.knownItems);
          unknownPart = true;
        } else unknownPart = true;
        continue;
      }
      items.push(this.evalExpr(child));
    }
    if (unknownPart) return this.unknown(node, { knownItems: items });
    return { kind, items, span: this.span(node) };
  }

  private evalDict(node: Node): PyValue {
    const entries: PyDict['entries'] = [];
    for (const child of node.namedChildren) {
      if (child.type === 'pair') {
        const key = child.childForFieldName('key');
        const value = child.childForFieldName('value');
        if (key && value) entries.push({ key: this.evalExpr(key), value: this.evalExpr(value) });
      } else if (child.type === 'dictionary_splat') {
        const inner = firstNamed(child);
        const spread = inner ? this.evalExpr(inner) : undefined;
        if (spread?.kind !== 'dict') return this.unknown(node);
        entries.push(...spread.entries);
      } else if (child.type !== 'comment') {
        return this.unknown(node);
      }
    }
    return { kind: 'dict', entries, span: this.span(node) };
  }

  private evalName(node: Node): PyValue {
    const dotted = dottedName(node);
    if (dotted === undefined) return this.unknown(node);
    if (node.type === 'identifier') {
      const binding = this.lookupBinding(dotted);
      if (binding) return binding.value;
    }
    const qualifiedName = this.qualifyIn(this.scope, dotted);
    return this.unknown(node, { name: dotted, qualifiedName });
  }

  private evalUnary(node: Node): PyValue {
    const operator = node.childForFieldName('operator')?.type;
    const argument = node.childForFieldName('argument');
    const value = argument ? this.evalExpr(argument) : undefined;
    if ((operator === '-' || operator === '+') && (value?.kind === 'int' || value?.kind === 'float')) {
      const sign = operator === '-' ? -1 : 1;
      return { ...value, value: sign * value.value, text: node.text, span: this.span(node) };
    }
    return this.unknown(node);
  }

  private evalBinary(node: Node): PyValue {
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    const operator = node.childForFieldName('operator')?.type;
    if (!left || !right) return this.unknown(node);
    const a = this.evalExpr(left);
    const b = this.evalExpr(right);
    if (operator === '+') return concat(a, b, node, this.span(node), false, () => this.unknown(node));
    if (operator === '|' && a.kind === 'dict' && b.kind === 'dict') return { kind: 'dict', entries: [...a.entries, ...b.entries], span: this.span(node) };
    return this.unknown(node);
  }

  /** `os.environ.get('X') or 'fallback'`: the right side is the visible default. */
  private evalBoolean(node: Node): PyValue {
    const operator = node.childForFieldName('operator')?.type;
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    if (operator !== 'or' || !left || !right) return this.unknown(node);
    const a = this.evalExpr(left);
    if (a.kind === 'unknown') {
      const fallback = this.evalExpr(right);
      return this.unknown(node, a.env ? { env: a.env, default: fallback } : { alternatives: [a, fallback] });
    }
    return truthy(a) ? a : this.evalExpr(right);
  }

  private evalSubscript(node: Node): PyValue {
    const base = node.childForFieldName('value');
    const index = node.childForFieldName('subscript');
    if (!base || !index) return this.unknown(node);
    if (base.type === 'attribute' && this.qualifyIn(this.scope, base.text) === 'os.environ') {
      return this.envRead(node, { via: 'os.environ', variable: stringOf(this.evalExpr(index)) });
    }
    const container = this.evalExpr(base);
    const key = this.evalExpr(index);
    if (container.kind === 'dict' && key.kind === 'str') return dictGet(container, key.value) ?? this.unknown(node);
    const items = sequenceItems(container);
    if (items && container.kind !== 'set' && key.kind === 'int') {
      const i = key.value < 0 ? items.length + key.value : key.value;
      if (i >= 0 && i < items.length) return items[i];
    }
    return this.unknown(node);
  }

  private envRead(node: Node, env: EnvRead, fallback?: PyValue): PyUnknown {
    if (env.variable === undefined) delete env.variable;
    if (env.cast === undefined) delete env.cast;
    return this.unknown(node, fallback ? { env, default: fallback } : { env });
  }

  private evalCall(node: Node): PyValue {
    const fn = node.childForFieldName('function');
    const argsNode = node.childForFieldName('arguments');
    if (!fn || !argsNode || argsNode.type !== 'argument_list') return this.unknown(node);
    const args = splitArguments(argsNode);
    const dotted = dottedName(fn);

    if (fn.type === 'attribute') {
      const object = fn.childForFieldName('object')!;
      const method = fn.childForFieldName('attribute')?.text ?? '';
      if (method === 'split' && args.keywords.size === 0 && args.positional.length <= 1) {
        return this.evalSplit(node, object, args.positional[0]);
      }
    }
    if (dotted === undefined) return this.unknown(node);
    const qualified = this.qualifyIn(this.scope, dotted);
    const arg = (i: number, name: string): Node | undefined => args.positional[i] ?? args.keywords.get(name);

    if (qualified === 'os.environ.get' || qualified === 'os.getenv') {
      const variable = arg(0, 'key');
      const fallback = arg(1, 'default');
      return this.envRead(
        node,
        { via: qualified === 'os.getenv' ? 'os.getenv' : 'os.environ', variable: variable ? stringOf(this.evalExpr(variable)) : undefined },
        fallback ? this.evalExpr(fallback) : undefined,
      );
    }
    if (qualified === 're.compile') {
      const pattern = arg(0, 'pattern');
      const flags = arg(1, 'flags');
      return {
        kind: 'regex',
        pattern: pattern ? this.evalExpr(pattern) : this.unknown(node),
        flags: flags ? [...flags.text.matchAll(/\bre\.([A-Z_]+)/g)].map((m) => m[1]) : [],
        span: this.span(node),
      };
    }
    if (qualified === 'environ.Env' || qualified === 'environ.environ.Env') return this.envScheme(node, args);
    if (['list', 'tuple', 'set', 'sorted'].includes(dotted) && args.positional.length === 1 && args.keywords.size === 0) {
      const items = sequenceItems(this.evalExpr(args.positional[0]));
      if (items) return { kind: dotted === 'sorted' ? 'list' : (dotted as 'list' | 'tuple' | 'set'), items, span: this.span(node) };
      return this.unknown(node);
    }
    if (dotted === 'dict' && args.positional.length === 0) {
      const entries: PyDict['entries'] = [];
      for (const [name, valueNode] of args.keywords) {
        const keyNode = valueNode.parent!.childForFieldName('name')!;
        entries.push({ key: { kind: 'str', value: name, span: this.span(keyNode) }, value: this.evalExpr(valueNode) });
      }
      return { kind: 'dict', entries, span: this.span(node) };
    }
    const environ = this.djangoEnviron(fn);
    if (environ) return this.evalDjangoEnviron(node, environ, args);
    if (qualified === 'decouple.config' || this.isDecoupleConfig(fn, dotted)) {
      return this.evalDecouple(node, args);
    }
    return this.unknown(node);
  }

  /**
   * A decouple reader: a name bound to `AutoConfig(...)`/`Config(...)`, or a bare `config` that is
   * neither imported nor assigned here (it then comes from a base module: decouple's convention).
   */
  private isDecoupleConfig(fn: Node, dotted: string): boolean {
    if (fn.type !== 'identifier') return false;
    const value = this.lookupBinding(dotted)?.value;
    if (value) return value.kind === 'unknown' && /^(?:decouple\.)?(?:AutoConfig|Config)\s*\(/.test(value.text);
    return dotted === 'config' && !this.scope.importFor('config');
  }

  /** `environ.Env(DEBUG=(bool, False))`: remember the scheme for later reads. */
  private envScheme(node: Node, args: Arguments): PyUnknown {
    const scheme: NonNullable<PyUnknown['envScheme']> = {};
    for (const [name, valueNode] of args.keywords) {
      const value = this.evalExpr(valueNode);
      const items = sequenceItems(value);
      if (items && items.length === 2) scheme[name] = { cast: castName(items[0]), default: items[1] };
      else scheme[name] = { cast: castName(value) };
    }
    return this.unknown(node, { envScheme: scheme });
  }

  /** The django-environ reader behind `env(...)` / `env.list(...)`, with its method name. */
  private djangoEnviron(fn: Node): { reader?: PyUnknown; method?: string } | undefined {
    const readerNode = fn.type === 'attribute' ? fn.childForFieldName('object') : fn;
    if (readerNode?.type !== 'identifier') return undefined;
    const method = fn.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined;
    const value = this.lookupBinding(readerNode.text)?.value;
    if (value?.kind === 'unknown' && value.envScheme) return { reader: value, method };
    // `env` defined in a base module that was not resolved: the name alone is the convention.
    if (!value && readerNode.text === 'env' && !this.scope.importFor('env')) return { method };
    return undefined;
  }

  /**
   * django-environ returns a missing variable's default without parsing it (`Env.get_value`:
   * `if value != default or (parse_default and value): value = self.parse_value(value, cast)`,
   * environ/environ.py), so `env.list('X', default='a,b')` yields the string `'a,b'`.
   */
  private evalDjangoEnviron(node: Node, environ: { reader?: PyUnknown; method?: string }, args: Arguments): PyValue {
    const methods = ['str', 'bool', 'int', 'float', 'list', 'tuple', 'dict', 'json', 'url', 'db_url', 'cache_url', 'email_url', 'path'];
    if (environ.method && !methods.includes(environ.method)) return this.unknown(node);
    const variableNode = args.positional[0] ?? args.keywords.get('var');
    const variable = variableNode ? stringOf(this.evalExpr(variableNode)) : undefined;
    // `env(var, cast, default)`, `env.list(var, cast, default)`, `env.bool(var, default)`.
    const defaultIndex = !environ.method || ['list', 'tuple', 'dict'].includes(environ.method) ? 2 : 1;
    const defaultNode = args.keywords.get('default') ?? args.positional[defaultIndex];
    const castNode = environ.method ? undefined : (args.keywords.get('cast') ?? args.positional[1]);
    const scheme = variable !== undefined ? environ.reader?.envScheme?.[variable] : undefined;
    const cast = environ.method ?? (castNode ? castName(this.evalExpr(castNode)) : scheme?.cast);
    const fallback = defaultNode ? this.evalExpr(defaultNode) : scheme?.default;
    return this.envRead(node, { via: 'django-environ', variable, cast }, fallback);
  }

  /**
   * python-decouple applies `cast` to the default as well (`Config.get` ends with `return
   * cast(value)` whichever source the value came from, decouple.py), so the visible default is
   * converted here: `cast=bool` through its boolean table, `cast=Csv()` by splitting on commas.
   */
  private evalDecouple(node: Node, args: Arguments): PyValue {
    const variableNode = args.positional[0] ?? args.keywords.get('option');
    const variable = variableNode ? stringOf(this.evalExpr(variableNode)) : undefined;
    const defaultNode = args.keywords.get('default') ?? args.positional[1];
    const castNode = args.keywords.get('cast') ?? args.positional[2];
    let cast: string | undefined;
    if (castNode) {
      if (castNode.type === 'call' && /(^|\.)Csv$/.test(castNode.childForFieldName('function')?.text ?? '')) cast = 'csv';
      else cast = castName(this.evalExpr(castNode)) ?? castNode.text;
    }
    let fallback = defaultNode ? this.evalExpr(defaultNode) : undefined;
    if (fallback && cast) fallback = decoupleCast(fallback, cast, (v) => this.splitStr(v, ',', true));
    return this.envRead(node, { via: 'decouple', variable, cast }, fallback);
  }

  private evalSplit(node: Node, object: Node, separatorNode: Node | undefined): PyValue {
    const value = this.evalExpr(object);
    const separator = separatorNode ? this.evalExpr(separatorNode) : undefined;
    if (separator && separator.kind !== 'str') return this.unknown(node);
    const sep = separator?.value;
    if (value.kind === 'str') return sep === undefined || sep === '' ? this.unknown(node) : this.splitStr(value, sep, false, node);
    if (value.kind === 'unknown' && value.env) {
      const fallback = value.default?.kind === 'str' && sep ? this.splitStr(value.default, sep, false) : value.default;
      return this.envRead(node, { ...value.env, cast: 'split' }, fallback);
    }
    return this.unknown(node);
  }

  /** `str.split(sep)` (every piece kept) or decouple's Csv (pieces stripped, empty ones dropped). */
  private splitStr(value: PyStr, sep: string, csv: boolean, node?: Node): PyValue {
    const span = node ? this.span(node) : value.span;
    // Csv splits with shlex, which also interprets quotes and backslashes: only the plain case is modelled.
    if (csv && /['"\\]/.test(value.value)) return { kind: 'unknown', text: value.value, span };
    const items: PyValue[] = [];
    let start = 0;
    const pieces = value.value.split(sep);
    for (const piece of pieces) {
      let text = piece;
      let offset = start;
      if (csv) {
        const lead = piece.length - piece.trimStart().length;
        text = piece.trim();
        offset += lead;
      }
      start += piece.length + sep.length;
      if (csv && text === '') continue;
      const itemSpan =
        value.contentStart !== undefined ? this.lines.span(this.file, value.contentStart + offset, value.contentStart + offset + text.length) : value.span;
      const item: PyStr = { kind: 'str', value: text, span: itemSpan };
      if (value.contentStart !== undefined) item.contentStart = value.contentStart + offset;
      items.push(item);
    }
    return { kind: 'list', items, span };
  }
}

interface Arguments {
  positional: Node[];
  keywords: Map<string, Node>;
}

function splitArguments(argumentList: Node): Arguments {
  const positional: Node[] = [];
  const keywords = new Map<string, Node>();
  for (const child of argumentList.namedChildren) {
    if (child.type === 'keyword_argument') {
      const name = child.childForFieldName('name')?.text;
      const value = child.childForFieldName('value');
      if (name && value) keywords.set(name, value);
    } else if (child.type !== 'comment' && child.type !== 'list_splat' && child.type !== 'dictionary_splat') {
      positional.push(child);
    }
  }
  return { positional, keywords };
}

function firstNamed(node: Node): Node | undefined {
  return node.namedChildren.find((c) => c.type !== 'comment');
}

/** `a.b.c` for identifier/attribute chains, else undefined. */
export function dottedName(node: Node): string | undefined {
  if (node.type === 'identifier') return node.text;
  if (node.type !== 'attribute') return undefined;
  const object = node.childForFieldName('object');
  const attribute = node.childForFieldName('attribute');
  const head = object ? dottedName(object) : undefined;
  return head !== undefined && attribute ? `${head}.${attribute.text}` : undefined;
}

function stringOf(value: PyValue): string | undefined {
  return value.kind === 'str' && !value.isBytes ? value.value : undefined;
}

function castName(value: PyValue): string | undefined {
  return value.kind === 'unknown' && value.name ? value.name : undefined;
}

function branchOf(ctx: Context): Branch | undefined {
  if (ctx.conditional) return 'conditional';
  return ctx.worlds.length === 1 ? ctx.worlds[0] : undefined;
}

function pushLiteral(parts: FStringPart[], value: string): void {
  if (value === '') return;
  const last = parts[parts.length - 1];
  if (last?.kind === 'literal') last.value += value;
  else parts.push({ kind: 'literal', value });
}

/** Python's truth value of a known literal; undefined for run-time values. */
export function truthy(value: PyValue): boolean | undefined {
  switch (value.kind) {
    case 'str':
      return value.value !== '';
    case 'int':
    case 'float':
      return value.value !== 0;
    case 'bool':
      return value.value;
    case 'none':
      return false;
    case 'list':
    case 'tuple':
    case 'set':
      return value.items.length > 0;
    case 'dict':
      return value.entries.length > 0;
    default:
      return undefined;
  }
}

/** `DEBUG`-style conditions: development when DEBUG is true, production when it is false. */
export function classifyCondition(condition: Node): World | undefined {
  let node = condition;
  while (node.type === 'parenthesized_expression') {
    const inner = firstNamed(node);
    if (!inner) return undefined;
    node = inner;
  }
  if (node.type === 'identifier' || node.type === 'attribute') {
    const dotted = dottedName(node);
    return dotted !== undefined && /(^|\.)DEBUG$/.test(dotted) ? 'development' : undefined;
  }
  if (node.type === 'not_operator') {
    const argument = node.childForFieldName('argument');
    const inner = argument ? classifyCondition(argument) : undefined;
    return inner === 'development' ? 'production' : inner === 'production' ? 'development' : undefined;
  }
  if (node.type === 'comparison_operator') {
    const operands = node.namedChildren.filter((c) => c.type !== 'comment');
    const operators = node.children.filter((c) => !c.isNamed).map((c) => c.type);
    if (operands.length !== 2) return undefined;
    const subject = classifyCondition(operands[0]);
    const literal = operands[1].type;
    if (!subject || (literal !== 'true' && literal !== 'false')) return undefined;
    const op = operators.join(' ');
    const equal = op === 'is' || op === '==' ? true : op === 'is not' || op === '!=' ? false : undefined;
    if (equal === undefined) return undefined;
    const isTrue = (literal === 'true') === equal;
    return isTrue ? subject : subject === 'development' ? 'production' : 'development';
  }
  return undefined;
}

/** `a + b` for lists, tuples and strings; with an unknown side, keeps the known elements. */
function concat(a: PyValue, b: PyValue, node: Node, span: SourceSpan, inPlace: boolean, unknown: () => PyUnknown): PyValue {
  if (a.kind === 'str' && b.kind === 'str' && !!a.isBytes === !!b.isBytes) {
    const out: PyStr = { kind: 'str', value: a.value + b.value, span };
    if (a.isBytes) out.isBytes = true;
    return out;
  }
  const aItems = sequenceItems(a);
  const bItems = sequenceItems(b);
  // `list += iterable` extends with any iterable (list.__iadd__); `list + x` needs the same type.
  if (aItems && bItems && a.kind !== 'set' && (a.kind === b.kind || (inPlace && a.kind === 'list'))) {
    return { kind: a.kind as 'list' | 'tuple', items: [...aItems, ...bItems], span: inPlace ? a.span : span };
  }
  const result = unknown();
  const known = [...(aItems ?? (a.kind === 'unknown' ? (a.knownItems ?? []) : [])), ...(bItems ?? (b.kind === 'unknown' ? (b.knownItems ?? []) : []))];
  if (known.length) result.knownItems = known;
  // The visible default of an env read follows the same operation.
  const base = a.kind === 'unknown' ? a : undefined;
  if (base?.env) {
    result.env = base.env;
    if (base.default) {
      const fallback = concat(base.default, b, node, span, inPlace, () => ({ kind: 'unknown', text: node.text, span }));
      if (fallback.kind !== 'unknown') result.default = fallback;
    }
  }
  return result;
}

function mutate(current: PyValue, method: string, args: PyValue[], unknown: PyUnknown): PyValue {
  const items = sequenceItems(current);
  if (current.kind === 'list' && items) {
    if (method === 'append' && args.length === 1) return { ...current, items: [...items, args[0]] };
    if (method === 'extend' && args.length === 1) {
      const more = sequenceItems(args[0]);
      if (more) return { ...current, items: [...items, ...more] };
    }
    if (method === 'insert' && args.length === 2 && args[0].kind === 'int') {
      // list.insert clamps the index like a slice assignment (Objects/listobject.c, ins1).
      const i = args[0].value < 0 ? Math.max(items.length + args[0].value, 0) : Math.min(args[0].value, items.length);
      return { ...current, items: [...items.slice(0, i), args[1], ...items.slice(i)] };
    }
  }
  if (current.kind === 'dict' && method === 'update' && args.length === 1 && args[0].kind === 'dict') {
    return { ...current, entries: [...current.entries, ...args[0].entries] };
  }
  if (current.kind === 'unknown' && (method === 'append' || method === 'insert' || method === 'extend')) {
    const added = method === 'append' ? args.slice(0, 1) : method === 'insert' ? args.slice(1, 2) : (sequenceItems(args[0]) ?? []);
    const result: PyUnknown = { ...unknown, knownItems: [...(current.knownItems ?? []), ...added] };
    if (current.env) {
      result.env = current.env;
      if (current.default) {
        const fallback = mutate(current.default, method, args, unknown);
        if (fallback.kind !== 'unknown') result.default = fallback;
      }
    }
    return result;
  }
  return unknown;
}

function setItem(current: PyValue | undefined, key: PyValue, value: PyValue, unknown: (node: Node) => PyUnknown, node: Node): PyValue {
  if (current?.kind === 'dict') return { ...current, entries: [...current.entries, { key, value }] };
  if (current?.kind === 'list' && key.kind === 'int') {
    const i = key.value < 0 ? current.items.length + key.value : key.value;
    if (i >= 0 && i < current.items.length) return { ...current, items: current.items.map((item, j) => (j === i ? value : item)) };
  }
  return unknown(node);
}

// python-decouple's boolean table (decouple.py `Config._BOOLEANS`; newer releases use an equivalent
// strtobool that also accepts y/t/n/f, which are left unknown here since the versions disagree).
const DECOUPLE_BOOLEANS: Record<string, boolean> = { '1': true, yes: true, true: true, on: true, '0': false, no: false, false: false, off: false };

function decoupleCast(value: PyValue, cast: string, csv: (value: PyStr) => PyValue): PyValue {
  if (cast === 'bool') {
    if (value.kind === 'bool') return value;
    const text = value.kind === 'str' ? value.value : value.kind === 'int' ? String(value.value) : undefined;
    const result = text === undefined ? undefined : DECOUPLE_BOOLEANS[text.toLowerCase()];
    return result === undefined ? { kind: 'unknown', text: text ?? '', span: value.span } : { kind: 'bool', value: result, span: value.span };
  }
  if (cast === 'int' && value.kind === 'str' && /^\s*[+-]?\d+\s*$/.test(value.value)) {
    return { kind: 'int', value: Number(value.value.trim()), text: value.value, span: value.span };
  }
  if (cast === 'csv' && value.kind === 'str') return csv(value);
  return value;
}
