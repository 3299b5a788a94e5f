/**
 * Steps 1–5 of the sequence pipeline on one partition of the entities (all of them in memory; a
 * hash partition on files): read, order, assemble, compare. What it returns merges with the other
 * partitions' into the report (mergePartitions).
 */
import type { DatasetInput } from '../../dataset/toRows.js';
import type { Reason } from '../../report/types.js';
import type { SequenceCounts } from '../compareSequences.js';
import { assembleSequences } from './assembleSequences.js';
import { compareEntities, type EntityOutcome, type EntityTally } from './compareEntities.js';
import { inputCounts } from './newReport.js';
import { orderInputs } from './orderInputs.js';
import { readInputs } from './readInputs.js';
import type { ResolvedSequenceOptions } from './resolveOptions.js';

/** One partition's counts and tally; `unsortable` (then no tally) when an orderBy field cannot be sorted. */
export interface SequencePartition {
  counts: SequenceCounts;
  unsortable: Reason[];
  tally: EntityTally | null;
}

export function runPartition(
  legacy: DatasetInput,
  shadow: DatasetInput,
  o: ResolvedSequenceOptions,
  fn: string,
  observe?: (e: EntityOutcome) => void,
): SequencePartition {
  const inputs = readInputs(legacy, shadow, o, fn);
  const counts = inputCounts(inputs);
  const ordered = orderInputs(inputs, o);
  if (ordered.unsortable) return { counts, unsortable: ordered.reasons, tally: null };
  counts.legacyMissingOrder = ordered.legacyMissing;
  counts.shadowMissingOrder = ordered.shadowMissing;
  const sequences = assembleSequences(inputs, ordered, o);
  counts.window = sequences.drops;
  const tally = compareEntities(inputs, sequences, o, fn, counts, observe);
  return { counts, unsortable: [], tally };
}
