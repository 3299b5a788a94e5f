import type { Colors } from '../report/format.js';
import type { QueryReport } from './compareQueries.js';

/**
 * The one-screen explanation of a {@link QueryReport}: a verdict line, then per query its consumer,
 * rows on each side, how rows were paired and, when it differs, the differing groups.
 *
 * @example
 * console.log(renderQueryReport(report, plainColors).join('\n'));
 */
export function renderQueryReport(report: QueryReport, c: Colors): string[] {
  const bad = report.queries.filter((q) => q.verdict !== 'pass');
  const lines = [
    bad.length === 0
      ? `${c.green('pass')}: all ${report.queries.length} consumer quer${report.queries.length === 1 ? 'y sees' : 'ies see'} the same result on shadow as on legacy`
      : `${c.red(report.verdict)}: ${bad.length} of ${report.queries.length} consumer quer${report.queries.length === 1 ? 'y sees' : 'ies see'} a different result on shadow`,
    '',
  ];
  for (const q of report.queries) {
    const mark = q.verdict === 'pass' ? c.green('✓') : c.red('✗');
    const pairing = q.key[0] === '#row' ? (q.ordered ? 'paired by position (the query orders its rows)' : 'one row, paired by position') : `paired on ${q.key.join(', ')}`;
    lines.push(`${mark} ${q.consumer}: ${q.name} · rows legacy ${q.rows.legacy}, shadow ${q.rows.shadow} · ${pairing}`);
  }
  for (const r of report.reasons) lines.push('', `${r.severity === 'info' ? '·' : '✗'} ${r.message}`);
  return lines;
}
