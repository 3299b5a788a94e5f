/**
 * The sequence tier's pipeline: read both sides, assemble (or take the assembled) sequences,
 * window them, compare entity by entity in entity-key order, and build the report.
 */
import { toRows, type DatasetInput } from '../../dataset/toRows.js';
import { REPORT_VERSION, sortReasons, verdictOf, type Reason } from '../../report/types.js';
import { cell } from '../../report/format.js';
import { toEpochMs } from '../../tolerance/toEpochMs.js';
import type {
  SequenceClassReport,
  SequenceCounts,
  SequenceDiffClass,
  SequenceExample,
  SequenceReport,
  WindowDrops,
} from '../compareSequences.js';
import type { MapKey } from '../../join/pairRows.js';
import { compareKeys } from '../../join/keys.js';
import { applyWindow, hasWindow } from './applyWindow.js';
import {
  Interner,
  canonicaliseTies,
  eventComparator,
  groupByEntity,
  orderColumns,
  readSide,
  sortSegments,
  tiedOn,
  timeColumn,
  type OrderColumns,
  type SideEvents,
  type Sequences,
} from './assemble.js';
import { CLASS, EntityComparer, type EntityResult } from './compareEntity.js';
import { TIME_DIFFERS, compileEventComparer } from './eventComparer.js';
import type { ResolvedSequenceOptions } from './resolveOptions.js';

/** Per-entity outcome handed to {@link runSequences}' observer (used by compareTiers). */
export interface EntityOutcome {
  key: MapKey;
  display: unknown;
  exact: boolean;
  classes: SequenceDiffClass[];
  legacyLength: number;
  shadowLength: number;
}

export const CLASS_ORDER: readonly [SequenceDiffClass, number, string][] = [
  ['cut-head', CLASS.cutHead, 'one side lacks events at the start of the sequence (a window or truncation difference)'],
  ['cut-tail', CLASS.cutTail, 'one side lacks events at the end of the sequence (a window or truncation difference)'],
  ['reordered', CLASS.reordered, 'the same events in another order'],
  ['duplicated', CLASS.duplicated, 'an event occurs more often on one side (a dedup difference)'],
  ['missing', CLASS.missing, 'legacy events absent from the shadow sequence'],
  ['extra', CLASS.extra, 'shadow events absent from the legacy sequence'],
  ['time-shifted', CLASS.timeShifted, 'the same event at another time, beyond the time rule'],
  ['changed', CLASS.changed, 'the same event with other fields differing beyond their rules'],
];

const ABS_BUCKETS: [number, number][] = [
  [0, 0],
  [1, 1],
  [2, 4],
  [5, 9],
  [10, 19],
  [20, 49],
  [50, 99],
  [100, Infinity],
];
const REL_LABELS = ['0–20%', '20–40%', '40–60%', '60–80%', '80–100%'];

const EMPTY_DROPS = (): WindowDrops => ({ type: 0, time: 0, noTime: 0, dedup: 0, truncated: 0 });
const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
/** "legacy event" for 1, "3 legacy events" otherwise (after "the first"/"the last"). */
const few = (n: number, one: string) => (n === 1 ? one : `${n.toLocaleString('en-US')} ${one}s`);
const pctText = (x: number) => `${(x * 100).toFixed(2)}%`;

function describeWindow(o: ResolvedSequenceOptions): string | null {
  const w = o.window;
  const parts: string[] = [];
  if (w.types) parts.push(`${w.typePath} in [${[...w.types].map((t) => JSON.stringify(t)).join(', ')}]`);
  if (w.asOfMs !== undefined) parts.push(w.withinMs !== undefined ? `${o.time!.path} in (${w.asOf} − ${w.withinMs}ms, ${w.asOf}]` : `${o.time!.path} ≤ ${w.asOf}`);
  if (w.last !== undefined) parts.push(`last ${w.last}`);
  if (w.first !== undefined) parts.push(`first ${w.first}`);
  return parts.length ? parts.join(', ') : null;
}

