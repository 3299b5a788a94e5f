/** Words for injected faults and engine reports, used in helper messages. */
import type { EventReport } from '../../events/compareEvents.js';
import { cell } from '../../report/format.js';
import type { AppliedPerturbation, ShadowPair } from '../applyPerturbations.js';
import type { Perturbation, PerturbationConstraints } from '../perturbation.js';
import { num, pct } from '../model.js';

const list = (keys: readonly string[], max = 5) => (keys.length <= max ? keys.join(', ') : `${keys.slice(0, max).join(', ')}, … (${keys.length - max} more)`);
const s = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** A perturbation spec in a few words: `drop 40%`, `jitterTime ts up to 300 ms`. */
export function describeSpec(p: Perturbation | PerturbationConstraints): string {
  const m = p.magnitude;
  const mag = typeof m === 'number' ? num(m) : `${num(m.min)}…${num(m.max)}`;
  const field = p.field ? ` ${p.field}` : '';
  const rate = p.rate !== undefined ? ` on ${pct(p.rate)}` : '';
  return `${p.kind}${p.kind === 'hostile' ? ` ${p.hostile ?? 'negativeZero'}` : ''}${field} (magnitude ${mag}${rate})`;
}

/** One line saying exactly what one applied perturbation did. */
export function describeApplied(a: AppliedPerturbation): string {
  const p = a.perturbation;
  const ex = (n = 3) =>
    a.changes
      .slice(0, n)
      .map((c) => `${c.key} ${cell(c.legacy, 24)} → ${cell(c.shadow, 24)}${c.delta !== undefined && Number.isFinite(c.delta) ? ` (Δ ${num(c.delta)})` : ''}`)
      .join('; ');
  switch (p.kind) {
    case 'drop':
      return `drop: ${a.affected} of ${s(a.eligible, 'event')} removed (${pct(a.amount)}): ${list(a.keys)}`;
    case 'duplicate':
      return `duplicate: ${a.affected} of ${s(a.eligible, 'event')} delivered twice (${pct(a.amount)}): ${list(a.keys)}`;
    case 'truncate':
      return `truncate: ${a.affected} of ${s(a.eligible, 'event')} cut from the ends of entity sequences: ${list(a.keys)}`;
    case 'swapNeighbours':
    case 'reorderTies':
      return `${p.kind}: ${a.affected} of ${a.eligible} same-entity neighbour pairs swapped: ${list(a.keys)}`;
    case 'lateArrival':
      return `lateArrival: ${s(a.affected, 'event')} arrived up to ${num(p.magnitude)} ms late: ${a.moved
        .slice(0, 3)
        .map((m) => `${m.key} position ${m.from} → ${m.to}`)
        .join('; ')}`;
    case 'clockSkew':
      return `clockSkew: ${p.field} of ${s(a.changes.length, 'event')} of ${a.entities.length} of ${s(a.eligible, 'entity')} (${list(a.entities)}) moved by ${num(Math.round(p.magnitude))} ms`;
    case 'jitterTime':
      return `jitterTime: ${p.field} of ${a.affected} of ${s(a.eligible, 'event')} moved by up to ${num(a.amount)} ms: ${ex()}`;
    case 'shiftField':
      return `shiftField: ${p.field} of ${a.affected} of ${s(a.eligible, 'event')} shifted by ${num(p.magnitude)} (largest |Δ| ${num(a.amount)}): ${ex()}`;
    case 'scaleField':
      return `scaleField: ${p.field} of ${a.affected} of ${s(a.eligible, 'event')} scaled by ${num(1 + p.magnitude)} (largest relative Δ ${num(a.amount)}): ${ex()}`;
    case 'nullField':
      return `nullField: ${p.field} of ${a.affected} of ${s(a.eligible, 'event')} turned null: ${ex()}`;
    case 'changeType':
      return `changeType: ${p.field} of ${a.affected} of ${s(a.eligible, 'event')} changed type: ${ex()}`;
    case 'hostile':
      return `hostile ${p.hostile}: ${p.field} of ${a.affected} of ${s(a.eligible, 'event')} rewritten: ${ex()}`;
  }
}

/** The pair in one line: sizes and what was injected. */
export function describePair(pair: ShadowPair<object>): string[] {
  return [`${s(pair.legacy.length, 'legacy event')}, ${pair.shadow.length} in shadow`, ...pair.injected.applied.map((a) => `injected ${describeApplied(a)}`)];
}

/** The engine's outcome in one line. */
export function describeReport(r: EventReport): string {
  const c = r.counts;
  const head = `compareEvents: ${r.verdict} (${c.equal} of ${c.legacy} legacy events match, ${c.missing} missing, ${c.extra} extra, ${c.shadowDuplicateKeys} duplicated keys)`;
  const first = r.reasons.find((x) => x.severity !== 'info');
  return first ? `${head}: ${first.message}` : head;
}
