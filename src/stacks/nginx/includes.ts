// nginx `include` linking: glob resolution inside the scanned root, inline expansion, cycle detection.
import type { AdapterHost } from '../../model/adapter.js';
import type { Diagnostic } from '../../model/policy.js';
import type { NginxDirective, NginxParseResult } from './parser.js';
import { parseNginx, withBlock } from './parser.js';
import { normalizeRelative } from '../shared/paths.js';

/** Folders whose files Debian, Docker images and nginx-proxy include from the folder above them. */
const CONVENTIONAL_DIRS = new Set(['conf.d', 'sites-available', 'sites-enabled', 'vhost.d', 'snippets']);

/**
 * Compiled-in configuration prefixes of common builds (Debian/Ubuntu/Alpine and the official Docker
 * image `/etc/nginx`, source builds `/usr/local/nginx/conf`, FreeBSD and Homebrew): an absolute
 * include under one of them is looked up relative to the prefix of the scanned configuration.
 */
const SYSTEM_PREFIXES = ['/etc/nginx/', '/usr/local/nginx/conf/', '/usr/local/etc/nginx/', '/opt/homebrew/etc/nginx/'];

/** Parses each file once per run and remembers the results (files are shared by several roots). */
export class NginxFiles {
  private readonly parsed = new Map<string, NginxParseResult | null>();
  private listed: readonly string[] | undefined;
  private readonly texts: Map<string, string>;

  constructor(
    private readonly host: AdapterHost,
    given: readonly { path: string; text: string }[],
  ) {
    this.texts = new Map(given.map((f) => [f.path, f.text]));
  }

  /** The parse of a file under the scanned root, or undefined when it does not exist. */
  parse(path: string): NginxParseResult | undefined {
    let result = this.parsed.get(path);
    if (result === undefined) {
      const text = this.texts.get(path) ?? this.host.readFile(path);
      result = text === undefined ? null : parseNginx(text, path);
      this.parsed.set(path, result);
    }
    return result ?? undefined;
  }

  /** Whether a parsed file has an `include` directive anywhere. */
  hasInclude(path: string): boolean {
    return this.parsed.get(path)?.hasInclude ?? false;
  }

  exists(path: string): boolean {
    return this.texts.has(path) || this.host.readFile(path) !== undefined;
  }

  list(): readonly string[] {
    this.listed ??= this.host.listFiles();
    return this.listed;
  }

  /** Every file parsed so far (for reporting each file's syntax errors once). */
  parsedFiles(): [string, NginxParseResult][] {
    return [...this.parsed].filter((e): e is [string, NginxParseResult] => e[1] !== null);
  }
}

function dirname(path: string): string {
  const at = path.lastIndexOf('/');
  return at < 0 ? '' : path.slice(0, at);
}

/**
 * The configuration prefix nginx resolves relative includes against (`ngx_conf_full_name` with the
 * conf prefix, src/core/ngx_conf_file.c): the folder of the top-level file, or the folder above a
 * conventional one (`sites-enabled/x` is included from `/etc/nginx/nginx.conf`).
 */
export function prefixOf(rootPath: string): string {
  const dir = dirname(rootPath);
  const base = dir.slice(dir.lastIndexOf('/') + 1);
  return CONVENTIONAL_DIRS.has(base) ? dirname(dir) : dir;
}

/** Joins and normalises `a/b/../c`; undefined when the result would leave the scanned root. */
export function joinPath(base: string, rel: string): string | undefined {
  return normalizeRelative(`${base}/${rel}`);
}

/** glob(3) syntax as nginx's `ngx_open_glob` uses it: `*`, `?` and `[…]`, none crossing `/`. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close < 0) re += '\\[';
      else {
        let body = glob.slice(i + 1, close);
        if (body.startsWith('!')) body = '^' + body.slice(1);
        re += `[${body.replace(/\\/g, '\\\\')}]`;
        i = close;
      }
    } else re += c.replace(/[.+^${}()|\\/]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

const hasGlob = (s: string) => /[*?[]/.test(s);

/**
 * Files an `include` argument names, in the order nginx reads them (glob results sorted). Relative
 * arguments are tried against the prefix first (what nginx does), then against the including
 * file's folder (what repositories that ship a config fragment usually mean). Nothing outside the
 * scanned root is ever reached.
 */
export function resolveInclude(arg: string, includingFile: string, prefix: string, files: NginxFiles): string[] {
  let rel = arg;
  if (rel.startsWith('/')) {
    const system = SYSTEM_PREFIXES.find((p) => rel.startsWith(p));
    if (!system) return [];
    rel = rel.slice(system.length);
  }
  const bases = [...new Set([prefix, dirname(includingFile)])];
  for (const base of bases) {
    const joined = joinPath(base, rel);
    if (joined === undefined) continue;
    if (!hasGlob(joined)) {
      if (files.exists(joined)) return [joined];
      continue;
    }
    const re = globToRegExp(joined);
    const matches = files.list().filter((p) => re.test(p));
    // glob(3) sorts its results (ngx_open_glob does not pass GLOB_NOSORT); byte order, as in the C locale.
    if (matches.length > 0) return matches.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }
  return [];
}

/** A configuration tree with every `include` replaced by the directives of the files it names. */
export interface ExpandedConfig {
  directives: NginxDirective[];
  /** Every file read for this tree, the root first. */
  files: string[];
  diagnostics: Diagnostic[];
}

/**
 * Expands includes inline, as nginx does while reading (`ngx_conf_include` parses the file in the
 * current context). Spans keep pointing into the included files. An include that leads back to a
 * file being expanded is reported (`config-invalid`) and not followed.
 */
export function expandIncludes(rootPath: string, files: NginxFiles): ExpandedConfig {
  const prefix = prefixOf(rootPath);
  const result: ExpandedConfig = { directives: [], files: [rootPath], diagnostics: [] };
  const seen = new Set([rootPath]);
  // Returns `list` itself when nothing in it includes anything, so include-free trees are not copied.
  const expand = (list: NginxDirective[], file: string, chain: string[]): NginxDirective[] => {
    if (!files.hasInclude(file)) return list;
    let out: NginxDirective[] | undefined;
    for (let i = 0; i < list.length; i++) {
      const d = list[i];
      const isInclude = d.name === 'include' && d.args.length === 1 && d.block === undefined;
      const block = d.block && !isInclude ? expand(d.block, file, chain) : d.block;
      if (!isInclude && block === d.block) {
        out?.push(d);
        continue;
      }
      out ??= list.slice(0, i);
      if (!isInclude) {
        out.push(withBlock(d, block));
        continue;
      }
      {
        for (const target of resolveInclude(d.args[0].value, file, prefix, files)) {
          if (chain.includes(target)) {
            result.diagnostics.push({
              ruleId: 'config-invalid',
              message: `include cycle: "${target}" includes itself through ${[...chain.slice(chain.indexOf(target)), target].map((f) => `"${f}"`).join(' → ')}; nginx never finishes reading it`,
              span: d.span,
            });
            continue;
          }
          const parsed = files.parse(target);
          if (!parsed) continue;
          if (!seen.has(target)) {
            seen.add(target);
            result.files.push(target);
          }
          for (const x of expand(parsed.directives, target, [...chain, target])) out.push(x);
        }
      }
    }
    return out ?? list;
  };
  const root = files.parse(rootPath);
  if (root) result.directives = expand(root.directives, rootPath, [rootPath]);
  return result;
}
