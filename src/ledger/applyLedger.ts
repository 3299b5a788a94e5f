import { readFileSync } from 'node:fs';
import { ShadowOptionError, describeValue } from '../_internal/options.js';
import type { Reason } from '../report/types.js';
import { compilePredicate, type LedgerRecord } from './_internal/evaluatePredicate.js';
import type { KnownDifferences, Ledger } from './types.js';
import { isIsoDate, validateLedger } from './validateLedger.js';

/**
 * A ledger object, or the path of a ledger JSON file.
 *
 * @example
 * compareEvents(legacy, shadow, { key: 'id', ledger: 'ledger.json' }); // or a Ledger object
 */
export type LedgerInput = Ledger | string;

/**
 * One difference offered to the ledger: the field that differs and the record it differs in.
 *
 * @example
 * const m: LedgerMismatch = { field: 'ts', key: 7, legacy: { id: 7 }, shadow: { id: 7 } };
 */
export interface LedgerMismatch extends LedgerRecord {
  field: string;
}

/**
 * What {@link applyLedger} returns.
 *
 * @example
 * applyLedger('mine', ledger, mismatches, '2026-12-06').summary.total;
 */
export interface LedgerOutcome {
  /** Per offered mismatch: whether a valid entry covers it. */
  covered: boolean[];
  summary: KnownDifferences;
  /** LEDGER_ENTRY_GREW and LEDGER_ENTRY_EXPIRED (fail), LEDGER_ENTRY_UNUSED (info). */
  reasons: Reason[];
}

/** Loads and validates a ledger given as an object or a file path; errors name the file. */
export function loadLedger(fn: string, input: LedgerInput): Ledger {
  if (typeof input === 'string') {
    let text: string;
    try {
      text = readFileSync(input, 'utf8');
    } catch (e) {
      throw new ShadowOptionError(`${fn}: ledger file ${input} cannot be read: ${(e as Error).message}`);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      // The line, as a malformed dataset line is named (JSON.parse gives a character position).
      const at = /position (\d+)/.exec((e as Error).message);
      const line = at ? text.slice(0, Number(at[1])).split('\n').length : undefined;
      throw new ShadowOptionError(`${fn}: ledger file ${input}${line ? `:${line}` : ''} is not valid JSON: ${(e as Error).message}`);
    }
    return validateLedger(parsed, `${fn}: ledger ${input}`);
  }
  return validateLedger(input, `${fn}: ledger`);
}

/** Today's date in UTC, YYYY-MM-DD. */
export function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

/**
 * Applies a ledger to the mismatches of a comparison: a mismatch is known when an entry for its
 * field, not expired on `today`, has a predicate that holds for its record (first matching entry
 * wins). An entry covering more than its recorded size fails (LEDGER_ENTRY_GREW); an expired
 * entry covers nothing and fails (LEDGER_ENTRY_EXPIRED) when it would have covered something,
 * and is reported either way; an entry covering nothing is reported as unused, so the ledger can
 * shrink.
 *
 * @example
 * const out = applyLedger('compareEvents', ledger, [{ field: 'ts', key: 7, legacy, shadow }], '2026-12-06');
 * out.covered; // => [true] when an entry for 'ts' holds for record 7
 */
export function applyLedger(fn: string, input: LedgerInput | undefined, mismatches: readonly LedgerMismatch[], today?: string): LedgerOutcome {
  if (input === undefined) return { covered: mismatches.map(() => false), summary: { total: 0, today: null, entries: [] }, reasons: [] };
  const ledger = loadLedger(fn, input);
  const day = today ?? todayUtc();
  if (!isIsoDate(day)) throw new ShadowOptionError(`${fn}: today must be a date YYYY-MM-DD, got ${describeValue(day)}`);
  const entries = ledger.entries.map((e) => ({ e, pred: compilePredicate(e.records), expired: day > e.expires, size: 0, wouldCover: 0 }));
  const byField = new Map<string, typeof entries>();
  for (const x of entries) byField.set(x.e.field, [...(byField.get(x.e.field) ?? []), x]);
  const covered = mismatches.map((m) => {
    const list = byField.get(m.field);
    if (!list) return false;
    for (const x of list) {
      if (!x.pred(m)) continue;
      if (x.expired) {
        x.wouldCover++;
        return false;
      }
      x.size++;
      return true;
    }
    return false;
  });
  const reasons: Reason[] = [];
  const summary: KnownDifferences = { total: 0, today: day, entries: [] };
  for (const x of entries) {
    const { e } = x;
    const status = x.expired ? 'expired' : x.size > e.size ? 'grown' : x.size === 0 ? 'unused' : 'ok';
    summary.total += x.size;
    summary.entries.push({ id: e.id, field: e.field, owner: e.owner, expires: e.expires, why: e.why, acceptedSize: e.size, size: x.expired ? x.wouldCover : x.size, status });
    if (status === 'grown') {
      reasons.push({ code: 'LEDGER_ENTRY_GREW', severity: 'fail', subject: `ledger.${e.id}`, expected: `<= ${e.size}`, received: x.size, message: `known difference '${e.id}' (${e.field}, owner ${e.owner}) covers ${x.size} differences, more than the ${e.size} recorded when it was accepted: it grew, so it is no longer the known difference` });
    } else if (status === 'expired') {
      reasons.push({ code: 'LEDGER_ENTRY_EXPIRED', severity: x.wouldCover > 0 ? 'fail' : 'info', subject: `ledger.${e.id}`, expected: `today <= ${e.expires}`, received: day, message: `known difference '${e.id}' (${e.field}, owner ${e.owner}) expired on ${e.expires}${x.wouldCover > 0 ? `; its ${x.wouldCover} differences count as failures again` : ' and covers nothing: remove it'}` });
    } else if (status === 'unused') {
      reasons.push({ code: 'LEDGER_ENTRY_UNUSED', severity: 'info', subject: `ledger.${e.id}`, expected: '> 0', received: 0, message: `known difference '${e.id}' (${e.field}) covers nothing any more: remove it from the ledger` });
    }
  }
  return { covered, summary, reasons };
}
