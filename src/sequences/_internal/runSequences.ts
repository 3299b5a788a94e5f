/**
 * The sequence tier's pipeline, one named step per file:
 *
 *   readInputs → orderInputs → assembleSequences → compareEntities     (runPartition: one partition of the entities)
 *   → mergePartitions: summarise → decide → suggestHints               (the report)
 *
 * In memory there is one partition; the file engine (compareSequenceFiles) runs a hash partition
 * of the entities at a time and merges them into the same report. Options are resolved
 * (validated) once before this, in resolveOptions.ts.
 */
import type { DatasetInput } from '../../dataset/toRows.js';
import type { SequenceReport } from '../compareSequences.js';
import type { EntityOutcome } from './compareEntities.js';
import { mergePartitions } from './mergePartitions.js';
import type { ResolvedSequenceOptions } from './resolveOptions.js';
import { runPartition } from './runPartition.js';

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
  return { report: mergePartitions([runPartition(legacy, shadow, o, fn, observe)], o) };
}
