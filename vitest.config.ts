import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['./matchers/setup.ts'],
    // End-to-end tests spawn Vitest in a child process and statistics simulations are heavy;
    // individual tests that need longer say so explicitly.
    testTimeout: 20_000,
    pool: 'forks',
  },
});
