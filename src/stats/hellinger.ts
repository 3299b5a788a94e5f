import { checkDistributions, hellingerNormalised } from './_internal/checkDistribution.js';

/**
 * Hellinger distance between two discrete distributions (histograms over the same bins):
 * H(p, q) = √(1 − Σ √(p_i q_i)) = ‖√p − √q‖₂ / √2, computed in the second form (no
 * cancellation for near-equal inputs). Inputs are normalised to sum 1. In [0, 1]: 0 iff p = q,
 * 1 iff the supports are disjoint. Some texts omit the 1/√2 (range [0, √2]); this one keeps it.
 * Symmetric, a metric. O(k). For samples, bin them first with {@link binOnReference}.
 *
 * @example
 * hellinger([1, 0], [0, 1]); // => 1
 * hellinger([0.25, 0.75], [0.5, 0.5]); // => 0.18459191128251476 (approximately)
 */
export function hellinger(p: ArrayLike<number>, q: ArrayLike<number>): number {
  const [a, b] = checkDistributions('hellinger', p, q);
  return hellingerNormalised(a, b);
}
