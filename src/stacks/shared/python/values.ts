// The statically known value of a Python expression: a tagged union in which every value carries its span.
import type { SourceSpan } from '../../../model/source.js';
import type { FStringPart } from './strings.js';

/** Which settings world a binding belongs to: `if DEBUG:` bodies are development, their `else:` production. */
export type World = 'development' | 'production';

/** Where a binding was made: a DEBUG branch, or another `if`/`try`/loop body (`conditional`: may not run). */
export type Branch = World | 'conditional';

export interface PyStr {
  kind: 'str';
  value: string;
  span: SourceSpan;
  /** A bytes literal; `value` holds one UTF-16 unit per byte. */
  isBytes?: boolean;
  /**
   * Offset in the file of `value[0]` when every character maps 1:1 onto the source (one literal,
   * no escapes, no f-string): lets `.split(',')` point at each element.
   */
  contentStart?: number;
}

export interface PyInt {
  kind: 'int';
  /** Beyond 2^53 this loses precision; `text` keeps the spelling. */
  value: number;
  text: string;
  span: SourceSpan;
}

export interface PyFloat {
  kind: 'float';
  value: number;
  text: string;
  span: SourceSpan;
}

export interface PyBool {
  kind: 'bool';
  value: boolean;
  span: SourceSpan;
}

export interface PyNone {
  kind: 'none';
  span: SourceSpan;
}

export interface PySequence {
  kind: 'list' | 'tuple' | 'set';
  items: PyValue[];
  span: SourceSpan;
}

export interface PyDictEntry {
  key: PyValue;
  value: PyValue;
}

export interface PyDict {
  kind: 'dict';
  entries: PyDictEntry[];
  span: SourceSpan;
}

/** `re.compile(pattern, flags)`: django-cors-headers and flask-cors accept compiled patterns. */
export interface PyRegex {
  kind: 'regex';
  pattern: PyValue;
  /** Flag names as written after `re.` (`IGNORECASE`, `I`, `VERBOSE`…). */
  flags: string[];
  span: SourceSpan;
}

/** A read of an environment variable, through one of the common helpers. */
export interface EnvRead {
  /** The variable's name, when it is a literal. */
  variable?: string;
  via: 'os.environ' | 'os.getenv' | 'django-environ' | 'decouple';
  /** The conversion applied to the raw string: `bool`, `int`, `list`, `csv`, `split`… */
  cast?: string;
}

/** Something computed at run time, or an expression this evaluator does not model. */
export interface PyUnknown {
  kind: 'unknown';
  /** The expression's source text. */
  text: string;
  span: SourceSpan;
  /** The dotted name as written, when the expression is a (dotted) name. */
  name?: string;
  /** `name` with its first segment resolved through the imports in scope (`CM` → `fastapi.middleware.cors.CORSMiddleware`). */
  qualifiedName?: string;
  env?: EnvRead;
  /** The fallback visible in the code (`env('X', default=…)`), already converted as the helper converts it. */
  default?: PyValue;
  /** Elements known to be in the run-time sequence (`UNKNOWN + ['a']`, `.append('a')` on an unknown list). */
  knownItems?: PyValue[];
  /** Candidate values of `a if cond else b`. */
  alternatives?: PyValue[];
  /**
   * An f-string with some placeholders unresolved: resolved ones are merged into the literal parts;
   * placeholder offsets are file offsets (UTF-16 units).
   */
  fstring?: FStringPart[];
  /** For `environ.Env(VAR=(cast, default))`: the scheme that supplies defaults to later `env('VAR')` reads. */
  envScheme?: Record<string, { cast?: string; default?: PyValue }>;
}

/**
 * A value. A name that refers to an earlier assignment evaluates to that assignment's value, so its
 * span points where the value was written (possibly in another file), not at the name.
 */
export type PyValue = PyStr | PyInt | PyFloat | PyBool | PyNone | PySequence | PyDict | PyRegex | PyUnknown;

/** The items of a list, tuple or set value; undefined for anything else. */
export function sequenceItems(value: PyValue | undefined): PyValue[] | undefined {
  return value && (value.kind === 'list' || value.kind === 'tuple' || value.kind === 'set') ? value.items : undefined;
}

/** The entry of a dict value whose key is the string `key` (the last one wins, as in Python). */
export function dictGet(value: PyValue | undefined, key: string): PyValue | undefined {
  if (!value || value.kind !== 'dict') return undefined;
  for (let i = value.entries.length - 1; i >= 0; i--) {
    const k = value.entries[i].key;
    if (k.kind === 'str' && k.value === key) return value.entries[i].value;
  }
  return undefined;
}
