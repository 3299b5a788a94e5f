import { betaIsf, betaPpf } from '../distributions/beta.js';
import type { Alternative, ConfidenceInterval } from '../testResult.js';

/**
 * Clopper-Pearson interval from beta quantiles: lower = B⁻¹(α; k, n − k + 1),
 * upper = B⁻¹(1 − α; k + 1, n − k), with α = (1 − level)/2 two-sided, 1 − level one-sided.
 */
export function clopperPearson(k: number, n: number, level: number, alternative: Alternative): ConfidenceInterval {
  const alpha = alternative === 'two-sided' ? (1 - level) / 2 : 1 - level;
  const lower = alternative === 'less' || k === 0 ? 0 : betaPpf(alpha, k, n - k + 1);
  const upper = alternative === 'greater' || k === n ? 1 : betaIsf(alpha, k + 1, n - k);
  return { lower, upper, level };
}
