// The reporter registry: format name → Reporter. Adding a format is one file plus one line here.
import type { Reporter } from '../model/report.js';
import { github } from './github.js';
import { json } from './json.js';
import { sarif } from './sarif.js';
import { stylish } from './stylish.js';

export type FormatName = 'stylish' | 'json' | 'sarif' | 'github';

/** Every output format, by `--format` name. */
export const formatters: Readonly<Record<FormatName, Reporter>> = { stylish, json, sarif, github };

/** Format names, in the order `--help` lists them. */
export const formatNames: readonly FormatName[] = ['stylish', 'json', 'sarif', 'github'];

/** The reporter for a `--format` value, or undefined for an unknown name (the CLI reports it, exit 2). */
export function getFormatter(name: string): Reporter | undefined {
  return Object.hasOwn(formatters, name) ? formatters[name as FormatName] : undefined;
}

export { decideColor, type ColorInputs } from './color.js';
