/** Step 3 of the sequence pipeline: the orderBy columns of both sides, and what cannot be ordered. */
import { cell } from '../../report/format.js';
import type { Reason } from '../../report/types.js';
import { orderColumns, type OrderColumns } from './assemble.js';
import type { SequenceInputs } from './readInputs.js';
import type { ResolvedSequenceOptions } from './resolveOptions.js';
import { plural } from './text.js';

/** The order columns (null without orderBy) and the reasons found reading them. */
export interface OrderedInputs {
  lCols: OrderColumns | null;
  sCols: OrderColumns | null;
  /** True when an orderBy field cannot be sorted on some side: the comparison stops there. */
  unsortable: boolean;
  /** Events without a usable order value, per side (see missingOrderReasons). */
  legacyMissing: number;
  shadowMissing: number;
  /** UNSORTABLE_ORDER_FIELD per side whose orderBy values cannot be sorted. */
  reasons: Reason[];
}

/** Reads the orderBy columns; an unsortable column is a reason that stops the comparison. */
export function orderInputs(inp: SequenceInputs, o: ResolvedSequenceOptions): OrderedInputs {
  const out: OrderedInputs = { lCols: null, sCols: null, unsortable: false, legacyMissing: 0, shadowMissing: 0, reasons: [] };
  if (o.orderBy.length === 0) return out;
  const { L, S, intern } = inp;
  const reasons = out.reasons;
  const lCols = orderColumns(L, o.orderBy, intern);
  const sCols = orderColumns(S, o.orderBy, intern);
  out.lCols = lCols;
  out.sCols = sCols;
  for (const [s, cols] of [[L, lCols], [S, sCols]] as const) {
    const u = cols.unsortable;
    if (!u) continue;
    const types = Object.entries(u.types)
      .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))
      .map(([t, n]) => `${t} in ${plural(n, 'event')}`)
      .join(', ');
    reasons.push({
      code: 'UNSORTABLE_ORDER_FIELD',
      severity: 'fail',
      subject: `orderBy.${u.path}`,
      expected: 'one sortable type (number, string or Date)',
      received: Object.keys(u.types).sort().join(', '),
      message: `orderBy '${u.path}' cannot be sorted in ${s.side}: it holds ${types} (e.g. entity ${cell(u.example.entity, 40)} has ${cell(u.example.value, 40)})`,
    });
    out.unsortable = true;
  }
  if (out.unsortable) return out;
  out.legacyMissing = lCols.missingCount;
  out.shadowMissing = sCols.missingCount;
  return out;
}

/** MISSING_ORDER_FIELD per side with events lacking a usable order value. */
export function missingOrderReasons(legacyMissing: number, shadowMissing: number, o: ResolvedSequenceOptions): Reason[] {
  const reasons: Reason[] = [];
  const flat = o.assembled === null;
  const paths = o.orderBy.map((k) => k.path).join(', ');
  for (const [side, n] of [['legacy', legacyMissing], ['shadow', shadowMissing]] as const) {
    if (n === 0) continue;
    reasons.push({
      code: 'MISSING_ORDER_FIELD',
      severity: 'fail',
      subject: side,
      expected: `0 events without ${paths}`,
      received: n,
      message: flat
        ? `${plural(n, `${side} event`)} ha${n === 1 ? 's' : 've'} no usable value for orderBy ${paths} (absent, null or NaN); left out of the sequences`
        : `${plural(n, `${side} event`)} ha${n === 1 ? 's' : 've'} no usable value for orderBy ${paths} (absent, null or NaN); ties around them cannot be recognised`,
    });
  }
  return reasons;
}