/** Runs the sequence tier on resolved options. `observe` receives each compared entity in entity-key order. */
export function runSequences(
  legacy: DatasetInput,
  shadow: DatasetInput,
  o: ResolvedSequenceOptions,
  fn: string,
  observe?: (e: EntityOutcome) => void,
): { report: SequenceReport } {
  const lrows = toRows(legacy, fn, 'legacy');
  const srows = toRows(shadow, fn, 'shadow');
  const intern = new Interner();
  const L = readSide(fn, 'legacy', lrows, o, intern);
  const S = readSide(fn, 'shadow', srows, o, intern);
  const E = intern.entityKeys.length;
  const flat = o.assembled === null;
  const reasons: Reason[] = [];
  const hints: string[] = [];

  const counts: SequenceCounts = {
    legacyRows: lrows.length,
    shadowRows: srows.length,
    legacyEvents: L.events.length,
    shadowEvents: S.events.length,
    legacyEntities: 0,
    shadowEntities: 0,
    entities: 0,
    exact: 0,
    differing: 0,
    missingEntities: 0,
    extraEntities: 0,
    legacyCompared: 0,
    shadowCompared: 0,
    legacyMissingEntity: L.missingEntity,
    shadowMissingEntity: S.missingEntity,
    legacyMissingOrder: 0,
    shadowMissingOrder: 0,
    legacyMissingId: L.missingId,
    shadowMissingId: S.missingId,
    legacyDuplicateEntities: L.duplicateEntities.size,
    shadowDuplicateEntities: S.duplicateEntities.size,
    legacyNotArray: L.notArray,
    shadowNotArray: S.notArray,
    window: { legacy: EMPTY_DROPS(), shadow: EMPTY_DROPS() },
    toleratedSwaps: 0,
  };
  const report: SequenceReport = {
    kind: 'sequences',
    version: REPORT_VERSION,
    verdict: 'pass',
    reasons: [],
    input: flat ? 'events' : 'sequences',
    entity: o.entity.description,
    rules: {
      orderBy: o.orderBy.map((k) => (k.desc ? `${k.path} desc` : k.path)),
      ties: o.ties,
      time: o.time?.path ?? null,
      id: o.id?.description ?? '(whole event)',
      window: describeWindow(o),
      dedup: o.dedup,
      reorderWithinMs: o.reorderWithinMs,
      fields: Object.fromEntries([...o.fields].map(([p, r]) => [p, typeof r === 'string' ? r : JSON.stringify(r, (_, v) => (typeof v === 'function' ? 'fn' : v))])),
    },
    thresholds: {
      minExactRate: o.thresholds.minExactRate,
      maxMeanEditDistance: o.thresholds.maxMeanEditDistance ?? null,
      minKendallTau: o.thresholds.minKendallTau ?? null,
      minPrecision: o.thresholds.minPrecision ?? null,
      minRecall: o.thresholds.minRecall ?? null,
      minRbo: o.thresholds.minRbo ?? null,
      maxMissingEntityRate: o.thresholds.maxMissingEntityRate,
      maxExtraEntityRate: o.thresholds.maxExtraEntityRate,
    },
    counts,
    metrics: {
      exactRate: 0,
      meanEditDistance: 0,
      precision: 0,
      recall: 0,
      kendallTau: null,
      kendallEntities: 0,
      rbo: null,
      rboP: o.rboP,
      meanLengthDelta: 0,
      shadowLonger: 0,
      shadowShorter: 0,
      missingEntityRate: 0,
      extraEntityRate: 0,
    },
    classes: [],
    firstDivergence: { absolute: [], relative: [] },
    fields: [],
    examples: [],
    hints,
  };
  if (o.label !== undefined) report.label = o.label;
  const finish = () => {
    const sorted = sortReasons(reasons);
    report.reasons = sorted;
    report.verdict = verdictOf(sorted);
    return { report };
  };

  // ── Input problems that leave entities or events out ──
  if (lrows.length === 0) {
    reasons.push({ code: 'EMPTY_LEGACY', severity: 'fail', subject: 'legacy', expected: '> 0 rows', received: 0, message: 'legacy has no rows: an empty reference proves nothing' });
  }
  if (srows.length === 0) {
    reasons.push({ code: 'EMPTY_SHADOW', severity: 'fail', subject: 'shadow', expected: '> 0 rows', received: 0, message: 'shadow has no rows' });
  }
  for (const s of [L, S]) {
    if (s.missingEntity > 0) {
      reasons.push({
        code: 'MISSING_ENTITY_FIELD',
        severity: 'fail',
        subject: s.side,
        expected: `0 rows without entity ${o.entity.description}`,
        received: s.missingEntity,
        message: `${plural(s.missingEntity, `${s.side} row`)} ha${s.missingEntity === 1 ? 's' : 've'} no value for entity ${o.entity.description}; left out`,
      });
    }
    if (s.notArray > 0) {
      reasons.push({
        code: 'EVENTS_NOT_ARRAY',
        severity: 'fail',
        subject: s.side,
        expected: `an array at '${o.assembled!.path}' on every row`,
        received: s.notArray,
        message: `${plural(s.notArray, `${s.side} row`)} ha${s.notArray === 1 ? 's' : 've'} no events array at '${o.assembled!.path}'; left out`,
      });
    }
    if (s.duplicateEntities.size > 0) {
      const n = s.duplicateEntities.size;
      reasons.push({
        code: 'DUPLICATE_ENTITY',
        severity: 'fail',
        subject: s.side,
        expected: '1 sequence row per entity',
        received: n,
        message: `${plural(n, 'entity', 'entities')} ha${n === 1 ? 's' : 've'} more than one sequence row in ${s.side}; left out on both sides`,
      });
    }
    if (s.missingId > 0) {
      reasons.push({
        code: 'MISSING_ID',
        severity: 'fail',
        subject: s.side,
        expected: `0 events without id ${o.id?.description}`,
        received: s.missingId,
        message: `${plural(s.missingId, `${s.side} event`)} ha${s.missingId === 1 ? 's' : 've'} no value for id ${o.id?.description}; they pair with nothing`,
      });
    }
  }

  // ── Order ──
  let lCols: OrderColumns | null = null;
  let sCols: OrderColumns | null = null;
  if (o.orderBy.length > 0) {
    lCols = orderColumns(L, o.orderBy, intern);
    sCols = orderColumns(S, o.orderBy, intern);
    for (const [s, cols] of [[L, lCols], [S, sCols]] as const) {
      const u = cols.unsortable;
      if (!u) continue;
      const types = Object.entries(u.types)
        .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))
        .map(([t, n]) => `${t} in ${plural(n, 'event')}`)
        .join(', ');
      reasons.push({
        code: 'UNSORTABLE_ORDER_FIELD',
        severity: 'fail',
        subject: `orderBy.${u.path}`,
        expected: 'one sortable type (number, string or Date)',
        received: Object.keys(u.types).sort().join(', '),
        message: `orderBy '${u.path}' cannot be sorted in ${s.side}: it holds ${types} (e.g. entity ${cell(u.example.entity, 40)} has ${cell(u.example.value, 40)})`,
      });
    }
    if (reasons.some((r) => r.code === 'UNSORTABLE_ORDER_FIELD')) return finish();
    counts.legacyMissingOrder = lCols.missingCount;
    counts.shadowMissingOrder = sCols.missingCount;
    for (const [s, n] of [[L, lCols.missingCount], [S, sCols.missingCount]] as const) {
      if (n === 0) continue;
      reasons.push({
        code: 'MISSING_ORDER_FIELD',
        severity: 'fail',
        subject: s.side,
        expected: `0 events without ${o.orderBy.map((k) => k.path).join(', ')}`,
        received: n,
        message: flat
          ? `${plural(n, `${s.side} event`)} ha${n === 1 ? 's' : 've'} no usable value for orderBy ${o.orderBy.map((k) => k.path).join(', ')} (absent, null or NaN); left out of the sequences`
          : `${plural(n, `${s.side} event`)} ha${n === 1 ? 's' : 've'} no usable value for orderBy ${o.orderBy.map((k) => k.path).join(', ')} (absent, null or NaN); ties around them cannot be recognised`,
      });
    }
  }

  // ── Assemble ──
  const assemble = (s: SideEvents, cols: OrderColumns | null): Sequences => {
    const seq = groupByEntity(s, E, flat && cols ? cols.missing : null);
    if (flat && cols) {
      const c0 = cols.cols[0];
      const num = cols.cols.length === 1 && c0 instanceof Float64Array ? { col: c0, desc: cols.desc[0] } : undefined;
      sortSegments(seq, eventComparator(cols, s.keys, o.ties), num);
    }
    else if (!flat && cols && o.ties === 'any') {
      const keys = s.keys;
      canonicaliseTies(seq, tiedOn(cols), (a, b) => compareKeys(keys[a], keys[b]));
    }
    return seq;
  };
  let lSeq = assemble(L, lCols);
  let sSeq = assemble(S, sCols);
  const needTime = o.time !== null && (o.window.asOfMs !== undefined || o.reorderWithinMs > 0);
  const lTime = needTime ? timeColumn(L, o, lCols) : null;
  const sTime = needTime ? timeColumn(S, o, sCols) : null;
  if (hasWindow(o)) {
    const lw = applyWindow(L, lSeq, lTime, o);
    const sw = applyWindow(S, sSeq, sTime, o);
    lSeq = lw.seq;
    sSeq = sw.seq;
    counts.window = { legacy: lw.drops, shadow: sw.drops };
    for (const [side, d] of [['legacy', lw.drops], ['shadow', sw.drops]] as const) {
      if (d.noTime === 0) continue;
      reasons.push({
        code: 'MISSING_TIME',
        severity: 'fail',
        subject: side,
        expected: `0 events without a time in ${o.time!.path}`,
        received: d.noTime,
        message: `${plural(d.noTime, `${side} event`)} ha${d.noTime === 1 ? 's' : 've'} no usable time in ${o.time!.path}; the time window left them out`,
      });
    }
  }

  // ── Compare, entity by entity in entity-key order ──
  const excluded = new Uint8Array(E);
  for (const e of L.duplicateEntities) excluded[e] = 1;
  for (const e of S.duplicateEntities) excluded[e] = 1;
  const entityOrder = new Int32Array(E);
  for (let e = 0; e < E; e++) entityOrder[e] = e;
  const ekeys = intern.entityKeys;
  entityOrder.sort((a, b) => compareKeys(ekeys[a], ekeys[b]));

  const fieldCounts = new Map<string, number>();
  let maxTimeShiftMs = 0;
  const timeOf = (ev: unknown) => (o.time ? toEpochMs(o.time.get(ev), o.time.unit) : NaN);
  const comparer = compileEventComparer(fn, { fields: o.fields, compare: o.compare, nullEqualsMissing: o.nullEqualsMissing, timePath: o.time?.path });
  const ec = new EntityComparer({
    lEvents: L.events,
    sEvents: S.events,
    lKeys: L.keys,
    sKeys: S.keys,
    sTime,
    comparer,
    reorderWithinMs: o.reorderWithinMs,
    rboP: o.rboP,
    onPairDiff(code, fields, l, s) {
      for (const f of fields) fieldCounts.set(f, (fieldCounts.get(f) ?? 0) + 1);
      if (code & TIME_DIFFERS) {
        const d = Math.abs(timeOf(s) - timeOf(l));
        if (d > maxTimeShiftMs) maxTimeShiftMs = d;
      }
    },
  });

  const needsFullCompare = screenInRowOrder(L, S, lSeq, sSeq, E, comparer);

  const classCount = new Map<SequenceDiffClass, SequenceClassReport>();
  for (const [name, , description] of CLASS_ORDER) classCount.set(name, { class: name, entities: 0, events: 0, description, examples: [] });
  const absHist = new Array<number>(ABS_BUCKETS.length).fill(0);
  const relHist = new Array<number>(REL_LABELS.length).fill(0);
  const exampleAt = new Map<number, SequenceExample>();
  let sumEd = 0;
  let sumLcs = 0;
  let sumN = 0;
  let sumM = 0;
  let tauSum = 0;
  let tauN = 0;
  let rboSum = 0;
  let rboN = 0;
  let lenDelta = 0;
  let maxSwapGapMs = 0;
  let minShortCut = Infinity;

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
    sumLcs += r.lcs;
    sumN += n;
    sumM += m;
    lenDelta += m - n;
    if (m > n) report.metrics.shadowLonger++;
    if (m < n) report.metrics.shadowShorter++;
    if (r.tau === r.tau) {
      tauSum += r.tau;
      tauN++;
    }
    const rbo = n > 0 && m > 0 ? r.rbo : 0;
    rboSum += rbo;
    rboN++;
    const names: SequenceDiffClass[] = [];
    if (r.exact) counts.exact++;
    else {
      counts.differing++;
      sumEd += r.edit / Math.max(n, m);
      const f = r.firstDivergence;
      for (let b = 0; b < ABS_BUCKETS.length; b++) {
        if (f >= ABS_BUCKETS[b][0] && f <= ABS_BUCKETS[b][1]) {
          absHist[b]++;
          break;
        }
      }
      relHist[Math.min(REL_LABELS.length - 1, Math.floor((f / Math.max(n, m)) * REL_LABELS.length))]++;
      for (const [name, bit] of CLASS_ORDER) {
        if (!(r.classes & bit)) continue;
        names.push(name);
        const c = classCount.get(name)!;
        c.entities++;
        c.events += eventsOf(name, r);
        if (c.examples.length < o.maxExamples) {
          c.examples.push(intern.entityDisplay[e]);
          if (!exampleAt.has(k)) exampleAt.set(k, buildExample(intern.entityDisplay[e], r, names, ec, L, S, o, comparer));
        }
      }
      const ex = exampleAt.get(k);
      if (ex) {
        // classes found after the example was built
        ex.classes = [...names];
        ex.details = names.map((nm) => detailOf(nm, r, ec, L, S, o, comparer));
      }
      if (r.classes & CLASS.reordered && o.time) maxSwapGapMs = Math.max(maxSwapGapMs, swapGap(ec, r.m, S, timeOf));
      if (r.classes & (CLASS.cutHead | CLASS.cutTail)) minShortCut = Math.min(minShortCut, Math.min(n, m));
    }
    if (observe) {
      observe({ key: intern.entityKeys[e], display: intern.entityDisplay[e], exact: r.exact, classes: names, legacyLength: n, shadowLength: m });
    }
  }

  // ── Metrics ──
  const N = counts.entities;
  const mt = report.metrics;
  mt.exactRate = N ? counts.exact / N : 0;
  mt.meanEditDistance = N ? sumEd / N : 0;
  mt.precision = sumM ? sumLcs / sumM : 0;
  mt.recall = sumN ? sumLcs / sumN : 0;
  mt.kendallTau = tauN ? tauSum / tauN : null;
  mt.kendallEntities = tauN;
  mt.rbo = rboN ? rboSum / rboN : null;
  mt.meanLengthDelta = N ? lenDelta / N : 0;
  mt.missingEntityRate = counts.legacyEntities ? counts.missingEntities / counts.legacyEntities : 0;
  mt.extraEntityRate = counts.shadowEntities ? counts.extraEntities / counts.shadowEntities : 0;
  report.classes = [...classCount.values()].filter((c) => c.entities > 0);
  report.firstDivergence = {
    absolute: ABS_BUCKETS.map(([a, b], i) => ({ label: a === b ? String(a) : b === Infinity ? `${a}+` : `${a}–${b}`, count: absHist[i] })),
    relative: REL_LABELS.map((label, i) => ({ label, count: relHist[i] })),
  };
  report.fields = [...fieldCounts]
    .map(([field, mismatches]) => ({ field, mismatches }))
    .sort((a, b) => b.mismatches - a.mismatches || (a.field < b.field ? -1 : 1));
  report.examples = [...exampleAt.entries()].sort((a, b) => a[0] - b[0]).map(([, ex]) => ex);

  // ── Reasons ──
  const t = o.thresholds;
  if (lrows.length > 0 && srows.length > 0 && N === 0) {
    reasons.push({
      code: 'NO_SEQUENCES',
      severity: 'fail',
      subject: 'entities',
      expected: '> 0 entities compared',
      received: 0,
      message: `no entity has events on either side${report.rules.window ? ` in the window (${report.rules.window})` : ''}: nothing was compared`,
    });
  }
  if (N > 0) {
    const rate = (code: string, subject: string, op: '>=' | '<=', req: number, obs: number, message: string) => {
      if (op === '>=' ? obs < req : obs > req) reasons.push({ code, severity: 'fail', subject, expected: `${op} ${req}`, received: obs, message });
    };
    rate('EXACT_RATE_BELOW_MIN', 'minExactRate', '>=', t.minExactRate, mt.exactRate,
      `${pctText(mt.exactRate)} of entities have exactly equal sequences, ${pctText(t.minExactRate)} required`);
    if (t.maxMeanEditDistance !== undefined) {
      rate('MEAN_EDIT_DISTANCE_ABOVE_MAX', 'maxMeanEditDistance', '<=', t.maxMeanEditDistance, mt.meanEditDistance,
        `mean normalised edit distance is ${num4(mt.meanEditDistance)}, at most ${num4(t.maxMeanEditDistance)} allowed`);
    }
    if (t.minPrecision !== undefined) {
      rate('PRECISION_BELOW_MIN', 'minPrecision', '>=', t.minPrecision, mt.precision,
        `LCS precision is ${pctText(mt.precision)} (shadow events in order with legacy), ${pctText(t.minPrecision)} required`);
    }
    if (t.minRecall !== undefined) {
      rate('RECALL_BELOW_MIN', 'minRecall', '>=', t.minRecall, mt.recall,
        `LCS recall is ${pctText(mt.recall)} (legacy events kept in order by shadow), ${pctText(t.minRecall)} required`);
    }
    if (t.minKendallTau !== undefined) {
      if (mt.kendallTau === null) {
        reasons.push({ code: 'KENDALL_TAU_UNDEFINED', severity: 'inconclusive', subject: 'minKendallTau', expected: `>= ${t.minKendallTau}`, received: null, message: 'no entity has 2 or more events in common, so Kendall tau is undefined' });
      } else {
        rate('KENDALL_TAU_BELOW_MIN', 'minKendallTau', '>=', t.minKendallTau, mt.kendallTau,
          `mean Kendall tau on common events is ${num4(mt.kendallTau)}, ${num4(t.minKendallTau)} required`);
      }
    }
    if (t.minRbo !== undefined && mt.rbo !== null) {
      rate('RBO_BELOW_MIN', 'minRbo', '>=', t.minRbo, mt.rbo, `mean rank-biased overlap (p = ${o.rboP}) is ${num4(mt.rbo)}, ${num4(t.minRbo)} required`);
    }
    rate('MISSING_ENTITY_RATE_ABOVE_MAX', 'maxMissingEntityRate', '<=', t.maxMissingEntityRate, mt.missingEntityRate,
      `${pctText(mt.missingEntityRate)} of legacy entities (${counts.missingEntities.toLocaleString('en-US')}) have no shadow events, at most ${pctText(t.maxMissingEntityRate)} allowed`);
    rate('EXTRA_ENTITY_RATE_ABOVE_MAX', 'maxExtraEntityRate', '<=', t.maxExtraEntityRate, mt.extraEntityRate,
      `${pctText(mt.extraEntityRate)} of shadow entities (${counts.extraEntities.toLocaleString('en-US')}) have no legacy events, at most ${pctText(t.maxExtraEntityRate)} allowed`);
  }
  if (counts.toleratedSwaps > 0) {
    reasons.push({
      code: 'SWAPS_TOLERATED',
      severity: 'info',
      subject: 'reorderWithinMs',
      expected: `<= ${o.reorderWithinMs}ms apart`,
      received: counts.toleratedSwaps,
      message: `${plural(counts.toleratedSwaps, 'adjacent swap')} of events at most ${o.reorderWithinMs}ms apart ${counts.toleratedSwaps === 1 ? 'was' : 'were'} tolerated (reorderWithinMs)`,
    });
  }

  // ── Hints: the option that would change the outcome when the difference is benign ──
  const has = (c: SequenceDiffClass) => classCount.get(c)!.entities > 0;
  // Window and dedup hints address a main difference only: a class in at least a third of the
  // differing entities (a cut that follows from reordering is not a window difference).
  const main = (n: number) => n > 0 && 3 * n >= counts.differing;
  if (main(classCount.get('duplicated')!.entities) && o.dedup === 'none') {
    hints.push(`if one pipeline legitimately drops duplicate events, compare deduplicated sequences: set dedup: 'by-id' (or 'consecutive')`);
  }
  const cutEntities = classCount.get('cut-head')!.entities + classCount.get('cut-tail')!.entities;
  if (main(cutEntities) && Number.isFinite(minShortCut)) {
    hints.push(
      `sequences are cut differently (a window or truncation difference, usually a real fault for consumers); if the pipelines' windows differ on purpose, compare the common part: set window: { last: ${Math.max(1, minShortCut)} } or a time window { within, asOf }`,
    );
  }
  // Arrival races swap events seconds apart, not hours: only then is reorderWithinMs the benign fix.
  if (has('reordered') && maxSwapGapMs > 0 && maxSwapGapMs <= RACE_MS && o.reorderWithinMs < maxSwapGapMs) {
    hints.push(`out-of-order neighbours are at most ${Math.round(maxSwapGapMs)}ms apart; if such swaps are arrival races, set reorderWithinMs: ${Math.ceil(maxSwapGapMs)}`);
  }
  if (has('time-shifted') && o.time && maxTimeShiftMs > 0 && Number.isFinite(maxTimeShiftMs)) {
    const hours = maxTimeShiftMs % 3_600_000 === 0;
    hints.push(
      hours
        ? `times shift by whole hours (up to ${maxTimeShiftMs / 3_600_000}h): usually a time-zone bug, not noise; fix it rather than widen fields['${o.time.path}']`
        : `if the time shifts (up to ${Math.round(maxTimeShiftMs)}ms) are benign clock skew, set fields['${o.time.path}'] = { time: ${Math.ceil(maxTimeShiftMs)} }`,
    );
  }
  return finish();
}

