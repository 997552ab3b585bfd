// Colour for human output: the on/off decision (flag, FORCE_COLOR, NO_COLOR, TTY) and a few ANSI styles.

/** What the CLI knows when it decides on colour. */
export interface ColorInputs {
  /** `--color` (true) or `--no-color` (false); undefined when neither was given. */
  flag?: boolean;
  env: Readonly<Record<string, string | undefined>>;
  /** Whether the output stream is a terminal that can show colour (`isTTY && hasColors()`). */
  isTTY: boolean;
}

/**
 * Whether to colour output. Precedence (reference/integration.md §5.5): the flag, then
 * `FORCE_COLOR`, then `NO_COLOR`, then the terminal.
 */
export function decideColor({ flag, env, isTTY }: ColorInputs): boolean {
  if (flag !== undefined) return flag;
  const force = env.FORCE_COLOR;
  // Same reading as Node's own `getColorDepth` (nodejs/node lib/internal/tty.js): '', '1', 'true',
  // '2' and '3' turn colour on even without a terminal; any other value ('0', 'false') turns it off.
  if (force !== undefined) return ['', '1', '2', '3', 'true'].includes(force);
  // https://no-color.org: "when present and not an empty string".
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return isTTY;
}

/** ANSI styles that do nothing when colour is off. */
export interface Styles {
  bold(text: string): string;
  dim(text: string): string;
  underline(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  blue(text: string): string;
  gray(text: string): string;
  green(text: string): string;
}

// SGR open/close pairs; each closes only its own attribute so styles can nest.
function sgr(open: number, close: number): (text: string) => string {
  return (text) => `\u001b[${open}m${text}\u001b[${close}m`;
}

const identity = (text: string): string => text;

/** The styles for `color` on or off. */
export function styles(color: boolean): Styles {
  if (!color) {
    return { bold: identity, dim: identity, underline: identity, red: identity, yellow: identity, blue: identity, gray: identity, green: identity };
  }
  return {
    bold: sgr(1, 22),
    dim: sgr(2, 22),
    underline: sgr(4, 24),
    red: sgr(31, 39),
    yellow: sgr(33, 39),
    blue: sgr(34, 39),
    gray: sgr(90, 39),
    green: sgr(32, 39),
  };
}
