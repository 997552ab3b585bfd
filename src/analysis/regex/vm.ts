// A Pike-VM (Thompson NFA simulation): matches in O(pattern × input) time, so no pattern can hang a run.
import { type CharSet, compileSet, rangesIntersect, setUnits } from './charset.js';
import { type Assertion, type Node, UnsupportedPatternError } from './parse.js';

/** Where a match may start and end: anywhere (`search`), at 0 (`start`), or covering the input (`full`). */
export type Anchoring = 'search' | 'start' | 'full';

const enum Op {
  Char,
  Split,
  Jmp,
  Assert,
  Match,
}

interface Program {
  ops: Op[];
  /** Char: the set's test; Split: first target; Jmp: target; Assert: the assertion. */
  a: unknown[];
  /** Split: second target. */
  b: number[];
  sets: Map<CharSet, (c: number) => boolean>;
}

const MAX_PROGRAM = 200_000;

/** A compiled pattern: `matches` runs the VM; it never backtracks. */
export interface CompiledPattern {
  matches(input: number[], anchoring: Anchoring): boolean;
}

interface First {
  /** Units that can come first; undefined when not computable. */
  units: number[] | undefined;
  nullable: boolean;
}

function union(a: number[] | undefined, b: number[] | undefined): number[] | undefined {
  return a && b ? a.concat(b) : undefined;
}

function first(node: Node): First {
  switch (node.kind) {
    case 'set':
      return { units: setUnits(node), nullable: false };
    case 'assert':
      // After an end assertion nothing (or only the final `\n`) may follow; other assertions are transparent.
      if (node.what === 'end') return { units: [], nullable: false };
      if (node.what === 'end-nl') return { units: [10, 10], nullable: false };
      return { units: [], nullable: true };
    case 'cat': {
      let units: number[] | undefined = [];
      for (const item of node.items) {
        const f = first(item);
        units = union(units, f.units);
        if (!f.nullable) return { units, nullable: false };
      }
      return { units, nullable: true };
    }
    case 'alt': {
      let units: number[] | undefined = [];
      let nullable = false;
      for (const item of node.items) {
        const f = first(item);
        units = union(units, f.units);
        nullable ||= f.nullable;
      }
      return { units, nullable };
    }
    case 'rep': {
      const f = first(node.body);
      return { units: f.units, nullable: f.nullable || node.min === 0 };
    }
    case 'atomic':
      return first(node.body);
  }
}

/** What may follow a node: `nothing` (the match may end there), or a first set. */
type Follow = 'nothing' | First;

function then(f: First, outer: Follow): Follow {
  if (!f.nullable) return f;
  if (outer === 'nothing') return 'nothing';
  return { units: union(f.units, outer.units), nullable: outer.nullable };
}

/**
 * Replaces atomic groups and possessive repeats by plain ones where that cannot change whether a
 * match exists, and rejects the pattern otherwise. Two faithful cases:
 * - nothing has to follow (the match may end right after it), so its first success is enough;
 * - it repeats a single set, and what follows can never start with a unit of that set: then the
 *   greedy repeat can only succeed with the longest run, which is the one the atomic form keeps.
 */
function resolveAtomics(node: Node, follow: Follow): Node {
  switch (node.kind) {
    case 'set':
    case 'assert':
      return node;
    case 'alt':
      return { kind: 'alt', items: node.items.map((i) => resolveAtomics(i, follow)) };
    case 'cat': {
      const items = node.items.slice();
      let f = follow;
      for (let i = items.length - 1; i >= 0; i--) {
        items[i] = resolveAtomics(items[i], f);
        f = then(first(items[i]), f);
      }
      return { kind: 'cat', items };
    }
    case 'rep':
      // A repeated body is followed by itself or by what follows the repeat.
      return { ...node, body: resolveAtomics(node.body, then(first(node.body), follow) === 'nothing' ? 'nothing' : { units: undefined, nullable: true }) };
    case 'atomic': {
      const body = resolveAtomics(node.body, follow);
      if (follow === 'nothing') return body;
      const rep = body.kind === 'cat' && body.items.length === 1 ? body.items[0] : body;
      const set = rep.kind === 'rep' ? rep.body : rep;
      if (set.kind === 'set' && !follow.nullable && follow.units) {
        const units = setUnits(set);
        if (units && !rangesIntersect(units, follow.units)) return rep;
      }
      throw new UnsupportedPatternError(
        'an atomic group or possessive quantifier whose effect cannot be reproduced without backtracking',
      );
    }
  }
}

function hasAtomic(node: Node): boolean {
  switch (node.kind) {
    case 'set':
    case 'assert':
      return false;
    case 'cat':
    case 'alt':
      return node.items.some(hasAtomic);
    case 'rep':
      return hasAtomic(node.body);
    case 'atomic':
      return true;
  }
}

function size(node: Node): number {
  switch (node.kind) {
    case 'set':
    case 'assert':
      return 1;
    case 'cat':
    case 'alt':
      return node.items.reduce((n, i) => n + size(i) + 1, 1);
    case 'rep':
      return (size(node.body) + 2) * Math.max(node.min, node.max === Infinity ? node.min + 1 : node.max);
    case 'atomic':
      return size(node.body);
  }
}

