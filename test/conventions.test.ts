// Conventions that keep rules, fixtures, docs and layer boundaries honest (ESLint checkRuleFiles-style).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinRules } from '../rules/index.js';
import { builtinAdapters } from '../src/stacks/index.js';
import { loadFixtures, ROOT } from './harness/fixtures.js';

const ruleFiles = readdirSync(join(ROOT, 'rules'))
  .filter((f) => f.endsWith('.ts') && f !== 'index.ts' && !f.endsWith('.test.ts'))
  .map((f) => f.replace(/\.ts$/, ''))
  .sort();

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [join(dir, e.name)] : [],
  );
}

/**
 * Source text without comments and string literals, so that prose or messages mentioning
 * `process.env` (the JS adapter talks about it) are not code using it.
 */
function codeOf(file: string): string {
  return readFileSync(join(ROOT, file), 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"/g, '""')
    .replace(/(^|[^:])\/\/.*$/gm, '$1');
}

function importsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2]);
}

function resolvesInto(file: string, spec: string, dir: string): boolean {
  if (!spec.startsWith('.')) return false;
  const target = relative(ROOT, join(ROOT, file, '..', spec)).split('\\').join('/');
  return target === dir || target.startsWith(`${dir}/`);
}

describe('rule registry', () => {
  it('rules/index.ts lists exactly the rule files, sorted by id', () => {
    expect(builtinRules.map((r) => r.id)).toEqual(ruleFiles);
  });

  it('ids are kebab-case and listed in the public catalogue', () => {
    const catalogue = join(ROOT, '..', 'shared', 'RULES.md');
    const ids = existsSync(catalogue) ? new Set([...readFileSync(catalogue, 'utf8').matchAll(/^\| `([a-z0-9-]+)`/gm)].map((m) => m[1])) : undefined;
    for (const rule of builtinRules) {
      expect(rule.id).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
      if (ids) expect(ids.has(rule.id), `${rule.id} is not in RULES.md`).toBe(true);
    }
  });

  it('metadata is complete', () => {
    for (const { id, meta } of builtinRules) {
      expect(meta.summary, id).toMatch(/^\S.*[^.\s]$/);
      expect(meta.summary.includes('\n'), id).toBe(false);
      expect(['high', 'medium', 'low', 'info'], id).toContain(meta.severity);
      expect(meta.docs.why.length, id).toBeGreaterThan(40);
      expect(meta.docs.fix.length, id).toBeGreaterThan(20);
      expect(meta.docs.examples.some((e) => e.kind === 'bad'), `${id} has a bad example`).toBe(true);
      expect(meta.docs.examples.some((e) => e.kind === 'good'), `${id} has a good example`).toBe(true);
      expect(Object.keys(meta.messages).length, id).toBeGreaterThan(0);
      if (meta.options) expect(meta.options.schema.type, id).toBe('object');
    }
  });
});

describe('fixtures', () => {
  const fixtures = loadFixtures();
  const ruleIds = new Set(builtinRules.map((r) => r.id));

  it('every fixture is named after an existing rule (or lives in syntax/)', () => {
    for (const fixture of fixtures) {
      for (const f of fixture.files) {
        const parts = f.split('/');
        if (parts.includes('syntax')) continue;
        // A group (files linted together, e.g. Django split settings) is named by its folder,
        // since its files need real module names.
        const named = fixture.group ? fixture.group.split('/').filter(Boolean).pop()! : parts[parts.length - 1];
        const prefix = named.split('.')[0];
        expect(ruleIds.has(prefix), `${f}: "${prefix}" is not a rule id`).toBe(true);
      }
    }
  });

  it('every rule has a fixture that expects it and a .ok fixture where it stays silent', () => {
    for (const id of ruleIds) {
      const flagging = fixtures.some((f) => f.spec.expectations.some((e) => e.ruleId === id));
      const clean = fixtures.filter((f) => f.files.some((p) => p.split('/').pop()!.startsWith(`${id}.ok.`)));
      expect(flagging, `${id} has no fixture that expects it`).toBe(true);
      expect(clean.length, `${id} has no .ok fixture`).toBeGreaterThan(0);
      for (const c of clean) expect(c.spec.expectations.filter((e) => e.ruleId === id), `${c.files[0]} expects ${id}`).toEqual([]);
    }
  });

  it('every built-in stack has a fixtures folder', () => {
    for (const adapter of builtinAdapters) expect(existsSync(join(ROOT, 'fixtures', adapter.id)), adapter.id).toBe(true);
  });
});

describe('layer boundaries (DESIGN.md "Layout")', () => {
  const src = sourceFiles('src');
  const rules = sourceFiles('rules');

  it('rules import only the rule API', () => {
    for (const file of rules) {
      for (const spec of importsOf(file)) {
        if (file.endsWith('index.ts') && spec.startsWith('./')) continue;
        expect(resolvesInto(file, spec, 'src/rule-api'), `${file} imports ${spec}`).toBe(true);
      }
    }
  });

  it('the model imports nothing else from the project', () => {
    for (const file of src.filter((f) => f.startsWith('src/model/'))) {
      for (const spec of importsOf(file)) expect(!spec.startsWith('.') || resolvesInto(file, spec, 'src/model'), `${file} imports ${spec}`).toBe(true);
    }
  });

  it('reporters do not import rules, stacks or the engine', () => {
    for (const file of src.filter((f) => f.startsWith('src/reporters/'))) {
      for (const spec of importsOf(file)) {
        for (const forbidden of ['rules', 'src/stacks', 'src/engine']) expect(resolvesInto(file, spec, forbidden), `${file} imports ${spec}`).toBe(false);
      }
    }
  });

  it('the engine imports neither rules nor stacks', () => {
    for (const file of src.filter((f) => f.startsWith('src/engine/'))) {
      for (const spec of importsOf(file)) {
        for (const forbidden of ['rules', 'src/stacks']) expect(resolvesInto(file, spec, forbidden), `${file} imports ${spec}`).toBe(false);
      }
    }
  });

  it('a stack adapter never imports another stack (shared helpers live in src/stacks/shared)', () => {
    for (const file of src.filter((f) => /^src\/stacks\/[^/]+\//.test(f))) {
      const own = file.split('/')[2];
      for (const spec of importsOf(file)) {
        for (const other of builtinAdapters.map((a) => a.id).filter((id) => id !== own)) {
          expect(resolvesInto(file, spec, `src/stacks/${other}`), `${file} imports ${spec}`).toBe(false);
        }
      }
    }
  });

  it('nothing imports src/cli, and only src/cli touches the file system or the process', () => {
    for (const file of [...src, ...rules].filter((f) => !f.startsWith('src/cli/'))) {
      const imports = importsOf(file);
      for (const spec of imports) expect(resolvesInto(file, spec, 'src/cli'), `${file} imports ${spec}`).toBe(false);
      expect(imports.filter((s) => /^(node:)?(fs|fs\/promises|process|child_process)$/.test(s)), file).toEqual([]);
      expect(/\bprocess\.(env|exit|argv|stdout|stderr|cwd)\b|\bconsole\./.test(codeOf(file)), `${file} uses process or console`).toBe(false);
    }
  });
});
