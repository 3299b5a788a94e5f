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

/**
 * Welford's update with one value. Where the value and the mean lie more than the double range
 * apart (1e308 against −1e308), their difference overflows: the mean is then the weighted sum of
 * the two (finite), and M2 Infinity (the spread lies past the range).
 */
export function addMoment(s: MomentsState, x: number): void {
  const n = ++s.n;
  const d = x - s.mean;
  if (Number.isFinite(d)) {
    s.mean += d / n;
    s.m2 += d * (x - s.mean);
  } else {
    s.mean = s.mean * ((n - 1) / n) + x / n;
    s.m2 = Infinity;
  }
  if (x < s.min) s.min = x;
  if (x > s.max) s.max = x;
}

/** Chan et al.'s merge of b into a (two means more than the double range apart: as in addMoment). */
export function mergeMoments(a: MomentsState, b: MomentsState): void {
  if (b.n === 0) return;
  if (a.n === 0) {
    Object.assign(a, b);
    return;
  }
  const n = a.n + b.n;
  const d = b.mean - a.mean;
  const step = (d * b.n) / n;
  if (Number.isFinite(step)) {
    a.mean += step;
    a.m2 += b.m2 + (d * d * a.n * b.n) / n;
  } else {
    a.mean = a.mean * (a.n / n) + b.mean * (b.n / n);
    a.m2 = Infinity;
  }
  a.n = n;
  if (b.min < a.min) a.min = b.min;
  if (b.max > a.max) a.max = b.max;
}

/** Sample variance M2/(n − 1) (NaN below two values). */
export function sampleVariance(s: MomentsState): number {
  return s.n > 1 ? s.m2 / (s.n - 1) : NaN;
}
