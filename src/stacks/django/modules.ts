// Loads Django settings modules with their star imports, and picks the modules whose merged settings are in effect.
import type { AdapterHost } from '../../model/adapter.js';
import type { Diagnostic } from '../../model/policy.js';
import { fileSpan, type SourceFile } from '../../model/source.js';
import { evaluateModule, type ModuleValues, type ParsedPython, type PythonParser, type StarImport } from '../shared/python/index.js';

/** A parsed and evaluated settings module. */
export interface LoadedModule {
  path: string;
  parsed: ParsedPython;
  values: ModuleValues;
  /** Paths of the modules it star-imports, in import order. */
  stars: string[];
}

/**
 * Parses modules on demand (accepted files from the run, others through the host) and resolves
 * `from .base import *` / `from project.settings.base import *` to files, so that the evaluator
 * merges the imported names at the import's position (later assignments win).
 */
export class ModuleLoader {
  readonly modules = new Map<string, LoadedModule | null>();
  readonly diagnostics: Diagnostic[] = [];
  private readonly loading = new Set<string>();
  private knownPaths: string[] | undefined;

  /** Modules that star-import each module, found by a text scan before parsing (see {@link ModuleLoader.evaluates}). */
  private readonly importers = new Map<string, string[]>();

  constructor(
    private readonly parser: PythonParser,
    private readonly texts: ReadonlyMap<string, string>,
    private readonly host: AdapterHost,
    /** Names always evaluated (the settings the adapter reads). */
    private readonly roots: ReadonlySet<string>,
  ) {
    for (const [path, text] of texts) {
      if (!text.includes('import *')) continue;
      for (const m of text.matchAll(STAR_IMPORT)) {
        const dots = /^\.*/.exec(m[1])![0].length;
        const target = this.resolve(path, { module: m[1].slice(dots), level: dots, span: fileSpan(path), index: 0 });
        if (target) this.importers.set(target, [...(this.importers.get(target) ?? []), path]);
      }
    }
  }

  /**
   * Which names of a module to evaluate: the settings the adapter reads, and names used anywhere
   * besides one assignment in the module or in a module that star-imports it (a name assigned once
   * and never mentioned again, like `LOGGING`, cannot affect a CORS setting).
   */
  private evaluates(path: string, text: string): (name: string) => boolean {
    const related = [text, ...this.transitiveImporters(path).map((p) => this.texts.get(p) ?? this.host.readFile(p) ?? '')];
    return (name) => this.roots.has(name) || related.reduce((n, t) => n + countWord(t, name, 2 - n), 0) >= 2;
  }

  private transitiveImporters(path: string, seen = new Set<string>()): string[] {
    for (const importer of [...(this.importers.get(path) ?? []), ...this.loading]) {
      if (seen.has(importer) || importer === path) continue;
      seen.add(importer);
      this.transitiveImporters(importer, seen);
    }
    return [...seen];
  }

  load(path: string): LoadedModule | undefined {
    const cached = this.modules.get(path);
    if (cached !== undefined) return cached ?? undefined;
    // A star-import cycle: Python would fail with a partially initialised module; stop here.
    if (this.loading.has(path)) return undefined;
    const text = this.texts.get(path) ?? this.host.readFile(path);
    if (text === undefined) {
      this.modules.set(path, null);
      return undefined;
    }
    this.loading.add(path);
    const parsed = this.parser.parse(text, path);
    this.diagnostics.push(...parsed.diagnostics);
    const stars: string[] = [];
    const values = evaluateModule(parsed.tree, path, {
      lines: parsed.lines,
      evaluates: this.evaluates(path, text),
      resolveStarImport: (star) => {
        const target = this.resolve(path, star);
        if (!target) return undefined;
        stars.push(target);
        return this.load(target)?.values;
      },
    });
    this.loading.delete(path);
    const module: LoadedModule = { path, parsed, values, stars };
    this.modules.set(path, module);
    return module;
  }

  /** Frees the syntax trees (web-tree-sitter trees live in wasm memory). */
  dispose(): void {
    for (const m of this.modules.values()) m?.parsed.tree.delete();
  }

  /** The file a star import names, if it exists in the scanned tree. */
  resolve(importer: string, star: StarImport): string | undefined {
    const parts = star.module === '' ? [] : star.module.split('.');
    if (star.level > 0) {
      // `from .x import *` is relative to the importer's package (its directory); each extra dot goes up one.
      let dir = importer.includes('/') ? importer.slice(0, importer.lastIndexOf('/')) : '';
      for (let i = 1; i < star.level; i++) dir = dir.includes('/') ? dir.slice(0, dir.lastIndexOf('/')) : '';
      const base = [dir, ...parts].filter((p) => p !== '').join('/');
      return this.firstExisting(parts.length ? [`${base}.py`, `${base}/__init__.py`] : [`${base ? `${base}/` : ''}__init__.py`]);
    }
    return this.absolute(importer, parts.join('/'));
  }

