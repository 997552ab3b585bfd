// Turns evaluated Python values into policy-model pieces; shared by the Django, Starlette and Flask adapters.
import type { Node } from 'web-tree-sitter';
import type { Context, Located } from '../../../model/policy.js';
import type { SourceSpan } from '../../../model/source.js';
import { classifyCondition, truthy } from './evaluate.js';
import type { PyUnknown, PyValue } from './values.js';

/** One element of a list-valued option, reduced to what the adapters distinguish. */
export type ListEntry =
  | { kind: 'str'; value: string; span: SourceSpan; runtimeDefault?: boolean }
  /** `re.compile(pattern, flags)`; `flags` are the Python flag letters (`I`, `M`, `S`, `X`, `A`) lowered. */
  | { kind: 'regex'; pattern: string; flags: string; span: SourceSpan; runtimeDefault?: boolean }
  /** Computed at run time; `text` is the code. */
  | { kind: 'unknown'; text: string; span: SourceSpan }
  /** A known value of another type (a number, a nested list…). */
  | { kind: 'other'; value: PyValue; span: SourceSpan; runtimeDefault?: boolean };

const FLAG_LETTERS: Readonly<Record<string, string>> = {
  I: 'i',
  IGNORECASE: 'i',
  M: 'm',
  MULTILINE: 'm',
  S: 's',
  DOTALL: 's',
  X: 'x',
  VERBOSE: 'x',
  A: 'a',
  ASCII: 'a',
};

/**
 * The value to analyse in place of `value`: a run-time read with a visible default
 * (`env('X', default=…)`, `os.getenv('X', '…')`) stands for its default, flagged as such.
 */
export function withDefault(value: PyValue): { value: PyValue; runtimeDefault: boolean } {
  if (value.kind === 'unknown' && value.default) return { value: value.default, runtimeDefault: true };
  return { value, runtimeDefault: false };
}

/**
 * The entries of a list-valued option (list, tuple or set, or the visible default of a run-time
 * value); undefined when the value is a known non-sequence (a string, a number), which each
 * adapter judges by its library's rules. Elements only known to be added to a run-time list
 * (`env.list(…) + ["https://a"]`) come with one `unknown` entry for the rest.
 */
export function listEntries(value: PyValue): ListEntry[] | undefined {
  const { value: resolved, runtimeDefault } = withDefault(value);
  if (resolved.kind === 'list' || resolved.kind === 'tuple' || resolved.kind === 'set') {
    return resolved.items.map((item) => entryOf(item, runtimeDefault));
  }
  if (resolved.kind === 'unknown') {
    const known = (resolved.knownItems ?? []).map((item) => entryOf(item, false));
    return [...known, unknownEntry(resolved)];
  }
  return undefined;
}

function entryOf(item: PyValue, inheritedDefault: boolean): ListEntry {
  const { value, runtimeDefault: own } = withDefault(item);
  const runtimeDefault = inheritedDefault || own;
  const flag = runtimeDefault ? { runtimeDefault: true } : {};
  if (value.kind === 'str' && !value.isBytes) return { kind: 'str', value: value.value, span: value.span, ...flag };
  if (value.kind === 'regex' && value.pattern.kind === 'str') {
    const flags = [...new Set(value.flags.map((f) => FLAG_LETTERS[f.replace(/^re\./, '')] ?? ''))].join('');
    return { kind: 'regex', pattern: value.pattern.value, flags, span: value.span, ...flag };
  }
  if (value.kind === 'unknown') return unknownEntry(value);
  return { kind: 'other', value, span: value.span, ...flag };
}

function unknownEntry(value: PyUnknown): ListEntry {
  return { kind: 'unknown', text: value.text, span: value.span };
}

/**
 * A flag option as the libraries read it: all three test it for truth (`if allow_credentials:`),
 * so a non-bool literal counts by Python truthiness. A run-time value without a visible default
 * is `unknown`.
 */
export function truthOf(value: PyValue): Located<boolean | 'unknown'> {
  const { value: resolved, runtimeDefault } = withDefault(value);
  const flag = runtimeDefault ? { runtimeDefault: true } : {};
  const truth = pythonTruth(resolved);
  return { value: truth ?? 'unknown', span: resolved.span, ...flag };
}

/** Python's truth value of a known literal; undefined for run-time values. */
export const pythonTruth = truthy;

/** A known number (ints, floats, numeric strings as flask-cors accepts them), else undefined. */
export function numberOf(value: PyValue): Located<number> | undefined {
  const { value: resolved, runtimeDefault } = withDefault(value);
  const flag = runtimeDefault ? { runtimeDefault: true } : {};
  if (resolved.kind === 'int' || resolved.kind === 'float') return { value: resolved.value, span: resolved.span, ...flag };
  return undefined;
}

/**
 * The context a statement runs in when it sits inside `if DEBUG:` (development) or its `else:`
 * (production); undefined when no DEBUG condition encloses it.
 */
export function debugContextOf(node: Node): Context | undefined {
  // Stepping down from the root (one wasm call per level) is cheaper than `node.parent`, which
  // tree-sitter computes by descending from the root again for every step up.
  let found: Context | undefined;
  let parent = node.tree.rootNode;
  for (let child = parent.childWithDescendant(node); child && child.id !== node.id; parent = child, child = child.childWithDescendant(node)) {
    const inBody = parent.type === 'if_statement' && child.type === 'block';
    const inElse = parent.type === 'if_statement' && child.type === 'else_clause';
    if (!inBody && !inElse) continue;
    const condition = parent.childForFieldName('condition');
    const world = condition ? classifyCondition(condition) : undefined;
    // The innermost DEBUG condition decides; other conditions leave the outer one in force.
    if (world) found = inElse ? (world === 'development' ? 'production' : 'development') : world;
  }
  return found;
}

/**
 * Offsets of whole-word occurrences of `names` in `text` (for {@link FindCallsOptions.at}):
 * occurrences in strings and comments are harmless, as only calls around them are considered.
 */
export function offsetsOf(text: string, names: readonly string[]): number[] {
  const unique = [...new Set(names)].filter((n) => /^[A-Za-z_]\w*$/.test(n));
  if (unique.length === 0) return [];
  const pattern = new RegExp(`\\b(?:${unique.join('|')})\\b`, 'g');
  return [...text.matchAll(pattern)].map((m) => m.index);
}
