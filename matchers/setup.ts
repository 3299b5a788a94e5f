/**
 * vitest-shadow/setup: add this file to Vitest's `setupFiles` to register every matcher and
 * its types.
 *
 * @example
 * // vitest.config.ts
 * export default defineConfig({ test: { setupFiles: ['vitest-shadow/setup'] } });
 */
import { afterEach, expect } from 'vitest';
import { shadowMatchers } from './index.js';
import { unawaitedIn } from './pending.js';
export type {} from './augment.js';

expect.extend(shadowMatchers);

// A matcher given file paths compares asynchronously: a test that does not await it would end
// before the comparison and pass whatever it finds, so it fails here instead. Outside a Vitest
// run (the module imported by plain Node) there is no suite to hook into, and nothing to guard.
const guardUnawaited = async () => {
  const forgotten = await unawaitedIn(expect.getState().currentTestName);
  if (forgotten.length > 0) {
    const m = forgotten[0];
    throw new Error(
      `${m}: the comparison was not awaited, so the test ended before its verdict. Files are compared asynchronously: write \`await expect(shadowPath).${m}(legacyPath, options)\`.`,
    );
  }
};
try {
  afterEach(guardUnawaited);
} catch {
  // not in a Vitest run
}
