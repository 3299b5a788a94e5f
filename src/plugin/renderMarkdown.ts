import type { RunEntry, RunFile } from './types.js';

const ICON: Record<RunEntry['verdict'], string> = { pass: '✅ pass', fail: '❌ fail', inconclusive: '⚠️ inconclusive', error: '💥 error' };

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

function figure(name: string, v: number): string {
  return /Rate$|^agreement$|^lower$/.test(name) ? `${(v * 100).toFixed(2)}%` : String(Number(v.toPrecision(4)));
}

/** Tiers in the column order of the table: events, sequences, outputs, then the rest by name. */
function tierOrder(a: string, b: string): number {
  const rank = (t: string) => (t === 'events' ? 0 : t === 'sequences' ? 1 : t.startsWith('outputs') ? 2 : t === 'replay' ? 4 : 3);
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * Renders a run as a Markdown summary fit for a pull-request comment or `$GITHUB_STEP_SUMMARY`:
 * a headline, an event type × tier table of verdicts (with the first key figure), then each
 * failing, inconclusive or erroring check with its reasons.
 *
 * @example
 * writeFileSync('summary.md', renderMarkdown(run));
 */
export function renderMarkdown(run: RunFile): string {
  const s = run.summary;
  const lines: string[] = [];
  const bad = s.fail + s.error;
  lines.push(`## Shadow validation: ${bad === 0 && s.inconclusive === 0 ? 'all checks pass' : `${bad} failing, ${s.inconclusive} inconclusive`} (${s.checks} checks)`);
  const meta = [`run \`${run.runId}\``, run.partition ? `partition \`${run.partition}\`` : '', run.commit ? `commit \`${run.commit.slice(0, 12)}\`` : '', `${(run.durationMs / 1000).toFixed(1)} s`].filter(Boolean);
  lines.push('', meta.join(' · '), '');
  const types = [...new Set(run.entries.map((e) => e.eventType))].sort();
  const tiers = [...new Set(run.entries.map((e) => e.tier))].sort(tierOrder);
  lines.push(`| event type | ${tiers.join(' | ')} |`, `|---|${tiers.map(() => '---').join('|')}|`);
  for (const t of types) {
    const cells = tiers.map((tier) => {
      const es = run.entries.filter((e) => e.eventType === t && e.tier === tier);
      if (es.length === 0) return '—';
      return es
        .map((e) => {
          const [k, v] = Object.entries(e.figures)[0] ?? [];
          return `${ICON[e.verdict]}${k !== undefined && v !== undefined ? ` ${k} ${figure(k, v)}` : ''}`;
        })
        .join('<br>');
    });
    lines.push(`| ${esc(t)} | ${cells.join(' | ')} |`);
  }
  const failing = run.entries.filter((e) => e.verdict !== 'pass');
  if (failing.length > 0) {
    lines.push('', '### Failing and inconclusive checks', '');
    for (const e of failing) {
      lines.push(`- **${esc(e.eventType)} / ${esc(e.tier)}** — ${e.verdict}${e.rows ? ` (${e.rows.legacy} legacy, ${e.rows.shadow} shadow rows)` : ''}`);
      for (const r of e.reasons.slice(0, 5)) lines.push(`  - \`${r.code}\` ${esc(r.message)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
