/**
 * Long seeded simulations of the error rates that the model-output checks promise (issue 11).
 *
 *   npx tsx scripts/simulate.ts [replications] [filter]
 *
 * Prints a Markdown table: design, replications, pass rate at the boundary (the false-pass rate)
 * with its standard error √(p(1 − p)/R). The tables in docs/compareEquivalence.md,
 * docs/compareAuc.md, docs/compareAgreement.md and docs/compareDistribution.md come from this.
 */
import { compareEquivalence } from '../src/outputs/compareEquivalence.js';
import { createRng } from '../src/stats/_internal/prng.js';
import { compareAuc } from '../src/outputs/compareAuc.js';
import { compareDistribution } from '../src/outputs/compareDistribution.js';
import { aucDesigns, equivalenceDesigns, normalShiftDistances } from '../test/outputs/_scenarios.js';

const R = Number(process.argv[2] ?? 1000);
const filter = process.argv[3] ?? '';
const se = (p: number, r: number) => Math.sqrt((p * (1 - p)) / r);
const fmt = (p: number, r: number) => `${(100 * p).toFixed(2)} % ± ${(100 * se(p, r)).toFixed(2)}`;

console.log(`| check | design | replications | pass rate at the margin (± SE) |`);
console.log(`|---|---|---|---|`);
for (const design of equivalenceDesigns()) {
  if (!`equivalence ${design.name}`.includes(filter)) continue;
  for (const sign of [1, -1] as const) {
    const rng = createRng(20261206 + design.n + (sign > 0 ? 0 : 1));
    let pass = 0;
    const t0 = Date.now();
    for (let k = 0; k < R; k++) {
      const { legacy, shadow } = design.make(rng, sign);
      if (compareEquivalence(legacy, shadow, { margin: design.margin, paired: design.paired, seed: k }).verdict === 'pass') pass++;
    }
    console.log(`| compareEquivalence | ${design.name}, true difference ${sign > 0 ? '+' : '−'}δ | ${R} | ${fmt(pass / R, R)} |  <!-- ${((Date.now() - t0) / 1000).toFixed(1)} s -->`);
  }
}

for (const design of aucDesigns()) {
  if (!`auc ${design.name}`.includes(filter)) continue;
  const rng = createRng(20261207 + design.positives);
  let pass = 0;
  const t0 = Date.now();
  for (let k = 0; k < R; k++) {
    const { legacy, shadow, labels } = design.make(rng);
    if (compareAuc(legacy, shadow, { labels, margin: design.margin }).verdict === 'pass') pass++;
  }
  console.log(`| compareAuc | ${design.name}, AUC difference −${design.margin} | ${R} | ${fmt(pass / R, R)} |  <!-- ${((Date.now() - t0) / 1000).toFixed(1)} s -->`);
}

// Distribution bounds: (a) at the boundary — shadow N(μ, 1) vs legacy N(0, 1) with each maximum set
// to the population distance, so a pass is a false pass; (b) power — two samples of one distribution.
const metrics = ['ks', 'wasserstein', 'psi', 'jensenShannon', 'energy'] as const;
const optionOf = { ks: 'maxKs', wasserstein: 'maxWasserstein', psi: 'maxPsi', jensenShannon: 'maxJensenShannon', energy: 'maxEnergy' } as const;
const distR = Math.max(100, Math.round(R / 4));
for (const n of [200, 2000]) {
  if (!`distribution boundary n=${n}`.includes(filter)) continue;
  const mu = n === 200 ? 0.5 : 0.15;
  const pop = normalShiftDistances(mu);
  for (const metric of metrics) {
    const rng = createRng(20261208 + n);
    let pass = 0;
    const t0 = Date.now();
    for (let k = 0; k < distR; k++) {
      const legacy = Array.from({ length: n }, () => rng.nextNormal());
      const shadow = Array.from({ length: n }, () => mu + rng.nextNormal());
      if (compareDistribution(legacy, shadow, { [optionOf[metric]]: pop[metric], seed: k, nResamples: 499 }).verdict === 'pass') pass++;
    }
    console.log(`| compareDistribution | ${metric} at the boundary: N(0,1) vs N(${mu},1), n = ${n} per side, max = population ${pop[metric].toPrecision(4)} | ${distR} | ${fmt(pass / distR, distR)} |  <!-- ${((Date.now() - t0) / 1000).toFixed(1)} s -->`);
  }
}
const powerMax = { ks: 0.05, wasserstein: 0.05, psi: 0.1, jensenShannon: 0.1, energy: 0.05 } as const;
for (const n of [100, 1000, 10000]) {
  if (!`distribution power n=${n}`.includes(filter)) continue;
  for (const metric of metrics) {
    const rng = createRng(20261209 + n);
    let pass = 0;
    const reps = n === 10000 ? Math.min(distR, 200) : distR;
    for (let k = 0; k < reps; k++) {
      const legacy = Array.from({ length: n }, () => rng.nextNormal());
      const shadow = Array.from({ length: n }, () => rng.nextNormal());
      if (compareDistribution(legacy, shadow, { [optionOf[metric]]: powerMax[metric], seed: k, nResamples: 499 }).verdict === 'pass') pass++;
    }
    console.log(`| compareDistribution | ${metric} power: two samples of N(0,1), n = ${n} per side, max ${powerMax[metric]} | ${reps} | ${fmt(pass / reps, reps)} (pass rate) |`);
  }
}
