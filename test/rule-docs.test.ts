// Runs every docs example through its stack's adapter and the rules (Biome's rules_check):
// a bad example gives exactly one finding of its rule, a good one none.
import { describe, expect, it } from 'vitest';
import { lint } from '../src/api.js';
import { builtinRules } from '../rules/index.js';

/** File names examples are linted as, per stack (production paths, so every rule runs). */
const EXAMPLE_FILE: Record<string, string> = {
  s3: 'cors.json',
  nginx: 'nginx.conf',
  express: 'server.js',
  fastify: 'server.js',
  koa: 'server.js',
  nestjs: 'main.ts',
  node: 'server.js',
  django: 'settings.py',
  fastapi: 'main.py',
  flask: 'app.py',
};

describe('rule docs examples', () => {
  for (const rule of builtinRules) {
    rule.meta.docs.examples.forEach((example, i) => {
      it(`${rule.id} example ${i + 1} (${example.stack}, ${example.kind})`, async () => {
        const path = example.filename ?? EXAMPLE_FILE[example.stack];
        expect(path, `no example file name for stack ${example.stack}`).toBeDefined();
        const result = await lint({ cwd: '/corslint-docs-example', files: [{ path, text: example.code }] });
        expect(result.files.map((f) => f.stacks).flat(), 'the example is read by its stack').toContain(example.stack);
        const own = result.findings.filter((f) => f.ruleId === rule.id);
        expect(own.map((f) => f.message)).toHaveLength(example.kind === 'bad' ? 1 : 0);
      });
    });
  }
});
