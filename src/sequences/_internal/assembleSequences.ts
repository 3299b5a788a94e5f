/** Step 4 of the sequence pipeline: group into per-entity sequences, order them, apply the window. */
import type { Reason } from '../../report/types.js';
import { compareKeys } from '../../join/keys.js';
import type { WindowDrops } from '../compareSequences.js';
import { applyWindow, hasWindow } from './applyWindow.js';
import {
  canonicaliseTies,
  eventComparator,
  groupByEntity,
  sortSegments,
  tiedOn,
  timeColumn,
  type OrderColumns,
  type SideEvents,
  type Sequences,
} from './assemble.js';
import { EMPTY_DROPS } from './newReport.js';
import type { OrderedInputs } from './orderInputs.js';
import type { SequenceInputs } from './readInputs.js';
import type { ResolvedSequenceOptions } from './resolveOptions.js';
import { plural } from './text.js';

/** Both sides' windowed sequences, the shadow time column when a time rule needs it, and the window's drops. */
export interface AssembledSequences {
  lSeq: Sequences;
  sSeq: Sequences;
  sTime: Float64Array | null;
  drops: { legacy: WindowDrops; shadow: WindowDrops };
}

/** Assembles flat events (or canonicalises pre-assembled ties) and applies the window to both sides alike. */
export function assembleSequences(inp: SequenceInputs, ord: OrderedInputs, o: ResolvedSequenceOptions): AssembledSequences {
  const { L, S, E, flat } = inp;
  const assemble = (s: SideEvents, cols: OrderColumns | null): Sequences => {
    const seq = groupByEntity(s, E, flat && cols ? cols.missing : null);
    if (flat && cols) {
      const c0 = cols.cols[0];
      const num = cols.cols.length === 1 && c0 instanceof Float64Array ? { col: c0, desc: cols.desc[0] } : undefined;
      sortSegments(seq, eventComparator(cols, s.keys, o.ties), num);
    } else if (!flat && cols && o.ties === 'any') {
      const keys = s.keys;
      canonicaliseTies(seq, tiedOn(cols), (a, b) => compareKeys(keys[a], keys[b]));
    }
    return seq;
  };
  const out: AssembledSequences = {
    lSeq: assemble(L, ord.lCols),
    sSeq: assemble(S, ord.sCols),
    sTime: null,
    drops: { legacy: EMPTY_DROPS(), shadow: EMPTY_DROPS() },
  };
  const needTime = o.time !== null && (o.window.asOfMs !== undefined || o.reorderWithinMs > 0);
  const lTime = needTime ? timeColumn(L, o, ord.lCols) : null;
  out.sTime = needTime ? timeColumn(S, o, ord.sCols) : null;
  if (hasWindow(o)) {
    const lw = applyWindow(L, out.lSeq, lTime, o);
    const sw = applyWindow(S, out.sSeq, out.sTime, o);
    out.lSeq = lw.seq;
    out.sSeq = sw.seq;
    out.drops = { legacy: lw.drops, shadow: sw.drops };
  }
  return out;
}

/** MISSING_TIME per side when the time window left events without a usable time out. */
export function missingTimeReasons(drops: { legacy: WindowDrops; shadow: WindowDrops }, o: ResolvedSequenceOptions): Reason[] {
  const reasons: Reason[] = [];
  for (const [side, d] of [['legacy', drops.legacy], ['shadow', drops.shadow]] as const) {
    if (d.noTime === 0) continue;
    reasons.push({
      code: 'MISSING_TIME',
      severity: 'fail',
      subject: side,
      expected: `0 events without a time in ${o.time!.path}`,
      received: d.noTime,
      message: `${plural(d.noTime, `${side} event`)} ha${d.noTime === 1 ? 's' : 've'} no usable time in ${o.time!.path}; the time window left them out`,
    });
  }
  return reasons;
}
