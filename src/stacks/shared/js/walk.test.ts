// Checks the fast child-key table against a walk over every key.
import { expect, test } from 'vitest';
import type { Node } from '@babel/types';
import { loadJsParser } from './index.js';
import { forEachChild } from './walk.js';

/** Reference walk: every key of every node, skipping only positions, comments and type positions. */
function allNodes(root: Node): Set<Node> {
  const skip = new Set(['loc', 'extra', 'leadingComments', 'trailingComments', 'innerComments', 'typeAnnotation', 'returnType', 'typeParameters', 'typeArguments', 'superTypeParameters', 'implements', 'predicate']);
  const typeOnly = /^TS(Interface|TypeAlias)Declaration$|^TSDeclare(Function|Method)$|^TSIndexSignature$/;
  const seen = new Set<Node>();
  const visit = (node: Node): void => {
    seen.add(node);
    for (const [key, value] of Object.entries(node)) {
      if (skip.has(key)) continue;
      for (const child of Array.isArray(value) ? value : [value]) {
        if (child && typeof child === 'object' && typeof child.type === 'string' && !typeOnly.test(child.type)) visit(child as Node);
      }
    }
  };
  visit(root);
  return seen;
}

test('the fast child table visits exactly the nodes a full key walk visits', async () => {
  const parse = await loadJsParser();
  const code = `
    import cors, { type X } from 'cors';
    @Controller('x') class C extends B { @Get() m(@Inject('CFG') private readonly cfg: Cfg, @Body() plain: string, { a = 1, ...r }: T = {}) { return super.m?.(a, ...r); } static { init(); } #p = 1; get g() { return this.#p; } }
    const f = async function* named([x, , ...ys] = [], z = x ?? y) { for await (const v of ys) yield v; };
    label: for (let i = 0; i < 3; i++) { if (i) continue label; else break label; }
    try { throw new Error(\`t \${1 + 2}\`); } catch ({ message }) { void message; } finally { delete o.k; }
    switch (k) { case 1: { let q = tag\`a\${b}\`; } default: }
    const el = <div a={1} {...p}>{c}<br /></div>;
    export default (o as any)!.x satisfies unknown;
    enum E { A = 1 } namespace N { export const n = 1; }
    module.exports = { a: [1, { b: /re/g }], [k]: () => ({ ...o }) };
  `;
  const ast = parse(code, 'x.tsx').ast!;
  const fast = new Set<Node>();
  const visit = (node: Node): void => {
    fast.add(node);
    forEachChild(node, visit);
  };
  visit(ast);
  const reference = allNodes(ast);
  expect([...reference].filter((n) => !fast.has(n)).map((n) => n.type)).toEqual([]);
  expect(fast.size).toBe(reference.size);
});
