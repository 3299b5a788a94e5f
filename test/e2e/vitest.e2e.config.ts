import { defineConfig } from 'vitest/config';

/**
 * `npm run test:e2e`: the nightly end-to-end test (generated consumer project, three simulated
 * nights, headless Chromium). Kept out of `npm test` because it spawns five Vitest runs (~40 s);
 * .ci/run runs it on Node 20/Vitest 4.1 and on Node 22/Vitest 5 against the packed package.
 */
export default defineConfig({
  test: {
    root: new URL('../../', import.meta.url).pathname,
    include: ['test/e2e/*.e2e.ts'],
    testTimeout: 240_000,
    hookTimeout: 240_000,
    pool: 'forks',
  },
});
