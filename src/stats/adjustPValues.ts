import { ShadowOptionError, assertOneOf, describeValue } from '../_internal/options.js';

/** The adjustment methods of {@link adjustPValues}. */
export type PAdjustMethod = 'bonferroni' | 'holm' | 'bh' | 'by';

/**
 * Adjusts p-values for multiple testing, returning adjusted p-values in the input order (reject
 * H_i at family level α iff adjusted p_i ≤ α). With p_(1) ≤ … ≤ p_(m) sorted ascending:
 * - `'bonferroni'`: min(1, m·p_i) — family-wise error rate.
 * - `'holm'`: p̃_(i) = max_{j ≤ i} min(1, (m − j + 1)·p_(j)) — FWER, step-down, uniformly more
 *   powerful than Bonferroni (Holm 1979).
 * - `'bh'`: p̃_(i) = min_{j ≥ i} min(1, m·p_(j)/j) — false discovery rate under independence or
 *   positive dependence (Benjamini–Hochberg 1995).
 * - `'by'`: as `'bh'` with m replaced by m·Σ_{k=1..m} 1/k — FDR under any dependence
 *   (Benjamini–Yekutieli 2001).
 * Equals `scipy.stats.false_discovery_control(p, method='bh'|'by')` and statsmodels'
 * `multipletests(p, method='bonferroni'|'holm'|'fdr_bh'|'fdr_by')[1]`. O(m log m).
 *
 * @example
 * adjustPValues([0.01, 0.04, 0.03], 'holm'); // => [0.03, 0.06, 0.06]
 * adjustPValues([0.01, 0.04, 0.03], 'bh'); // => [0.03, 0.04, 0.04]
 */
export function adjustPValues(pValues: readonly number[], method: PAdjustMethod): number[] {
  const fn = 'adjustPValues';
  assertOneOf(fn, 'method', method, ['bonferroni', 'holm', 'bh', 'by'] as const);
  if (!Array.isArray(pValues)) throw new ShadowOptionError(`${fn}: pValues must be an array of numbers, got ${describeValue(pValues)}`);
  const m = pValues.length;
  for (let i = 0; i < m; i++) {
    const p = pValues[i];
    if (typeof p !== 'number' || !(p >= 0 && p <= 1)) {
      throw new ShadowOptionError(`${fn}: pValues[${i}] must be a p-value in [0, 1], got ${describeValue(p)}`);
    }
  }
  if (m === 0) return [];
  const order = Array.from({ length: m }, (_, i) => i).sort((a, b) => pValues[a] - pValues[b] || a - b);
  const out = new Array<number>(m);
  if (method === 'bonferroni') {
    for (let i = 0; i < m; i++) out[i] = Math.min(1, m * pValues[i]);
  } else if (method === 'holm') {
    let running = 0;
    for (let j = 0; j < m; j++) {
      running = Math.max(running, Math.min(1, (m - j) * pValues[order[j]]));
      out[order[j]] = running;
    }
  } else {
    let c = 1;
    if (method === 'by') {
      c = 0;
      for (let k = 1; k <= m; k++) c += 1 / k;
    }
    let running = 1;
    for (let j = m - 1; j >= 0; j--) {
      running = Math.min(running, pValues[order[j]] * ((c * m) / (j + 1)));
      out[order[j]] = Math.min(1, running);
    }
  }
  return out;
}
