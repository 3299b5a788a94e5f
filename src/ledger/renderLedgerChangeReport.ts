import type { Colors } from '../report/format.js';
import type { LedgerChangeReport } from './checkLedgerShrank.js';

/**
 * Renders a {@link LedgerChangeReport}.
 *
 * @example
 * console.log(renderLedgerChangeReport(checkLedgerShrank(before, after), plainColors).join('\n'));
 */
export function renderLedgerChangeReport(r: LedgerChangeReport, c: Colors): string[] {
  const lines = [r.verdict === 'pass' ? c.green(`Ledger only shrank: ${r.removed.length} removed, ${r.changed.length} narrowed`) : c.red('Ledger grew')];
  for (const x of r.reasons) lines.push(`  ${x.severity === 'fail' ? c.red('✗') : '·'} ${x.message}`);
  return lines;
}
