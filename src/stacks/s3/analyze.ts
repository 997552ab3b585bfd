// Amazon S3 CORS rules → policies. Semantics: shared/reference/semantics.md §4.1.
import type { AdapterHost, AdapterResult, StackParser } from '../../model/adapter.js';
import type { CorsPolicy, Diagnostic, HeaderList, Located, OriginRule } from '../../model/policy.js';
import type { SourceFile, SourceSpan } from '../../model/source.js';
import { entryNamed, parseJsonDocument, parseYamlDocuments } from '../shared/data-tree.js';
import type { DataEntry, DataNode } from '../shared/data-tree.js';

/** The S3 API/CLI and console spelling (API_CORSRule). */
const API_KEYS = ['ID', 'AllowedHeaders', 'AllowedMethods', 'AllowedOrigins', 'ExposeHeaders', 'MaxAgeSeconds'];
/** CloudFormation's `AWS::S3::Bucket CorsRule` spelling. */
const CFN_KEYS = ['Id', 'AllowedHeaders', 'AllowedMethods', 'AllowedOrigins', 'ExposedHeaders', 'MaxAge'];
/** API_CORSRule: the only methods S3 accepts (no OPTIONS, PATCH or `*`). */
const S3_METHODS = new Set(['GET', 'PUT', 'POST', 'DELETE', 'HEAD']);
/** PutBucketCors: at most 100 rules per configuration. */
const MAX_RULES = 100;

type Spelling = 'api' | 'cfn';

interface RuleList {
  node: Extract<DataNode, { type: 'array' }>;
  spelling: Spelling;
  scope: string;
}

export const s3Parser: StackParser = {
  async analyze(files: readonly SourceFile[], host: AdapterHost): Promise<AdapterResult> {
    const result: AdapterResult = { policies: [], diagnostics: [] };
    for (const file of files) {
      const doc = looksLikeJson(file) ? await parseJsonDocument(file.path, file.text) : await parseYamlDocuments(file.path, file.text);
      result.diagnostics.push(...doc.diagnostics);
      for (const root of doc.roots) {
        for (const list of findRuleLists(root)) readRuleList(list, file, host, result);
      }
    }
    return result;
  },
};

