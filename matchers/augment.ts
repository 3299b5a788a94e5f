/**
 * Type augmentation for Vitest's `expect`: importing `vitest-shadow/setup` (or this file) makes
 * every vitest-shadow matcher known to TypeScript on `expect(x)` and as an asymmetric matcher.
 */
import type { CompareEventsOptions } from '../src/compare/compareEvents.js';
import type { DatasetInput } from '../src/dataset/toRows.js';

/**
 * The vitest-shadow matchers as they appear on `expect(received)`.
 *
 * @example
 * expect(shadowRows).toApproximatelyMatch(legacyRows, { key: 'id' });
 */
export interface ShadowMatchers<R = unknown> {
  // ── Event tier ──
  /**
   * Passes when the received (shadow) events approximately match the legacy events under
   * `options` (see compareEvents).
   * @example
   * expect(shadow).toApproximatelyMatch(legacy, { key: 'id', fields: { price: { abs: 0.01 } } });
   */
  toApproximatelyMatch(legacy: DatasetInput, options: CompareEventsOptions): R;

  // ── Sequence tier ──

  // ── Statistics ──
}

// Vitest 4.x merges custom matchers through `Matchers<T>` (measured on 4.1.12: augmenting
// `Assertion<T>` does not reach `expect(x)`). Vitest 5 declares `Matchers<R, T>` instead; its
// users add, in a .d.ts of their own (see README, "Vitest 5"):
//   declare module 'vitest' { interface Matchers<R, T> extends ShadowMatchers<R> {} }
declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  interface Matchers<T = any> extends ShadowMatchers<T> {}
  interface AsymmetricMatchersContaining extends ShadowMatchers {}
}
