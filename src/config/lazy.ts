// Loads the heavier dependencies on first use, so a run that never needs them does not pay for them.
import { createRequire } from 'node:module';
import type { Ajv } from 'ajv';
import type picomatchFn from 'picomatch';
import type ignoreFn from 'ignore';
import type * as YamlModule from 'yaml';
import type * as JsoncParserModule from 'jsonc-parser';

// Measured on Node 20.20 (this repository, one process, after node:path): importing yaml takes
// ~38 ms, ajv ~30 ms, jsonc-parser ~10 ms, picomatch ~7 ms, ignore ~6 ms — as much as node's own
// start-up. The functions that need them are synchronous and run per file, so they are required
// synchronously, once, when first needed (all five packages ship CommonJS entry points).
const requireFromHere = createRequire(import.meta.url);

/** The Ajv class (draft-07). */
export function loadAjv(): typeof Ajv {
  return (requireFromHere('ajv') as { Ajv: typeof Ajv }).Ajv;
}

export function loadPicomatch(): typeof picomatchFn {
  return requireFromHere('picomatch') as typeof picomatchFn;
}

export function loadIgnore(): typeof ignoreFn {
  return requireFromHere('ignore') as typeof ignoreFn;
}

export function loadYaml(): typeof YamlModule {
  return requireFromHere('yaml') as typeof YamlModule;
}

export function loadJsoncParser(): typeof JsoncParserModule {
  return requireFromHere('jsonc-parser') as typeof JsoncParserModule;
}

/**
 * Ajv's verdict function for the config schema shipped in the package, compiled on first use
 * (about 30 ms: paid only by runs that have a config file). The schema is found through the
 * package's own `exports` entry, so it resolves the same from src/, dist/ and an installed copy.
 */
let schemaValidator: ((data: unknown) => boolean) & { errors?: { instancePath: string; message?: string }[] | null } | undefined;
export function loadSchemaValidator(): NonNullable<typeof schemaValidator> {
  if (!schemaValidator) {
    const Ajv = loadAjv();
    const schema = requireFromHere('corslint/schema/corslintrc.schema.json') as object;
    schemaValidator = new Ajv({ allErrors: false, strict: false }).compile(schema) as NonNullable<typeof schemaValidator>;
  }
  return schemaValidator;
}
