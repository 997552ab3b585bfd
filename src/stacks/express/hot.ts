// Where in a file CORS code can be: offsets of telling words, so the walk skips everything else.
import type * as t from '@babel/types';
import { isRelativeSpecifier } from '../shared/js/index.js';

/**
 * Lower-case words one of which occurs inside any construct the adapter reads: the packages and
 * NestJS's option (`cors`), header names, header-writing methods (also when the header name is a
 * constant), routes that answer preflights, and plugin registration.
 */
const KEYWORDS = ['cors', 'access-control', 'setheader', 'writehead', 'header(', 'headers(', '.set(', '.append(', 'vary', '.options(', '.register(', 'nestfactory'];

/** Sorted offsets of the words; a node whose range holds none cannot contain anything of interest. */
export class HotSpots {
  private offsets: number[] = [];
  private readonly lower: string;

  constructor(text: string) {
    this.lower = text.toLowerCase();
    for (const word of KEYWORDS) this.collect(word);
    this.offsets.sort((a, b) => a - b);
  }

  private collect(word: string): void {
    for (let i = this.lower.indexOf(word); i !== -1; i = this.lower.indexOf(word, i + word.length)) this.offsets.push(i);
  }

  /** Marks every occurrence of a name (a local alias of the middleware) as interesting too. */
  addName(name: string): void {
    const before = this.offsets.length;
    this.collect(name.toLowerCase());
    if (this.offsets.length !== before) this.offsets.sort((a, b) => a - b);
  }

  /** Whether [start, end) holds an interesting offset. */
  has(start: number, end: number): boolean {
    const o = this.offsets;
    let lo = 0;
    let hi = o.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (o[mid] < start) lo = mid + 1;
      else hi = mid;
    }
    return lo < o.length && o[lo] < end;
  }
}

/**
 * Top-level imports that may be a CORS middleware: local names bound to an import or `require` of
 * one of the packages, or of a relative module whose text mentions `cors` (it may re-export one).
 * Maps the local name to the specifier.
 */
export function candidateImports(program: t.Program, isPackage: (source: string) => boolean, relativeMentionsCors: (source: string) => boolean): Map<string, string> {
  const names = new Map<string, string>();
  const wanted = (source: string) => isPackage(source) || (isRelativeSpecifier(source) && relativeMentionsCors(source));
  for (const s of program.body) {
    if (s.type === 'ImportDeclaration') {
      if (s.importKind === 'type' || !wanted(s.source.value)) continue;
      for (const spec of s.specifiers) names.set(spec.local.name, s.source.value);
    } else if (s.type === 'VariableDeclaration') {
      for (const d of s.declarations) {
        const source = d.init ? requiredSource(d.init) : undefined;
        if (source === undefined || !wanted(source)) continue;
        if (d.id.type === 'Identifier') names.set(d.id.name, source);
        else if (d.id.type === 'ObjectPattern') {
          for (const p of d.id.properties) if (p.type === 'ObjectProperty' && p.value.type === 'Identifier') names.set(p.value.name, source);
        }
      }
    }
  }
  return names;
}

/** `require('x')`, `require('x').default`, `await import('x')`, `(await import('x')).default`. */
function requiredSource(node: t.Node): string | undefined {
  let n = node;
  if (n.type === 'MemberExpression') n = n.object;
  if (n.type === 'ParenthesizedExpression') n = n.expression;
  if (n.type === 'AwaitExpression') n = n.argument;
  if (n.type === 'ImportExpression') return n.source.type === 'StringLiteral' ? n.source.value : undefined;
  if (n.type !== 'CallExpression') return undefined;
  const arg = n.arguments[0];
  const isLoader = (n.callee.type === 'Identifier' && n.callee.name === 'require') || n.callee.type === 'Import';
  return isLoader && arg?.type === 'StringLiteral' ? arg.value : undefined;
}