const num4 = (x: number) => String(Number(x.toPrecision(4)));

/**
 * The common case, equal sequences, checked in legacy row order: each legacy event is compared
 * with the shadow event at the same position of its entity's sequence. Rows are usually stored in
 * arrival order, so this walks memory sequentially where the entity-by-entity comparison would
 * jump between rows (measured 5× slower on a million rows). Returns, per entity, 1 when the
 * sequences may differ (different lengths, identities or fields) and need the full comparison.
 */
function screenInRowOrder(
  L: SideEvents,
  S: SideEvents,
  lSeq: Sequences,
  sSeq: Sequences,
  E: number,
  comparer: ReturnType<typeof compileEventComparer>,
): Uint8Array {
  const flag = new Uint8Array(E);
  const pos = new Int32Array(L.events.length).fill(-1);
  const { order: lo, start: lst } = lSeq;
  const { order: so, start: sst } = sSeq;
  for (let e = 0; e < E; e++) {
    const base = lst[e];
    const n = lst[e + 1] - base;
    if (n !== sst[e + 1] - sst[e]) {
      flag[e] = 1;
      continue;
    }
    for (let k = 0; k < n; k++) pos[lo[base + k]] = k;
  }
  const lEvents = L.events;
  const sEvents = S.events;
  const lKeys = L.keys;
  const sKeys = S.keys;
  const ent = L.ent;
  for (let i = 0; i < lEvents.length; i++) {
    const p = pos[i];
    if (p < 0) continue;
    const e = ent[i];
    if (flag[e]) continue;
    const j = so[sst[e] + p];
    const k = lKeys[i];
    if (k === undefined || k !== sKeys[j] || comparer.compare(lEvents[i], sEvents[j]) !== 0) flag[e] = 1;
  }
  return flag;
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
function swapGap(ec: EntityComparer, m: number, S: SideEvents, timeOf: (ev: unknown) => number): number {
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

function identityOf(ev: unknown, o: ResolvedSequenceOptions): unknown {
  if (o.id && ev !== null && typeof ev === 'object') return o.id.display(ev as Record<string, unknown>);
  return ev;
}

const EXCERPT = 8;
/** The largest swap gap for which the reorderWithinMs hint is offered (arrival races are sub-minute). */
const RACE_MS = 60_000;

function buildExample(
  entity: unknown,
  r: EntityResult,
  names: SequenceDiffClass[],
  ec: EntityComparer,
  L: SideEvents,
  S: SideEvents,
  o: ResolvedSequenceOptions,
  comparer: ReturnType<typeof compileEventComparer>,
): SequenceExample {
  const offset = Math.max(0, r.firstDivergence - 2);
  const legacy: unknown[] = [];
  const shadow: unknown[] = [];
  for (let i = offset; i < Math.min(r.n, offset + EXCERPT); i++) legacy.push(identityOf(L.events[ec.ea[i]], o));
  for (let j = offset; j < Math.min(r.m, offset + EXCERPT); j++) shadow.push(identityOf(S.events[ec.eb[j]], o));
  return {
    entity,
    classes: [...names],
    legacyLength: r.n,
    shadowLength: r.m,
    editDistance: r.edit / Math.max(r.n, r.m),
    kendallTau: r.tau === r.tau ? r.tau : null,
    firstDivergence: r.firstDivergence,
    offset,
    legacy,
    shadow,
    details: names.map((nm) => detailOf(nm, r, ec, L, S, o, comparer)),
  };
}

function detailOf(
  name: SequenceDiffClass,
  r: EntityResult,
  ec: EntityComparer,
  L: SideEvents,
  S: SideEvents,
  o: ResolvedSequenceOptions,
  comparer: ReturnType<typeof compileEventComparer>,
): string {
  const lengths = `legacy ${r.n}, shadow ${r.m}`;
  const idAt = (side: 'l' | 's', pos: number) => cell(identityOf(side === 'l' ? L.events[ec.ea[pos]] : S.events[ec.eb[pos]], o), 24);
  switch (name) {
    case 'cut-head':
      return r.cutHeadShort === 'shadow'
        ? `shadow lacks the first ${few(r.cutHead, 'legacy event')} (${lengths})`
        : `shadow has ${plural(r.cutHead, 'event')} before legacy's first (${lengths})`;
    case 'cut-tail':
      return r.cutTailShort === 'shadow'
        ? `shadow lacks the last ${few(r.cutTail, 'legacy event')} (${lengths})`
        : `shadow has ${plural(r.cutTail, 'event')} after legacy's last (${lengths})`;
    case 'reordered':
      return `${r.moved} of ${r.common} common events out of order (Kendall tau ${num4(r.tau)})`;
    case 'duplicated': {
      const parts: string[] = [];
      if (r.dupShadow) parts.push(`shadow repeats ${plural(r.dupShadow, 'event')}`);
      if (r.dupLegacy) parts.push(`legacy repeats ${plural(r.dupLegacy, 'event')} that shadow has fewer times`);
      return parts.join('; ');
    }
    case 'missing':
      return `${plural(r.missing, 'legacy event')} absent from shadow`;
    case 'extra':
      return `${plural(r.extra, 'shadow event')} absent from legacy`;
    case 'time-shifted': {
      const j = r.firstTimeShift;
      const p = ec.pairOfS[j];
      const tl = o.time ? o.time.get(L.events[ec.ea[p]]) : undefined;
      const ts = o.time ? o.time.get(S.events[ec.eb[j]]) : undefined;
      return `${plural(r.timeShifted, 'event')} at another time (e.g. ${idAt('s', j)}: legacy ${cell(tl)}, shadow ${cell(ts)})`;
    }
    case 'changed': {
      const j = r.firstChanged;
      const p = ec.pairOfS[j];
      comparer.compare(L.events[ec.ea[p]], S.events[ec.eb[j]]);
      const fields = comparer.lastFields.filter((f) => f !== o.time?.path).join(', ');
      return `${plural(r.changed, 'event')} with other field values (e.g. ${idAt('s', j)}: ${fields})`;
    }
  }
}
