import { count, num, pct, table, type Colors } from '../report/format.js';
import type { ProfileReport } from './compareProfile.js';

/**
 * Renders a {@link ProfileReport} in the fixed order: verdict sentence; rows legacy vs shadow;
 * schema changes; the failed checks, worst first (at most 8); the decision rule (α, m, z); hints.
 *
 * @example
 * console.log(renderProfileReport(compareProfile(legacy, shadow), plainColors).join('\n'));
 */
export function renderProfileReport(r: ProfileReport, c: Colors): string[] {
  const label = r.label ? `[${r.label}] ` : '';
  const fails = r.reasons.filter((x) => x.severity === 'fail');
  const lines: string[] = [];
  if (r.verdict === 'pass') lines.push(`${label}${c.green('Profiles match')}: ${r.columns.length} columns within their bounds (${r.tests} noise-aware checks at family-wise α = ${r.alpha})`);
  else lines.push(`${label}${c.red('Profiles differ')}: ${fails.length} reason${fails.length === 1 ? '' : 's'}`);
  lines.push(`  rows: legacy ${count(r.rows.legacy)}, shadow ${count(r.rows.shadow)} (${r.rows.relativeDelta >= 0 ? '+' : ''}${pct(r.rows.relativeDelta)})`);
  const s = r.schema;
  if (s.added.length || s.removed.length || s.retyped.length) {
    lines.push(`  schema: ${[
      s.removed.length ? `removed ${s.removed.join(', ')}` : '',
      s.added.length ? `added ${s.added.join(', ')}` : '',
      s.retyped.length ? `retyped ${s.retyped.map((t) => `${t.column} (${t.legacy} → ${t.shadow})`).join(', ')}` : '',
    ].filter(Boolean).join('; ')}`);
  }
  for (const x of fails.slice(0, 8)) lines.push(`  ${c.red('✗')} ${x.message}`);
  if (fails.length > 8) lines.push(c.dim(`  … ${fails.length - 8} more reasons in the report`));
  const failed = r.columns.flatMap((col) => col.checks.filter((k) => !k.pass));
  if (failed.length) {
    lines.push('', 'Failed checks (delta outside the allowed interval: bound widened by sampling noise):');
    const worst = failed.slice(0, 8).map((k) => [k.column, k.check, num(k.legacy), num(k.shadow), num(k.delta), `[${num(k.allowed[0])}, ${num(k.allowed[1])}]`]);
    lines.push(...table(['column', 'check', 'legacy', 'shadow', 'delta', 'allowed'], worst));
  }
  for (const x of r.reasons.filter((y) => y.severity === 'info').slice(0, 3)) lines.push(c.dim(`  · ${x.message}`));
  if (r.tests > 0) lines.push(c.dim(`Decision: each of ${r.tests} noise-aware checks at α/m = ${num(r.alpha / r.tests)} (z = ${num(r.z)}); two samples of one distribution fail at most α = ${r.alpha}`));
  for (const h of r.hints) lines.push(`Hint: ${h}`);
  return lines;
}
