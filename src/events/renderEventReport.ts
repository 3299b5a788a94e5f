import type { EventReport } from './compareEvents.js';
import { cell, count, num, pct, table, type Colors } from '../report/format.js';

const MAX_GROUPS = 5;
const MAX_FIELDS = 6;
const MAX_EXAMPLES = 5;

const keyText = (k: unknown) => cell(k, 40);

const LABELS: Record<string, (subject: string) => string> = {
  MATCH_RATE_BELOW_MIN: () => 'match rate',
  MISSING_RATE_ABOVE_MAX: () => 'missing rate',
  EXTRA_RATE_ABOVE_MAX: () => 'extra rate',
  DUPLICATE_KEYS: (s) => `duplicate keys (${s})`,
  MISSING_KEY_FIELD: (s) => `rows without key (${s})`,
  FIELD_MATCH_RATE_BELOW_MIN: (s) => `${s.replace(/^fields\./, '').replace(/\.minMatchRate$/, '')} match rate`,
};
const checkLabel = (code: string, subject: string) => LABELS[code]?.(subject) ?? subject;

/**
 * Renders an EventReport in the fixed order of STYLE.md: verdict sentence, what differs together
 * (groups with their shapes), observed vs required, worst fields, concrete examples, counts, hints.
 */
export function renderEventReport(r: EventReport, c: Colors): string[] {
  const n = r.counts;
  const out: string[] = [];
  const label = r.label ? `[${r.label}] ` : '';
  const matchLine = `${count(n.equal)} of ${count(n.legacy)} legacy events (${pct(r.rates.match)}) match within tolerance`;
  if (r.verdict === 'pass') {
    out.push(`${label}Shadow approximately matches legacy: ${matchLine}; ${pct(r.thresholds.minMatchRate)} required.`);
  } else {
    const first = r.reasons.find((x) => x.code === 'MATCH_RATE_BELOW_MIN') ?? r.reasons.find((x) => x.severity === 'fail');
    const lead = first && first.code !== 'MATCH_RATE_BELOW_MIN' ? `${first.message}` : `${matchLine}, ${pct(r.thresholds.minMatchRate)} required`;
    out.push(`${label}${c.red('Shadow does not approximately match legacy')}: ${lead}.`);
  }

  if (r.groups.length > 0) {
    out.push('', c.bold('What differs (events grouped by the fields that differ together):'));
    const byField = new Map(r.fields.map((f) => [f.field, f]));
    for (const g of r.groups.slice(0, MAX_GROUPS)) {
      const shapes = g.fields
        .map((f) => byField.get(f)?.shape)
        .map((s, i) => (s && s.kind !== 'mixed' ? `${g.fields[i]}: ${s.description}` : ''))
        .filter(Boolean);
      out.push(`  ${count(g.count).padStart(7)} × ${g.fields.join(' + ')}${shapes.length ? c.dim(`  (${shapes.join('; ')})`) : ''}`);
    }
    if (r.groups.length > MAX_GROUPS) out.push(c.dim(`  … ${r.groups.length - MAX_GROUPS} more groups`));
  }

  // Segments that select the same events (e.g. city Berlin and country DE) share one line.
  const seen = new Map<string, string[]>();
  for (const sg of r.segments) {
    const id = `${sg.mismatches}|${sg.baseShare}`;
    if (!seen.has(id)) seen.set(id, []);
    seen.get(id)!.push(`${sg.field} = ${cell(sg.value)}`);
  }
  for (const [id, conds] of seen) {
    const sg = r.segments.find((x) => `${x.mismatches}|${x.baseShare}` === id)!;
    const all = sg.mismatchShare === 1 ? `all ${count(sg.mismatches)}` : `${pct(sg.mismatchShare, 1)} (${count(sg.mismatches)})`;
    out.push(`  Where: ${all} of the differing events have ${conds.join(' and ')} (${pct(sg.baseShare, 1)} of matched events)`);
  }

  const failing = r.reasons.filter((x) => x.severity !== 'info');
  if (failing.length > 0) {
    out.push('', c.bold('Checks that failed:'));
    const rows = failing.map((x) => {
      const obs = typeof x.received === 'number' && /Rate|rate/.test(x.subject) ? pct(x.received) : String(x.received);
      let req = String(x.expected);
      const m = /^(>=|<=) ([\d.e-]+)$/.exec(req);
      let gap = '';
      if (m && typeof x.received === 'number') {
        req = `${m[1]} ${pct(Number(m[2]))}`;
        gap = `${((Math.abs(x.received - Number(m[2])) * 100).toFixed(2))} pp`;
      }
      return [checkLabel(x.code, x.subject), obs, req, gap];
    });
    out.push(...table(['check', 'observed', 'required', 'gap'], rows).map((l, i) => (i === 0 ? c.dim(l) : l)));
  }

  const worst = r.fields.filter((f) => f.mismatches > 0).slice(0, MAX_FIELDS);
  if (worst.length > 0) {
    out.push('', c.bold('Worst fields:'));
    const rows = worst.map((f) => [
      f.field + (f.shadowField ? ` → ${f.shadowField}` : ''),
      f.rule,
      count(f.mismatches),
      pct(f.mismatchRate),
      f.delta ? num(f.delta.maxAbs) : '',
      f.delta ? num(f.delta.p99Abs) : '',
      f.shape?.description ?? '',
    ]);
    out.push(...table(['field', 'rule', 'mismatches', 'rate', 'max |Δ|', 'p99 |Δ|', 'shape'], rows).map((l, i) => (i === 0 ? c.dim(l) : l)));
    const more = r.fields.filter((f) => f.mismatches > 0).length - worst.length;
    if (more > 0) out.push(c.dim(`  … ${more} more fields differ`));
  }

  // Round-robin over groups, so different failure modes show before a second example of one.
  const ex: string[][] = [];
  for (let round = 0; round < MAX_EXAMPLES && ex.length < MAX_EXAMPLES; round++) {
    for (const g of r.groups) {
      const e = g.examples[round];
      if (!e) continue;
      for (const v of e.values) if (ex.length < MAX_EXAMPLES) ex.push([keyText(e.key), v.field, cell(v.legacy), cell(v.shadow)]);
      if (ex.length >= MAX_EXAMPLES) break;
    }
  }
  if (ex.length > 0) {
    out.push('', c.bold('Examples (legacy vs shadow):'));
    out.push(...table(['key', 'field', 'legacy', 'shadow'], ex).map((l, i) => (i === 0 ? c.dim(l) : l)));
  }
  const keyList = (ks: unknown[]) => ks.slice(0, MAX_EXAMPLES).map(keyText).join(', ');
  if (r.examples.missing.length) out.push(`Missing from shadow (${count(n.missing)}): ${keyList(r.examples.missing)}${n.missing > r.examples.missing.length ? ', …' : ''}`);
  if (r.examples.extra.length) out.push(`Not in legacy (${count(n.extra)}): ${keyList(r.examples.extra)}${n.extra > r.examples.extra.length ? ', …' : ''}`);
  if (r.examples.duplicates.length) {
    out.push(`Duplicated keys: ${r.examples.duplicates.slice(0, MAX_EXAMPLES).map((d) => `${keyText(d.key)} ×${d.rows} in ${d.side}`).join(', ')}`);
  }
  if (r.examples.missingKey.length) {
    out.push(`Rows without key ${r.key}: ${r.examples.missingKey.slice(0, 3).map((m) => `${m.side} ${cell(m.row, 60)}`).join('; ')}`);
  }
  for (const i of r.reasons.filter((x) => x.severity === 'info')) out.push(c.dim(`Note: ${i.message}`));

  out.push(
    '',
    c.dim(
      `Counts: legacy ${count(n.legacy)} · shadow ${count(n.shadow)} · matched ${count(n.matched)} · equal ${count(n.equal)} · ` +
        `missing ${count(n.missing)} · extra ${count(n.extra)} · duplicate keys ${count(n.legacyDuplicateKeys)}/${count(n.shadowDuplicateKeys)} · ` +
        `no key ${count(n.legacyMissingKey)}/${count(n.shadowMissingKey)} (legacy/shadow) · key ${r.key}`,
    ),
  );
  for (const h of r.hints) out.push(c.yellow(`Hint: ${h}`));
  return out;
}
