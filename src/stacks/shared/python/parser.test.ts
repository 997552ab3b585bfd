// Loads the real grammar wasm and checks parse-error diagnostics, recovery and UTF-16 positions.
import { describe, expect, it } from 'vitest';
import { loadPythonParser } from './parser.js';

describe('loadPythonParser', () => {
  it('loads web-tree-sitter and the Python grammar once', async () => {
    const first = loadPythonParser();
    expect(loadPythonParser()).toBe(first);
    const parser = await first;
    const { tree, diagnostics } = parser.parse('x = 1\n', 'a.py');
    expect(tree.rootNode.type).toBe('module');
    expect(tree.rootNode.firstNamedChild?.firstNamedChild?.type).toBe('assignment');
    expect(diagnostics).toEqual([]);
    tree.delete();
  });

  it('reports an unclosed bracket where it starts', async () => {
    const parser = await loadPythonParser();
    // An unclosed bracket swallows the rest of the file into one ERROR (reference/parsers.md §2).
    const { tree, diagnostics } = parser.parse('x = [1, 2\n', 'main.py');
    expect(diagnostics).toEqual([{ ruleId: 'parse-error', message: 'invalid syntax', span: { file: 'main.py', line: 1, column: 1, endLine: 1, endColumn: 10 } }]);
    tree.delete();
  });

  it('recovers after an error inside a statement', async () => {
    const parser = await loadPythonParser();
    const { tree, diagnostics } = parser.parse('d = {"a": 1 "b": 2}\nCORS_ALLOW_CREDENTIALS = True\n', 'main.py');
    // The error is the stray `1 "b"` between the first key and its value.
    expect(diagnostics.map((d) => [d.message, d.span.line, d.span.column, d.span.endColumn])).toEqual([['invalid syntax', 1, 11, 17]]);
    expect(tree.rootNode.descendantsOfType('assignment').map((a) => a.text)).toContain('CORS_ALLOW_CREDENTIALS = True');
    tree.delete();
  });

  it('names a MISSING token', async () => {
    const parser = await loadPythonParser();
    // tree-sitter-python recovers `def f(:` by inserting the missing `)` (a zero-width node).
    const { tree, diagnostics } = parser.parse('def f(:\n    y = 1\nz = 2\n', 'm.py');
    expect(diagnostics).toEqual([{ ruleId: 'parse-error', message: 'missing ")"', span: { file: 'm.py', line: 1, column: 7, endLine: 1, endColumn: 7 } }]);
    expect(tree.rootNode.descendantsOfType('assignment').map((a) => a.text)).toEqual(['y = 1', 'z = 2']);
    tree.delete();
  });

  it('reports an invalid region as "invalid syntax" at 1-based UTF-16 positions', async () => {
    const parser = await loadPythonParser();
    const src = 'A = "café ☕😀"\nB = ) 1\nC = 3\n';
    const { tree, diagnostics } = parser.parse(src, 's.py');
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].message).toBe('invalid syntax');
    expect(diagnostics[0].span.line).toBe(2);
    expect(tree.rootNode.descendantsOfType('assignment').map((a) => a.text)).toContain('C = 3');
    // Positions on a line after non-ASCII text stay in UTF-16 units.
    const c = tree.rootNode.descendantsOfType('integer').find((n) => n.text === '3')!;
    expect(c.startIndex).toBe(src.indexOf('3\n', src.indexOf('C =')));
    tree.delete();
  });

  it('counts tree-sitter columns in UTF-16 code units', async () => {
    const parser = await loadPythonParser();
    const src = 'x = "😀é"; y = 1\n';
    const { tree } = parser.parse(src, 'u.py');
    const y = tree.rootNode.descendantsOfType('identifier').find((n) => n.text === 'y')!;
    expect(y.startPosition.column).toBe(src.indexOf('y'));
    expect(y.startIndex).toBe(src.indexOf('y'));
    tree.delete();
  });

  it('accepts the grammar as bytes', async () => {
    const { createRequire } = await import('node:module');
    const { readFileSync } = await import('node:fs');
    const bytes = readFileSync(createRequire(import.meta.url).resolve('tree-sitter-python/tree-sitter-python.wasm'));
    const parser = await loadPythonParser({ grammar: new Uint8Array(bytes) });
    expect(parser).not.toBe(await loadPythonParser());
    const { tree, diagnostics } = parser.parse('def f(:\n  pass\n', 'b.py');
    expect(diagnostics.length).toBeGreaterThan(0);
    tree.delete();
  });
});
