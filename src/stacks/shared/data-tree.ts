// JSON and YAML documents as one positioned tree, so data-format adapters read both the same way.
import type { Diagnostic } from '../../model/policy.js';
import { LineIndex } from '../../model/source.js';
import type { SourceSpan } from '../../model/source.js';

export type DataNode =
  | { type: 'object'; span: SourceSpan; entries: DataEntry[] }
  | { type: 'array'; span: SourceSpan; items: DataNode[] }
  | { type: 'string'; span: SourceSpan; value: string }
  | { type: 'number'; span: SourceSpan; value: number }
  | { type: 'boolean'; span: SourceSpan; value: boolean }
  | { type: 'null'; span: SourceSpan }
  /** A value the format allows but the tree does not model (a YAML alias to nowhere, a custom tag). */
  | { type: 'other'; span: SourceSpan; text: string };

export interface DataEntry {
  key: string;
  keySpan: SourceSpan;
  value: DataNode;
}

export interface DataDocument {
  roots: DataNode[];
  diagnostics: Diagnostic[];
}

/** Entries of an object with this key, in order (duplicates kept: the caller decides). */
export function entriesNamed(node: DataNode, key: string): DataEntry[] {
  return node.type === 'object' ? node.entries.filter((e) => e.key === key) : [];
}

/** The last entry with this key (JSON.parse and YAML loaders keep the last duplicate). */
export function entryNamed(node: DataNode, key: string): DataEntry | undefined {
  const all = entriesNamed(node, key);
  return all[all.length - 1];
}

/** Parses strict JSON (no comments, no trailing commas) with positions; recovers from errors. */
export async function parseJsonDocument(path: string, text: string): Promise<DataDocument> {
  const { parseTree, printParseErrorCode } = await import('jsonc-parser');
  const errors: { error: number; offset: number; length: number }[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: true });
  const index = new LineIndex(text);
  const diagnostics: Diagnostic[] = [];
  for (const e of errors) {
    const span = index.span(path, e.offset, e.offset + Math.max(e.length, 1));
    // jsonc-parser reports follow-on errors at the same place (a trailing comma gives "property
    // name expected" and "value expected"): one finding per line is the useful amount.
    if (diagnostics.some((d) => d.span.line === span.line)) continue;
    const reason = describeJsonError(printParseErrorCode(e.error as Parameters<typeof printParseErrorCode>[0]));
    diagnostics.push({ ruleId: 'parse-error', message: `invalid JSON: ${reason}`, span });
  }
  type JsonNode = NonNullable<ReturnType<typeof parseTree>>;
  const convert = (node: JsonNode): DataNode => {
    const span = index.span(path, node.offset, node.offset + node.length);
    switch (node.type) {
      case 'object':
        return {
          type: 'object',
          span,
          entries: (node.children ?? [])
            .filter((p) => p.children && p.children.length >= 1)
            .map((p) => {
              const [k, v] = p.children as JsonNode[];
              return {
                key: String(k.value),
                keySpan: index.span(path, k.offset, k.offset + k.length),
                value: v ? convert(v) : { type: 'other', span: index.span(path, k.offset, k.offset + k.length), text: '' },
              };
            }),
        };
      case 'array':
        return { type: 'array', span, items: (node.children ?? []).map(convert) };
      case 'string':
        return { type: 'string', span, value: node.value as string };
      case 'number':
        return { type: 'number', span, value: node.value as number };
      case 'boolean':
        return { type: 'boolean', span, value: node.value as boolean };
      case 'null':
        return { type: 'null', span };
      default:
        return { type: 'other', span, text: text.slice(node.offset, node.offset + node.length) };
    }
  };
  return { roots: root ? [convert(root)] : [], diagnostics };
}

function describeJsonError(code: string): string {
  // jsonc-parser's codes are identifiers (`CommaExpected`); say them in words.
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/** CloudFormation short-form tags (`!Ref`, `!Sub`, …) are kept as opaque values, not errors. */
const CFN_TAGS = ['Ref', 'Sub', 'GetAtt', 'Join', 'If', 'Equals', 'Not', 'And', 'Or', 'FindInMap', 'Select', 'Split', 'ImportValue', 'GetAZs', 'Base64', 'Cidr', 'Condition', 'Transform'];

/** Parses every YAML document in a file with positions; duplicate keys are kept for the caller. */
export async function parseYamlDocuments(path: string, text: string): Promise<DataDocument> {
  const YAML = await import('yaml');
  const lineCounter = new YAML.LineCounter();
  const customTags = CFN_TAGS.flatMap((name) =>
    (['scalar', 'seq', 'map'] as const).map((collection) => ({
      tag: `!${name}`,
      collection: collection === 'scalar' ? undefined : collection,
      resolve: (value: unknown) => value,
    })),
  );
  const docs = YAML.parseAllDocuments(text, {
    lineCounter,
    merge: true,
    uniqueKeys: false,
    customTags: customTags as never,
    prettyErrors: false,
  });
  const index = new LineIndex(text);
  const diagnostics: Diagnostic[] = [];
  const roots: DataNode[] = [];
  const list = Array.isArray(docs) ? docs : [docs];
  for (const doc of list) {
    if (!('contents' in doc)) continue;
    for (const e of doc.errors) {
      const [start, end] = e.pos;
      diagnostics.push({ ruleId: 'parse-error', message: `invalid YAML: ${e.message.split('\n')[0]}`, span: index.span(path, start, Math.max(end, start + 1)) });
    }
    const convert = (node: unknown): DataNode => {
      const n = node as { range?: [number, number, number]; tag?: string; source?: string };
      const range = n?.range ?? [0, 0, 0];
      const span = index.span(path, range[0], range[1]);
      // An intrinsic function (`!Ref AppOrigin`) is resolved by CloudFormation at deploy time.
      if (n?.tag !== undefined && CFN_TAGS.includes(n.tag.slice(1))) return { type: 'other', span, text: text.slice(range[0], range[1]) };
      if (YAML.isMap(node)) {
        return {
          type: 'object',
          span,
          entries: node.items.map((pair) => {
            const key = pair.key as { value?: unknown; range?: [number, number, number] } | null;
            const keyRange = key?.range ?? range;
            return {
              key: String(key?.value ?? ''),
              keySpan: index.span(path, keyRange[0], keyRange[1]),
              value: pair.value === null || pair.value === undefined ? { type: 'null', span: index.span(path, keyRange[0], keyRange[1]) } : convert(pair.value),
            };
          }),
        };
      }
      if (YAML.isSeq(node)) return { type: 'array', span, items: node.items.map(convert) };
      if (YAML.isAlias(node)) {
        const target = node.resolve(doc);
        return target ? convert(target) : { type: 'other', span, text: `*${node.source}` };
      }
      if (YAML.isScalar(node)) {
        const v = node.value;
        if (typeof v === 'string') return { type: 'string', span, value: v };
        if (typeof v === 'number') return { type: 'number', span, value: v };
        if (typeof v === 'boolean') return { type: 'boolean', span, value: v };
        if (v === null) return { type: 'null', span };
        return { type: 'other', span, text: String(v) };
      }
      return { type: 'other', span, text: '' };
    };
    if (doc.contents) roots.push(convert(doc.contents));
  }
  return { roots, diagnostics };
}
