// Django (django-cors-headers): settings modules and check_request_enabled receivers → policies. Semantics: semantics.md §2.1.
import type { Node } from 'web-tree-sitter';
import type { AdapterHost, AdapterResult, StackParser } from '../../model/adapter.js';
import type { Context, CorsPolicy, Diagnostic, Located } from '../../model/policy.js';
import type { SourceFile } from '../../model/source.js';
import { findCalls, loadPythonParser, offsetsOf, type ModuleValues } from '../shared/python/index.js';
import { chooseModules, ModuleLoader, textsOf, type LoadedModule } from './modules.js';
import { configuresCors, LEGACY_NAMES, SETTING_NAMES, settingsPolicy, worldsDiffer } from './settings.js';

/** The settings read from every module, whether or not anything else mentions them. */
const EVALUATED_NAMES: ReadonlySet<string> = new Set([...SETTING_NAMES, 'MIDDLEWARE', 'MIDDLEWARE_CLASSES', 'DEBUG']);

export const djangoParser: StackParser = {
  async analyze(files: readonly SourceFile[], host: AdapterHost): Promise<AdapterResult> {
    const parser = await loadPythonParser();
    const loader = new ModuleLoader(parser, textsOf(files), host, EVALUATED_NAMES);
    try {
      for (const file of files) loader.load(file.path);
      const policies: CorsPolicy[] = [];
      const diagnostics: Diagnostic[] = [];
      const judged = chooseModules(
        loader,
        files.map((f) => f.path),
        host,
      );
      const family = new Set<string>();
      for (const module of judged) {
        const context = host.contextFor(module.path);
        const worlds: { world: 'production' | 'development'; context: Context }[] = [{ world: 'production', context }];
        // A DEBUG branch that changes CORS settings describes the development server: judged separately, after production.
        if (worldsDiffer(module.values)) worlds.push({ world: 'development', context: context === 'production' ? 'development' : context });
        for (const { world, context: worldContext } of worlds) {
          if (!configuresCors(module.values, world)) continue;
          const result = settingsPolicy({ values: module.values, world, context: worldContext, path: module.path });
          policies.push(result.policy);
          diagnostics.push(...result.diagnostics);
        }
        collectFamily(loader, module, family);
      }
      for (const path of family) {
        const module = loader.modules.get(path);
        if (module) diagnostics.push(...deprecations(module.values));
      }
      const credentials = policies.find((p) => p.context === 'production')?.credentials;
      for (const file of files) {
        const module = loader.modules.get(file.path);
        if (module && file.text.includes('check_request_enabled')) policies.push(...receiverPolicies(module, file.text, host.contextFor(file.path), credentials));
      }
      diagnostics.push(...loader.diagnostics);
      const given = new Set(files.map((f) => f.path));
      const linkedFiles = [...loader.modules.keys()].filter((p) => !given.has(p) && loader.modules.get(p));
      return { policies, diagnostics: unique(diagnostics), linkedFiles };
    } finally {
      loader.dispose();
    }
  },
};

function collectFamily(loader: ModuleLoader, module: LoadedModule, out: Set<string>): void {
  if (out.has(module.path)) return;
  out.add(module.path);
  for (const star of module.stars) {
    const next = loader.modules.get(star);
    if (next) collectFamily(loader, next, out);
  }
}

/** setting-deprecated: each assignment to a pre-3.5 name, in the module that makes it. */
function deprecations(values: ModuleValues): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const event of values.events) {
    if (event.kind !== 'binding' || !(event.binding.name in LEGACY_NAMES) || event.binding.span.file !== values.file) continue;
    const { name, span } = event.binding;
    out.push({
      ruleId: 'setting-deprecated',
      message: `${name} is the name used before django-cors-headers 3.5; it still works, but the documented name is ${LEGACY_NAMES[name]}`,
      span,
    });
  }
  return out;
}

/**
 * `check_request_enabled` receivers: a truthy return both enables CORS for the request and allows
 * its origin, echoing it back (middleware.py `check_signal`). A receiver whose return value does
 * not look at the origin therefore trusts every origin.
 */
function receiverPolicies(module: LoadedModule, text: string, context: Context, credentials: Located<boolean | 'unknown'> | undefined): CorsPolicy[] {
  const { tree } = module.parsed;
  const values = module.values;
  const isSignal = (text: string | undefined) => text !== undefined && /(^|\.)check_request_enabled$/.test(text);
  const sites = findCalls(tree, values, (c) => (c.attribute === 'receiver' && c.decorator) || (c.attribute === 'connect' && isSignal(c.qualifiedName.slice(0, -'.connect'.length))), {
    at: offsetsOf(text, ['check_request_enabled']),
  });
  const functions: Node[] = [];
  for (const site of sites) {
    const first = site.positional[0];
    if (site.callee.attribute === 'receiver') {
      const signals = first?.kind === 'list' || first?.kind === 'tuple' ? first.items : first ? [first] : [];
      if (!signals.some((s) => s.kind === 'unknown' && isSignal(s.qualifiedName ?? s.name))) continue;
      const definition = site.node.parent?.parent?.childForFieldName('definition');
      if (definition?.type === 'function_definition') functions.push(definition);
    } else if (first?.kind === 'unknown' && first.name) {
      const definition = tree.rootNode.descendantsOfType('function_definition').find((f) => f.childForFieldName('name')?.text === first.name);
      if (definition) functions.push(definition);
    }
  }
  const policies: CorsPolicy[] = [];
  for (const fn of functions) {
    for (const ret of ownReturns(fn)) {
      const expr = ret.namedChildren.find((c) => c.type !== 'comment');
      if (!expr || expr.type === 'false' || expr.type === 'none' || /origin/i.test(expr.text)) continue;
      const span = values.spanOf(ret);
      policies.push({
        stack: 'django',
        layer: 'app',
        context,
        scope: `check_request_enabled receiver ${fn.childForFieldName('name')?.text ?? ''}`.trim(),
        span,
        origins: [{ value: { kind: 'reflect' }, span }],
        credentials: credentials ?? { value: false, span, implicit: true },
        varyOrigin: { value: true, span, implicit: true },
      });
      break;
    }
  }
  return policies;
}

/** Return statements of `fn` itself, not of functions nested in it. */
function ownReturns(fn: Node): Node[] {
  const nested = fn.descendantsOfType(['function_definition', 'lambda']).filter((n) => n.id !== fn.id);
  return fn.descendantsOfType('return_statement').filter((r) => !nested.some((n) => n.startIndex <= r.startIndex && r.endIndex <= n.endIndex));
}

function unique(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.ruleId}\0${d.span.file}:${d.span.line}:${d.span.column}\0${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
