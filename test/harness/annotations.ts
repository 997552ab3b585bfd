// Fixture expectations: `expect:` comments in the stack's own syntax, or a `.expect` sidecar for JSON.

/** One expected finding. */
export interface Expectation {
  file: string;
  line: number;
  column?: number;
  ruleId: string;
  fragment?: string;
}

export interface FixtureSpec {
  expectations: Expectation[];
  /** `fixture-options: {...}` header: config (e.g. rule settings) for this fixture. */
  options?: { rules?: Record<string, unknown>; trustedOrigins?: string[] };
}

/** Comment token per file kind; JSON has none and uses a sidecar. */
export function commentToken(path: string): '#' | '//' | undefined {
  if (/\.(py|conf|nginx|ya?ml|template|toml|txt)$|(^|\/)(nginx\.conf|[^/.]+)$/i.test(path)) return '#';
  if (/\.(c|m)?(j|t)sx?$/i.test(path)) return '//';
  return undefined;
}

const ANNOTATION = /^(?:\d+\s+)?(?:[a-z0-9-]+\/)?[a-z0-9-]+(?:\s+"[^"]*")?$/;

function parseBody(body: string): { column?: number; ruleId: string; fragment?: string } | undefined {
  const m = /^(?:(\d+)\s+)?((?:[a-z0-9-]+\/)?[a-z0-9-]+)(?:\s+"([^"]*)")?\s*$/.exec(body.trim());
  if (!m) return undefined;
  return { column: m[1] ? Number(m[1]) : undefined, ruleId: m[2], fragment: m[3] };
}

/**
 * Reads the annotations of a fixture. Trailing `expect:` comments apply to their line; own-line
 * ones to the next line that is not itself an annotation (so several can be stacked).
 */
export function parseAnnotations(path: string, text: string, sidecar?: string): FixtureSpec {
  const spec: FixtureSpec = { expectations: [] };
  if (sidecar !== undefined) {
    for (const raw of sidecar.split(/\r?\n/)) {
      const line = raw.trim();
      if (line === '' || line.startsWith('#')) continue;
      if (line.startsWith('fixture-options:')) {
        spec.options = JSON.parse(line.slice('fixture-options:'.length)) as FixtureSpec['options'];
        continue;
      }
      const m = /^(\d+)(?::(\d+))?\s+(.*)$/.exec(line);
      const body = m && parseBody(m[3]);
      if (!m || !body) throw new Error(`${path}.expect: cannot read "${line}"`);
      spec.expectations.push({ file: path, line: Number(m[1]), column: m[2] ? Number(m[2]) : undefined, ruleId: body.ruleId, fragment: body.fragment });
    }
    return spec;
  }
  const token = commentToken(path);
  if (!token) throw new Error(`${path}: no comment syntax known; use a .expect sidecar`);
  const lines = text.split(/\r?\n|\r/);
  const pending: Omit<Expectation, 'line'>[] = [];
  const marker = `${token} expect:`;
  lines.forEach((lineText, i) => {
    const line = i + 1;
    const optionsAt = lineText.indexOf(`${token} fixture-options:`);
    if (line === 1 && optionsAt !== -1) {
      spec.options = JSON.parse(lineText.slice(optionsAt + token.length + ' fixture-options:'.length)) as FixtureSpec['options'];
      return;
    }
    const at = lineText.indexOf(marker);
    if (at === -1) {
      if (lineText.trim() !== '' && pending.length > 0) for (const p of pending.splice(0)) spec.expectations.push({ ...p, line });
      return;
    }
    const body = lineText.slice(at + marker.length);
    if (!ANNOTATION.test(body.trim())) throw new Error(`${path}:${line}: cannot read the annotation "${body.trim()}"`);
    const parsed = parseBody(body) as NonNullable<ReturnType<typeof parseBody>>;
    const expectation = { file: path, ruleId: parsed.ruleId, column: parsed.column, fragment: parsed.fragment };
    if (lineText.slice(0, at).trim() === '') pending.push(expectation);
    else {
      for (const p of pending.splice(0)) spec.expectations.push({ ...p, line });
      spec.expectations.push({ ...expectation, line });
    }
  });
  if (pending.length > 0) throw new Error(`${path}: an own-line expect: annotation at the end of the file applies to no line`);
  return spec;
}

export interface ActualFinding {
  ruleId: string;
  file: string;
  line: number;
  column: number;
  message: string;
}

/** Exhaustive two-way matching: every finding needs an annotation and every annotation a finding. */
export function matchExpectations(expected: readonly Expectation[], actual: readonly ActualFinding[]): { unexpected: ActualFinding[]; missing: Expectation[] } {
  const open = [...expected];
  const unexpected: ActualFinding[] = [];
  for (const f of actual) {
    const i = open.findIndex(
      (e) =>
        e.file === f.file &&
        e.line === f.line &&
        e.ruleId === f.ruleId &&
        (e.column === undefined || e.column === f.column) &&
        (e.fragment === undefined || f.message.includes(e.fragment)),
    );
    if (i === -1) unexpected.push(f);
    else open.splice(i, 1);
  }
  return { unexpected, missing: open };
}
