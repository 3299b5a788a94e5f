import type { TierReport } from './compareTiers.js';
import { cell, count, pct, table, type Colors } from '../report/format.js';
import { renderEventReport } from '../events/renderEventReport.js';
import { renderSequenceReport } from '../sequences/renderSequenceReport.js';

const DISAGREEMENT: Record<string, string> = {
  FIELDS_PASS_SEQUENCES_DIFFER: 'fields pass, sequences differ',
  FIELDS_DIFFER_SEQUENCES_MATCH: 'fields differ, sequences match',
};

/**
 * Renders a TierReport: the joint verdict, where the tiers disagree (with example entities), each
 * tier's verdict in a small table, then the full explanation of each failing tier.
 */
export function renderTierReport(r: TierReport, c: Colors): string[] {
  const out: string[] = [];
  const label = r.label ? `[${r.label}] ` : '';
  const both = `event tier ${r.events.verdict}, sequence tier ${r.sequences.verdict}`;
  if (r.verdict === 'pass') out.push(`${label}Shadow matches legacy on both tiers (${both}).`);
  else out.push(`${label}${c.red('Shadow does not match legacy on both tiers')}: ${both}.`);

  const e = r.entities;
  if (r.disagreements.length > 0) {
    out.push('', c.bold('Where the tiers disagree (entities):'));
    const rows = r.disagreements.map((d) => [
      DISAGREEMENT[d.code] ?? d.code,
      count(d.entities),
      pct(e.compared ? d.entities / e.compared : 0),
      d.classes.map((k) => `${k.class} ${count(k.entities)}`).join(', '),
      d.examples.slice(0, 3).map((x) => cell(x, 24)).join(', ') + (d.entities > 3 ? ', …' : ''),
    ]);
    out.push(...table(['disagreement', 'entities', 'share', 'sequence classes', 'e.g.'], rows).map((l, i) => (i === 0 ? c.dim(l) : l)));
  } else if (e.compared > 0) {
    out.push('', 'The tiers agree on every entity.');
  }
  out.push('', c.bold('Tiers:'));
  const ev = r.events;
  const sq = r.sequences;
  out.push(
    ...table(
      ['tier', 'verdict', 'headline'],
      [
        ['events', ev.verdict, `${count(ev.counts.equal)} of ${count(ev.counts.legacy)} legacy events (${pct(ev.rates.match)}) match within tolerance`],
        ['sequences', sq.verdict, `${count(sq.counts.exact)} of ${count(sq.counts.entities)} entities (${pct(sq.metrics.exactRate)}) have exactly equal sequences`],
      ],
    ).map((l, i) => (i === 0 ? c.dim(l) : l)),
  );
  out.push(
    c.dim(
      `Entities: compared ${count(e.compared)} · both match ${count(e.bothMatch)} · both differ ${count(e.bothDiffer)} · ` +
        `sequences only ${count(e.sequencesOnly)} · events only ${count(e.eventsOnly)}` +
        (e.outsideWindow ? ` · event differences outside the sequence window ${count(e.outsideWindow)}` : ''),
    ),
  );
  for (const h of r.hints) out.push(c.yellow(`Hint: ${h}`));
  if (sq.verdict !== 'pass') out.push('', c.bold('Sequence tier:'), ...renderSequenceReport(sq, c).map((l) => (l ? `  ${l}` : l)));
  if (ev.verdict !== 'pass') out.push('', c.bold('Event tier:'), ...renderEventReport(ev, c).map((l) => (l ? `  ${l}` : l)));
  return out;
}
