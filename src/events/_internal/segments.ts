import type { Getter } from '../../_internal/path.js';
import type { Row } from '../../dataset/toRows.js';

/** A value of a low-cardinality field under which mismatches concentrate. */
export interface Segment {
  field: string;
  value: string | number | boolean;
  /** Mismatching events with this value / all mismatching events. */
  mismatchShare: number;
  /** Matched events with this value / all matched events. */
  baseShare: number;
  mismatches: number;
}

const MAX_DISTINCT = 20;

/**
 * Finds where mismatches concentrate: for each candidate field, the value held by at least 80 %
 * of mismatching events while it is held by at most 60 % of matched events (so it explains
 * rather than restates). Reads the mismatching rows, then one pass over the matched rows per
 * candidate value. Independent of row order.
 */
export function findSegments(
  lrows: readonly Row[],
  pair: Int32Array,
  mismatchRows: readonly number[],
  fields: readonly { name: string; get: Getter }[],
  matched: number,
): Segment[] {
  const n = mismatchRows.length;
  if (n < 3 || matched === 0) return [];
  const out: Segment[] = [];
  for (const f of fields) {
    const counts = new Map<unknown, number>();
    let distinctOverflow = false;
    for (const i of mismatchRows) {
      const v = f.get(lrows[i]);
      if (typeof v !== 'string' && typeof v !== 'boolean' && !(typeof v === 'number' && Number.isInteger(v))) continue;
      const c = counts.get(v);
      if (c === undefined && counts.size >= MAX_DISTINCT) {
        distinctOverflow = true;
        break;
      }
      counts.set(v, (c ?? 0) + 1);
    }
    if (distinctOverflow) continue;
    for (const [value, c] of counts) {
      if (c / n < 0.8) continue;
      let base = 0;
      for (let i = 0; i < lrows.length; i++) if (pair[i] >= 0 && f.get(lrows[i]) === value) base++;
      const baseShare = base / matched;
      if (baseShare <= 0.6) out.push({ field: f.name, value: value as Segment['value'], mismatchShare: c / n, baseShare, mismatches: c });
    }
  }
  return out.sort((a, b) => b.mismatchShare / b.baseShare - a.mismatchShare / a.baseShare || (a.field < b.field ? -1 : 1)).slice(0, 3);
}
