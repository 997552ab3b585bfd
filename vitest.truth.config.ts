import { defineConfig } from 'vitest/config';

// The differential truth suite (`npm run test:truth`): real servers and Chromium, so long timeouts
// and two workers on the 2-core CI machine.
export default defineConfig({
  test: {
    include: ['test/truth/**/*.truth.test.ts'],
    exclude: ['dist/**', 'node_modules/**'],
    testTimeout: 180_000,
    hookTimeout: 120_000,
    maxWorkers: 2,
  },
});
