// Static evaluation of JS/TS expressions to JsValue: literals, bindings, env vars, one import hop.
import type * as t from '@babel/types';
import type { AdapterHost } from '../../../model/adapter.js';
import type { SourceSpan } from '../../../model/source.js';
import { isRelativeSpecifier, moduleCandidates } from './module-path.js';
import { loadedJsParser, sourceTextOf, type JsParse } from './parse.js';
import { analyzeScopes, type Binding, type PatternStep, type ScopeInfo } from './scope.js';
import { spanOf } from './span.js';
import type { JsProperty, JsValue } from './value.js';

/** What the resolver may read: other files of the scanned root, by repository-relative path. */
export type ResolverHost = Pick<AdapterHost, 'readFile'>;

export interface ResolverOptions {
  /** Parser for imported modules; default: the one `loadJsParser()` loaded. */
  parse?: JsParse;
  /** The file's text, if `ast` was not produced by `loadJsParser()`'s parser. */
  text?: string;
  /** Nesting limit for one evaluation (default 100); deeper expressions resolve to `unknown`. */
  maxDepth?: number;
}

/** Resolves expressions of one file. Values are shared and cached: treat them as read-only. */
export interface JsResolver {
  /** The value of an expression node of this file (a pattern or statement gives `unknown`). */
  resolve(node: t.Node): JsValue;
  /** The value of a top-level binding of this file, or undefined when there is none. */
  resolveName(name: string): JsValue | undefined;
  /** The declaration an identifier of this file refers to; undefined for globals. */
  bindingOf(id: t.Identifier): Binding | undefined;
  /** Files read through `host` to follow imports (for `AdapterResult.linkedFiles`). */
  linkedFiles(): string[];
}

/** `process.env` itself and `process`: internal, never returned to callers. */
type EnvObject = { kind: 'env-object'; span: SourceSpan; text: string };
type ProcessObject = { kind: 'process-object'; span: SourceSpan; text: string };
type Val = JsValue | EnvObject | ProcessObject;
type Primitive = Extract<JsValue, { kind: 'string' | 'number' | 'boolean' | 'null' | 'undefined' }>;

const MAX_STRING = 1 << 20;
const MAX_ELEMENTS = 10_000;
const MAX_TEXT = 200;
const PROCESS_MODULES = new Set(['process', 'node:process']);
/** `Object.prototype` keys: a missing own property of these names is not `undefined`. */
const PROTOTYPE_KEYS = new Set(Object.getOwnPropertyNames(Object.prototype));

interface Linker {
  host: ResolverHost;
  parse: JsParse | undefined;
  modules: Map<string, FileResolver | { error: string }>;
  linked: Set<string>;
}

function isPrimitive(v: Val): v is Primitive {
  return v.kind === 'string' || v.kind === 'number' || v.kind === 'boolean' || v.kind === 'null' || v.kind === 'undefined';
}

function primitiveString(v: Primitive): string {
  return v.kind === 'string' || v.kind === 'number' || v.kind === 'boolean' ? String(v.value) : v.kind;
}

/** JS truthiness when statically known. */
function truthiness(v: Val): boolean | undefined {
  switch (v.kind) {
    case 'string': return v.value !== '';
    case 'number': return v.value !== 0 && !Number.isNaN(v.value);
    case 'boolean': return v.value;
    case 'null':
    case 'undefined': return false;
    case 'env':
    case 'unknown': return undefined;
    default: return true;
  }
}

/**
 * Whether a string literal's raw text has an escape whose string meaning differs from its regex
 * meaning: an identity escape such as `\.`, `\d` or `\$` (the string keeps only the character;
 * ECMA-262 "NonEscapeCharacter"), `\b` (backspace in a string, word boundary in a regex) or a
 * legacy octal `\1`–`\7` (a control character in a string, a backreference in a regex).
 */
