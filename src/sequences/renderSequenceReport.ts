import type { SequenceDiffClass, SequenceExample, SequenceReport } from './compareSequences.js';
import { cell, count, num, pct, table, type Colors } from '../report/format.js';

const MAX_EXAMPLES = 5;

const CLASS_LABEL: Record<SequenceDiffClass, string> = {
  'cut-head': 'cut at head',
  'cut-tail': 'cut at tail',
  reordered: 'reordered',
  duplicated: 'duplicated',
  missing: 'missing events',
  extra: 'extra events',
  'time-shifted': 'time-shifted',
  changed: 'fields changed',
};

const CHECK_LABEL: Record<string, string> = {
  EXACT_RATE_BELOW_MIN: 'exact rate',
  MEAN_EDIT_DISTANCE_ABOVE_MAX: 'mean edit distance',
  KENDALL_TAU_BELOW_MIN: 'Kendall tau',
  KENDALL_TAU_UNDEFINED: 'Kendall tau',
  PRECISION_BELOW_MIN: 'LCS precision',
  RECALL_BELOW_MIN: 'LCS recall',
  RBO_BELOW_MIN: 'RBO',
  MISSING_ENTITY_RATE_ABOVE_MAX: 'missing entities',
  EXTRA_ENTITY_RATE_ABOVE_MAX: 'extra entities',
};
const RATE_CODES = new Set(['EXACT_RATE_BELOW_MIN', 'PRECISION_BELOW_MIN', 'RECALL_BELOW_MIN', 'MISSING_ENTITY_RATE_ABOVE_MAX', 'EXTRA_ENTITY_RATE_ABOVE_MAX']);

const key = (k: unknown) => cell(k, 40);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Up to MAX_EXAMPLES examples, taking each class's first example in turn so every class shows. */
function pickExamples(r: SequenceReport): SequenceExample[] {
  const picked: SequenceExample[] = [];
  for (let round = 0; picked.length < MAX_EXAMPLES; round++) {
    let any = false;
    for (const c of r.classes) {
      const entity = c.examples[round];
      if (entity === undefined) continue;
      any = true;
      if (picked.some((p) => same(p.entity, entity))) continue;
      const ex = r.examples.find((e) => same(e.entity, entity));
      if (ex) picked.push(ex);
      if (picked.length >= MAX_EXAMPLES) break;
    }
    if (!any) break;
  }
  return picked;
}

/**
 * Renders a SequenceReport in the fixed order of STYLE.md: verdict sentence, the difference classes
 * with their counts and example entities, failed checks (observed vs required, gap), metrics,
 * first-divergence histogram, concrete examples side by side, counts and stated rules, hints.
 */
