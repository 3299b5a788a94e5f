import canonicalize from 'canonicalize';
import type { Reason } from '../report/types.js';
import { REPORT_VERSION, sortReasons, verdictOf, type ReportBase } from '../report/types.js';
import { loadLedger, type LedgerInput } from './applyLedger.js';
import type { LedgerCondition, LedgerPredicate } from './types.js';

/**
 * The result of {@link checkLedgerShrank}.
 *
 * @example
 * checkLedgerShrank(before, after).verdict; // 'pass' when the ledger only shrank
 */
export interface LedgerChangeReport extends ReportBase<'ledger-change'> {
  removed: string[];
  added: string[];
  /** Entries whose accepted size, expiry or predicate changed, with what changed. */
  changed: { id: string; changes: string[] }[];
  /** Fields whose remaining entries are in another relative order (LEDGER_REORDERED, fail). */
  reordered: string[];
}

/**
 * Checks that a ledger only shrank between two versions, so a gate can require that accepted
 * differences are paid down and never quietly widened: an entry may be removed, its size may
 * fall, its expiry may come earlier; an added entry, a larger size, a later expiry, or a changed
 * field or predicate fails, naming the entry. Entries for one field are tried in order (the first
 * whose predicate holds covers a mismatch), so a change in the relative order of the entries that
 * remain for a field fails too (LEDGER_REORDERED), naming the field. (An explicit edit is then a reviewed change that
 * bypasses this gate on purpose.)
 *
 * @example
 * const r = checkLedgerShrank('ledger.main.json', 'ledger.json');
 * if (r.verdict === 'fail') console.log(r.reasons.map((x) => x.message));
 */
export function checkLedgerShrank(before: LedgerInput, after: LedgerInput): LedgerChangeReport {
  const FN = 'checkLedgerShrank';
  const a = loadLedger(FN, before);
  const b = loadLedger(FN, after);
  const old = new Map(a.entries.map((e) => [e.id, e]));
  const reasons: Reason[] = [];
  const added: string[] = [];
  const changed: LedgerChangeReport['changed'] = [];
  const reordered: string[] = [];
  for (const e of b.entries) {
    const o = old.get(e.id);
    if (!o) {
      added.push(e.id);
      reasons.push({ code: 'LEDGER_ENTRY_ADDED', severity: 'fail', subject: `ledger.${e.id}`, expected: 'no new entries', received: e.id, message: `entry '${e.id}' (${e.field}, owner ${e.owner}) is new: the ledger grew` });
      continue;
    }
    const changes: string[] = [];
    const fail = (what: string, expected: string, received: string | number) => {
      changes.push(what);
      reasons.push({ code: 'LEDGER_ENTRY_WIDENED', severity: 'fail', subject: `ledger.${e.id}`, expected, received, message: `entry '${e.id}': ${what}` });
    };
    if (e.size > o.size) fail(`size grew from ${o.size} to ${e.size}`, `<= ${o.size}`, e.size);
    else if (e.size < o.size) changes.push(`size shrank from ${o.size} to ${e.size}`);
    if (e.expires > o.expires) fail(`expiry moved later, from ${o.expires} to ${e.expires}`, `<= ${o.expires}`, e.expires);
    else if (e.expires < o.expires) changes.push(`expiry moved earlier, to ${e.expires}`);
    if (e.field !== o.field) fail(`field changed from ${o.field} to ${e.field}`, o.field, e.field);
    if (predicateText(e.records) !== predicateText(o.records)) fail('its records predicate changed', JSON.stringify(o.records), JSON.stringify(e.records));
    if (changes.length) changed.push({ id: e.id, changes });
  }
  // Entries for the same field are tried in order (the first whose predicate holds covers a
  // mismatch), so reordering two that remain can widen what is accepted: refused.
  const kept = new Set(b.entries.filter((e) => old.has(e.id)).map((e) => e.id));
  const orderBefore = new Map<string, string[]>();
  for (const e of a.entries) if (kept.has(e.id)) orderBefore.set(e.field, [...(orderBefore.get(e.field) ?? []), e.id]);
  const orderAfter = new Map<string, string[]>();
  for (const e of b.entries) if (kept.has(e.id) && old.get(e.id)!.field === e.field) orderAfter.set(e.field, [...(orderAfter.get(e.field) ?? []), e.id]);
  for (const [field, after] of orderAfter) {
    const before = (orderBefore.get(field) ?? []).filter((id) => after.includes(id));
    if (before.join('\u0000') === after.join('\u0000')) continue;
    reordered.push(field);
    reasons.push({ code: 'LEDGER_REORDERED', severity: 'fail', subject: `ledger.${field}`, expected: before.join(', '), received: after.join(', '), message: `entries for ${field} were reordered from ${before.map((id) => `'${id}'`).join(', ')} to ${after.map((id) => `'${id}'`).join(', ')}: the first entry whose predicate holds covers a mismatch, so a new order can accept other differences` });
  }
  const ids = new Set(b.entries.map((e) => e.id));
  const removed = a.entries.filter((e) => !ids.has(e.id)).map((e) => e.id);
  for (const id of removed) reasons.push({ code: 'LEDGER_ENTRY_REMOVED', severity: 'info', subject: `ledger.${id}`, expected: '-', received: id, message: `entry '${id}' was removed` });
  const sorted = sortReasons(reasons);
  return { kind: 'ledger-change', version: REPORT_VERSION, verdict: verdictOf(sorted), reasons: sorted, removed, added, changed, reordered };
}

/**
 * A predicate's text up to how it is spelt, so that only a change in what it selects counts as
 * one: members in any order (RFC 8785 canonical JSON, the `canonicalize` package), the operands
 * of `all` and `any` and the values of `in` in any order (they form sets). A ledger reformatted
 * or reordered by an editor is then no wider than before, where comparing its text had failed it.
 */
function predicateText(p: LedgerPredicate): string {
  const byText = (xs: readonly unknown[]) => xs.map((x) => [canonicalize(x) ?? '', x] as const).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, x]) => x);
  const normal = (q: LedgerPredicate): unknown => {
    if (typeof q !== 'object' || q === null) return q;
    if ('all' in q && Array.isArray(q.all)) return { all: byText(q.all.map(normal)) };
    if ('any' in q && Array.isArray(q.any)) return { any: byText(q.any.map(normal)) };
    if ('not' in q) return { not: normal(q.not) };
    const c = q as LedgerCondition;
    return c.op === 'in' && Array.isArray(c.value) ? { ...c, value: byText(c.value) } : c;
  };
  return canonicalize(normal(p)) ?? '';
}
