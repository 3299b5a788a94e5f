/** Step 1 of the sequence pipeline: read both sides into events; what the input leaves out, as reasons. */
import { toRows, type DatasetInput } from '../../dataset/toRows.js';
import type { Reason } from '../../report/types.js';
import { Interner, readSide, type SideEvents } from './assemble.js';
import type { SequenceCounts } from '../compareSequences.js';
import type { ResolvedSequenceOptions } from './resolveOptions.js';
import { plural } from './text.js';

/** Both sides read into events, with the entity interner they share. */
export interface SequenceInputs {
  legacyRows: number;
  shadowRows: number;
  intern: Interner;
  L: SideEvents;
  S: SideEvents;
  /** Number of distinct entities over both sides. */
  E: number;
  /** True for flat events (assembled here), false for pre-assembled sequences. */
  flat: boolean;
}

/** Reads both sides and collects the input problems as reasons. */
export function readInputs(legacy: DatasetInput, shadow: DatasetInput, o: ResolvedSequenceOptions, fn: string): SequenceInputs {
  const lrows = toRows(legacy, fn, 'legacy');
  const srows = toRows(shadow, fn, 'shadow');
  const intern = new Interner();
  const L = readSide(fn, 'legacy', lrows, o, intern);
  const S = readSide(fn, 'shadow', srows, o, intern);
  return {
    legacyRows: lrows.length,
    shadowRows: srows.length,
    intern,
    L,
    S,
    E: intern.entityKeys.length,
    flat: o.assembled === null,
  };
}

/** The input problems the counts show: empty sides, rows without entity or events array, duplicate entities, events without id. */
export function inputReasons(c: SequenceCounts, o: ResolvedSequenceOptions): Reason[] {
  const reasons: Reason[] = [];
  const sides = [
    { side: 'legacy', missingEntity: c.legacyMissingEntity, notArray: c.legacyNotArray, duplicateEntities: c.legacyDuplicateEntities, missingId: c.legacyMissingId },
    { side: 'shadow', missingEntity: c.shadowMissingEntity, notArray: c.shadowNotArray, duplicateEntities: c.shadowDuplicateEntities, missingId: c.shadowMissingId },
  ];
  if (c.legacyRows === 0) {
    reasons.push({ code: 'EMPTY_LEGACY', severity: 'fail', subject: 'legacy', expected: '> 0 rows', received: 0, message: 'legacy has no rows: an empty reference proves nothing' });
  }
  if (c.shadowRows === 0) {
    reasons.push({ code: 'EMPTY_SHADOW', severity: 'fail', subject: 'shadow', expected: '> 0 rows', received: 0, message: 'shadow has no rows' });
  }
  for (const s of sides) {
    if (s.missingEntity > 0) {
      reasons.push({
        code: 'MISSING_ENTITY_FIELD',
        severity: 'fail',
        subject: s.side,
        expected: `0 rows without entity ${o.entity.description}`,
        received: s.missingEntity,
        message: `${plural(s.missingEntity, `${s.side} row`)} ha${s.missingEntity === 1 ? 's' : 've'} no value for entity ${o.entity.description}; left out`,
      });
    }
    if (s.notArray > 0) {
      reasons.push({
        code: 'EVENTS_NOT_ARRAY',
        severity: 'fail',
        subject: s.side,
        expected: `an array at '${o.assembled!.path}' on every row`,
        received: s.notArray,
        message: `${plural(s.notArray, `${s.side} row`)} ha${s.notArray === 1 ? 's' : 've'} no events array at '${o.assembled!.path}'; left out`,
      });
    }
    if (s.duplicateEntities > 0) {
      const n = s.duplicateEntities;
      reasons.push({
        code: 'DUPLICATE_ENTITY',
        severity: 'fail',
        subject: s.side,
        expected: '1 sequence row per entity',
        received: n,
        message: `${plural(n, 'entity', 'entities')} ha${n === 1 ? 's' : 've'} more than one sequence row in ${s.side}; left out on both sides`,
      });
    }
    if (s.missingId > 0) {
      reasons.push({
        code: 'MISSING_ID',
        severity: 'fail',
        subject: s.side,
        expected: `0 events without id ${o.id?.description}`,
        received: s.missingId,
        message: `${plural(s.missingId, `${s.side} event`)} ha${s.missingId === 1 ? 's' : 've'} no value for id ${o.id?.description}; they pair with nothing`,
      });
    }
  }
  return reasons;
}
