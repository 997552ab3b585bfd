// The engine with synthetic adapters and rules: routing, lazy loading, isolation, severity, suppressions.
import { describe, expect, it } from 'vitest';
import type { AdapterHost, StackAdapter } from '../model/adapter.js';
import type { Context, CorsPolicy } from '../model/policy.js';
import type { SourceFile } from '../model/source.js';
import { defineRule } from '../rule-api/index.js';
import type { Rule } from '../rule-api/index.js';
import { IGNORE_COMMENT_ID, lintFiles } from './lint.js';
import type { RuleSetting } from './lint.js';

const span = (file: string, line: number) => ({ file, line, column: 1, endLine: line, endColumn: 10 });

/** An adapter for `*.cors` files: each line `origin credentials` becomes a policy. */
function lineAdapter(loads: { count: number }, crashOn?: string): StackAdapter {
  return {
    id: 'test',
    name: 'test lines',
    wantsPath: (p) => p.endsWith('.cors'),
    accepts: (_p, text) => text.includes('origin'),
    load: async () => {
      loads.count++;
      return {
        analyze(files: readonly SourceFile[], host: AdapterHost) {
          if (crashOn && files.some((f) => f.path === crashOn)) throw new Error('boom');
          const policies: CorsPolicy[] = [];
          for (const f of files) {
            f.text.split('\n').forEach((line, i) => {
              const [kind, creds] = line.split(' ');
              if (kind !== 'origin-any' && kind !== 'origin-reflect') return;
              policies.push({
                stack: 'test',
                layer: 'app',
                context: host.contextFor(f.path),
                scope: `line ${i + 1}`,
                span: span(f.path, i + 1),
                origins: [{ value: { kind: kind === 'origin-any' ? 'any' : 'reflect' }, span: span(f.path, i + 1), runtimeDefault: creds === 'default' }],
                credentials: { value: creds === 'creds', span: span(f.path, i + 1) },
              });
            });
          }
          return { policies, diagnostics: [] };
        },
      };
    },
  };
}

const anyRule = defineRule({
  id: 'any-origin',
  meta: {
    summary: 'test rule',
    severity: 'medium',
    recommended: true,
    raisedByCredentials: true,
    messages: { any: 'origin {kind} at {line}' },
    docs: { why: '', fix: '', examples: [] },
  },
  *check(policy, ctx) {
    for (const o of policy.origins) yield ctx.finding('any', o.span, { policy, value: o, data: { kind: o.value.kind, line: o.span.line } });
  },
});

const prodOnly = defineRule({
  id: 'prod-only',
  meta: { summary: 'test', severity: 'low', recommended: true, productionOnly: true, messages: { m: 'prod' }, docs: { why: '', fix: '', examples: [] } },
  *check(policy, ctx) {
    yield ctx.finding('m', policy.span, { policy });
  },
});

/** Reports adapter diagnostics, as the built-in parse-error rule does. */
const diagnosticsRule = defineRule({
  id: 'parse-error',
  meta: { summary: 'test', severity: 'medium', recommended: true, messages: { m: '{reason}' }, docs: { why: '', fix: '', examples: [] } },
  *checkFile(file, ctx) {
    for (const d of file.diagnostics) yield ctx.finding('m', d.span, { data: { reason: d.message } });
  },
});

const everything = (level: 'warn' | 'error' = 'error') => (): ReadonlyMap<string, RuleSetting> =>
  new Map([
    ['any-origin', { level, options: undefined }],
    ['prod-only', { level, options: undefined }],
    ['parse-error', { level, options: undefined }],
  ]);

function host(files: SourceFile[], contexts: Record<string, Context> = {}): AdapterHost {
  return {
    readFile: (p) => files.find((f) => f.path === p)?.text,
    listFiles: () => files.map((f) => f.path),
    contextFor: (p) => contexts[p] ?? 'production',
  };
}

async function run(files: SourceFile[], options: { contexts?: Record<string, Context>; rules?: Rule[]; crashOn?: string; unused?: boolean } = {}) {
  const loads = { count: 0 };
  const result = await lintFiles({
    files,
    adapters: [lineAdapter(loads, options.crashOn)],
    rules: options.rules ?? [anyRule as Rule, prodOnly as Rule, diagnosticsRule as Rule],
    settingsFor: everything(),
    host: host(files, options.contexts),
    reportUnusedIgnores: options.unused,
  });
  return { ...result, loads: loads.count };
}

