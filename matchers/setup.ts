/**
 * vitest-shadow/setup: add this file to Vitest's `setupFiles` to register every matcher and
 * its types.
 *
 * @example
 * // vitest.config.ts
 * export default defineConfig({ test: { setupFiles: ['vitest-shadow/setup'] } });
 */
import { expect } from 'vitest';
import { shadowMatchers } from './index.js';
export type {} from './augment.js';

expect.extend(shadowMatchers);
