import { sortReasons, verdictOf, type ReportBase } from '../report/types.js';
import type { GroupedReport } from '../groups/types.js';
import type { KnownDifferences } from './types.js';

/**
 * A grouped report (`by`) with each ledger entry's size summed over its groups: each group applies
 * the whole ledger to its own rows, so an entry can stay within its recorded size in every group
 * and still have grown in total. Such an entry fails the grouped report (LEDGER_ENTRY_GREW), as it
 * would without `by`; an entry that grew within a group already failed there.
 *
 * @example
 * const grouped = withLedgerTotals(compareByGroup(FN, compareBytes, legacy, shadow, options, { unit: 'records' }));
 */
export function withLedgerTotals<R extends ReportBase & { known?: KnownDifferences }>(r: GroupedReport<R>): GroupedReport<R> {
  const sizes = new Map<string, { entry: KnownDifferences['entries'][number]; size: number; grownInGroup: boolean }>();
  for (const g of r.groups) {
    for (const e of g.report.known?.entries ?? []) {
      const t = sizes.get(e.id) ?? { entry: e, size: 0, grownInGroup: false };
      t.size += e.size;
      t.grownInGroup ||= e.status === 'grown';
      sizes.set(e.id, t);
    }
  }
  const reasons = [...r.reasons];
  for (const { entry: e, size, grownInGroup } of sizes.values()) {
    if (grownInGroup || size <= e.acceptedSize) continue;
    reasons.push({ code: 'LEDGER_ENTRY_GREW', severity: 'fail', subject: `ledger.${e.id}`, expected: `<= ${e.acceptedSize}`, received: size, message: `known difference '${e.id}' (${e.field}, owner ${e.owner}) covers ${size} differences over all groups, more than the ${e.acceptedSize} recorded when it was accepted: it grew, so it is no longer the known difference` });
  }
  if (reasons.length === r.reasons.length) return r;
  const sorted = sortReasons(reasons);
  return { ...r, reasons: sorted, verdict: verdictOf(sorted) };
}
