import type { HistoryRecord } from '../history/types.js';
import { evaluateCriteria, type CriteriaEvaluation } from './evaluateCriteria.js';
import { resolveCriteria } from './resolveCriteria.js';
import { STAGES, eventTypeEntry, type Consumer, type CutoverManifest, type Side, type Stage, type StageCriteria } from './types.js';

/** What a change does. @example decision.items.filter((i) => i.kind === 'rollback') */
export type GateChangeKind =
  | 'advance' // a stage moves one step forward
  | 'skip' // a stage moves more than one step forward (refused)
  | 'rollback' // a stage moves back (always allowed)
  | 'removed' // an event type leaves the manifest
  | 'switch' // a consumer moves to shadow
  | 'switch-back' // a consumer moves back to legacy (always allowed)
  | 'consumer-removed';

/**
 * The decision on one change of the manifest.
 * @example
 * for (const item of decision.items) console.log(`${item.eventType}${item.consumer ? `/${item.consumer}` : ''}: ${item.summary}`);
 */
export interface GateItem {
  eventType: string;
  /** Set for consumer changes. */
  consumer?: string;
  kind: GateChangeKind;
  from: Stage | Side | 'absent';
  to: Stage | Side | 'absent';
  allowed: boolean;
  /** One sentence: why allowed or blocked. */
  summary: string;
  /** Warnings that do not block (e.g. a consumer left on shadow by a rollback). */
  notes: string[];
  /** The criteria judged over the history, when the change needed any. */
  evaluation?: CriteriaEvaluation;
  /** The stage whose criteria were judged. */
  criteriaOf?: Stage;
}

/** The outcome of {@link decideGate}. @example process.exitCode = decideGate(base, head, records).allowed ? 0 : 1; */
export interface GateDecision {
  /** True when every change is allowed (also when nothing advances). */
  allowed: boolean;
  items: GateItem[];
}

const rank = (s: Stage) => STAGES.indexOf(s);

/**
 * The criteria a move is judged on: the base's (the criteria already reviewed), so a change cannot loosen the
 * bar and clear it in one pull request; the head's only when the base declares none. A note says when they differ.
 */
function criteriaFor(base: CutoverManifest | undefined, head: CutoverManifest, type: string, stage: Stage): { criteria?: StageCriteria; notes: string[] } {
  const before = eventTypeEntry(base, type) ? resolveCriteria(base!, type, stage) : undefined;
  const after = resolveCriteria(head, type, stage);
  if (!before) return { criteria: after, notes: [] };
  const changed = JSON.stringify(before) !== JSON.stringify(after);
  return {
    criteria: before,
    notes: changed ? [`the criteria to leave ${stage} change in this pull request; it is judged on the base's criteria (the new ones apply once merged)`] : [],
  };
}

/**
 * Decides a manifest change (`base` → `head`) on the history: each event type whose stage moves and each
 * consumer whose side moves becomes an item, allowed or blocked with the criterion that decides it.
 * Moving back (a stage, or a consumer to legacy) is always allowed. Skipping a stage, switching a consumer
 * while its type is in OFF or SHADOW, or before the consumers earlier in the switching order, is refused.
 * Advancing a stage, or switching a consumer, needs the criteria of the stage it leaves (a consumer: of its
 * type's current stage, with the consumer's own queries) to hold over the history — the base manifest's
 * criteria when it declares them, so a change cannot loosen the bar and clear it at once; leaving EXEC is judged
 * on reverse-shadow runs. OFF → SHADOW needs nothing unless `criteria.OFF` is declared.
 *
 * @param base - the manifest before the change (undefined: none existed, every type starts at OFF)
 * @example
 * const decision = decideGate(baseManifest, headManifest, records);
 * process.exitCode = decision.allowed ? 0 : 1;
 */
