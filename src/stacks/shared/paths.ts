// Repository-relative path arithmetic shared by adapters that follow references between files.

/** `a/b/../c/./d` → `a/c/d`; undefined when `..` climbs above the scanned root. */
export function normalizeRelative(path: string): string | undefined {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length === 0) return undefined;
      out.pop();
    } else out.push(part);
  }
  return out.join('/');
}
