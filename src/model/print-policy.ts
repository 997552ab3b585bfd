// Prints policies as the rules see them: one line per field (`corslint explain`, adapter tests).
import type { CorsPolicy, HeaderList, Located, OriginRule, PredicateCheck } from './policy.js';

function at(v: { span: { line: number; column: number } }): string {
  return `${v.span.line}:${v.span.column}`;
}

function mark(v: Located<unknown>): string {
  return `${at(v)}${v.implicit ? ' (default)' : ''}${v.runtimeDefault ? ' (runtime default)' : ''}`;
}

function list(v: HeaderList): string {
  return Array.isArray(v) ? `[${v.join(', ')}]` : v;
}

function check(c: PredicateCheck): string {
  switch (c.op) {
    case 'always':
    case 'no-origin':
      return c.op;
    case 'equals':
      return `=== ${JSON.stringify(c.value)}`;
    case 'in-list':
      return `in [${c.values.map((v) => JSON.stringify(v)).join(', ')}]`;
    case 'regex':
      return `/${c.pattern}/${c.flags}`;
    case 'all':
      return `(${c.checks.map(check).join(' && ')})`;
    default:
      return `${c.op}(${JSON.stringify(c.value)})`;
  }
}

/** One origin rule in words: `exact "https://a.com"`, `pattern /^https:/ (js-regexp-test)`. */
export function describeOriginRule(o: OriginRule): string {
  switch (o.kind) {
    case 'any':
      return 'any (*)';
    case 'reflect':
      return 'reflect (echo the request Origin)';
    case 'null':
      return 'null';
    case 'exact':
      return `exact ${JSON.stringify(o.origin)}${o.comparison === 'ignore-case' ? ' (ignoring case)' : ''}`;
    case 'pattern':
      return `pattern ${JSON.stringify(o.pattern)} (${o.flavor}${o.flags ? `, flags ${o.flags}` : ''})`;
    case 'predicate':
      return `predicate ${o.checks.map(check).join(' || ')}`;
    case 'unknown':
      return `unknown (${o.expression})`;
  }
}

/** The text form of `corslint explain`. */
export function explainText(policies: readonly CorsPolicy[]): string {
  if (policies.length === 0) return 'No CORS policies found.\n';
  const out: string[] = [];
  for (const p of policies) {
    out.push(`${p.span.file}:${at(p)} ${p.stack} ${p.scope} (${p.layer}, ${p.context})`);
    for (const o of p.origins) out.push(`  origin          ${describeOriginRule(o.value)}  @${mark(o)}`);
    if (p.origins.length === 0) out.push('  origin          (none: no origin is allowed)');
    out.push(`  credentials     ${p.credentials.value}  @${mark(p.credentials)}`);
    const fields: [string, Located<unknown> | undefined, (v: never) => string][] = [
      ['allowMethods', p.allowMethods, list],
      ['allowHeaders', p.allowHeaders, list],
      ['exposeHeaders', p.exposeHeaders, list],
      ['maxAge', p.maxAge, String],
      ['varyOrigin', p.varyOrigin, String],
      ['sentOnErrors', p.sentOnErrors, String],
      ['preflight', p.preflight, String],
      ['privateNetwork', p.allowPrivateNetwork, String],
    ];
    for (const [name, v, show] of fields) if (v) out.push(`  ${name.padEnd(16)}${show(v.value as never)}  @${mark(v)}`);
    for (const e of p.headerEmitters ?? []) out.push(`  emits ACAO      ${e.value}  @${mark(e)}`);
    for (const o of p.overrides ?? []) out.push(`  overridden      ${o.reason} (${o.winner.line}:${o.winner.column} wins over ${o.dead.line}:${o.dead.column})`);
  }
  return `${out.join('\n')}\n`;
}

/** The JSON form of `corslint explain` (schemaVersion 1, DESIGN.md). */
export function explainJson(policies: readonly CorsPolicy[]): unknown {
  const value = <T>(v: Located<T> | undefined) => (v === undefined ? null : v.value);
  return {
    schemaVersion: 1,
    policies: policies.map((p) => ({
      file: p.span.file,
      line: p.span.line,
      column: p.span.column,
      stack: p.stack,
      layer: p.layer,
      context: p.context,
      scope: p.scope,
      origins: p.origins.map((o) => ({
        kind: o.value.kind,
        ...(o.value.kind === 'exact' ? { value: o.value.origin } : {}),
        ...(o.value.kind === 'pattern' ? { value: o.value.pattern, flavor: o.value.flavor } : {}),
        ...(o.value.kind === 'unknown' ? { value: o.value.expression } : {}),
        ...(o.value.kind === 'predicate' ? { value: o.value.checks.map(check).join(' || ') } : {}),
        line: o.span.line,
        column: o.span.column,
        ...(o.implicit ? { implicit: true } : {}),
      })),
      credentials: p.credentials.value,
      allowMethods: value(p.allowMethods),
      allowHeaders: value(p.allowHeaders),
      exposeHeaders: value(p.exposeHeaders),
      maxAge: value(p.maxAge),
      varyOrigin: value(p.varyOrigin),
      sentOnErrors: value(p.sentOnErrors),
      preflight: value(p.preflight),
    })),
  };
}
