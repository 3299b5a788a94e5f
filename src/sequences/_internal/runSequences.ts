/**
 * The sequence tier's pipeline, one named step per file:
 *
 *   readInputs → newReport → orderInputs → assembleSequences → compareEntities → summarise → decide → suggestHints
 *
 * Options are resolved (validated) once before this, in resolveOptions.ts.
 */
import type { DatasetInput } from '../../dataset/toRows.js';
import { sortReasons, verdictOf, type Reason } from '../../report/types.js';
import type { SequenceReport } from '../compareSequences.js';
import { assembleSequences } from './assembleSequences.js';
import { compareEntities, type EntityOutcome } from './compareEntities.js';
import { decide } from './decide.js';
import { newReport } from './newReport.js';
import { orderInputs } from './orderInputs.js';
import { readInputs } from './readInputs.js';
import type { ResolvedSequenceOptions } from './resolveOptions.js';
import { suggestHints } from './suggestHints.js';
import { summarise } from './summarise.js';

export type { EntityOutcome } from './compareEntities.js';
export { CLASS_ORDER } from './classOrder.js';

/** Runs the sequence tier on resolved options. `observe` receives each compared entity in entity-key order. */
export function runSequences(
  legacy: DatasetInput,
  shadow: DatasetInput,
  o: ResolvedSequenceOptions,
  fn: string,
  observe?: (e: EntityOutcome) => void,
): { report: SequenceReport } {
  const inputs = readInputs(legacy, shadow, o, fn);
  const report = newReport(inputs, o);
  const reasons: Reason[] = [...inputs.reasons];
  const finish = () => {
    report.reasons = sortReasons(reasons);
    report.verdict = verdictOf(report.reasons);
    return { report };
  };

  const ordered = orderInputs(inputs, o);
  reasons.push(...ordered.reasons);
  if (ordered.unsortable) return finish();
  report.counts.legacyMissingOrder = ordered.legacyMissing;
  report.counts.shadowMissingOrder = ordered.shadowMissing;

  const sequences = assembleSequences(inputs, ordered, o);
  report.counts.window = sequences.drops;
  reasons.push(...sequences.reasons);

  const tally = compareEntities(inputs, sequences, o, fn, report.counts, observe);
  summarise(report, tally);
  reasons.push(...decide(report, o));
  report.hints.push(...suggestHints(report, tally, o));
  return finish();
}
