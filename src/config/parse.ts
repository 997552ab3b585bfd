// Turns a config file's text into a plain value: strict JSON, YAML, or package.json's "corslint" key.
import type { ParseError } from 'jsonc-parser';
import { LineIndex } from '../model/index.js';
import { ConfigError } from './config-error.js';
import { loadJsoncParser, loadYaml } from './lazy.js';

/** The file's base name, whichever separator the path uses. */
function baseName(filePath: string): string {
  return filePath.slice(Math.max(filePath.lastIndexOf('/'), filePath.lastIndexOf('\\')) + 1);
}

/**
 * Parses a config file's text. `.yaml`/`.yml` files are YAML, `package.json` yields its
 * `corslint` key (undefined when it has none), anything else is strict JSON. Syntax errors throw a
 * {@link ConfigError} with `line:column`.
 */
export function parseConfigText(text: string, filePath: string): unknown {
  // A byte-order mark is what some Windows editors write first; neither parser wants it.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const name = baseName(filePath);
  if (/\.ya?ml$/i.test(name)) return parseYaml(body, filePath);
  const value = parseJson(body, filePath);
  if (name === 'package.json') {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw new ConfigError('package.json must contain a JSON object', { file: filePath });
    }
    return (value as Record<string, unknown>).corslint;
  }
  return value;
}

function parseJson(text: string, filePath: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    // JSON.parse's messages carry an offset in a V8-specific wording; jsonc-parser is used (only
    // on this error path) for a stable position and reason. Comments and trailing commas count as
    // errors: the file is strict JSON.
    const jsonc = loadJsoncParser();
    const errors: ParseError[] = [];
    jsonc.parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
    const first = errors[0];
    if (first === undefined) {
      throw new ConfigError(`invalid JSON: ${(error as Error).message}`, { file: filePath });
    }
    const { line, column } = new LineIndex(text).position(first.offset);
    const reason = jsonc.printParseErrorCode(first.error).replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
    throw new ConfigError(`invalid JSON: ${reason}`, { file: `${filePath}:${line}:${column}` });
  }
}

function parseYaml(text: string, filePath: string): unknown {
  const yaml = loadYaml();
  // yaml 2 reads YAML 1.2 by default, where `off` is a string (in YAML 1.1 it is the boolean
  // false), so `rule: off` means the level "off" (eemeli/yaml docs, "Options: version").
  const document = yaml.parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  const first = document.errors[0];
  if (first !== undefined) {
    // With prettyErrors the message ends in " at line L, column C:" and a code frame; the
    // position goes into the file prefix instead.
    const reason = first.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    const position = first.linePos?.[0];
    const where = position ? `${filePath}:${position.line}:${position.col}` : filePath;
    throw new ConfigError(`invalid YAML: ${reason}`, { file: where });
  }
  // An empty file (or one holding only comments) is an empty config, not an error.
  return document.contents === null ? {} : document.toJS();
}