describe('routing and loading', () => {
  it('never loads an adapter when no file is for it', async () => {
    const r = await run([{ path: 'a.js', text: 'origin-any' }, { path: 'b.cors', text: 'nothing here' }]);
    expect(r.loads).toBe(0);
    expect(r.files).toEqual([]);
  });

  it('loads an adapter once for all its files', async () => {
    const r = await run([{ path: 'a.cors', text: 'origin-any' }, { path: 'b.cors', text: 'origin-any' }]);
    expect(r.loads).toBe(1);
    expect(r.files.map((f) => [f.path, f.policies])).toEqual([['a.cors', 1], ['b.cors', 1]]);
  });

  it('isolates a crashing file: the others are still reported', async () => {
    const r = await run([{ path: 'a.cors', text: 'origin-any' }, { path: 'bad.cors', text: 'origin-any' }], { crashOn: 'bad.cors' });
    expect(r.findings.filter((f) => f.span.file === 'a.cors').map((f) => f.ruleId)).toEqual(['any-origin', 'prod-only']);
    const bad = r.findings.filter((f) => f.span.file === 'bad.cors');
    expect(bad).toHaveLength(1);
    expect(bad[0].ruleId).toBe('parse-error');
    expect(bad[0].message).toContain('internal error: boom');
  });
});

describe('severity', () => {
  it('raises with credentials, lowers outside production, silences production-only rules there', async () => {
    const files = [
      { path: 'prod.cors', text: 'origin-reflect creds\norigin-reflect none' },
      { path: 'dev.cors', text: 'origin-reflect creds' },
    ];
    const r = await run(files, { contexts: { 'dev.cors': 'development' } });
    const sev = (file: string, rule: string) => r.findings.filter((f) => f.span.file === file && f.ruleId === rule).map((f) => f.severity);
    expect(sev('prod.cors', 'any-origin')).toEqual(['high', 'medium']);
    expect(sev('dev.cors', 'any-origin')).toEqual(['medium']);
    expect(sev('prod.cors', 'prod-only')).toEqual(['low', 'low']);
    expect(sev('dev.cors', 'prod-only')).toEqual([]);
  });

  it('caps a runtime default at low', async () => {
    const r = await run([{ path: 'a.cors', text: 'origin-any default' }]);
    expect(r.findings.find((f) => f.ruleId === 'any-origin')?.severity).toBe('low');
  });

  it('fills message placeholders', async () => {
    const r = await run([{ path: 'a.cors', text: '\norigin-any' }]);
    expect(r.findings[0].message).toBe('origin any at 2');
  });
});

describe('suppressions', () => {
  it('silences trailing and own-line ignores with a reason, and reports malformed ones', async () => {
    const text = [
      'origin-any # corslint-ignore any-origin -- public assets',
      '# corslint-ignore prod-only -- owned by the platform team',
      'origin-any',
      'origin-any # corslint-ignore any-origin',
    ].join('\n');
    const r = await run([{ path: 'a.cors', text }]);
    const shown = r.findings.map((f) => [f.span.line, f.ruleId, f.suppressed?.justification ?? null]);
    expect(shown).toEqual([
      [1, 'any-origin', 'public assets'],
      [1, 'prod-only', null],
      [3, 'any-origin', null],
      [3, 'prod-only', 'owned by the platform team'],
      [4, 'any-origin', null],
      [4, 'prod-only', null],
      [4, IGNORE_COMMENT_ID, null], // at the comment's column, after the line's findings
    ]);
    expect(r.findings.find((f) => f.ruleId === IGNORE_COMMENT_ID)?.message).toContain('needs a reason');
  });

  it('reports unused ignores only when asked', async () => {
    const text = 'origin-any # corslint-ignore origin-null-allowed -- not here';
    expect((await run([{ path: 'a.cors', text }])).findings.map((f) => f.ruleId)).not.toContain(IGNORE_COMMENT_ID);
    const r = await run([{ path: 'a.cors', text }], { unused: true });
    expect(r.findings.filter((f) => f.ruleId === IGNORE_COMMENT_ID).map((f) => f.message)).toEqual([
      'corslint-ignore origin-null-allowed silences nothing on line 1',
    ]);
  });
});

describe('deduplication', () => {
  it('reports the same finding reached through two policies once', async () => {
    const twice = defineRule({
      id: 'twice',
      meta: { summary: 't', severity: 'low', recommended: true, messages: { m: 'same place' }, docs: { why: '', fix: '', examples: [] } },
      *check(_policy, ctx) {
        yield ctx.finding('m', span('shared.cors', 1));
      },
    });
    const files = [{ path: 'a.cors', text: 'origin-any\norigin-any' }];
    const loads = { count: 0 };
    const r = await lintFiles({
      files,
      adapters: [lineAdapter(loads)],
      rules: [twice as Rule],
      settingsFor: () => new Map([['twice', { level: 'error' as const, options: undefined }]]),
      host: host(files),
    });
    expect(r.findings).toHaveLength(1);
  });
});
