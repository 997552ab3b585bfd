// The one error type for anything wrong with configuration: the CLI prints its message and exits 2.

/** A configuration problem. The message is one line: `<file>: <json path>: <problem>[; hint]`. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  /** The config (or plugin) file the problem is in, as given. */
  readonly file?: string;
  /** RFC 6901 JSON pointer to the offending value (`/rules/origin-anyy`), when there is one. */
  readonly pointer?: string;

  constructor(problem: string, where: { file?: string; pointer?: string } = {}) {
    const prefix = [where.file, where.pointer].filter((part) => part !== undefined && part !== '').join(': ');
    // Messages are printed as a single line on stderr (DESIGN.md "Exit codes"), so any line break
    // that slipped in through a quoted value or a parser's message is flattened here.
    super((prefix ? `${prefix}: ${problem}` : problem).replace(/\s*[\r\n]+\s*/g, ' '));
    this.file = where.file;
    this.pointer = where.pointer;
  }
}

/** An RFC 6901 JSON pointer for a path of keys and indexes (`~` → `~0`, `/` → `~1`). */
export function jsonPointer(path: readonly (string | number)[]): string {
  return path.map((key) => '/' + String(key).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

/** A value quoted for a message: JSON, shortened so that one bad value cannot flood the line. */
export function quote(value: unknown): string {
  const text = value === undefined ? 'undefined' : JSON.stringify(value) ?? String(value);
  return text.length > 60 ? text.slice(0, 57) + '...' : text;
}
