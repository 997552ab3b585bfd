// Source files and spans: every value in the model points back at the text it came from.

/** A file handed to an adapter: a repository-relative path with `/` separators, and its text. */
export interface SourceFile {
  path: string;
  text: string;
}

/**
 * A range in a file. Lines and columns are 1-based; columns count UTF-16 code units (what JS
 * string indices and SARIF's default `columnKind` use); `endColumn` is exclusive, as in SARIF.
 */
export interface SourceSpan {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** Maps string offsets to 1-based line/column pairs. Built once per file, O(log n) per lookup. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.starts.push(i + 1);
      }
    }
  }

  /** 1-based line and column of a 0-based offset. */
  position(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo] + 1 };
  }

  /** 0-based offset of the start of a 1-based line. */
  lineStart(line: number): number {
    return this.starts[Math.min(Math.max(line - 1, 0), this.starts.length - 1)];
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** The text of a 1-based line without its line break. */
  lineText(line: number): string {
    const start = this.lineStart(line);
    const next = line < this.starts.length ? this.starts[line] : this.text.length;
    return this.text.slice(start, next).replace(/\r?\n$|\r$/, '');
  }

  span(file: string, start: number, end: number): SourceSpan {
    const a = this.position(start);
    const b = this.position(Math.max(end, start));
    return { file, line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
  }
}

/** A span covering a whole file's first line, for findings about a file as a whole. */
export function fileSpan(file: string): SourceSpan {
  return { file, line: 1, column: 1, endLine: 1, endColumn: 1 };
}
