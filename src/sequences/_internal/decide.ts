/** Step 7 of the sequence pipeline: the thresholds applied to the metrics, as reasons. */
import type { Reason } from '../../report/types.js';
import type { SequenceReport } from '../compareSequences.js';
import type { ResolvedSequenceOptions } from './resolveOptions.js';
import { num4, pctText, plural } from './text.js';

/** The reasons the summarised report earns: nothing compared, each threshold crossed, swaps tolerated. */
export function decide(report: SequenceReport, o: ResolvedSequenceOptions): Reason[] {
  const reasons: Reason[] = [];
  const { counts, metrics: mt } = report;
  const t = o.thresholds;
  const N = counts.entities;
  if (counts.legacyRows > 0 && counts.shadowRows > 0 && N === 0) {
    reasons.push({
      code: 'NO_SEQUENCES',
      severity: 'fail',
      subject: 'entities',
      expected: '> 0 entities compared',
      received: 0,
      message: `no entity has events on either side${report.rules.window ? ` in the window (${report.rules.window})` : ''}: nothing was compared`,
    });
  }
  if (N > 0) {
    const rate = (code: string, subject: string, op: '>=' | '<=', req: number, obs: number, message: string) => {
      if (op === '>=' ? obs < req : obs > req) reasons.push({ code, severity: 'fail', subject, expected: `${op} ${req}`, received: obs, message });
    };
    rate('EXACT_RATE_BELOW_MIN', 'minExactRate', '>=', t.minExactRate, mt.exactRate,
      `${pctText(mt.exactRate)} of entities have exactly equal sequences, ${pctText(t.minExactRate)} required`);
    if (t.maxMeanEditDistance !== undefined) {
      rate('MEAN_EDIT_DISTANCE_ABOVE_MAX', 'maxMeanEditDistance', '<=', t.maxMeanEditDistance, mt.meanEditDistance,
        `mean normalised edit distance is ${num4(mt.meanEditDistance)}, at most ${num4(t.maxMeanEditDistance)} allowed`);
    }
    if (t.minPrecision !== undefined) {
      rate('PRECISION_BELOW_MIN', 'minPrecision', '>=', t.minPrecision, mt.precision,
        `LCS precision is ${pctText(mt.precision)} (shadow events in order with legacy), ${pctText(t.minPrecision)} required`);
    }
    if (t.minRecall !== undefined) {
      rate('RECALL_BELOW_MIN', 'minRecall', '>=', t.minRecall, mt.recall,
        `LCS recall is ${pctText(mt.recall)} (legacy events kept in order by shadow), ${pctText(t.minRecall)} required`);
    }
    if (t.minKendallTau !== undefined) {
      if (mt.kendallTau === null) {
        reasons.push({ code: 'KENDALL_TAU_UNDEFINED', severity: 'inconclusive', subject: 'minKendallTau', expected: `>= ${t.minKendallTau}`, received: null, message: 'no entity has 2 or more events in common, so Kendall tau is undefined' });
      } else {
        rate('KENDALL_TAU_BELOW_MIN', 'minKendallTau', '>=', t.minKendallTau, mt.kendallTau,
          `mean Kendall tau on common events is ${num4(mt.kendallTau)}, ${num4(t.minKendallTau)} required`);
      }
    }
    if (t.minRbo !== undefined && mt.rbo !== null) {
      rate('RBO_BELOW_MIN', 'minRbo', '>=', t.minRbo, mt.rbo, `mean rank-biased overlap (p = ${o.rboP}) is ${num4(mt.rbo)}, ${num4(t.minRbo)} required`);
    }
    rate('MISSING_ENTITY_RATE_ABOVE_MAX', 'maxMissingEntityRate', '<=', t.maxMissingEntityRate, mt.missingEntityRate,
      `${pctText(mt.missingEntityRate)} of legacy entities (${counts.missingEntities.toLocaleString('en-US')}) have no shadow events, at most ${pctText(t.maxMissingEntityRate)} allowed`);
    rate('EXTRA_ENTITY_RATE_ABOVE_MAX', 'maxExtraEntityRate', '<=', t.maxExtraEntityRate, mt.extraEntityRate,
      `${pctText(mt.extraEntityRate)} of shadow entities (${counts.extraEntities.toLocaleString('en-US')}) have no legacy events, at most ${pctText(t.maxExtraEntityRate)} allowed`);
  }
  if (counts.toleratedSwaps > 0) {
    reasons.push({
      code: 'SWAPS_TOLERATED',
      severity: 'info',
      subject: 'reorderWithinMs',
      expected: `<= ${o.reorderWithinMs}ms apart`,
      received: counts.toleratedSwaps,
      message: `${plural(counts.toleratedSwaps, 'adjacent swap')} of events at most ${o.reorderWithinMs}ms apart ${counts.toleratedSwaps === 1 ? 'was' : 'were'} tolerated (reorderWithinMs)`,
    });
  }
  return reasons;
}
