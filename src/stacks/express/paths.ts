// Path conditions inside one function: which `if`/`?:`/`&&` tests must hold for a call to run.
import type * as t from '@babel/types';
import { forEachChild } from '../shared/js/index.js';

/** One test on the way to an event; `negated` when the event sits in the false branch. */
export interface Atom {
  test: t.Expression;
  negated: boolean;
}

/** An interesting node (a callback call, a header write) with the tests that lead to it. */
export interface PathEvent {
  node: t.Node;
  conditions: Atom[];
  /** Inside a nested function (a promise callback, a loop helper): when it runs is not known here. */
  nested: boolean;
}

type IsEvent = (node: t.Node) => boolean;

const isFunctionNode = (n: t.Node): boolean =>
  n.type === 'FunctionExpression' || n.type === 'ArrowFunctionExpression' || n.type === 'FunctionDeclaration' || n.type === 'ObjectMethod' || n.type === 'ClassMethod';

/**
 * Walks a function body in source order and returns every event with its path condition. A branch
 * that always leaves (`return`, `throw`) makes the statements after it run under the negated test,
 * which is how guard clauses (`if (!allowed.includes(origin)) return cb(err)`) read. Loops and
 * `switch` bodies are walked without adding conditions (they may or may not run).
 */
export function pathEvents(body: t.Node, isEvent: IsEvent): PathEvent[] {
  const events: PathEvent[] = [];

  const expr = (node: t.Node, conds: Atom[], nested: boolean): void => {
    if (isEvent(node)) events.push({ node, conditions: conds, nested });
    switch (node.type) {
      case 'ConditionalExpression':
        expr(node.test, conds, nested);
        expr(node.consequent, [...conds, { test: node.test, negated: false }], nested);
        expr(node.alternate, [...conds, { test: node.test, negated: true }], nested);
        return;
      case 'LogicalExpression':
        expr(node.left, conds, nested);
        if (node.operator === '&&') expr(node.right, [...conds, { test: node.left, negated: false }], nested);
        else if (node.operator === '||') expr(node.right, [...conds, { test: node.left, negated: true }], nested);
        else expr(node.right, conds, nested);
        return;
      default:
        if (isFunctionNode(node)) {
          const fn = node as t.Function;
          if (fn.body.type === 'BlockStatement') statements(fn.body.body, conds, true);
          else expr(fn.body, conds, true);
          return;
        }
        forEachChild(node, (child) => {
          if (isStatement(child)) statements([child as t.Statement], conds, nested);
          else expr(child, conds, nested);
        });
    }
  };

  /** Walks statements; returns whether they always leave the function. */
  const statements = (list: readonly t.Statement[], conds: Atom[], nested: boolean): boolean => {
    let current = conds;
    for (const s of list) {
      switch (s.type) {
        case 'BlockStatement':
          if (statements(s.body, current, nested)) return true;
          break;
        case 'IfStatement': {
          expr(s.test, current, nested);
          const yes = statements([s.consequent], [...current, { test: s.test, negated: false }], nested);
          const no = s.alternate ? statements([s.alternate], [...current, { test: s.test, negated: true }], nested) : false;
          if (yes && no) return true;
          if (yes) current = [...current, { test: s.test, negated: true }];
          else if (no) current = [...current, { test: s.test, negated: false }];
          break;
        }
        case 'ReturnStatement':
        case 'ThrowStatement':
          if (s.argument) expr(s.argument, current, nested);
          return true;
        default:
          expr(s, current, nested);
      }
    }
    return false;
  };

  if (body.type === 'BlockStatement') statements((body as t.BlockStatement).body, [], false);
  else expr(body, [], false);
  return events;
}

function isStatement(node: t.Node): boolean {
  return node.type.endsWith('Statement') || node.type === 'VariableDeclaration' || node.type === 'FunctionDeclaration' || node.type === 'ClassDeclaration';
}
