/** Step 5 of the sequence pipeline: pair and compare each entity's sequences, in entity-key order. */
import { compareKeys } from '../../join/keys.js';
import type { MapKey } from '../../join/pairRows.js';
import { toEpochMs } from '../../tolerance/toEpochMs.js';
import type { SequenceClassReport, SequenceCounts, SequenceDiffClass, SequenceExample } from '../compareSequences.js';
import type { AssembledSequences } from './assembleSequences.js';
import { ABS_BUCKETS, CLASS_ORDER, REL_LABELS } from './classOrder.js';
import { CLASS, EntityComparer, type EntityResult } from './compareEntity.js';
import { TIME_DIFFERS, compileEventComparer } from './eventComparer.js';
import type { SequenceInputs } from './readInputs.js';
import type { ResolvedSequenceOptions } from './resolveOptions.js';
import { ExactSum } from './exactSum.js';
import { screenInRowOrder } from './screenInRowOrder.js';
import { classDetail, sequenceExample, type ExampleContext } from './sequenceExample.js';

/** Per-entity outcome handed to runSequences' observer (used by compareTiers). */
export interface EntityOutcome {
  key: MapKey;
  display: unknown;
  exact: boolean;
  classes: SequenceDiffClass[];
  legacyLength: number;
  shadowLength: number;
}

/** What the per-entity comparisons add up to, before it becomes metrics. */
export interface EntityTally {
  classCount: Map<SequenceDiffClass, SequenceClassReport>;
  absHist: number[];
  relHist: number[];
  /** Examples by position in entity-key order. */
  exampleAt: Map<number, SequenceExample>;
  /** The entity key of each example (same positions as exampleAt), to merge partitions in key order. */
  exampleKeys: Map<number, MapKey>;
  /** Per class, the entity keys of its example entities (parallel to the class's examples). */
  classExampleKeys: Map<SequenceDiffClass, MapKey[]>;
  fieldCounts: Map<string, number>;
  /** Σ edit / max(n, m) over differing entities (exact sums: partitions merge to the same bits). */
  sumEd: ExactSum;
  sumLcs: number;
  sumN: number;
  sumM: number;
  tauSum: ExactSum;
  tauN: number;
  rboSum: ExactSum;
  rboN: number;
  lenDelta: number;
  shadowLonger: number;
  shadowShorter: number;
  /** Largest time shift of a paired event beyond the time rule (ms). */
  maxTimeShiftMs: number;
  /** Largest time gap between adjacent reordered shadow events (ms; NaN when a time is missing). */
  maxSwapGapMs: number;
  /** Shortest side length among entities cut at head or tail. */
  minShortCut: number;
}

/**
 * Compares every entity present on either side (duplicate entities left out), in entity-key order,
 * adding to `counts` and returning the tally. Equal sequences are screened in row order first.
 */
