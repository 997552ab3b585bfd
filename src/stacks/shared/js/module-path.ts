// Repository-relative resolution of relative module specifiers (`./config`, `../cors.js`).
import { normalizeRelative } from '../paths.js';

const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '.mts', '.cts'];

/**
 * TypeScript lets `./config.js` name `./config.ts` (moduleResolution node16/nodenext/bundler map the
 * emitted extension back to the source one: TypeScript handbook, "Modules - Reference",
 * "Extension substitution").
 */
const TS_SUBSTITUTES: Record<string, string[]> = {
  '.js': ['.ts', '.tsx'],
  '.jsx': ['.tsx'],
  '.mjs': ['.mts'],
  '.cjs': ['.cts'],
};

/** Whether a specifier is relative (`./x`, `../x`); bare package names and absolute paths are not. */
export function isRelativeSpecifier(source: string): boolean {
  return source === '.' || source === '..' || source.startsWith('./') || source.startsWith('../');
}

/**
 * The files a relative specifier may name, most likely first: the path itself if it has a source
 * extension, its TypeScript substitutes, then the path with each source extension, then
 * `<path>/index.<ext>`. `from` is the importing file's repository-relative path.
 */
export function moduleCandidates(from: string, source: string): string[] {
  const slash = from.lastIndexOf('/');
  const dir = slash === -1 ? '' : from.slice(0, slash);
  const base = normalizeRelative(dir === '' ? source : `${dir}/${source}`);
  if (base === undefined) return [];
  const candidates: string[] = [];
  const ext = /\.[cm]?[jt]sx?$/.exec(base)?.[0];
  if (ext) {
    candidates.push(base);
    const stem = base.slice(0, -ext.length);
    for (const sub of TS_SUBSTITUTES[ext] ?? []) candidates.push(stem + sub);
  }
  if (base !== '') for (const e of SOURCE_EXTENSIONS) candidates.push(base + e);
  for (const e of SOURCE_EXTENSIONS) candidates.push(base === '' ? `index${e}` : `${base}/index${e}`);
  return candidates;
}
