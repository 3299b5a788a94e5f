/**
 * Seeded data-generating designs for the error-rate simulations of the model-output checks
 * (test/outputs/*.test.ts bounded runs, *.slow.test.ts and scripts/simulate.ts long runs).
 * Every design puts the truth exactly at the decision boundary (a mean difference equal to the
 * margin, an AUC difference equal to −margin, an agreement rate equal to minAgreement), so the
 * pass rate IS the false-pass rate. All randomness comes from the project's PRNG.
 */
import type { Rng } from '../../src/stats/_internal/prng.js';

const exp1 = (rng: Rng) => -Math.log(1 - rng.nextFloat());
/** Student t with 3 df (heavy tails), variance 3. */
const t3 = (rng: Rng) => rng.nextNormal() / Math.sqrt((rng.nextNormal() ** 2 + rng.nextNormal() ** 2 + rng.nextNormal() ** 2) / 3);

/** One equivalence design: legacy and shadow scores whose true mean difference (shadow − legacy) is `sign`·margin. */
export interface EquivalenceDesign {
  name: string;
  paired: boolean;
  n: number;
  margin: number;
  make(rng: Rng, sign: 1 | -1): { legacy: number[]; shadow: number[] };
}

const base = (rng: Rng, n: number) => Array.from({ length: n }, () => 0.5 + 0.1 * rng.nextNormal());

/** Paired designs: shadow = legacy + d with E[d] = ±margin. */
function pairedDesign(name: string, n: number, diff: (rng: Rng) => number, margin = 0.01): EquivalenceDesign {
  return {
    name,
    paired: true,
    n,
    margin,
    make(rng, sign) {
      const legacy = base(rng, n);
      return { legacy, shadow: legacy.map((v) => v + sign * diff(rng)) };
    },
  };
}

/** The designs of issue 11 plus the shapes that already held (normal, heavy-tailed, tied). */
export function equivalenceDesigns(): EquivalenceDesign[] {
  const d = 0.01;
  return [
    pairedDesign('paired normal n=20', 20, (r) => d + 0.02 * r.nextNormal()),
    pairedDesign('paired heavy-tailed (t3) n=20', 20, (r) => d + 0.01 * t3(r)),
    // differences on a 0.005 grid, symmetric about the margin (a grid point), so E[d] = δ exactly
    pairedDesign('paired tied (0.005 grid) n=20', 20, (r) => d + 0.005 * Math.round((0.015 * r.nextNormal()) / 0.005)),
    // sparse: 90% of inputs unchanged; the 10% changed move by an exponential amount of mean 10δ
    ...[20, 200, 2000].map((n) => pairedDesign(`paired sparse (10% changed) n=${n}`, n, (r) => (r.nextFloat() < 0.1 ? 10 * d * exp1(r) : 0))),
    // right-skewed: d = δ + 0.02·(e^{0.75 Z} − e^{0.28125}), mean δ
    ...[20, 200].map((n) => pairedDesign(`paired skewed (lognormal) n=${n}`, n, (r) => d + 0.02 * (Math.exp(0.75 * r.nextNormal()) - Math.exp(0.28125)))),
    {
      name: 'Welch skewed, unequal sizes n=20 vs 60',
      paired: false,
      n: 20,
      margin: 3 * d,
      make(rng, sign) {
        const skewed = () => 0.05 * (Math.exp(0.75 * rng.nextNormal()) - Math.exp(0.28125));
        const legacy = Array.from({ length: 60 }, () => 0.3 + skewed());
        const shadow = Array.from({ length: 20 }, () => 0.3 + sign * 3 * d + skewed());
        return { legacy, shadow };
      },
    },
    {
      name: 'Welch normal n=25 vs 30',
      paired: false,
      n: 25,
      margin: 0.1,
      make(rng, sign) {
        const legacy = Array.from({ length: 30 }, () => 0.5 + 0.1 * rng.nextNormal());
        const shadow = Array.from({ length: 25 }, () => 0.5 + sign * 0.1 + 0.13 * rng.nextNormal());
        return { legacy, shadow };
      },
    },
  ];
}