function looksLikeJson(file: SourceFile): boolean {
  if (/\.json$/i.test(file.path)) return true;
  if (/\.ya?ml$/i.test(file.path)) return false;
  // `.template` is used for both JSON and YAML CloudFormation templates.
  return /^\s*[[{]/.test(file.text);
}

/** The three places rule lists live: `CORSRules`, a bare array of rules, `CorsConfiguration.CorsRules`. */
function findRuleLists(root: DataNode): RuleList[] {
  const lists: RuleList[] = [];
  if (root.type === 'array' && root.items.some(isRuleLike)) lists.push({ node: root, spelling: 'api', scope: '' });
  if (root.type === 'object') {
    const api = entryNamed(root, 'CORSRules');
    if (api?.value.type === 'array') lists.push({ node: api.value, spelling: 'api', scope: 'CORSRules' });
  }
  // `prefix` is the logical resource name once inside `Resources` (`MyBucket.CorsRules[0]`).
  const walk = (node: DataNode, prefix: string, inResources: boolean, depth: number) => {
    if (depth > 12) return;
    if (node.type === 'object') {
      for (const e of node.entries) {
        if (e.key === 'CorsConfiguration' && e.value.type === 'object') {
          const rules = entryNamed(e.value, 'CorsRules');
          if (rules?.value.type === 'array') lists.push({ node: rules.value, spelling: 'cfn', scope: `${prefix}CorsRules` });
        } else walk(e.value, inResources ? `${e.key}.` : prefix, e.key === 'Resources', depth + 1);
      }
    } else if (node.type === 'array') for (const item of node.items) walk(item, prefix, false, depth + 1);
  };
  walk(root, '', false, 0);
  return lists;
}

function isRuleLike(node: DataNode): boolean {
  return node.type === 'object' && node.entries.some((e) => e.key === 'AllowedOrigins');
}

interface ReadRule {
  policy: CorsPolicy;
  anyOrigin?: SourceSpan;
  methods: string[];
  headers: string[] | undefined;
  originsSpan: SourceSpan;
}

function readRuleList(list: RuleList, file: SourceFile, host: AdapterHost, out: AdapterResult): void {
  const read: ReadRule[] = [];
  for (const [i, item] of list.node.items.entries()) {
    const scope = `${list.scope}[${i}]`;
    if (i === MAX_RULES) {
      // S3 rejects the whole configuration; the first 100 rules are still analysed.
      out.diagnostics.push(invalid(item.span, `S3 accepts at most ${MAX_RULES} CORS rules; this configuration has ${list.node.items.length}, so S3 rejects it`));
      break;
    }
    if (item.type !== 'object') {
      out.diagnostics.push(invalid(item.span, `${scope} must be an object with AllowedOrigins and AllowedMethods`));
      continue;
    }
    const r = readRule(item, list.spelling, scope, file, host, out.diagnostics);
    if (r) read.push(r);
  }
  markDeadRules(read);
  out.policies.push(...read.map((r) => r.policy));
}

function invalid(span: SourceSpan, message: string): Diagnostic {
  return { ruleId: 'config-invalid', message, span };
}

function readRule(
  node: Extract<DataNode, { type: 'object' }>,
  spelling: Spelling,
  scope: string,
  file: SourceFile,
  host: AdapterHost,
  diagnostics: Diagnostic[],
): ReadRule | undefined {
  const known = spelling === 'api' ? API_KEYS : CFN_KEYS;
  const other = spelling === 'api' ? CFN_KEYS : API_KEYS;
  const seen = new Map<string, DataEntry>();
  for (const e of node.entries) {
    if (seen.has(e.key)) {
      diagnostics.push(invalid(e.keySpan, `duplicate key "${e.key}" in ${scope}: parsers disagree on which one counts (most keep the last)`));
    }
    seen.set(e.key, e);
    if (!known.includes(e.key)) {
      const i = other.indexOf(e.key);
      const hint =
        i >= 0
          ? ` (${spelling === 'api' ? 'the S3 API' : 'CloudFormation'} spells it "${known[i]}"; "${e.key}" is ${spelling === 'api' ? "CloudFormation's" : "the S3 API's"} spelling)`
          : '';
      diagnostics.push(invalid(e.keySpan, `unknown key "${e.key}" in ${scope}${hint}`));
    }
  }
  const originsEntry = entryNamed(node, 'AllowedOrigins');
  const methodsEntry = entryNamed(node, 'AllowedMethods');
  if (!methodsEntry) diagnostics.push(invalid(node.span, `${scope} has no AllowedMethods, which S3 requires`));
  if (!originsEntry) {
    diagnostics.push(invalid(node.span, `${scope} has no AllowedOrigins, which S3 requires`));
    return undefined;
  }

  const origins: Located<OriginRule>[] = [];
  let anyOrigin: SourceSpan | undefined;
  if (originsEntry.value.type === 'array') {
    // A CloudFormation intrinsic (`!Ref AppOrigin`, `{"Ref": …}`) is only known at deploy time.
    for (const item of originsEntry.value.items) {
      if (item.type === 'other' || isIntrinsic(item)) {
        origins.push({ value: { kind: 'unknown', expression: item.type === 'other' ? item.text : 'CloudFormation intrinsic function' }, span: item.span });
      }
    }
  }
  for (const o of stringsOf(originsEntry, scope, diagnostics)) {
    const stars = o.value.split('*').length - 1;
    if (stars > 1) {
      diagnostics.push(invalid(o.span, `S3 allows at most one "*" in an origin; "${o.value}" has ${stars}`));
      continue;
    }
    if (o.value === '*') {
      anyOrigin ??= o.span;
      origins.push({ value: { kind: 'any' }, span: o.span });
    } else if (stars === 1) origins.push({ value: { kind: 'pattern', pattern: o.value, flavor: 's3-glob' }, span: o.span });
    else origins.push({ value: { kind: 'exact', origin: o.value, comparison: 'exact' }, span: o.span });
  }

  const methods: string[] = [];
  if (methodsEntry) {
    for (const m of stringsOf(methodsEntry, scope, diagnostics)) {
      if (!S3_METHODS.has(m.value)) {
        diagnostics.push(invalid(m.span, `S3 does not accept the method "${m.value}": only GET, PUT, POST, DELETE and HEAD`));
      } else methods.push(m.value);
    }
  }

  const headersEntry = entryNamed(node, 'AllowedHeaders');
  let headers: string[] | undefined;
  let allowHeaders: Located<HeaderList> | undefined;
  if (headersEntry) {
    headers = [];
    for (const h of stringsOf(headersEntry, scope, diagnostics)) {
      if (h.value.split('*').length > 2) diagnostics.push(invalid(h.span, `S3 allows at most one "*" in an allowed header; "${h.value}" has more`));
      else headers.push(h.value);
    }
    // S3 answers a matching preflight with the requested header names, not with its list
    // (LocalStack's AWS-recorded snapshot, semantics.md §4.1), so `*` means "echo the request's".
    allowHeaders = { value: headers.includes('*') ? 'reflect' : headers, span: headersEntry.value.span };
  }

  const exposeEntry = entryNamed(node, spelling === 'api' ? 'ExposeHeaders' : 'ExposedHeaders');
  const maxAgeEntry = entryNamed(node, spelling === 'api' ? 'MaxAgeSeconds' : 'MaxAge');
  let maxAge: Located<number> | undefined;
  if (maxAgeEntry) {
    // API_CORSRule / CloudFormation: an Integer number of seconds.
    if (maxAgeEntry.value.type === 'number' && Number.isInteger(maxAgeEntry.value.value)) maxAge = { value: maxAgeEntry.value.value, span: maxAgeEntry.value.span };
    else if (maxAgeEntry.value.type !== 'other') diagnostics.push(invalid(maxAgeEntry.value.span, `${maxAgeEntry.key} must be a whole number of seconds`));
  }
  const idEntry = entryNamed(node, spelling === 'api' ? 'ID' : 'Id');
  if (idEntry?.value.type === 'string' && idEntry.value.value.length > 255) {
    diagnostics.push(invalid(idEntry.value.span, `${idEntry.key} is longer than the 255 characters S3 allows`));
  }

  const originsSpan = originsEntry.keySpan;
  // A rule whose origins include `*` answers `*` and no credentials header; any other matching
  // pattern is echoed with `Access-Control-Allow-Credentials: true` (semantics.md §4.1).
  const echoes = anyOrigin === undefined && origins.length > 0;
  const policy: CorsPolicy = {
    stack: 's3',
    layer: 'storage',
    context: host.contextFor(file.path),
    scope: scope.startsWith('[') ? `rule ${scope}` : scope,
    span: node.span,
    origins,
    credentials: { value: echoes, span: anyOrigin ?? originsSpan, implicit: true },
    allowMethods: methodsEntry ? { value: methods, span: methodsEntry.value.span } : undefined,
    allowHeaders,
    exposeHeaders: exposeEntry ? { value: stringsOf(exposeEntry, scope, diagnostics).map((s) => s.value), span: exposeEntry.value.span } : undefined,
    maxAge,
    varyOrigin: { value: echoes, span: originsSpan, implicit: true },
    preflight: { value: 'handled', span: node.span, implicit: true },
  };
  return { policy, anyOrigin, methods, headers, originsSpan };
}

/** CloudFormation's JSON form of an intrinsic function: `{"Ref": "X"}`, `{"Fn::Sub": "…"}`. */
function isIntrinsic(node: DataNode): boolean {
  return node.type === 'object' && node.entries.length === 1 && (node.entries[0].key === 'Ref' || node.entries[0].key.startsWith('Fn::'));
}

function stringsOf(entry: DataEntry, scope: string, diagnostics: Diagnostic[]): { value: string; span: SourceSpan }[] {
  if (entry.value.type === 'other') return []; // CloudFormation intrinsic (`!Ref`): not known statically
  if (entry.value.type !== 'array') {
    diagnostics.push(invalid(entry.value.span, `${entry.key} in ${scope} must be a list of strings`));
    return [];
  }
  const out: { value: string; span: SourceSpan }[] = [];
  for (const item of entry.value.items) {
    if (item.type === 'string') out.push({ value: item.value, span: item.span });
    else if (item.type !== 'other' && !isIntrinsic(item)) diagnostics.push(invalid(item.span, `${entry.key} in ${scope} must contain only strings`));
  }
  return out;
}

/**
 * S3 uses the first rule that matches origin, method and every requested header (semantics.md
 * §4.1). A rule after one that allows every origin with a superset of its methods and headers
 * is never used.
 */
function markDeadRules(rules: readonly ReadRule[]): void {
  for (let j = 1; j < rules.length; j++) {
    const later = rules[j];
    for (let i = 0; i < j; i++) {
      const earlier = rules[i];
      if (!earlier.anyOrigin) continue;
      if (!later.methods.every((m) => earlier.methods.includes(m))) continue;
      if (!headersCovered(earlier.headers, later.headers)) continue;
      later.policy.overrides = [
        {
          winner: earlier.anyOrigin,
          dead: later.originsSpan,
          reason: `${earlier.policy.scope} allows every origin with all of ${later.policy.scope}'s methods and headers, and S3 uses the first matching rule`,
        },
      ];
      break;
    }
  }
}

function headersCovered(earlier: string[] | undefined, later: string[] | undefined): boolean {
  if (!later || later.length === 0) return true;
  if (!earlier) return false;
  return later.every((h) => earlier.some((pattern) => globMatches(pattern.toLowerCase(), h.toLowerCase())));
}

function globMatches(pattern: string, value: string): boolean {
  const star = pattern.indexOf('*');
  if (star === -1) return pattern === value;
  const head = pattern.slice(0, star);
  const tail = pattern.slice(star + 1);
  return value.length >= head.length + tail.length && value.startsWith(head) && value.endsWith(tail);
}