function hasLostEscape(raw: string): boolean {
  for (let i = raw.indexOf('\\'); i !== -1; i = raw.indexOf('\\', i + 2)) {
    const c = raw[i + 1];
    if (c === undefined) return false;
    if (!/['"`\\fnrtv0xu\r\n\u2028\u2029]/.test(c)) return true;
  }
  return false;
}

/** Template raw strings normalise line terminators like the spec's TRV (CR LF and CR become LF). */
function templateRaw(raw: string): string {
  return raw.replace(/\r\n?/g, '\n');
}

function staticMemberName(node: t.MemberExpression | t.OptionalMemberExpression): string | undefined {
  if (!node.computed && node.property.type === 'Identifier') return node.property.name;
  if (node.property.type === 'StringLiteral') return node.property.value;
  return undefined;
}

/** `s => s.trim()`, `(s) => { return s.trim(); }`, `function (s) { return s.trim(); }`. */
function isTrimMapper(node: t.Node): boolean {
  if ((node.type !== 'ArrowFunctionExpression' && node.type !== 'FunctionExpression') || node.params.length !== 1) return false;
  const param = node.params[0];
  if (param.type !== 'Identifier') return false;
  let body: t.Node = node.body;
  if (body.type === 'BlockStatement') {
    if (body.body.length !== 1 || body.body[0].type !== 'ReturnStatement' || !body.body[0].argument) return false;
    body = body.body[0].argument;
  }
  return (body.type === 'CallExpression' || body.type === 'OptionalCallExpression') && body.arguments.length === 0 &&
    (body.callee.type === 'MemberExpression' || body.callee.type === 'OptionalMemberExpression') &&
    body.callee.object.type === 'Identifier' && body.callee.object.name === param.name &&
    staticMemberName(body.callee) === 'trim';
}

class FileResolver {
  private scopeInfo: ScopeInfo | undefined;
  private readonly cache = new Map<Binding, Val>();
  private readonly inProgress = new Set<t.Node | Binding>();
  private cjsExports: JsValue | undefined;

  constructor(
    private readonly ast: t.File,
    readonly file: string,
    private readonly text: string,
    private readonly linker: Linker | undefined,
    private readonly hops: number,
    private readonly maxDepth: number,
  ) {}

  /** Scope analysis runs on first use: a file nobody resolves in costs nothing. */
  get scopes(): ScopeInfo {
    this.scopeInfo ??= analyzeScopes(this.ast.program);
    return this.scopeInfo;
  }

  span(node: t.Node): SourceSpan {
    return spanOf(node, this.file);
  }

  textOf(node: t.Node): string {
    const text = node.start != null && node.end != null ? this.text.slice(node.start, node.end) : '';
    return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text;
  }

  unknown(node: t.Node, reason: string): JsValue {
    return { kind: 'unknown', text: this.textOf(node), span: this.span(node), reason };
  }

  pub(v: Val): JsValue {
    if (v.kind === 'env-object' || v.kind === 'process-object') {
      return { kind: 'unknown', text: v.text, span: v.span, reason: v.kind === 'env-object' ? 'process.env object' : 'process object' };
    }
    return v;
  }

  resolvePublic(node: t.Node): JsValue {
    return this.pub(this.ev(node, 0));
  }

  evPub(node: t.Node, depth: number): JsValue {
    return this.pub(this.ev(node, depth));
  }

  ev(node: t.Node, depth: number): Val {
    if (depth > this.maxDepth) return this.unknown(node, 'too deeply nested');
    const d = depth + 1;
    switch (node.type) {
      case 'StringLiteral': {
        const raw = (node.extra?.raw as string | undefined) ?? '';
        return raw.includes('\\') && hasLostEscape(raw)
          ? { kind: 'string', value: node.value, span: this.span(node), lostEscapes: true }
          : { kind: 'string', value: node.value, span: this.span(node) };
      }
      case 'NumericLiteral': return { kind: 'number', value: node.value, span: this.span(node) };
      case 'BooleanLiteral': return { kind: 'boolean', value: node.value, span: this.span(node) };
      case 'NullLiteral': return { kind: 'null', span: this.span(node) };
      case 'RegExpLiteral': return { kind: 'regexp', pattern: node.pattern, flags: node.flags, span: this.span(node) };
      case 'TemplateLiteral': return this.template(node, node, false, d);
      case 'TaggedTemplateExpression': {
        const tag = node.tag;
        const isRaw = tag.type === 'MemberExpression' && tag.object.type === 'Identifier' && tag.object.name === 'String' &&
          !this.scopes.bindingOf(tag.object) && staticMemberName(tag) === 'raw';
        return isRaw ? this.template(node.quasi, node, true, d) : this.unknown(node, 'tagged template');
      }
      case 'Identifier': return this.identifier(node, d);
      case 'ParenthesizedExpression':
      case 'TSAsExpression':
      case 'TSSatisfiesExpression':
      case 'TSNonNullExpression':
      case 'TSTypeAssertion':
      case 'TSInstantiationExpression':
        return this.ev(node.expression, d);
      case 'SequenceExpression': return this.ev(node.expressions[node.expressions.length - 1], d);
      case 'ArrayExpression': return this.array(node, d);
      case 'ObjectExpression': return this.object(node, d);
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
        return { kind: 'function', node, span: this.span(node) };
      case 'MemberExpression':
      case 'OptionalMemberExpression': {
        const key = this.memberKey(node, d);
        if (key === undefined) return this.unknown(node, 'computed property');
        return this.member(this.ev(node.object, d), key, node, node.optional === true);
      }
      case 'CallExpression':
      case 'OptionalCallExpression':
      case 'NewExpression':
        return this.call(node, d);
      case 'ImportExpression':
        return this.loadCall(node.source, node, 'dynamic-import', d);
      case 'AwaitExpression': {
        const v = this.ev(node.argument, d);
        // `await import('x')` is the namespace; awaiting a non-promise value yields it unchanged.
        return v.kind === 'unknown' || v.kind === 'function' || (v.kind === 'module' && v.via !== 'dynamic-import')
          ? this.unknown(node, 'awaited value') : v;
      }
      case 'LogicalExpression': return this.logical(node, d);
      case 'ConditionalExpression': {
        const test = truthiness(this.ev(node.test, d));
        if (test === undefined) return this.unknown(node, 'condition not known');
        return this.ev(test ? node.consequent : node.alternate, d);
      }
      case 'UnaryExpression': return this.unary(node, d);
      case 'BinaryExpression': return this.binary(node, d);
      default:
        return this.unknown(node, 'unsupported expression');
    }
  }

  private template(quasi: t.TemplateLiteral, whole: t.Node, raw: boolean, d: number): Val {
    let out = '';
    let lost = false;
    for (let i = 0; i < quasi.quasis.length; i++) {
      const q = quasi.quasis[i].value;
      if (raw) out += templateRaw(q.raw);
      else {
        if (q.cooked == null) return this.unknown(whole, 'invalid escape in template');
        out += q.cooked;
        lost ||= q.raw.includes('\\') && hasLostEscape(q.raw);
      }
      if (i < quasi.expressions.length) {
        const v = this.ev(quasi.expressions[i], d);
        if (!isPrimitive(v)) return this.unknown(whole, 'template expression not known');
        out += primitiveString(v);
        lost ||= v.kind === 'string' && v.lostEscapes === true;
      }
      if (out.length > MAX_STRING) return this.unknown(whole, 'string too long');
    }
    return lost ? { kind: 'string', value: out, span: this.span(whole), lostEscapes: true } : { kind: 'string', value: out, span: this.span(whole) };
  }

  private identifier(id: t.Identifier, d: number): Val {
    const binding = this.scopes.bindingOf(id);
    if (!binding) {
      switch (id.name) {
        case 'undefined': return { kind: 'undefined', span: this.span(id) };
        case 'NaN': return { kind: 'number', value: NaN, span: this.span(id) };
        case 'Infinity': return { kind: 'number', value: Infinity, span: this.span(id) };
        case 'process': return { kind: 'process-object', span: this.span(id), text: 'process' };
        default: return this.unknown(id, 'global');
      }
    }
    return this.bindingValue(binding, id, d);
  }

  bindingValue(binding: Binding, ref: t.Node, d: number): Val {
    const cached = this.cache.get(binding);
    if (cached) return cached;
    if (binding.reassigned) return this.unknown(ref, 'reassigned');
    if (binding.mutated) return this.unknown(ref, 'mutated');
    if (this.inProgress.has(binding)) return this.unknown(ref, 'cycle');
    this.inProgress.add(binding);
    let value: Val;
    try {
      value = this.computeBinding(binding, d);
    } finally {
      this.inProgress.delete(binding);
    }
    this.cache.set(binding, value);
    return value;
  }

  private computeBinding(binding: Binding, d: number): Val {
    switch (binding.kind) {
      case 'function':
        return { kind: 'function', node: binding.declaration as t.FunctionDeclaration, span: this.span(binding.declaration) };
      case 'import':
        return this.importValue(binding, d);
      case 'param': return this.unknown(binding.id, 'parameter');
      case 'catch': return this.unknown(binding.id, 'catch parameter');
      case 'loop': return this.unknown(binding.id, 'loop variable');
      case 'class': return this.unknown(binding.id, 'class');
      case 'enum': return this.unknown(binding.id, 'enum');
      default:
        if (!binding.init) return { kind: 'undefined', span: this.span(binding.id) };
        return this.applyPath(this.ev(binding.init, d), binding.path, binding.id, d);
    }
  }

  private applyPath(value: Val, path: PatternStep[], at: t.Node, d: number): Val {
    let v = value;
    for (const step of path) {
      switch (step.type) {
        case 'key':
          v = this.member(v, step.key, at, false);
          break;
        case 'computed-key': {
          const key = this.ev(step.key, d);
          v = key.kind === 'string' || key.kind === 'number' ? this.member(v, key.kind === 'string' ? key.value : key.value, at, false)
            : this.unknown(at, 'computed property');
          break;
        }
        case 'index':
          v = this.member(v, step.index, at, false);
          break;
        case 'rest-object':
          v = this.objectRest(v, step.excluded, at);
          break;
        case 'rest-array':
          v = v.kind === 'array' && !v.spreadUnknown ? { kind: 'array', elements: v.elements.slice(step.from), span: v.span }
            : this.unknown(at, 'rest of unknown array');
          break;
        case 'default':
          if (v.kind === 'undefined') v = this.ev(step.value, d);
          else if (v.kind === 'env' && !v.default) v = { ...v, default: this.evPub(step.value, d), defaultWhen: 'unset' };
          else if (v.kind === 'unknown') return v;
          break;
      }
      if (v.kind === 'unknown') return v;
    }
    return v;
  }

  private objectRest(v: Val, excluded: string[] | undefined, at: t.Node): Val {
    if (v.kind === 'env-object') return v;
    if (v.kind !== 'object' || !excluded) return this.unknown(at, 'rest of unknown object');
    const properties = new Map(v.properties);
    for (const key of excluded) properties.delete(key);
    return { kind: 'object', properties, span: v.span, ...(v.spreadUnknown ? { spreadUnknown: true } : {}) };
  }

  private memberKey(node: t.MemberExpression | t.OptionalMemberExpression, d: number): string | number | undefined {
    if (!node.computed) return node.property.type === 'Identifier' ? node.property.name : undefined;
    const key = this.ev(node.property, d);
    return key.kind === 'string' || key.kind === 'number' ? key.value : undefined;
  }

  /** `v[key]`; `at` is the node the result is attributed to when the value is synthesised. */
  member(v: Val, key: string | number, at: t.Node, optional: boolean): Val {
    switch (v.kind) {
      case 'process-object':
        return key === 'env' ? { kind: 'env-object', span: this.span(at), text: this.textOf(at) } : this.unknown(at, 'process property');
      case 'env-object':
        return { kind: 'env', name: String(key), text: this.textOf(at), span: this.span(at) };
      case 'object': {
        const name = String(key);
        const property = v.properties.get(name);
        if (property) return property.mayBeOverridden ? this.unknown(at, 'may be replaced by a later spread') : property.value;
        if (v.spreadUnknown || PROTOTYPE_KEYS.has(name)) return this.unknown(at, 'property not known');
        return { kind: 'undefined', span: this.span(at) };
      }
      case 'array':
      case 'string': {
        const length = v.kind === 'array' ? v.elements.length : v.value.length;
        if (key === 'length') {
          return v.kind === 'array' && v.spreadUnknown ? this.unknown(at, 'length not known') : { kind: 'number', value: length, span: this.span(at) };
        }
        const index = typeof key === 'number' ? key : /^(0|[1-9]\d*)$/.test(key) ? Number(key) : NaN;
        if (!Number.isInteger(index) || index < 0) return this.unknown(at, `${v.kind} property`);
        if (v.kind === 'array' && v.spreadUnknown) return this.unknown(at, 'element not known');
        if (index >= length) return { kind: 'undefined', span: this.span(at) };
        return v.kind === 'array' ? v.elements[index] : { kind: 'string', value: v.value[index], span: this.span(at) };
      }
      case 'module':
        return this.moduleValue(v.source, v.imported === '*' && v.members.length === 0 ? String(key) : v.imported,
          v.imported === '*' && v.members.length === 0 ? [] : [...v.members, String(key)], v.via, this.span(at), at);
      case 'null':
      case 'undefined':
        return optional ? { kind: 'undefined', span: this.span(at) } : this.unknown(at, 'property of null or undefined');
      default:
        return this.unknown(at, `property of ${v.kind}`);
    }
  }

  /** A package import, except that `process`/`node:process` paths lead to `process.env`. */
  private moduleValue(source: string, imported: string, members: string[], via: 'import' | 'require' | 'dynamic-import', span: SourceSpan, at: t.Node): Val {
    if (PROCESS_MODULES.has(source)) {
      const path = imported === '*' || imported === 'default' ? members : [imported, ...members];
      if (path.length === 0) return { kind: 'process-object', span, text: this.textOf(at) };
      if (path[0] === 'env' && path.length <= 2) {
        return path.length === 1 ? { kind: 'env-object', span, text: this.textOf(at) }
          : { kind: 'env', name: path[1], text: this.textOf(at), span };
      }
    }
    return { kind: 'module', source, imported, members, via, span };
  }

  private array(node: t.ArrayExpression, d: number): Val {
    const elements: JsValue[] = [];
    let spreadUnknown = false;
    for (const element of node.elements) {
      if (element === null) elements.push({ kind: 'undefined', span: this.span(node) });
      else if (element.type === 'SpreadElement') {
        const v = this.ev(element.argument, d);
        if (v.kind === 'array') {
          elements.push(...v.elements);
          spreadUnknown ||= v.spreadUnknown === true;
        } else if (v.kind === 'string') {
          for (const ch of v.value) elements.push({ kind: 'string', value: ch, span: v.span });
        } else {
          elements.push(this.unknown(element, 'spread not known'));
          spreadUnknown = true;
        }
      } else elements.push(this.evPub(element, d));
      if (elements.length > MAX_ELEMENTS) return this.unknown(node, 'array too large');
    }
    return spreadUnknown ? { kind: 'array', elements, span: this.span(node), spreadUnknown } : { kind: 'array', elements, span: this.span(node) };
  }

  private object(node: t.ObjectExpression, d: number): Val {
    const target: Extract<JsValue, { kind: 'object' }> = { kind: 'object', properties: new Map(), span: this.span(node) };
    for (const prop of node.properties) {
      if (prop.type === 'SpreadElement') {
        this.spreadInto(target, this.ev(prop.argument, d));
        continue;
      }
      let key: string | undefined;
      if (!prop.computed && prop.key.type === 'Identifier') key = prop.key.name;
      else if (prop.key.type === 'StringLiteral' || prop.key.type === 'NumericLiteral') key = String(prop.key.value);
      else if (prop.computed) {
        const k = this.ev(prop.key, d);
        if (k.kind === 'string' || k.kind === 'number') key = String(k.value);
      }
      if (key === undefined) {
        this.spreadInto(target, this.unknown(prop.key, 'computed key not known'));
        continue;
      }
      // `__proto__: x` sets the prototype rather than a property (ECMA-262 PropertyDefinitionEvaluation).
      if (key === '__proto__' && !prop.computed && prop.type === 'ObjectProperty' && !prop.shorthand) {
        this.spreadInto(target, this.unknown(prop, 'prototype'));
        continue;
      }
      const value: JsValue = prop.type === 'ObjectMethod'
        ? (prop.kind === 'method' ? { kind: 'function', node: prop, span: this.span(prop) } : this.unknown(prop, 'accessor'))
        : this.evPub(prop.value, d);
      target.properties.set(key, { value, keySpan: this.span(prop.key), span: this.span(prop) });
    }
    return target;
  }

  /** `{ ...v }` into `target`: later keys win; an unknown source may replace every earlier key. */
  private spreadInto(target: Extract<JsValue, { kind: 'object' }>, v: Val): void {
    if (v.kind === 'null' || v.kind === 'undefined' || v.kind === 'boolean' || v.kind === 'number') return;
    if (v.kind === 'object') {
      if (v.spreadUnknown) this.markOverridable(target);
      for (const [key, property] of v.properties) target.properties.set(key, property);
      return;
    }
    if (v.kind === 'array' && !v.spreadUnknown) {
      v.elements.forEach((value, i) => target.properties.set(String(i), { value, keySpan: value.span, span: value.span }));
      return;
    }
    if (v.kind === 'string') {
      [...v.value].forEach((ch, i) => target.properties.set(String(i), { value: { kind: 'string', value: ch, span: v.span }, keySpan: v.span, span: v.span }));
      return;
    }
    this.markOverridable(target);
  }

  private markOverridable(target: Extract<JsValue, { kind: 'object' }>): void {
    target.spreadUnknown = true;
    for (const [key, property] of target.properties) {
      if (!property.mayBeOverridden) target.properties.set(key, { ...property, mayBeOverridden: true });
    }
  }

  private logical(node: t.LogicalExpression, d: number): Val {
    const left = this.ev(node.left, d);
    if (left.kind === 'env' && !left.default && node.operator !== '&&') {
      return {
        ...left,
        default: this.evPub(node.right, d),
        defaultWhen: node.operator === '??' ? 'unset' : 'unset-or-empty',
        text: this.textOf(node),
        span: this.span(node),
      };
    }
    if (node.operator === '??') {
      if (left.kind === 'null' || left.kind === 'undefined') return this.ev(node.right, d);
      return left.kind === 'unknown' ? this.unknown(node, 'left operand not known') : left;
    }
    const truthy = truthiness(left);
    if (truthy === undefined) return this.unknown(node, 'left operand not known');
    return (node.operator === '||') === truthy ? left : this.ev(node.right, d);
  }

  private unary(node: t.UnaryExpression, d: number): Val {
    if (node.operator === 'void') return { kind: 'undefined', span: this.span(node) };
    const v = this.ev(node.argument, d);
    if (node.operator === '!') {
      const truthy = truthiness(v);
      return truthy === undefined ? this.unknown(node, 'operand not known') : { kind: 'boolean', value: !truthy, span: this.span(node) };
    }
    if ((node.operator === '-' || node.operator === '+') && v.kind === 'number') {
      return { kind: 'number', value: node.operator === '-' ? -v.value : v.value, span: this.span(node) };
    }
    return this.unknown(node, 'unary operator');
  }

  private binary(node: t.BinaryExpression, d: number): Val {
    if (node.left.type === 'PrivateName') return this.unknown(node, 'private name');
    const left = this.ev(node.left, d);
    if (!isPrimitive(left)) return this.unknown(node, 'operand not known');
    const right = this.ev(node.right, d);
    if (!isPrimitive(right)) return this.unknown(node, 'operand not known');
    switch (node.operator) {
      case '+':
        if (left.kind === 'string' || right.kind === 'string') {
          const value = primitiveString(left) + primitiveString(right);
          if (value.length > MAX_STRING) return this.unknown(node, 'string too long');
          const lost = (left.kind === 'string' && left.lostEscapes) || (right.kind === 'string' && right.lostEscapes);
          return lost ? { kind: 'string', value, span: this.span(node), lostEscapes: true } : { kind: 'string', value, span: this.span(node) };
        }
        if (left.kind === 'number' && right.kind === 'number') return { kind: 'number', value: left.value + right.value, span: this.span(node) };
        return this.unknown(node, 'operator');
      case '===':
      case '!==': {
        const same = left.kind === right.kind && ('value' in left ? left.value === (right as typeof left).value : true);
        return { kind: 'boolean', value: node.operator === '===' ? same : !same, span: this.span(node) };
      }
      default:
        return this.unknown(node, 'operator');
    }
  }

  private call(node: t.CallExpression | t.OptionalCallExpression | t.NewExpression, d: number): Val {
    const callee = node.callee;
    if (node.arguments.some((a) => a.type === 'SpreadElement')) return this.unknown(node, 'call with spread arguments');
    const args = node.arguments as t.Expression[];
    if (callee.type === 'Import') return this.loadCall(args[0], node, 'dynamic-import', d);
    if (callee.type === 'Identifier' && !this.scopes.bindingOf(callee)) {
      if (callee.name === 'require' && node.type !== 'NewExpression') return this.loadCall(args[0], node, 'require', d);
      // `RegExp(p, f)` without `new` also constructs (ECMA-262 RegExp constructor, step 1-4).
      if (callee.name === 'RegExp') return this.regexp(args, node, d);
    }
    if (node.type !== 'NewExpression' && (callee.type === 'MemberExpression' || callee.type === 'OptionalMemberExpression')) {
      const method = staticMemberName(callee);
      if (method === undefined) return this.unknown(node, 'call');
      if (callee.object.type === 'Identifier' && callee.object.name === 'Object' && !this.scopes.bindingOf(callee.object)) {
        if (method === 'freeze' && args.length >= 1) return this.ev(args[0], d);
        if (method === 'assign' && args.length >= 1) {
          const base = this.ev(args[0], d);
          if (base.kind !== 'object') return this.unknown(node, 'Object.assign target not known');
          const target: Extract<JsValue, { kind: 'object' }> = { kind: 'object', properties: new Map(base.properties), span: this.span(node), ...(base.spreadUnknown ? { spreadUnknown: true } : {}) };
          for (const arg of args.slice(1)) this.spreadInto(target, this.ev(arg, d));
          return target;
        }
        return this.unknown(node, 'call');
      }
      const receiver = this.ev(callee.object, d);
      if ((receiver.kind === 'null' || receiver.kind === 'undefined') && callee.optional) return { kind: 'undefined', span: this.span(node) };
      return this.methodCall(receiver, method, args, node, d);
    }
    if (node.type !== 'NewExpression') {
      const fn = this.ev(callee, d);
      if (fn.kind === 'function') return this.callFunction(fn.node, node, d);
    }
    return this.unknown(node, 'call');
  }

  /**
   * A call of a local function whose body is one expression or `const` declarations and a final
   * `return`: the returned expression is evaluated with the parameters unknown.
   */
  private callFunction(fn: t.Function, node: t.Node, d: number): Val {
    let result: t.Expression | undefined;
    if (fn.body.type !== 'BlockStatement') result = fn.body;
    else {
      const statements = fn.body.body;
      const last = statements[statements.length - 1];
      const simple = statements.slice(0, -1).every((s) => s.type === 'VariableDeclaration' && s.kind === 'const');
      if (simple && last?.type === 'ReturnStatement' && last.argument) result = last.argument;
    }
    if (!result || fn.async || fn.generator) return this.unknown(node, 'call');
    if (this.inProgress.has(fn)) return this.unknown(node, 'recursive call');
    this.inProgress.add(fn);
    try {
      return this.ev(result, d);
    } finally {
      this.inProgress.delete(fn);
    }
  }

  private regexp(args: t.Expression[], node: t.Node, d: number): Val {
    const source = args.length > 0 ? this.ev(args[0], d) : ({ kind: 'undefined', span: this.span(node) } as const);
    const flagsValue = args.length > 1 ? this.ev(args[1], d) : undefined;
    if (flagsValue && flagsValue.kind !== 'string' && flagsValue.kind !== 'undefined') return this.unknown(node, 'flags not known');
    const flags = flagsValue?.kind === 'string' ? flagsValue.value : undefined;
    if (source.kind === 'regexp') return { kind: 'regexp', pattern: source.pattern, flags: flags ?? source.flags, span: this.span(node) };
    // `new RegExp(undefined)` is the empty pattern, printed `(?:)` (ECMA-262 EscapeRegExpPattern).
    if (source.kind === 'undefined') return { kind: 'regexp', pattern: '(?:)', flags: flags ?? '', span: this.span(node) };
    if (source.kind !== 'string') return this.unknown(node, 'pattern not known');
    return {
      kind: 'regexp', pattern: source.value, flags: flags ?? '', span: this.span(node), fromString: true,
      ...(source.lostEscapes ? { lostEscapes: true } : {}),
    };
  }

  private methodCall(receiver: Val, method: string, args: t.Expression[], node: t.Node, d: number): Val {
    if (receiver.kind === 'env') return this.envMethod(receiver, method, args, node, d);
    if (receiver.kind === 'string') {
      switch (method) {
        case 'split': {
          if (args.length !== 1) return this.unknown(node, 'split arguments');
          const sep = this.ev(args[0], d);
          if (sep.kind !== 'string') return this.unknown(node, 'separator not known');
          const pieces = receiver.value.split(sep.value);
          if (pieces.length > MAX_ELEMENTS) return this.unknown(node, 'array too large');
          return { kind: 'array', elements: pieces.map((value) => ({ kind: 'string', value, span: this.span(node) })), span: this.span(node) };
        }
        case 'trim':
        case 'trimStart':
        case 'trimEnd':
        case 'toLowerCase':
        case 'toUpperCase':
          return args.length === 0 ? { kind: 'string', value: receiver.value[method](), span: this.span(node) } : this.unknown(node, 'call');
        case 'concat': {
          let value = receiver.value;
          for (const arg of args) {
            const v = this.ev(arg, d);
            if (!isPrimitive(v)) return this.unknown(node, 'argument not known');
            value += primitiveString(v);
          }
          return value.length > MAX_STRING ? this.unknown(node, 'string too long') : { kind: 'string', value, span: this.span(node) };
        }
        default:
          return this.unknown(node, 'call');
      }
    }
    if (receiver.kind === 'array' && !receiver.spreadUnknown) {
      switch (method) {
        case 'join': {
          const sep = args.length === 0 ? ',' : this.ev(args[0], d);
          if (typeof sep !== 'string' && sep.kind !== 'string') return this.unknown(node, 'separator not known');
          const parts: string[] = [];
          for (const e of receiver.elements) {
            if (!isPrimitive(e)) return this.unknown(node, 'element not known');
            // Array.prototype.join turns null and undefined into the empty string.
            parts.push(e.kind === 'null' || e.kind === 'undefined' ? '' : primitiveString(e));
          }
          const value = parts.join(typeof sep === 'string' ? sep : sep.value);
          return value.length > MAX_STRING ? this.unknown(node, 'string too long') : { kind: 'string', value, span: this.span(node) };
        }
        case 'concat': {
          const elements = [...receiver.elements];
          for (const arg of args) {
            const v = this.evPub(arg, d);
            if (v.kind === 'array') {
              if (v.spreadUnknown) return this.unknown(node, 'element not known');
              elements.push(...v.elements);
            } else if (v.kind === 'unknown') return this.unknown(node, 'argument not known');
            else elements.push(v);
          }
          return elements.length > MAX_ELEMENTS ? this.unknown(node, 'array too large') : { kind: 'array', elements, span: this.span(node) };
        }
        case 'map':
          if (args.length === 1 && isTrimMapper(args[0]) && receiver.elements.every((e) => e.kind === 'string')) {
            return {
              kind: 'array',
              elements: receiver.elements.map((e) => ({ ...e, value: (e as { value: string }).value.trim() }) as JsValue),
              span: this.span(node),
            };
          }
          return this.unknown(node, 'call');
        case 'filter':
          if (args.length === 1 && this.isBooleanFilter(args[0])) {
            const kept: JsValue[] = [];
            for (const e of receiver.elements) {
              const truthy = truthiness(e);
              if (truthy === undefined) return this.unknown(node, 'element not known');
              if (truthy) kept.push(e);
            }
            return { kind: 'array', elements: kept, span: this.span(node) };
          }
          return this.unknown(node, 'call');
        default:
          return this.unknown(node, 'call');
      }
    }
    return this.unknown(node, 'call');
  }

  /** `Boolean` or `x => x` as a filter callback. */
  private isBooleanFilter(arg: t.Expression): boolean {
    if (arg.type === 'Identifier') return arg.name === 'Boolean' && !this.scopes.bindingOf(arg);
    return arg.type === 'ArrowFunctionExpression' && arg.params.length === 1 && arg.params[0].type === 'Identifier' &&
      arg.body.type === 'Identifier' && arg.body.name === arg.params[0].name;
  }

  /** `.split(sep)`, `.trim()`, `.map(s => s.trim())`, `.filter(Boolean)` on an env value (and its default). */
  private envMethod(env: Extract<JsValue, { kind: 'env' }>, method: string, args: t.Expression[], node: t.Node, d: number): Val {
    let next: Extract<JsValue, { kind: 'env' }> | undefined;
    if (method === 'split' && args.length === 1 && env.split === undefined && !env.trim) {
      const sep = this.ev(args[0], d);
      if (sep.kind === 'string') next = { ...env, split: sep.value };
    } else if (method === 'trim' && args.length === 0 && env.split === undefined) next = { ...env, trim: true };
    else if (method === 'map' && args.length === 1 && env.split !== undefined && !env.filterEmpty && isTrimMapper(args[0])) next = { ...env, trim: true };
    else if (method === 'filter' && args.length === 1 && env.split !== undefined && this.isBooleanFilter(args[0])) next = { ...env, filterEmpty: true };
    if (!next) return this.unknown(node, 'call on environment variable');
    next.text = this.textOf(node);
    next.span = this.span(node);
    if (env.default) {
      const transformed = this.pub(this.methodCall(env.default, method, args, node, d));
      // The transformed default keeps the span of the default as written, not of the call.
      next.default = transformed.kind === 'unknown' ? transformed : { ...transformed, span: env.default.span } as JsValue;
    }
    return next;
  }

  /** `require(x)`, `import(x)`: a package module value, or the relative module's exports. */
  private loadCall(arg: t.Node | undefined, node: t.Node, via: 'require' | 'dynamic-import', d: number): Val {
    const source = arg ? this.ev(arg, d) : undefined;
    if (source?.kind !== 'string') return this.unknown(node, 'module name not known');
    if (!isRelativeSpecifier(source.value)) return this.moduleValue(source.value, '*', [], via, this.span(node), node);
    const target = this.loadModule(source.value);
    if ('error' in target) return this.unknown(node, target.error);
    return via === 'require' ? target.requireValue(d) : target.namespace(d);
  }

  private importValue(binding: Binding, d: number): Val {
    const { source, imported, via } = binding.import!;
    if (!isRelativeSpecifier(source)) return this.moduleValue(source, imported, [], via, this.span(binding.declaration), binding.declaration);
    const target = this.loadModule(source);
    if ('error' in target) return this.unknown(binding.id, target.error);
    if (via === 'require') return target.requireValue(d);
    if (imported === '*') return target.namespace(d);
    return target.exportValue(imported, d) ?? this.unknown(binding.id, `no export named ${imported} in ${target.file}`);
  }

  private loadModule(source: string): FileResolver | { error: string } {
    if (!this.linker) return { error: 'imports are not followed without a host' };
    if (this.hops <= 0) return { error: 'import not followed (one hop only)' };
    for (const candidate of moduleCandidates(this.file, source)) {
      const known = this.linker.modules.get(candidate);
      if (known) return known;
      const text = this.linker.host.readFile(candidate);
      if (text === undefined) continue;
      this.linker.linked.add(candidate);
      let result: FileResolver | { error: string };
      if (!this.linker.parse) result = { error: 'JS parser not loaded' };
      else {
        const parsed = this.linker.parse(text, candidate);
        result = parsed.ast
          ? new FileResolver(parsed.ast, candidate, text, this.linker, this.hops - 1, this.maxDepth)
          : { error: `could not parse ${candidate}` };
      }
      this.linker.modules.set(candidate, result);
      return result;
    }
    return { error: `module not found: ${source}` };
  }

  /** TypeScript's `export = x` compiles to `module.exports = x`, so such a file is CommonJS. */
  private get isModule(): boolean {
    return this.ast.program.sourceType === 'module' && !this.ast.program.body.some((s) => s.type === 'TSExportAssignment');
  }

  /** What `require()` of this file returns: `module.exports`, or the namespace of an ES module. */
  requireValue(d: number): Val {
    return this.isModule ? this.namespace(d) : this.commonJsExports(d);
  }

  /** The module namespace object: every export by name (for CommonJS, `default` is `module.exports`). */
  namespace(d: number): Val {
    if (!this.isModule) {
      const exports = this.commonJsExports(d);
      const properties = new Map<string, JsProperty>(exports.kind === 'object' ? exports.properties : []);
      properties.set('default', { value: exports, keySpan: exports.span, span: exports.span });
      return { kind: 'object', properties, span: this.span(this.ast.program), ...(exports.kind === 'object' && exports.spreadUnknown ? { spreadUnknown: true } : {}) };
    }
    const properties = new Map<string, JsProperty>();
    let spreadUnknown = false;
    for (const statement of this.ast.program.body) {
      if (statement.type === 'ExportAllDeclaration') spreadUnknown = true;
      for (const { name, node } of this.exportedNames(statement)) {
        const value = this.exportValue(name, d);
        if (value) properties.set(name, { value, keySpan: this.span(node), span: this.span(statement) });
      }
    }
    return { kind: 'object', properties, span: this.span(this.ast.program), ...(spreadUnknown ? { spreadUnknown } : {}) };
  }

  private exportedNames(statement: t.Statement): { name: string; node: t.Node }[] {
    if (statement.type === 'ExportDefaultDeclaration') return [{ name: 'default', node: statement }];
    if (statement.type !== 'ExportNamedDeclaration' || statement.exportKind === 'type') return [];
    const names: { name: string; node: t.Node }[] = [];
    const declaration = statement.declaration;
    if (declaration?.type === 'VariableDeclaration') {
      for (const declarator of declaration.declarations) for (const id of patternIdentifiers(declarator.id)) names.push({ name: id.name, node: id });
    } else if (declaration && 'id' in declaration && declaration.id?.type === 'Identifier') {
      names.push({ name: declaration.id.name, node: declaration.id });
    }
    for (const spec of statement.specifiers) {
      if (spec.type === 'ExportSpecifier' && spec.exportKind === 'type') continue;
      names.push({ name: spec.exported.type === 'Identifier' ? spec.exported.name : spec.exported.value, node: spec.exported });
    }
    return names;
  }

  /** The value of one export; undefined when the module has no such export. */
  exportValue(name: string, d: number): JsValue | undefined {
    if (!this.isModule) {
      const exports = this.commonJsExports(d);
      // Node's CommonJS interop: the default import is `module.exports` (Node docs, "Modules:
      // ECMAScript modules", "CommonJS Namespaces"); named imports are its properties.
      return name === 'default' ? exports : this.pub(this.member(exports, name, this.ast.program, false));
    }
    const starSources: string[] = [];
    for (const statement of this.ast.program.body) {
      if (statement.type === 'ExportDefaultDeclaration' && name === 'default') {
        const declaration = statement.declaration;
        if (declaration.type === 'FunctionDeclaration') return { kind: 'function', node: declaration, span: this.span(declaration) };
        if (declaration.type === 'ClassDeclaration') return this.unknown(declaration, 'class');
        if (declaration.type === 'TSDeclareFunction') return undefined;
        return this.evPub(declaration, d);
      }
      if (statement.type === 'ExportAllDeclaration' && statement.exportKind !== 'type') starSources.push(statement.source.value);
      if (statement.type !== 'ExportNamedDeclaration' || statement.exportKind === 'type') continue;
      const declaration = statement.declaration;
      if (declaration) {
        const ids = declaration.type === 'VariableDeclaration' ? declaration.declarations.flatMap((dcl) => patternIdentifiers(dcl.id))
          : 'id' in declaration && declaration.id?.type === 'Identifier' ? [declaration.id] : [];
        const id = ids.find((i) => i.name === name);
        if (id) {
          const binding = this.scopes.bindingOf(id);
          return binding ? this.pub(this.bindingValue(binding, id, d)) : this.unknown(id, 'export');
        }
      }
      for (const spec of statement.specifiers) {
        const exported = spec.exported.type === 'Identifier' ? spec.exported.name : spec.exported.value;
        if (exported !== name || (spec.type === 'ExportSpecifier' && spec.exportKind === 'type')) continue;
        if (statement.source) {
          const imported = spec.type === 'ExportSpecifier' ? spec.local.name : '*';
          return isRelativeSpecifier(statement.source.value) ? this.unknown(spec, 'import not followed (one hop only)')
            : this.pub(this.moduleValue(statement.source.value, imported, [], 'import', this.span(spec), spec));
        }
        if (spec.type === 'ExportSpecifier') return this.evPub(spec.local, d);
      }
    }
    // `export * from 'pkg'` supplies names the module does not declare itself.
    if (starSources.length === 1 && !isRelativeSpecifier(starSources[0]) && name !== 'default') {
      return { kind: 'module', source: starSources[0], imported: name, members: [], via: 'import', span: this.span(this.ast.program) };
    }
    return starSources.length > 0 ? this.unknown(this.ast.program, `export ${name} not known`) : undefined;
  }

  /**
   * `module.exports` after the file's top-level statements: `module.exports = …`,
   * `module.exports.X = …`, `exports.X = …` (ignored once `module.exports` was replaced, since
   * `exports` then no longer aliases it), and TypeScript's `export = …`.
   */
  private commonJsExports(d: number): JsValue {
    if (this.cjsExports) return this.cjsExports;
    let current: JsValue = { kind: 'object', properties: new Map(), span: this.span(this.ast.program) };
    let aliasBroken = false;
    const isModuleExports = (n: t.Node): boolean => n.type === 'MemberExpression' && n.object.type === 'Identifier' &&
      n.object.name === 'module' && !this.scopes.bindingOf(n.object) && staticMemberName(n) === 'exports';
    for (const statement of this.ast.program.body) {
      if (statement.type === 'TSExportAssignment') {
        current = this.evPub(statement.expression, d);
        aliasBroken = true;
        continue;
      }
      if (statement.type !== 'ExpressionStatement' || statement.expression.type !== 'AssignmentExpression' || statement.expression.operator !== '=') continue;
      const { left, right } = statement.expression;
      if (isModuleExports(left)) {
        current = this.evPub(right, d);
        aliasBroken = true;
        continue;
      }
      if (left.type !== 'MemberExpression') continue;
      const key = staticMemberName(left);
      const isExportsAlias = left.object.type === 'Identifier' && left.object.name === 'exports' && !this.scopes.bindingOf(left.object);
      if (key === undefined || !(isModuleExports(left.object) || (isExportsAlias && !aliasBroken))) continue;
      if (current.kind !== 'object') {
        current = this.unknown(statement, 'module.exports not known');
        continue;
      }
      const properties = new Map(current.properties);
      properties.set(key, { value: this.evPub(right, d), keySpan: this.span(left.property), span: this.span(statement.expression) });
      current = { ...current, properties };
    }
    this.cjsExports = current;
    return current;
  }
}

function patternIdentifiers(pattern: t.Node): t.Identifier[] {
  switch (pattern.type) {
    case 'Identifier': return [pattern];
    case 'ObjectPattern': return pattern.properties.flatMap((p) => patternIdentifiers(p.type === 'RestElement' ? p.argument : p.value));
    case 'ArrayPattern': return pattern.elements.flatMap((e) => (e ? patternIdentifiers(e) : []));
    case 'AssignmentPattern': return patternIdentifiers(pattern.left);
    case 'RestElement': return patternIdentifiers(pattern.argument);
    default: return [];
  }
}

/**
 * A resolver for one parsed file. With a `host`, constants imported from relative modules are
 * followed one hop (`import { X } from './config'`, `require('./config.js')`), reading and parsing
 * the target through `host.readFile` with the parser `loadJsParser()` loaded (or `options.parse`);
 * the imported module's own relative imports are not followed. The file's text comes from the
 * parser that produced `ast` (or `options.text`) and only feeds the `text` of unknown and env values.
 */
export function createResolver(ast: t.File, file: string, host?: ResolverHost, options: ResolverOptions = {}): JsResolver {
  const linker: Linker | undefined = host
    ? { host, parse: options.parse ?? loadedJsParser(), modules: new Map(), linked: new Set() }
    : undefined;
  const root = new FileResolver(ast, file, options.text ?? sourceTextOf(ast) ?? '', linker, 1, options.maxDepth ?? 100);
  return {
    resolve: (node) => root.resolvePublic(node),
    resolveName(name) {
      const binding = root.scopes.topLevel(name);
      return binding ? root.pub(root.bindingValue(binding, binding.id, 0)) : undefined;
    },
    bindingOf: (id) => root.scopes.bindingOf(id),
    linkedFiles: () => (linker ? [...linker.linked] : []),
  };
}
