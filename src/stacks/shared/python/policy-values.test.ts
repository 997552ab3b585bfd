// Tests the policy-value helpers and the speed-related evaluator options (evaluates, findCalls `at`, broken statements).
import { beforeAll, describe, expect, it } from 'vitest';
import { findCalls } from './calls.js';
import { evaluateModule } from './evaluate.js';
import { loadPythonParser, type PythonParser } from './parser.js';
import { debugContextOf, listEntries, offsetsOf, truthOf } from './policy-values.js';

let parser: PythonParser;
beforeAll(async () => {
  parser = await loadPythonParser();
});

function evaluate(text: string, evaluates?: (name: string) => boolean) {
  const parsed = parser.parse(text, 'm.py');
  return { parsed, values: evaluateModule(parsed.tree, 'm.py', { lines: parsed.lines, evaluates }) };
}

describe('offsetsOf', () => {
  it('finds whole words only', () => {
    const text = 'CORS(app)\nCORS_ORIGINS = 1\nx.CORS(y)\nMyCORS()\n';
    expect(offsetsOf(text, ['CORS'])).toEqual([0, text.indexOf('x.CORS') + 2]);
  });
});

describe('listEntries / truthOf', () => {
  it('expands visible defaults and keeps an unknown tail for partly known lists', () => {
    const { values } = evaluate('import os\nA = os.getenv("A", "x,y").split(",")\nB = os.environ["B"].split(",") + ["z"]\nC = os.environ.get("C")\n');
    expect(listEntries(values.valueOf('A')!)?.map((e) => [e.kind, e.kind === 'str' && e.value, 'runtimeDefault' in e && e.runtimeDefault])).toEqual([
      ['str', 'x', true],
      ['str', 'y', true],
    ]);
    expect(listEntries(values.valueOf('B')!)?.map((e) => e.kind)).toEqual(['str', 'unknown']);
    expect(truthOf(values.valueOf('C')!).value).toBe('unknown');
  });

  it('reads flags by Python truthiness', () => {
    const { values } = evaluate('A = "False"\nB = 0\nC = []\n');
    expect(['A', 'B', 'C'].map((n) => truthOf(values.valueOf(n)!).value)).toEqual([true, false, false]);
  });
});

describe('debugContextOf', () => {
  it('gives the innermost DEBUG branch of a call', () => {
    const text = 'if DEBUG:\n    f(1)\n    if x:\n        f(2)\nelse:\n    f(3)\nf(4)\nif not settings.DEBUG:\n    f(5)\n';
    const { parsed, values } = evaluate(text);
    const calls = findCalls(parsed.tree, values, (c) => c.text === 'f');
    expect(calls.map((c) => debugContextOf(c.node))).toEqual(['development', 'development', 'production', undefined, 'production']);
  });
});

describe('evaluator speed options', () => {
  it('skips module-level assignments to names the caller does not want', () => {
    const { values } = evaluate('LOGGING = {"version": 1}\nHOST = "a.example.com"\nCORS_ALLOWED_ORIGINS = [f"https://{HOST}"]\nLOGGING["x"] = 2\n', (n) => n !== 'LOGGING');
    expect(values.names.has('LOGGING')).toBe(false);
    expect(values.valueOf('CORS_ALLOWED_ORIGINS')).toMatchObject({ kind: 'list', items: [{ kind: 'str', value: 'https://a.example.com' }] });
  });

  it('gives up on pathological nesting instead of overflowing the stack', () => {
    const { values } = evaluate(`X = ${'['.repeat(5000)}${']'.repeat(5000)}\nY = 1\n`);
    expect(values.valueOf('X')?.kind).toBe('list');
    expect(values.valueOf('Y')).toMatchObject({ kind: 'int', value: 1 });
  });

  it('leaves out a statement the parser had to repair', () => {
    const { values } = evaluate('A = [1,\nB = True\nC = 3\n');
    expect(values.names.has('A')).toBe(false);
    expect(values.valueOf('C')).toMatchObject({ kind: 'int', value: 3 });
  });

  it('findCalls with `at` visits only the calls around the offsets', () => {
    const text = 'def f():\n    g(h(1))\nk(CORS(2))\n';
    const { parsed, values } = evaluate(text);
    const seen: string[] = [];
    findCalls(parsed.tree, values, (c) => (seen.push(c.text), true), { at: offsetsOf(text, ['h', 'CORS']) });
    expect(seen).toEqual(['h', 'CORS']);
  });

  it('resolves a callee inside a function only when asked, with that function\'s imports', () => {
    const text = 'def create():\n    from flask_cors import CORS as C\n    C(app)\n';
    const { parsed, values } = evaluate(text);
    const [site] = findCalls(parsed.tree, values, (c) => c.attribute === 'C');
    expect(site.callee.qualifiedName).toBe('flask_cors.CORS');
  });
});
