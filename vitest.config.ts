import { defineConfig } from 'vitest/config';

/**
 * `npm test` runs every `*.test.ts` under test/. Long runs of the same properties and simulations
 * (more replications, more fast-check runs) are `*.slow.test.ts` files, run by `npm run test:slow`:
 * the bounded versions stay in `npm test`, so no check is dropped from it.
 */
const slow = process.env.SHADOW_SLOW === '1';

export default defineConfig({
  test: {
    include: slow ? ['test/**/*.slow.test.ts'] : ['test/**/*.test.ts'],
    exclude: slow ? ['**/node_modules/**'] : ['**/node_modules/**', 'test/**/*.slow.test.ts'],
    setupFiles: ['./matchers/setup.ts'],
    // End-to-end tests spawn Vitest in a child process and statistics simulations are heavy;
    // individual tests that need longer say so explicitly.
    testTimeout: slow ? 600_000 : 20_000,
    pool: 'forks',
    isolate: false,
  },
});
