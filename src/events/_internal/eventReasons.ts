import type { Reason } from '../../report/types.js';
import type { EventCounts, EventReport, FieldReport } from '../compareEvents.js';

const pctText = (x: number) => `${(x * 100).toFixed(2)}%`;
const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

const rateReason = (code: string, subject: string, op: '>=' | '<=', required: number, observed: number, message: string): Reason => ({
  code,
  severity: 'fail',
  subject,
  expected: `${op} ${required}`,
  received: observed,
  message,
});

/**
 * The reasons an event comparison reaches from its counts, whichever engine produced them
 * (in memory or SQL): empty sides, keyless rows, duplicated keys, the rate thresholds, per-field
 * thresholds and schema differences. One place, so both engines decide alike.
 */
export function eventReasons(
  counts: EventCounts,
  rates: EventReport['rates'],
  th: EventReport['thresholds'],
  fields: readonly FieldReport[],
  keyDescription: string,
  schema: { onlyInLegacy: readonly string[]; onlyInShadow: readonly string[] },
  duplicateKeys: 'exclude' | 'inOrder' = 'exclude',
): Reason[] {
  const reasons: Reason[] = [];
  const { legacy: L, shadow: S } = counts;
  if (L === 0) {
    reasons.push({ code: 'EMPTY_LEGACY', severity: 'fail', subject: 'legacy', expected: '> 0 events', received: 0, message: 'legacy has no events: an empty reference proves nothing' });
  }
  if (S === 0) {
    reasons.push({ code: 'EMPTY_SHADOW', severity: 'fail', subject: 'shadow', expected: '> 0 events', received: 0, message: 'shadow has no events' });
  }
  for (const [side, n] of [['legacy', counts.legacyMissingKey], ['shadow', counts.shadowMissingKey]] as const) {
    if (n <= th.maxMissingKeyRows) continue;
    reasons.push({
      code: 'MISSING_KEY_FIELD',
      severity: 'fail',
      subject: side,
      expected: `<= ${th.maxMissingKeyRows} rows without key ${keyDescription}`,
      received: n,
      message: `${n} ${side} ${plural(n, 'row has', 'rows have')} no value for key ${keyDescription}`,
    });
  }
  if (duplicateKeys === 'inOrder') {
    const { legacyDuplicateKeys: lk, shadowDuplicateKeys: sk, legacyDuplicateRows: lr, shadowDuplicateRows: sr } = counts;
    reasons.push({
      code: 'DUPLICATE_KEYS_PAIRED_IN_ORDER',
      severity: 'info',
      subject: 'duplicateKeys',
      expected: 'inOrder',
      received: `${lk} legacy / ${sk} shadow duplicated keys`,
      message: `duplicated keys are paired by order of occurrence (duplicateKeys: 'inOrder'): ${lk} in legacy (${lr} rows), ${sk} in shadow (${sr} rows); the pairs depend on row order within each key`,
    });
  }
  for (const [side, n, rows] of [['legacy', counts.legacyDuplicateKeys, counts.legacyDuplicateRows], ['shadow', counts.shadowDuplicateKeys, counts.shadowDuplicateRows]] as const) {
    if (duplicateKeys === 'inOrder' || n <= th.maxDuplicateKeys) continue;
    reasons.push({
      code: 'DUPLICATE_KEYS',
      severity: 'fail',
      subject: side,
      expected: `<= ${th.maxDuplicateKeys} duplicated keys`,
      received: n,
      message: `${n} ${plural(n, 'key occurs', 'keys occur')} more than once in ${side} (${rows} rows); duplicated keys are excluded from matching`,
    });
  }
  if (L > 0 && S > 0) {
    if (rates.match < th.minMatchRate) {
      reasons.push(rateReason('MATCH_RATE_BELOW_MIN', 'minMatchRate', '>=', th.minMatchRate, rates.match,
        `${pctText(rates.match)} of legacy events match within tolerance, ${pctText(th.minMatchRate)} required`));
    }
    if (rates.missing > th.maxMissingRate) {
      reasons.push(rateReason('MISSING_RATE_ABOVE_MAX', 'maxMissingRate', '<=', th.maxMissingRate, rates.missing,
        `${pctText(rates.missing)} of legacy events are missing from shadow, at most ${pctText(th.maxMissingRate)} allowed`));
    }
    if (rates.extra > th.maxExtraRate) {
      reasons.push(rateReason('EXTRA_RATE_ABOVE_MAX', 'maxExtraRate', '<=', th.maxExtraRate, rates.extra,
        `${pctText(rates.extra)} of shadow events are not in legacy, at most ${pctText(th.maxExtraRate)} allowed`));
    }
    for (const f of fields) {
      if (f.minMatchRate === undefined || counts.matched === 0) continue;
      const rate = 1 - f.mismatchRate;
      if (rate < f.minMatchRate) {
        reasons.push(rateReason('FIELD_MATCH_RATE_BELOW_MIN', `fields.${f.field}.minMatchRate`, '>=', f.minMatchRate, rate,
          `${f.field} agrees on ${pctText(rate)} of matched events, ${pctText(f.minMatchRate)} required`));
      }
    }
  }
  for (const f of fields) {
    if (!f.unparseable) continue;
    const { count, example } = f.unparseable;
    reasons.push({
      code: 'TIME_UNPARSEABLE',
      severity: 'fail',
      subject: `fields.${f.field}`,
      expected: 'times: ISO 8601 strings, epoch numbers or Dates',
      received: `${count} ${plural(count, 'value', 'values')} not a time, e.g. ${JSON.stringify(example)}`,
      message: `${f.field} has a time rule but ${count} ${plural(count, 'value is', 'values are')} not a time it can read (e.g. ${JSON.stringify(example)}); write ISO 8601 (2024-03-31T10:00:00Z), epoch numbers or Dates, or convert with fields['${f.field}'].normalize`,
    });
  }
  for (const f of fields) {
    if (!f.columnTypes) continue;
    const { legacy: lt, shadow: st } = f.columnTypes;
    reasons.push({
      code: 'COLUMN_TYPE_DIFFERS',
      severity: 'info',
      subject: f.field,
      expected: `${lt} on both sides`,
      received: `${lt} in legacy, ${st} in shadow`,
      message: `column ${f.field} was read as ${lt} from the legacy file but as ${st} from the shadow file (type inference differs between the files: one cell that is not a ${lt} makes the whole column ${st}); declare it with loadDataset(path, { columns: { '${f.field}': '${lt}' } }) for both files`,
    });
  }
  for (const n of schema.onlyInLegacy) {
    reasons.push({ code: 'FIELD_ONLY_IN_LEGACY', severity: 'info', subject: n, expected: 'on both sides', received: 'legacy only', message: `field ${n} appears only in legacy` });
  }
  for (const n of schema.onlyInShadow) {
    reasons.push({ code: 'FIELD_ONLY_IN_SHADOW', severity: 'info', subject: n, expected: 'on both sides', received: 'shadow only', message: `field ${n} appears only in shadow` });
  }
  return reasons;
}