  /** A dotted module (`project.settings.production`) as a file under the scanned root, nearest to `near`. */
  absolute(near: string, slashed: string): string | undefined {
    if (slashed === '') return undefined;
    this.knownPaths ??= [...new Set([...this.texts.keys(), ...this.host.listFiles()])];
    const suffixes = [`${slashed}.py`, `${slashed}/__init__.py`];
    const matches = this.knownPaths.filter((p) => suffixes.some((s) => p === s || p.endsWith(`/${s}`)));
    if (matches.length === 0) return undefined;
    // The project root is unknown: prefer the candidate sharing the longest directory prefix with the importer.
    const shared = (p: string) => {
      let i = 0;
      while (i < p.length && i < near.length && p[i] === near[i]) i++;
      return i;
    };
    return matches.sort((a, b) => shared(b) - shared(a) || a.length - b.length)[0];
  }

  private firstExisting(candidates: string[]): string | undefined {
    return candidates.find((c) => this.texts.has(c) || this.host.readFile(c) !== undefined);
  }
}

/** `from .base import *`, `from project.settings.base import *` (module text captured). */
const STAR_IMPORT = /^[ \t]*from[ \t]+(\.*[\w.]*)[ \t]+import[ \t]*\*/gm;

/** Whole-word occurrences of `word` in `text`, counting up to `limit`. */
function countWord(text: string, word: string, limit: number): number {
  let count = 0;
  for (let at = text.indexOf(word); at !== -1 && count < limit; at = text.indexOf(word, at + word.length)) {
    const before = at > 0 ? text.charCodeAt(at - 1) : 32;
    const after = text.charCodeAt(at + word.length);
    if (!isWordChar(before) && !isWordChar(after)) count++;
  }
  return count;
}

function isWordChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code > 127;
}

/** `prod`, `production`, `settings_prod`… in a module's file name. */
const PRODUCTION_NAME = /(^|[_.-])prod(uction)?([_.-]|$)/i;

/** `os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings.production")` and `DJANGO_SETTINGS_MODULE=…`. */
const SETTINGS_MODULE = /DJANGO_SETTINGS_MODULE['"]?\s*[,=:]\s*['"]?([A-Za-z_][\w.]*)/g;

/** Entry points that name the settings module: wsgi/asgi are what servers run, manage.py what developers run. */
const ENTRY_POINTS = /(?:^|\/)(wsgi|asgi|manage)\.py$/;

/**
 * Chooses the modules to judge. Modules connected by star imports form a family; in each family
 * the top-level modules (star-imported by none) are candidates. A candidate named `prod`/`production`
 * wins; otherwise the one named as `DJANGO_SETTINGS_MODULE` by `wsgi.py`/`asgi.py` (then
 * `manage.py`); otherwise every top-level module is judged on its own.
 */
export function chooseModules(loader: ModuleLoader, accepted: readonly string[], host: AdapterHost): LoadedModule[] {
  const loaded = [...loader.modules.values()].filter((m): m is LoadedModule => m !== null);
  const imported = new Set(loaded.flatMap((m) => m.stars));
  const family = new Map<string, string>();
  const find = (p: string): string => {
    let root = p;
    while (family.get(root) !== undefined && family.get(root) !== root) root = family.get(root)!;
    return root;
  };
  for (const m of loaded) {
    if (!family.has(m.path)) family.set(m.path, m.path);
    for (const s of m.stars) {
      if (!family.has(s)) family.set(s, s);
      family.set(find(s), find(m.path));
    }
  }
  const topLevel = accepted.map((p) => loader.modules.get(p)).filter((m): m is LoadedModule => !!m && !imported.has(m.path));
  const groups = new Map<string, LoadedModule[]>();
  for (const m of topLevel) {
    const key = find(m.path);
    groups.set(key, [...(groups.get(key) ?? []), m]);
  }
  // A family that is one star-import cycle has no top-level module: its accepted modules stand in.
  for (const path of accepted) {
    const m = loader.modules.get(path);
    if (m && !groups.has(find(path))) groups.set(find(path), [m]);
  }
  let designated: string[] | undefined;
  const judged: LoadedModule[] = [];
  for (const members of groups.values()) {
    if (members.length === 1) {
      judged.push(members[0]);
      continue;
    }
    const byName = members.filter((m) => PRODUCTION_NAME.test(baseName(m.path)));
    if (byName.length > 0) {
      judged.push(...byName);
      continue;
    }
    designated ??= settingsModules(loader, host);
    const named = designated.map((p) => members.find((m) => m.path === p)).find((m) => m !== undefined);
    if (named) judged.push(named);
    else judged.push(...members);
  }
  return judged;
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1).replace(/\.py$/, '');
}

/** Settings modules named by the project's entry points, servers' first. */
function settingsModules(loader: ModuleLoader, host: AdapterHost): string[] {
  const entries = host
    .listFiles()
    .filter((p) => ENTRY_POINTS.test(p))
    .sort((a, b) => Number(a.endsWith('manage.py')) - Number(b.endsWith('manage.py')));
  const out: string[] = [];
  for (const entry of entries) {
    const text = host.readFile(entry);
    if (text === undefined) continue;
    for (const m of text.matchAll(SETTINGS_MODULE)) {
      const path = loader.absolute(entry, m[1].replace(/\./g, '/'));
      if (path) out.push(path);
    }
  }
  return out;
}

/** The run's accepted files as a path → text map. */
export function textsOf(files: readonly SourceFile[]): Map<string, string> {
  return new Map(files.map((f) => [f.path, f.text]));
}