export function renderSequenceReport(r: SequenceReport, c: Colors): string[] {
  const n = r.counts;
  const m = r.metrics;
  const out: string[] = [];
  const label = r.label ? `[${r.label}] ` : '';
  const exactLine = `${count(n.exact)} of ${count(n.entities)} entities (${pct(m.exactRate)}) have exactly equal sequences`;
  if (r.verdict === 'pass') {
    out.push(`${label}Shadow sequences match legacy: ${exactLine}; ${pct(r.thresholds.minExactRate)} required.`);
  } else {
    const first = r.reasons.find((x) => x.severity !== 'info');
    const lead = first && first.code !== 'EXACT_RATE_BELOW_MIN' ? first.message : `${exactLine}, ${pct(r.thresholds.minExactRate)} required`;
    const head = r.verdict === 'fail' ? c.red('Shadow sequences do not match legacy') : c.yellow('Sequence comparison inconclusive');
    out.push(`${label}${head}: ${lead}.`);
  }

  if (r.classes.length > 0) {
    out.push('', c.bold('What differs (entities by difference class):'));
    const rows = r.classes.map((k) => [
      CLASS_LABEL[k.class],
      count(k.entities),
      pct(n.entities ? k.entities / n.entities : 0),
      count(k.events),
      k.examples.slice(0, 3).map(key).join(', ') + (k.entities > 3 ? ', …' : ''),
    ]);
    out.push(...table(['class', 'entities', 'share', 'events', 'e.g.'], rows).map((l, i) => (i === 0 ? c.dim(l) : l)));
  }

  const failing = r.reasons.filter((x) => x.severity !== 'info');
  if (failing.length > 0) {
    out.push('', c.bold('Checks that failed:'));
    const rows = failing.map((x) => {
      const asPct = RATE_CODES.has(x.code);
      const obs = typeof x.received === 'number' ? (asPct ? pct(x.received) : num(x.received)) : String(x.received);
      let req = String(x.expected);
      let gap = '';
      const mm = /^(>=|<=) (-?[\d.e-]+)$/.exec(req);
      if (mm) {
        const v = Number(mm[2]);
        req = `${mm[1]} ${asPct ? pct(v) : num(v)}`;
        if (typeof x.received === 'number') gap = asPct ? `${(Math.abs(x.received - v) * 100).toFixed(2)} pp` : num(Math.abs(x.received - v));
      }
      return [CHECK_LABEL[x.code] ?? x.subject, obs, req, gap];
    });
    out.push(...table(['check', 'observed', 'required', 'gap'], rows).map((l, i) => (i === 0 ? c.dim(l) : l)));
  }

  if (n.entities > 0) {
    out.push(
      '',
      `Metrics: mean edit distance ${num(m.meanEditDistance)} · LCS precision ${pct(m.precision)}, recall ${pct(m.recall)} · ` +
        `Kendall tau ${m.kendallTau === null ? 'n/a' : num(m.kendallTau)} (${count(m.kendallEntities)} entities) · ` +
        `RBO(p=${m.rboP}) ${m.rbo === null ? 'n/a' : num(m.rbo)} · length Δ ${num(m.meanLengthDelta)} (shadow longer ${count(m.shadowLonger)}, shorter ${count(m.shadowShorter)})`,
    );
    if (n.differing > 0) {
      const abs = r.firstDivergence.absolute.filter((b) => b.count > 0).map((b) => `${b.label}: ${count(b.count)}`);
      const rel = r.firstDivergence.relative.map((b) => `${b.label}: ${count(b.count)}`);
      out.push(`First divergence (position: entities) ${abs.join(' · ')}; as a share of the longer length ${rel.join(' · ')}`);
    }
  }
  if (r.fields.length > 0) {
    out.push(`Fields differing in paired events: ${r.fields.slice(0, 6).map((f) => `${f.field} (${count(f.mismatches)})`).join(', ')}${r.fields.length > 6 ? ', …' : ''}`);
  }

  const examples = pickExamples(r);
  if (examples.length > 0) {
    out.push('', c.bold(`Examples (event identities from the first divergence, legacy vs shadow):`));
    for (const e of examples) {
      out.push(`  ${key(e.entity)} — ${e.classes.map((k) => CLASS_LABEL[k]).join(', ')} · lengths ${e.legacyLength}/${e.shadowLength} · edit distance ${num(e.editDistance)}`);
      const more = (len: number, shown: number) => (e.offset + shown < len ? ' …' : '');
      const pre = e.offset > 0 ? '… ' : '';
      out.push(c.dim(`    legacy  @${e.offset}: `) + pre + e.legacy.map((v) => cell(v, 20)).join(' ') + more(e.legacyLength, e.legacy.length));
      out.push(c.dim(`    shadow  @${e.offset}: `) + pre + e.shadow.map((v) => cell(v, 20)).join(' ') + more(e.shadowLength, e.shadow.length));
      for (const d of e.details) out.push(`    · ${d}`);
    }
  }
  for (const i of r.reasons.filter((x) => x.severity === 'info')) out.push(c.dim(`Note: ${i.message}`));

  const w = n.window;
  const dropped = (d: typeof w.legacy) => d.type + d.time + d.noTime + d.dedup + d.truncated;
  out.push(
    '',
    c.dim(
      `Counts: entities ${count(n.entities)} · exact ${count(n.exact)} · legacy ${count(n.legacyCompared)} events in ${count(n.legacyEntities)} sequences · ` +
        `shadow ${count(n.shadowCompared)} in ${count(n.shadowEntities)} · missing/extra entities ${count(n.missingEntities)}/${count(n.extraEntities)}` +
        (dropped(w.legacy) + dropped(w.shadow) > 0 ? ` · windowed out ${count(dropped(w.legacy))}/${count(dropped(w.shadow))} events` : ''),
    ),
    c.dim(
      `Rules: ${r.input === 'sequences' ? 'pre-assembled sequences' : `entity ${r.entity}, orderBy ${r.rules.orderBy.join(', ')}`}, ties ${r.rules.ties}, id ${r.rules.id}, ` +
        `window ${r.rules.window ?? 'none'}, dedup ${r.rules.dedup}, reorderWithinMs ${r.rules.reorderWithinMs}`,
    ),
  );
  for (const h of r.hints) out.push(c.yellow(`Hint: ${h}`));
  return out;
}
