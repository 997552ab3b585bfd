import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'rules/**/*.test.ts', 'test/**/*.test.ts', 'scripts/**/*.test.ts'],
    // The truth suite starts real servers and a browser: it has its own command, `npm run test:truth`.
    exclude: ['dist/**', 'node_modules/**', 'test/truth/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
