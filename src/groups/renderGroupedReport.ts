import type { ReportBase } from '../report/types.js';
import { count, pct, table, type Colors } from '../report/format.js';
import { keyFigures } from './keyFigures.js';
import type { GroupedReport } from './types.js';

const MAX_FAILING = 3;

function figureText(name: string, v: number): string {
  return /Rate$|^agreement$|^lower$/.test(name) ? pct(v) : String(Number(v.toPrecision(4)));
}

/**
 * Renders a {@link GroupedReport}: the verdict sentence, one table row per group (verdict, rows,
 * key figures, what was overridden), where the missing or extra rows concentrate, then the full
 * rendering of each failing group (at most 3) by the tier's own renderer.
 */
export function renderGroupedReport(r: GroupedReport, c: Colors, renderSub: (report: ReportBase, c: Colors) => string): string[] {
  const label = r.label ? `[${r.label}] ` : '';
  const out: string[] = [];
  const bad = r.counts.failing + r.counts.inconclusive;
  if (r.verdict === 'pass') out.push(`${label}Every group passes: ${r.counts.groups} groups by ${r.by} (${r.tier}).`);
  else {
    const names = r.groups.filter((g) => g.verdict !== 'pass').map((g) => g.group);
    const lead = names.length ? `${bad} of ${r.counts.groups} groups by ${r.by} ${r.verdict === 'fail' ? 'fail' : 'are inconclusive'} (${names.join(', ')})` : r.reasons[0]?.message ?? r.verdict;
    out.push(`${label}${c.red(`Grouped ${r.tier} check ${r.verdict === 'fail' ? 'fails' : 'is inconclusive'}`)}: ${lead}.`);
  }
  for (const reason of r.reasons) {
    if (reason.code === 'GROUP_FAILED' || reason.code === 'GROUP_INCONCLUSIVE') continue;
    out.push(`  ${reason.severity === 'info' ? '·' : '✗'} ${reason.message}`);
  }
  if (r.groups.length > 0) {
    const rows: string[][] = [];
    for (const g of r.groups) {
      const figs = Object.entries(keyFigures(g.report)).filter(([k]) => !/Rows$|^entities$/.test(k)).slice(0, 3);
      const u = r.unmatched.find((x) => x.group === g.group);
      rows.push([
        g.group.length > 24 ? `${g.group.slice(0, 23)}…` : g.group,
        g.verdict === 'pass' ? c.green('pass') : c.red(g.verdict),
        count(g.rows.legacy),
        count(g.rows.shadow),
        u ? `${count(u.missing)} / ${count(u.extra)}` : '',
        figs.map(([k, v]) => `${k} ${figureText(k, v)}`).join(', '),
        [...g.overridden, ...g.skippedFieldRules.map((f) => `skipped ${f}`)].join(', '),
      ]);
    }
    out.push('', ...table(['group', 'verdict', 'legacy', 'shadow', 'missing / extra', 'key figures', 'overrides'], rows));
  }
  const failing = r.groups.filter((g) => g.verdict !== 'pass');
  for (const g of failing.slice(0, MAX_FAILING)) {
    out.push('', c.bold(`── ${r.by} = ${g.group} ──`), renderSub(g.report, c));
  }
  if (failing.length > MAX_FAILING) out.push('', c.dim(`… ${failing.length - MAX_FAILING} more failing groups: see the report's groups`));
  return out;
}
