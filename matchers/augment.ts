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

declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  interface Assertion<T = any> extends ShadowMatchers<T> {}
  interface AsymmetricMatchersContaining extends ShadowMatchers {}
}
