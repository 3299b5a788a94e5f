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
import { aucDesigns, equivalenceDesigns } from '../test/outputs/_scenarios.js';

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