/** One AUC design: binormal scores, the shadow's population AUC exactly `margin` below the legacy's. */
export interface AucDesign {
  name: string;
  positives: number;
  negatives: number;
  margin: number;
  make(rng: Rng): { legacy: number[]; shadow: number[]; labels: number[] };
}

/** Binormal AUC Φ(μ/√2) inverted: the separation μ giving a population AUC. */
function separation(auc: number): number {
  // Φ⁻¹ by bisection on erf-free normal CDF (Abramowitz-Stegun 26.2.17 is not exact enough; use the project's normalPpf)
  return Math.SQRT2 * normalPpfLocal(auc);
}
import { normalPpf as normalPpfLocal } from '../../src/stats/distributions/normal.js';

function aucDesign(name: string, positives: number, negatives: number, aucLegacy: number, margin: number, rho = 0.8): AucDesign {
  const muL = separation(aucLegacy);
  const muS = separation(aucLegacy - margin);
  return {
    name,
    positives,
    negatives,
    margin,
    make(rng) {
      const legacy: number[] = [];
      const shadow: number[] = [];
      const labels: number[] = [];
      for (let i = 0; i < positives + negatives; i++) {
        const pos = i < positives;
        const e1 = rng.nextNormal();
        const e2 = rng.nextNormal();
        legacy.push((pos ? muL : 0) + e1);
        shadow.push((pos ? muS : 0) + rho * e1 + Math.sqrt(1 - rho * rho) * e2);
        labels.push(pos ? 1 : 0);
      }
      return { legacy, shadow, labels };
    },
  };
}

/** Issue 11's AUC designs: few positives, near 1, and 200 examples. */
export function aucDesigns(): AucDesign[] {
  return [
    aucDesign('10 positives, 90 negatives, AUC 0.80', 10, 90, 0.8, 0.05),
    aucDesign('20 positives, 80 negatives, AUC 0.80', 20, 80, 0.8, 0.05),
    aucDesign('50 positives, 150 negatives (200 examples), AUC 0.85', 50, 150, 0.85, 0.03),
    aucDesign('100 positives, 400 negatives (500 examples), AUC 0.97', 100, 400, 0.97, 0.02),
    aucDesign('30 positives, 470 negatives, AUC 0.97', 30, 470, 0.97, 0.02),
    aucDesign('70 positives, 430 negatives, AUC 0.97', 70, 430, 0.97, 0.02),
    aucDesign('200 positives, 800 negatives, AUC 0.99', 200, 800, 0.99, 0.01),
  ];
}

/** Population distances between N(0, 1) (legacy) and N(μ, 1) (shadow), for designs at the boundary. */
export function normalShiftDistances(mu: number, bins = 10): { ks: number; wasserstein: number; psi: number; jensenShannon: number; energy: number } {
  const edges = Array.from({ length: bins - 1 }, (_, k) => normalPpfLocal((k + 1) / bins));
  const cdf = (x: number) => normalCdfLocal(x);
  const r = 1 / bins;
  let psi = 0;
  let js = 0;
  for (let k = 0; k < bins; k++) {
    const lo = k === 0 ? 0 : cdf(edges[k - 1] - mu);
    const hi = k === bins - 1 ? 1 : cdf(edges[k] - mu);
    const a = hi - lo;
    psi += (a - r) * Math.log(a / r);
    const m = (a + r) / 2;
    js += 0.5 * (r * Math.log(r / m) + a * Math.log(a / m));
  }
  let e2 = 0;
  const h = 1e-3;
  for (let x = -12; x < 12 + Math.abs(mu); x += h) e2 += (cdf(x) - cdf(x - mu)) ** 2 * h;
  return { ks: 2 * cdf(Math.abs(mu) / 2) - 1, wasserstein: Math.abs(mu), psi, jensenShannon: Math.sqrt(js), energy: Math.sqrt(2 * e2) };
}
import { normalCdf as normalCdfLocal } from '../../src/stats/distributions/normal.js';