export function decideGate(base: CutoverManifest | undefined, head: CutoverManifest, records: readonly HistoryRecord[]): GateDecision {
  const items: GateItem[] = [];
  const types = [...new Set([...Object.keys(base?.eventTypes ?? {}), ...Object.keys(head.eventTypes)])].sort();
  for (const type of types) {
    const own = records.filter((r) => r.eventType === type);
    const b = eventTypeEntry(base, type);
    const h = eventTypeEntry(head, type);
    const from: Stage = b?.stage ?? 'OFF';
    if (!h) {
      const harmless = from === 'OFF';
      items.push({
        eventType: type, kind: 'removed', from, to: 'absent', allowed: harmless, notes: [],
        summary: harmless
          ? 'removed from the manifest at OFF: nothing ran or served'
          : `removed from the manifest at ${from}: refused; move its stage back to OFF first so its consumers are switched back explicitly`,
      });
      continue;
    }
    const to = h.stage;
    let stageItem: GateItem | undefined;
    if (rank(to) < rank(from)) {
      const left = (h.consumers ?? []).filter((c) => c.reads === 'shadow' && rank(to) < rank('COMPARISON')).map((c) => c.name);
      stageItem = {
        eventType: type, kind: 'rollback', from, to, allowed: true,
        summary: `moves back ${from} → ${to}: moving back is always allowed`,
        notes: left.length ? [`consumers still reading shadow at ${to}: ${left.join(', ')}; switch them back to legacy`] : [],
      };
    } else if (rank(to) > rank(from) + 1) {
      const skipped = STAGES.slice(rank(from) + 1, rank(to));
      stageItem = {
        eventType: type, kind: 'skip', from, to, allowed: false, notes: [],
        summary: `refused: ${from} → ${to} skips ${skipped.join(', ')}; advance one stage at a time`,
      };
    } else if (rank(to) === rank(from) + 1) {
      const { criteria, notes } = criteriaFor(base, head, type, from);
      if (!criteria && from === 'OFF') {
        stageItem = {
          eventType: type, kind: 'advance', from, to, allowed: true, notes: [], criteriaOf: from,
          summary: 'OFF → SHADOW: the new pipeline only runs and is compared, nothing is served from it (no criteria.OFF declared)',
        };
      } else if (!criteria) {
        stageItem = {
          eventType: type, kind: 'advance', from, to, allowed: false, notes: [], criteriaOf: from,
          summary: `blocked: no criteria declared to leave ${from} (criteria.${from} or defaults.criteria.${from}); advancing needs a record to be judged on`,
        };
      } else {
        const evaluation = evaluateCriteria(own, criteria, { direction: from === 'EXEC' ? 'reverse' : 'forward' });
        const failing = evaluation.criteria.filter((c) => !c.holds).map((c) => c.criterion);
        stageItem = {
          eventType: type, kind: 'advance', from, to, allowed: evaluation.holds, notes, evaluation, criteriaOf: from,
          summary: evaluation.holds
            ? `${from} → ${to}: every criterion to leave ${from} holds`
            : `blocked: ${from} → ${to} needs ${failing.join(', ')}`,
        };
      }
    }
    if (stageItem) items.push(stageItem);

    const baseConsumers = new Map((b?.consumers ?? []).map((c) => [c.name, c] as const));
    const headConsumers = h.consumers ?? [];
    for (const [name] of baseConsumers) {
      if (!headConsumers.some((c) => c.name === name)) {
        items.push({ eventType: type, consumer: name, kind: 'consumer-removed', from: baseConsumers.get(name)!.reads, to: 'absent', allowed: true, notes: [], summary: 'no longer listed as a consumer' });
      }
    }
    for (const c of [...headConsumers].sort((x, y) => x.order - y.order)) {
      const was: Side = baseConsumers.get(c.name)?.reads ?? (from === 'ON' ? 'shadow' : 'legacy');
      if (was === c.reads) continue;
      if (c.reads === 'legacy') {
        items.push({ eventType: type, consumer: c.name, kind: 'switch-back', from: was, to: 'legacy', allowed: true, notes: [], summary: 'back to legacy: switching back is always allowed' });
        continue;
      }
      items.push(decideSwitch(type, c, base, head, from, to, stageItem, own));
    }
  }
  return { allowed: items.every((i) => i.allowed), items };
}

function decideSwitch(
  type: string, c: Consumer, baseManifest: CutoverManifest | undefined, head: CutoverManifest, baseStage: Stage, stage: Stage, stageItem: GateItem | undefined, own: readonly HistoryRecord[],
): GateItem {
  const base = { eventType: type, consumer: c.name, kind: 'switch' as const, from: 'legacy' as const, to: 'shadow' as const, notes: [] };
  if (rank(stage) < rank('COMPARISON')) {
    return { ...base, allowed: false, summary: `refused: ${type} is still in ${stage}; consumers switch from COMPARISON on, once a clean window is shown` };
  }
  // The switching order and the consumer's queries as the base reviewed them (a change cannot reorder,
  // drop or unlist them and switch in one pull request); a consumer new in this change brings its own.
  const baseList = eventTypeEntry(baseManifest, type)?.consumers ?? [];
  const headList = eventTypeEntry(head, type)?.consumers ?? [];
  const orderOf = (name: string) => baseList.find((o) => o.name === name)?.order ?? headList.find((o) => o.name === name)!.order;
  const order = orderOf(c.name);
  const names = [...new Set([...baseList, ...headList].map((o) => o.name))];
  const earlier = names
    .filter((n) => n !== c.name && orderOf(n) < order && headList.find((o) => o.name === n)?.reads !== 'shadow')
    .map((n) => ({ name: n, order: orderOf(n), gone: !headList.some((o) => o.name === n) }));
  if (earlier.length) {
    return {
      ...base, allowed: false,
      summary: `refused: switching order: ${earlier.map((o) => `${o.name} (order ${o.order}${o.gone ? ', removed in this change' : ''})`).join(', ')} still read${earlier.length === 1 ? 's' : ''} legacy; order ${order} switches after them`,
    };
  }
  const baseQueries = baseList.find((o) => o.name === c.name)?.queries ?? [];
  const queries = [...new Set([...baseQueries, ...(c.queries ?? [])])];
  if (stage === 'ON') {
    const allowed = stageItem === undefined || stageItem.allowed;
    return { ...base, allowed, summary: allowed ? `switches with ${type} at ON (legacy is retired)` : `blocked with the move of ${type} to ON` };
  }
  // Judged on the record the type has: when the same change also advances the type (COMPARISON → EXEC), on
  // the stage it was in (its forward runs), since the new stage has no runs yet.
  const judged = rank(baseStage) >= rank('COMPARISON') && rank(baseStage) < rank(stage) ? baseStage : stage;
  const { criteria, notes } = criteriaFor(baseManifest, head, type, judged);
  if (!criteria) {
    return { ...base, allowed: false, criteriaOf: judged, summary: `blocked: no criteria declared for ${judged}; a switch is judged on the criteria of its type's stage` };
  }
  const evaluation = evaluateCriteria(own, criteria, { direction: judged === 'EXEC' ? 'reverse' : 'forward', queries });
  const failing = evaluation.criteria.filter((x) => !x.holds).map((x) => x.criterion);
  return {
    ...base, notes, allowed: evaluation.holds, evaluation, criteriaOf: judged,
    summary: evaluation.holds ? `legacy → shadow: the criteria of ${judged} hold` : `blocked: switching to shadow needs ${failing.join(', ')}`,
  };
}