export function compareEntities(
  inp: SequenceInputs,
  seqs: AssembledSequences,
  o: ResolvedSequenceOptions,
  fn: string,
  counts: SequenceCounts,
  observe?: (e: EntityOutcome) => void,
): EntityTally {
  const { L, S, E, intern } = inp;
  const { lSeq, sSeq } = seqs;
  const excluded = new Uint8Array(E);
  for (const e of L.duplicateEntities) excluded[e] = 1;
  for (const e of S.duplicateEntities) excluded[e] = 1;
  const entityOrder = new Int32Array(E);
  for (let e = 0; e < E; e++) entityOrder[e] = e;
  const ekeys = intern.entityKeys;
  entityOrder.sort((a, b) => compareKeys(ekeys[a], ekeys[b]));

  const t: EntityTally = {
    classCount: new Map(),
    absHist: new Array<number>(ABS_BUCKETS.length).fill(0),
    relHist: new Array<number>(REL_LABELS.length).fill(0),
    exampleAt: new Map(),
    exampleKeys: new Map(),
    classExampleKeys: new Map(),
    fieldCounts: new Map(),
    sumEd: new ExactSum(),
    sumLcs: 0,
    sumN: 0,
    sumM: 0,
    tauSum: new ExactSum(),
    tauN: 0,
    rboSum: new ExactSum(),
    rboN: 0,
    lenDelta: 0,
    shadowLonger: 0,
    shadowShorter: 0,
    maxTimeShiftMs: 0,
    maxSwapGapMs: 0,
    minShortCut: Infinity,
  };
  for (const [name, , description] of CLASS_ORDER) {
    t.classCount.set(name, { class: name, entities: 0, events: 0, description, examples: [] });
    t.classExampleKeys.set(name, []);
  }

  const timeOf = (ev: unknown) => (o.time ? toEpochMs(o.time.get(ev), o.time.unit) : NaN);
  const comparer = compileEventComparer(fn, { fields: o.fields, compare: o.compare, nullEqualsMissing: o.nullEqualsMissing, timePath: o.time?.path });
  const ec = new EntityComparer({
    lEvents: L.events,
    sEvents: S.events,
    lKeys: L.keys,
    sKeys: S.keys,
    sTime: seqs.sTime,
    comparer,
    reorderWithinMs: o.reorderWithinMs,
    rboP: o.rboP,
    onPairDiff(code, fields, l, s) {
      for (const f of fields) t.fieldCounts.set(f, (t.fieldCounts.get(f) ?? 0) + 1);
      if (code & TIME_DIFFERS) {
        const d = Math.abs(timeOf(s) - timeOf(l));
        if (d > t.maxTimeShiftMs) t.maxTimeShiftMs = d;
      }
    },
  });
  const cx: ExampleContext = { ec, L, S, o, comparer };
  const needsFullCompare = screenInRowOrder(L, S, lSeq, sSeq, E, comparer);

  for (let k = 0; k < E; k++) {
    const e = entityOrder[k];
    if (excluded[e]) continue;
    const ls = lSeq.start[e];
    const le = lSeq.start[e + 1];
    const ss = sSeq.start[e];
    const se = sSeq.start[e + 1];
    const n = le - ls;
    const m = se - ss;
    if (n === 0 && m === 0) continue;
    counts.entities++;
    if (n > 0) counts.legacyEntities++;
    if (m > 0) counts.shadowEntities++;
    if (m === 0) counts.missingEntities++;
    if (n === 0) counts.extraEntities++;
    counts.legacyCompared += n;
    counts.shadowCompared += m;
    const r = n === m && !needsFullCompare[e] ? ec.exactResult(n) : ec.compare(lSeq.order, ls, le, sSeq.order, ss, se);
    counts.toleratedSwaps += r.toleratedSwaps;
    t.sumLcs += r.lcs;
    t.sumN += n;
    t.sumM += m;
    t.lenDelta += m - n;
    if (m > n) t.shadowLonger++;
    if (m < n) t.shadowShorter++;
    if (r.tau === r.tau) {
      t.tauSum.add(r.tau);
      t.tauN++;
    }
    t.rboSum.add(n > 0 && m > 0 ? r.rbo : 0);
    t.rboN++;
    const names: SequenceDiffClass[] = [];
    if (r.exact) counts.exact++;
    else {
      counts.differing++;
      t.sumEd.add(r.edit / Math.max(n, m));
      const f = r.firstDivergence;
      for (let b = 0; b < ABS_BUCKETS.length; b++) {
        if (f >= ABS_BUCKETS[b][0] && f <= ABS_BUCKETS[b][1]) {
          t.absHist[b]++;
          break;
        }
      }
      t.relHist[Math.min(REL_LABELS.length - 1, Math.floor((f / Math.max(n, m)) * REL_LABELS.length))]++;
      for (const [name, bit] of CLASS_ORDER) {
        if (!(r.classes & bit)) continue;
        names.push(name);
        const c = t.classCount.get(name)!;
        c.entities++;
        c.events += eventsOf(name, r);
        if (c.examples.length < o.maxExamples) {
          c.examples.push(intern.entityDisplay[e]);
          t.classExampleKeys.get(name)!.push(ekeys[e]);
          if (!t.exampleAt.has(k)) {
            t.exampleAt.set(k, sequenceExample(intern.entityDisplay[e], r, names, cx));
            t.exampleKeys.set(k, ekeys[e]);
          }
        }
      }
      const ex = t.exampleAt.get(k);
      if (ex) {
        // classes found after the example was built
        ex.classes = [...names];
        ex.details = names.map((nm) => classDetail(nm, r, cx));
      }
      if (r.classes & CLASS.reordered && o.time) t.maxSwapGapMs = Math.max(t.maxSwapGapMs, swapGap(ec, r.m, S, timeOf));
      if (r.classes & (CLASS.cutHead | CLASS.cutTail)) t.minShortCut = Math.min(t.minShortCut, Math.min(n, m));
    }
    if (observe) {
      observe({ key: intern.entityKeys[e], display: intern.entityDisplay[e], exact: r.exact, classes: names, legacyLength: n, shadowLength: m });
    }
  }
  return t;
}

/** The events a class accounts for in one entity. */
function eventsOf(name: SequenceDiffClass, r: EntityResult): number {
  switch (name) {
    case 'cut-head':
      return r.cutHead;
    case 'cut-tail':
      return r.cutTail;
    case 'reordered':
      return r.moved;
    case 'duplicated':
      return r.duplicated;
    case 'missing':
      return r.missing;
    case 'extra':
      return r.extra;
    case 'time-shifted':
      return r.timeShifted;
    case 'changed':
      return r.changed;
  }
}

/** Largest time gap between adjacent shadow events that are out of legacy order. */
function swapGap(ec: EntityComparer, m: number, S: SequenceInputs['S'], timeOf: (ev: unknown) => number): number {
  let max = 0;
  for (let j = 1; j < m; j++) {
    const p = ec.pairOfS[j - 1];
    const q = ec.pairOfS[j];
    if (p < 0 || q < 0 || p < q || ec.bt[j] < 0 || ec.bt[j - 1] < 0) continue;
    const d = Math.abs(timeOf(S.events[ec.eb[j]]) - timeOf(S.events[ec.eb[j - 1]]));
    if (d === d && d > max) max = d;
    if (d !== d) return NaN;
  }
  return max;
}
