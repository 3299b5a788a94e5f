/** Step 6 of the sequence pipeline: the tally as metrics, classes, histograms, field counts and examples. */
import type { SequenceReport } from '../compareSequences.js';
import { ABS_BUCKETS, REL_LABELS } from './classOrder.js';
import type { EntityTally } from './compareEntities.js';

/**
 * Fills the report's metrics from the tally (N = entities compared):
 * exactRate = exact / N; meanEditDistance = Σ edit/max(n, m) over differing entities / N;
 * precision = Σ LCS / Σ m; recall = Σ LCS / Σ n; kendallTau and rbo are means over the entities
 * where they are defined; missing and extra entity rates are over legacy and shadow entities.
 */
export function summarise(report: SequenceReport, t: EntityTally): void {
  const counts = report.counts;
  const N = counts.entities;
  const mt = report.metrics;
  mt.exactRate = N ? counts.exact / N : 0;
  mt.meanEditDistance = N ? t.sumEd.value() / N : 0;
  mt.precision = t.sumM ? t.sumLcs / t.sumM : 0;
  mt.recall = t.sumN ? t.sumLcs / t.sumN : 0;
  mt.kendallTau = t.tauN ? t.tauSum.value() / t.tauN : null;
  mt.kendallEntities = t.tauN;
  mt.rbo = t.rboN ? t.rboSum.value() / t.rboN : null;
  mt.meanLengthDelta = N ? t.lenDelta / N : 0;
  mt.shadowLonger = t.shadowLonger;
  mt.shadowShorter = t.shadowShorter;
  mt.missingEntityRate = counts.legacyEntities ? counts.missingEntities / counts.legacyEntities : 0;
  mt.extraEntityRate = counts.shadowEntities ? counts.extraEntities / counts.shadowEntities : 0;
  report.classes = [...t.classCount.values()].filter((c) => c.entities > 0);
  report.firstDivergence = {
    absolute: ABS_BUCKETS.map(([a, b], i) => ({ label: a === b ? String(a) : b === Infinity ? `${a}+` : `${a}–${b}`, count: t.absHist[i] })),
    relative: REL_LABELS.map((label, i) => ({ label, count: t.relHist[i] })),
  };
  report.fields = [...t.fieldCounts]
    .map(([field, mismatches]) => ({ field, mismatches }))
    .sort((a, b) => b.mismatches - a.mismatches || (a.field < b.field ? -1 : 1));
  report.examples = [...t.exampleAt.entries()].sort((a, b) => a[0] - b[0]).map(([, ex]) => ex);
}