function emit(node: Node, p: Program): void {
  const push = (op: Op, a: unknown = undefined, b = -1): number => {
    p.ops.push(op);
    p.a.push(a);
    p.b.push(b);
    return p.ops.length - 1;
  };
  switch (node.kind) {
    case 'set': {
      // Counted repeats emit the same set many times; compile each set object once.
      let test = p.sets.get(node);
      if (!test) p.sets.set(node, (test = compileSet(node)));
      push(Op.Char, test);
      return;
    }
    case 'assert':
      push(Op.Assert, node);
      return;
    case 'cat':
      for (const item of node.items) emit(item, p);
      return;
    case 'atomic':
      emit(node.body, p);
      return;
    case 'alt': {
      const jumps: number[] = [];
      for (let i = 0; i < node.items.length; i++) {
        if (i < node.items.length - 1) {
          const split = push(Op.Split, split0(p), -1);
          emit(node.items[i], p);
          jumps.push(push(Op.Jmp, -1));
          p.b[split] = p.ops.length;
        } else emit(node.items[i], p);
      }
      for (const j of jumps) p.a[j] = p.ops.length;
      return;
    }
    case 'rep': {
      for (let i = 0; i < node.min; i++) emit(node.body, p);
      if (node.max === Infinity) {
        const split = push(Op.Split, split0(p), -1);
        emit(node.body, p);
        push(Op.Jmp, split);
        p.b[split] = p.ops.length;
        return;
      }
      const splits: number[] = [];
      for (let i = node.min; i < node.max; i++) {
        splits.push(push(Op.Split, split0(p), -1));
        emit(node.body, p);
      }
      for (const s of splits) p.b[s] = p.ops.length;
      return;
    }
  }
}

// The first branch of a split continues at the next instruction.
function split0(p: Program): number {
  return p.ops.length + 1;
}

function isWordUnit(u: number | undefined, kind: Assertion['word']): boolean {
  if (u === undefined) return false;
  if ((u >= 0x30 && u <= 0x39) || (u >= 0x41 && u <= 0x5a) || (u >= 0x61 && u <= 0x7a) || u === 0x5f) return true;
  if (kind === 'js-ui') return u === 0x17f || u === 0x212a;
  return kind === 'unicode' && u >= 128 && /^[\p{L}\p{N}_]$/u.test(String.fromCodePoint(u));
}

function isLineTerminator(u: number | undefined, lines: Assertion['lines']): boolean {
  if (u === undefined) return false;
  return u === 10 || (lines === 'js' && (u === 13 || u === 0x2028 || u === 0x2029));
}

function holds(as: Assertion, input: number[], i: number): boolean {
  const n = input.length;
  switch (as.what) {
    case 'start':
      return i === 0;
    case 'end':
      return i === n;
    case 'end-nl':
      return i === n || (i === n - 1 && input[i] === 10);
    case 'bol':
      return i === 0 || isLineTerminator(input[i - 1], as.lines);
    case 'eol':
      return i === n || isLineTerminator(input[i], as.lines);
    case 'word':
      return isWordUnit(input[i - 1], as.word) !== isWordUnit(input[i], as.word);
    case 'not-word':
      return isWordUnit(input[i - 1], as.word) === isWordUnit(input[i], as.word);
  }
}

/**
 * Compiles an AST into a Pike-VM program. `followedByEnd` tells the atomic-group analysis that the
 * match must reach the end of the input (full matches).
 */
export function compileNode(node: Node, followedByEnd: boolean): CompiledPattern {
  const resolved = hasAtomic(node) ? resolveAtomics(node, followedByEnd ? { units: [], nullable: false } : 'nothing') : node;
  if (size(resolved) > MAX_PROGRAM) {
    throw new UnsupportedPatternError('the pattern expands to more states than the matcher analyses');
  }
  const p: Program = { ops: [], a: [], b: [], sets: new Map() };
  emit(resolved, p);
  p.ops.push(Op.Match);
  p.a.push(undefined);
  p.b.push(-1);
  const count = p.ops.length;
  const mark = new Int32Array(count).fill(-1);
  const stack: number[] = [];

  return {
    matches(input: number[], anchoring: Anchoring): boolean {
      const n = input.length;
      let current: number[] = [];
      let next: number[] = [];
      let generation = 0;
      mark.fill(-1);
      // Follows empty transitions from `pc` at position `i`; true when Match is reachable.
      const add = (list: number[], pc: number, i: number): boolean => {
        stack.push(pc);
        let matched = false;
        while (stack.length > 0) {
          const at = stack.pop() as number;
          if (mark[at] === generation) continue;
          mark[at] = generation;
          switch (p.ops[at]) {
            case Op.Jmp:
              stack.push(p.a[at] as number);
              break;
            case Op.Split:
              stack.push(p.b[at], p.a[at] as number);
              break;
            case Op.Assert:
              if (holds(p.a[at] as Assertion, input, i)) stack.push(at + 1);
              break;
            case Op.Match:
              if (anchoring !== 'full' || i === n) matched = true;
              break;
            case Op.Char:
              list.push(at);
              break;
          }
        }
        return matched;
      };
      for (let i = 0; i <= n; i++) {
        if ((anchoring === 'search' || i === 0) && add(current, 0, i)) return true;
        if (current.length === 0 && anchoring !== 'search') return false;
        if (i === n) break;
        generation++;
        const unit = input[i];
        for (const pc of current) {
          if ((p.a[pc] as (c: number) => boolean)(unit) && add(next, pc + 1, i + 1)) return true;
        }
        [current, next] = [next, []];
      }
      return false;
    },
  };
}
