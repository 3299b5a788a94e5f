import { headline } from './_internal/headline.js';
import type { RunEntry, RunFile } from './types.js';

const ICON: Record<RunEntry['verdict'], string> = { pass: '✅ pass', fail: '❌ fail', inconclusive: '⚠️ inconclusive', error: '💥 error' };

const esc = (s: string) => s.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\|/g, '\\|').replace(/\r?\n|\r/g, ' ');
/**
 * Text as a Markdown code span that cannot be closed early: fenced by one more backtick than its
 * longest run of backticks (padded with spaces when it starts or ends with one), line breaks
 * flattened. For the meta line, not for table cells.
 */
function code(s: string): string {
  const flat = s.replace(/\r?\n|\r/g, ' ');
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((m) => m.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}
const LEVEL_ICON = { pass: '✅', warn: '⚠️', fail: '❌' } as const;

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
 * failing, inconclusive or erroring check with its reasons. The headline says "all checks pass"
 * only when a check ran, all passed and Vitest reported no unhandled error; otherwise it is marked
 * ❌ (failing checks, unhandled errors) or ⚠️ (inconclusive, interrupted, "no checks ran").
 * Names from the data are escaped, in the table header too; the run id and partition are code
 * spans their own backticks cannot close.
 *
 * @example
 * writeFileSync('summary.md', renderMarkdown(run));
 */
export function renderMarkdown(run: RunFile): string {
  const s = run.summary;
  const lines: string[] = [];
  const h = headline(run);
  lines.push(`## Shadow validation: ${h.level === 'pass' ? '' : `${LEVEL_ICON[h.level]} `}${h.text} (${s.checks} checks)`);
  const meta = [`run ${code(run.runId)}`, run.partition ? `partition ${code(run.partition)}` : '', run.commit ? `commit ${code(run.commit.slice(0, 12))}` : '', `${(run.durationMs / 1000).toFixed(1)} s`].filter(Boolean);
  lines.push('', meta.join(' · '), '');
  for (const u of run.unhandledErrors ?? []) lines.push(`- 💥 unhandled error: ${esc(u)}`);
  if (run.unhandledErrors?.length) lines.push('');
  if (s.checks === 0) {
    lines.push('No shadow check ran: no test recorded a Report (no tests, all skipped, or a `-t` filter that matched none).');
    return `${lines.join('\n')}\n`;
  }
  const types = [...new Set(run.entries.map((e) => e.eventType))].sort();
  const tiers = [...new Set(run.entries.map((e) => e.tier))].sort(tierOrder);
  lines.push(`| event type | ${tiers.map(esc).join(' | ')} |`, `|---|${tiers.map(() => '---').join('|')}|`);
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
