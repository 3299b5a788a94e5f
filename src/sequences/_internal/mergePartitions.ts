/**
 * Steps 6–8 of the sequence pipeline: the partitions' counts and tallies added up (examples chosen
 * in entity-key order over all partitions, sums exact), summarised into metrics, decided into
 * reasons, with hints. One partition (the in-memory engine) gives the report as computed whole.
 */
import { compareKeys } from '../../join/keys.js';
import type { MapKey } from '../../join/pairRows.js';
import { sortReasons, verdictOf, type Reason } from '../../report/types.js';
import type { SequenceCounts, SequenceDiffClass, SequenceExample, SequenceReport, WindowDrops } from '../compareSequences.js';
import { missingTimeReasons } from './assembleSequences.js';
import type { EntityTally } from './compareEntities.js';
import { decide } from './decide.js';
import { newReport } from './newReport.js';
import { missingOrderReasons } from './orderInputs.js';
import { inputReasons } from './readInputs.js';
import type { ResolvedSequenceOptions } from './resolveOptions.js';
import type { SequencePartition } from './runPartition.js';
import { suggestHints } from './suggestHints.js';
import { summarise } from './summarise.js';

const INPUT_COUNTS = [
  'legacyRows', 'shadowRows', 'legacyEvents', 'shadowEvents', 'legacyMissingEntity', 'shadowMissingEntity', 'legacyMissingId', 'shadowMissingId',
  'legacyDuplicateEntities', 'shadowDuplicateEntities', 'legacyNotArray', 'shadowNotArray',
] as const;
const COMPARE_COUNTS = [
  'legacyEntities', 'shadowEntities', 'entities', 'exact', 'differing', 'missingEntities', 'extraEntities', 'legacyCompared', 'shadowCompared',
  'legacyMissingOrder', 'shadowMissingOrder', 'toleratedSwaps',
] as const;

function addDrops(a: WindowDrops, b: WindowDrops): void {
  a.type += b.type;
  a.time += b.time;
  a.noTime += b.noTime;
  a.dedup += b.dedup;
  a.truncated += b.truncated;
}

export function mergePartitions(parts: readonly SequencePartition[], o: ResolvedSequenceOptions): SequenceReport {
  const report = newReport(o);
  const counts: SequenceCounts = report.counts;
  for (const p of parts) for (const k of INPUT_COUNTS) counts[k] += p.counts[k];
  const reasons: Reason[] = inputReasons(counts, o);
  const finish = () => {
    report.reasons = sortReasons(reasons);
    report.verdict = verdictOf(report.reasons);
    return report;
  };
  const unsortable = parts.filter((p) => p.unsortable.length > 0);
  if (unsortable.length > 0) {
    // One reason per side (legacy first, as in memory): the first partition's that names it.
    const bySide = new Map<string, Reason>();
    for (const p of unsortable) {
      for (const r of p.unsortable) {
        const side = /cannot be sorted in (legacy|shadow):/.exec(r.message)?.[1] ?? 'legacy';
        if (!bySide.has(side)) bySide.set(side, r);
      }
    }
    for (const side of ['legacy', 'shadow']) if (bySide.has(side)) reasons.push(bySide.get(side)!);
    return finish();
  }
  for (const p of parts) {
    for (const k of COMPARE_COUNTS) counts[k] += p.counts[k];
    addDrops(counts.window.legacy, p.counts.window.legacy);
    addDrops(counts.window.shadow, p.counts.window.shadow);
  }
  reasons.push(...missingOrderReasons(counts.legacyMissingOrder, counts.shadowMissingOrder, o));
  reasons.push(...missingTimeReasons(counts.window, o));
  const tally = mergeTallies(parts.map((p) => p.tally!), o.maxExamples);
  summarise(report, tally);
  reasons.push(...decide(report, o));
  report.hints.push(...suggestHints(report, tally, o));
  return finish();
}

/** Adds tallies; keeps, per class, the first maxExamples example entities in entity-key order over all partitions. */
function mergeTallies(ts: EntityTally[], maxExamples: number): EntityTally {
  if (ts.length === 1) return ts[0];
  const t = ts[0];
  for (const u of ts.slice(1)) {
    for (const [name, c] of u.classCount) {
      const d = t.classCount.get(name)!;
      d.entities += c.entities;
      d.events += c.events;
    }
    u.absHist.forEach((v, i) => (t.absHist[i] += v));
    u.relHist.forEach((v, i) => (t.relHist[i] += v));
    for (const [f, n] of u.fieldCounts) t.fieldCounts.set(f, (t.fieldCounts.get(f) ?? 0) + n);
    t.sumEd.merge(u.sumEd);
    t.tauSum.merge(u.tauSum);
    t.rboSum.merge(u.rboSum);
    t.sumLcs += u.sumLcs;
    t.sumN += u.sumN;
    t.sumM += u.sumM;
    t.tauN += u.tauN;
    t.rboN += u.rboN;
    t.lenDelta += u.lenDelta;
    t.shadowLonger += u.shadowLonger;
    t.shadowShorter += u.shadowShorter;
    t.maxTimeShiftMs = Math.max(t.maxTimeShiftMs, u.maxTimeShiftMs);
    t.maxSwapGapMs = Math.max(t.maxSwapGapMs, u.maxSwapGapMs);
    t.minShortCut = Math.min(t.minShortCut, u.minShortCut);
  }
  // Examples: per class the first maxExamples entities by key; an entity's example is kept when it is among them for some class.
  const keep = new Set<MapKey>();
  for (const [name, c] of t.classCount) {
    const cands: { key: MapKey; display: unknown }[] = [];
    for (const u of ts) {
      const keys = u.classExampleKeys.get(name as SequenceDiffClass)!;
      const displays = u.classCount.get(name)!.examples;
      keys.forEach((key, i) => cands.push({ key, display: displays[i] }));
    }
    cands.sort((a, b) => compareKeys(a.key, b.key));
    const first = cands.slice(0, maxExamples);
    c.examples = first.map((x) => x.display);
    t.classExampleKeys.set(name, first.map((x) => x.key));
    for (const x of first) keep.add(x.key);
  }
  const examples: { key: MapKey; ex: SequenceExample }[] = [];
  for (const u of ts) for (const [k, ex] of u.exampleAt) if (keep.has(u.exampleKeys.get(k)!)) examples.push({ key: u.exampleKeys.get(k)!, ex });
  examples.sort((a, b) => compareKeys(a.key, b.key));
  t.exampleAt = new Map(examples.map((x, i) => [i, x.ex]));
  t.exampleKeys = new Map(examples.map((x, i) => [i, x.key]));
  return t;
}
