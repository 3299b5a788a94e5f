/**
 * Count, mean and M2 (sum of squared deviations) of finite numbers, mergeable by Chan, Golub &
 * LeVeque's pairwise update (1979): n = na + nb, δ = mb − ma, mean = ma + δ·nb/n,
 * M2 = M2a + M2b + δ²·na·nb/n. Values are added by Welford's update. Min and max ride along.
 */
export interface MomentsState {
  n: number;
  mean: number;
  m2: number;
  min: number;
  max: number;
}

export function emptyMoments(): MomentsState {
  return { n: 0, mean: 0, m2: 0, min: Infinity, max: -Infinity };
}

/** Welford's update with one value. */
export function addMoment(s: MomentsState, x: number): void {
  const n = ++s.n;
  const d = x - s.mean;
  s.mean += d / n;
  s.m2 += d * (x - s.mean);
  if (x < s.min) s.min = x;
  if (x > s.max) s.max = x;
}

/** Chan et al.'s merge of b into a. */
export function mergeMoments(a: MomentsState, b: MomentsState): void {
  if (b.n === 0) return;
  if (a.n === 0) {
    Object.assign(a, b);
    return;
  }
  const n = a.n + b.n;
  const d = b.mean - a.mean;
  a.mean += (d * b.n) / n;
  a.m2 += b.m2 + (d * d * a.n * b.n) / n;
  a.n = n;
  if (b.min < a.min) a.min = b.min;
  if (b.max > a.max) a.max = b.max;
}

/** Sample variance M2/(n − 1) (NaN below two values). */
export function sampleVariance(s: MomentsState): number {
  return s.n > 1 ? s.m2 / (s.n - 1) : NaN;
}
