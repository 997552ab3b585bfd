// Offline SARIF validation for tests: the vendored OASIS 2.1.0 schema with Ajv (2020-12) and with jsonschema@1.5.0 (what upload-sarif runs).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { Validator } from 'jsonschema';

const schemaPath = fileURLToPath(new URL('../schema/sarif-2.1.0.json', import.meta.url));

let schema: Record<string, unknown> | undefined;
function loadSchema(): Record<string, unknown> {
  schema ??= JSON.parse(readFileSync(schemaPath, 'utf8')) as Record<string, unknown>;
  return schema;
}

// ajv-formats is CommonJS: its ESM default import is `module.exports`, the plugin function, which
// also carries itself as `.default` (ajv-formats dist/index.js); `.default` is what TypeScript types.
const addFormats = addFormatsModule.default;

let ajvValidate: ValidateFunction | undefined;

/**
 * Schema errors from Ajv 2020 + ajv-formats, `allErrors` on. Not `strict: true`: that turns on
 * `strictRequired`, which the official schema fails (reference/integration.md §2.3).
 */
export function ajvSarifErrors(log: unknown): string[] {
  if (!ajvValidate) {
    const ajv = new Ajv2020({ allErrors: true });
    addFormats(ajv);
    ajvValidate = ajv.compile(loadSchema());
  }
  if (ajvValidate(log)) return [];
  return (ajvValidate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword} ${JSON.stringify(e.params)}`);
}

/**
 * Schema errors from jsonschema@1.5.0, as upload-sarif's `validateSarifFileSchema` reports them:
 * `uri`/`uri-reference` format errors are only warnings there (reference/integration.md §2.4).
 */
export function jsonschemaSarifErrors(log: unknown): { errors: string[]; warnings: string[] } {
  const result = new Validator().validate(log, loadSchema());
  const errors: string[] = [];
  const warnings: string[] = [];
  for (const e of result.errors) {
    const isUriFormat = e.name === 'format' && (e.argument === 'uri' || e.argument === 'uri-reference');
    (isUriFormat ? warnings : errors).push(e.stack);
  }
  return { errors, warnings };
}
