import { ShadowOptionError, assertKnownKeys, assertNumber, assertPlainObject, describeValue } from '../_internal/options.js';
import { compileGetter, isPlainObject } from '../_internal/path.js';
import { toRows, type DatasetInput, type Row } from '../dataset/toRows.js';
import { REPORT_VERSION, sortReasons, verdictOf, type Reason, type ReportBase } from '../report/types.js';
import { compareEvents, type CompareEventsOptions, type EventReport } from '../events/compareEvents.js';
import type { CompareSequencesOptions, SequenceDiffClass, SequenceReport } from '../sequences/compareSequences.js';
import { NO_KEY, compileKey, type KeySpec } from '../join/keys.js';
import type { MapKey } from '../join/pairRows.js';
import { pairRows } from '../join/pairRows.js';
import { compileEventComparer } from '../sequences/_internal/eventComparer.js';
import { resolveSequenceOptions } from '../sequences/_internal/resolveOptions.js';
import { runSequences, type EntityOutcome } from '../sequences/_internal/runSequences.js';
import { compareByGroup, hasGroupBy } from '../groups/compareByGroup.js';
import type { GroupOptions, GroupedReport } from '../groups/types.js';

/**
 * One pipeline's output for {@link compareTiers}: a dataset used by both tiers (flat events, or
 * pre-assembled sequences whose events the event tier reads flattened), or the pipeline's two
 * outputs, its flat events and its assembled sequences.
 *
 * @example
 * const side: TierInput = { events: legacyEvents, sequences: legacySequences };
 */
export type TierInput = DatasetInput | { events: DatasetInput; sequences: DatasetInput };

/**
 * Options of {@link compareTiers}.
 *
 * @example
 * const options: CompareTiersOptions = {
 *   events: { key: 'eventId', fields: { price: { abs: 0.01 } } },
 *   sequences: { entity: 'userId', orderBy: 'ts', id: 'eventId', window: { last: 50 } },
 * };
 */
export interface CompareTiersOptions {
  /** Options of the event tier (compareEvents). */
  events: CompareEventsOptions;
  /** Options of the sequence tier (compareSequences). */
  sequences: CompareSequencesOptions;
  /**
   * How a flat event names its entity, to place event-tier differences on entities.
   * @defaultValue sequences.entity (for events flattened out of assembled sequences: the sequence's entity)
   */
  entity?: KeySpec;
  /** Example entities kept per disagreement. @defaultValue 5 */
  maxExamples?: number;
  /** A label carried into the report (e.g. the event type). */
  label?: string;
}

/**
 * Where the two tiers disagree about entities.
 *
 * @example
 * const orderOnly = report.disagreements.find((d) => d.code === 'FIELDS_PASS_SEQUENCES_DIFFER');
 */
export interface TierDisagreement {
  /**
   * `FIELDS_PASS_SEQUENCES_DIFFER`: every event of the entity matches in the event tier but its
   * sequences differ (order, window, truncation, dedup). `FIELDS_DIFFER_SEQUENCES_MATCH`: some event
   * of the entity differs in the event tier but its sequences are exactly equal.
   */
  code: 'FIELDS_PASS_SEQUENCES_DIFFER' | 'FIELDS_DIFFER_SEQUENCES_MATCH';
  entities: number;
  /** For FIELDS_PASS_SEQUENCES_DIFFER: the sequence difference classes among these entities. */
  classes: { class: SequenceDiffClass; entities: number }[];
  /** Entities (as data), the first few in entity order. */
  examples: unknown[];
  description: string;
}

/**
 * The result of {@link compareTiers}: both tiers' reports and where they disagree, per entity.
 *
 * @example
 * const r = compareTiers(legacy, shadow, options);
 * r.events.verdict;                   // the event tier
 * r.sequences.verdict;                // the sequence tier
 * r.disagreements.map((d) => d.code); // e.g. ['FIELDS_PASS_SEQUENCES_DIFFER']
 */
export interface TierReport extends ReportBase<'tiers'> {
  events: EventReport;
  sequences: SequenceReport;
  /** Entities by the two tiers' outcome (entities with no sequence in the window are counted apart). */
  entities: {
    compared: number;
    bothMatch: number;
    bothDiffer: number;
    /** Event tier matches, sequence tier differs. */
    sequencesOnly: number;
    /** Event tier differs, sequence tier matches. */
    eventsOnly: number;
    /** Entities with event-tier differences but no sequence in the window on either side. */
    outsideWindow: number;
  };
  disagreements: TierDisagreement[];
  hints: string[];
}

const FN = 'compareTiers';
const OPTION_KEYS = ['events', 'sequences', 'entity', 'maxExamples', 'label'] as const;

/** Re-throws a tier's option error as compareTiers', naming the sub-object. */
function asTierError(tier: 'events' | 'sequences', fn: string, run: () => void): void {
  try {
    run();
  } catch (e) {
    if (e instanceof ShadowOptionError && e.message.startsWith(`${fn}: `)) {
      throw new ShadowOptionError(`${FN}: options.${tier}: ${e.message.slice(fn.length + 2)}`);
    }
    throw e;
  }
}

function isPair(x: unknown): x is { events: DatasetInput; sequences: DatasetInput } {
  return x !== null && typeof x === 'object' && !Array.isArray(x) && 'events' in x && 'sequences' in x && typeof (x as { objects?: unknown }).objects !== 'function';
}

/** Renames shadow fields to their legacy names (`rename` maps legacy path → shadow path). */
function renameRow(row: Row, rename: [string, string, (r: unknown) => unknown][]): Row {
  const out: Row = structuredCloneShallowPaths(row, rename.map(([, s]) => s));
  for (const [l, s, get] of rename) {
    const v = get(row);
    deletePath(out, s);
    if (v !== undefined) setPath(out, l, v);
  }
  return out;
}
function structuredCloneShallowPaths(row: Row, paths: string[]): Row {
  const out: Row = { ...row };
  for (const p of paths) {
    const segs = p.split('.');
    let cur = out;
    for (let i = 0; i < segs.length - 1; i++) {
      const v = cur[segs[i]];
      if (v === null || typeof v !== 'object') break;
      cur = cur[segs[i]] = { ...(v as Row) };
    }
  }
  return out;
}
function deletePath(row: Row, path: string): void {
  const segs = path.split('.');
  let cur: Row = row;
  for (let i = 0; i < segs.length - 1; i++) {
    const v = cur[segs[i]];
    if (v === null || typeof v !== 'object') return;
    cur = v as Row;
  }
  delete cur[segs[segs.length - 1]];
}
function setPath(row: Row, path: string, value: unknown): void {
  const segs = path.split('.');
  let cur: Row = row;
  for (let i = 0; i < segs.length - 1; i++) {
    const s = segs[i];
    if (s === '__proto__' || s === 'constructor' || s === 'prototype') return;
    let v = cur[s];
    if (v === null || typeof v !== 'object') cur[s] = v = {};
    cur = v as Row;
  }
  cur[segs[segs.length - 1]] = value;
}

/**
 * Runs the event tier and the sequence tier on the same pipeline outputs and reports where they
 * disagree, entity by entity: fields pass but order or windows differ (a changed sort key,
 * window, truncation or dedup rule), or fields differ but sequences still match (compensating or
 * tolerated field differences). The verdict passes only when both tiers pass.
 *
 * An entity "matches in the event tier" when every event keyed to it (by the event tier's `key`,
 * placed on an entity by `entity`) is present once on each side with every compared field within
 * the event tier's rules; it "matches in the sequence tier" when its sequences are exactly equal
 * under the sequence tier's rules.
 *
 * @example
 * const report = compareTiers(legacy, shadow, {
 *   events: { key: 'eventId', fields: { ts: { time: '1s' } } },
 *   sequences: { entity: 'userId', orderBy: 'ts', id: 'eventId', window: { last: 50 } },
 * });
 * for (const d of report.disagreements) console.log(d.code, d.entities, d.examples);
 */
export function compareTiers(legacy: TierInput, shadow: TierInput, options: CompareTiersOptions & GroupOptions<CompareTiersOptions>): GroupedReport<TierReport>;
export function compareTiers(legacy: TierInput, shadow: TierInput, options: CompareTiersOptions): TierReport;
export function compareTiers(legacy: TierInput, shadow: TierInput, options: CompareTiersOptions): TierReport | GroupedReport<TierReport> {
  if (hasGroupBy(options)) return compareByGroup('compareTiers', compareTiers as (l: Row[], s: Row[], o: CompareTiersOptions) => TierReport, legacy, shadow, options as CompareTiersOptions & GroupOptions<CompareTiersOptions>, { fieldRules: [['events', 'fields'], ['sequences', 'fields']], unit: 'events' });
  if (options === undefined) {
    throw new ShadowOptionError(`${FN}: options are required: { events: { key: 'eventId' }, sequences: { entity: 'userId', orderBy: 'ts', id: 'eventId' } }`);
  }
  assertPlainObject(FN, 'options', options);
  assertKnownKeys(FN, '', options, OPTION_KEYS);
  if (options.events === undefined) throw new ShadowOptionError(`${FN}: options.events is required: the event tier's options, e.g. { key: 'eventId' }`);
  if (options.sequences === undefined) {
    throw new ShadowOptionError(`${FN}: options.sequences is required: the sequence tier's options, e.g. { entity: 'userId', orderBy: 'ts', id: 'eventId' }`);
  }
  // Where the tiers disagree is decided entity by entity with the sequence tier's event comparer,
  // which knows fields, rename, nullEqualsMissing and compare 'all' | 'declared'. An event option it
  // cannot follow would flag entities the event tier passes, so it is refused rather than ignored.
  if (isPlainObject(options.events)) {
    const eo = options.events as unknown as Record<string, unknown>;
    for (const k of ['defaults', 'ignoreFieldCase', 'noise', 'ledger'] as const) {
      if (eo[k] !== undefined) {
        throw new ShadowOptionError(`${FN}: options.events.${k} is not supported here: where the tiers disagree is decided entity by entity without it; compare the event tier alone with compareEvents`);
      }
    }
    if (eo.compare === 'common') {
      throw new ShadowOptionError(`${FN}: options.events.compare 'common' is not supported here; use 'all' or 'declared' (or compareEvents alone)`);
    }
  }
  const maxExamples = options.maxExamples ?? 5;
  assertNumber(FN, 'maxExamples', maxExamples, { min: 0, max: 1000, integer: true });
  if (options.label !== undefined && typeof options.label !== 'string') throw new ShadowOptionError(`${FN}: label must be a string, got ${describeValue(options.label)}`);
  let so!: ReturnType<typeof resolveSequenceOptions>;
  asTierError('sequences', 'compareSequences', () => {
    so = resolveSequenceOptions(options.sequences);
  });
  const entityKey = compileKey(FN, options.entity ?? options.sequences.entity, 'entity');

  // ── Each side: the sequence input, the flat events, and each event's entity ──
  const sides = (['legacy', 'shadow'] as const).map((side) => {
    const input = side === 'legacy' ? legacy : shadow;
    const seqInput: DatasetInput = isPair(input) ? input.sequences : input;
    let events: Row[];
    let entityOf: (MapKey | typeof NO_KEY)[];
    if (isPair(input)) {
      events = [...toRows(input.events, FN, `${side}.events`)];
      entityOf = events.map((r) => (r !== null && typeof r === 'object' ? entityKey.read(r) : NO_KEY));
    } else if (so.assembled) {
      // The event tier reads the events flattened out of the sequences, each placed on its row's entity.
      events = [];
      entityOf = [];
      for (const row of toRows(input, FN, side)) {
        if (row === null || typeof row !== 'object') continue;
        const arr = so.assembled.get(row);
        if (!Array.isArray(arr)) continue;
        const k = so.entity.read(row);
        for (const ev of arr) {
          if (ev === null || typeof ev !== 'object') continue;
          events.push(ev as Row);
          entityOf.push(k);
        }
      }
    } else {
      events = [...toRows(input, FN, side)];
      entityOf = events.map((r) => (r !== null && typeof r === 'object' ? entityKey.read(r) : NO_KEY));
    }
    return { seqInput, events, entityOf };
  });
  const [L, S] = sides;

  // ── The two tiers ──
  let events!: EventReport;
  asTierError('events', 'compareEvents', () => {
    events = compareEvents(L.events, S.events, options.events);
  });
  const outcomes = new Map<MapKey, EntityOutcome>();
  let sequences!: SequenceReport;
  asTierError('sequences', 'compareSequences', () => {
    sequences = runSequences(L.seqInput, S.seqInput, so, 'compareSequences', (e) => outcomes.set(e.key, { ...e })).report;
  });

  // ── Entities the event tier finds different ──
  const eo = options.events;
  const keyOf = compileKey('compareEvents', eo.key);
  const fields = new Map(Object.entries(eo.fields ?? {}));
  const comparer = compileEventComparer('compareEvents', {
    fields,
    compare: (eo.compare ?? 'all') as 'all' | 'declared', // 'common' refused above
    nullEqualsMissing: eo.nullEqualsMissing ?? false,
    timePath: undefined,
  });
  const rename = Object.entries(eo.rename ?? {}).map(([l, s]) => [l, s, compileGetter(s)] as [string, string, (r: unknown) => unknown]);
  const eventDiffers = new Set<MapKey>();
  const flag = (k: MapKey | typeof NO_KEY) => {
    if (k !== NO_KEY) eventDiffers.add(k);
  };
  const pairing = pairRows('compareEvents', L.events, S.events, keyOf);
  const shadowPaired = new Uint8Array(S.events.length);
  for (let i = 0; i < L.events.length; i++) {
    const j = pairing.pair[i];
    if (j < 0) {
      flag(L.entityOf[i]);
      continue;
    }
    shadowPaired[j] = 1;
    const srow = rename.length ? renameRow(S.events[j], rename) : S.events[j];
    if (comparer.compare(L.events[i], srow) !== 0) {
      flag(L.entityOf[i]);
      flag(S.entityOf[j]);
    }
  }
  for (let j = 0; j < S.events.length; j++) if (!shadowPaired[j]) flag(S.entityOf[j]);

  // ── Disagreements, in entity order ──
  const counts = { compared: 0, bothMatch: 0, bothDiffer: 0, sequencesOnly: 0, eventsOnly: 0, outsideWindow: 0 };
  const seqOnly: unknown[] = [];
  const evOnly: unknown[] = [];
  const seqOnlyClasses = new Map<SequenceDiffClass, number>();
  for (const o of outcomes.values()) {
    counts.compared++;
    const ev = eventDiffers.has(o.key);
    if (!ev && o.exact) counts.bothMatch++;
    else if (ev && !o.exact) counts.bothDiffer++;
    else if (!ev) {
      counts.sequencesOnly++;
      if (seqOnly.length < maxExamples) seqOnly.push(o.display);
      for (const c of o.classes) seqOnlyClasses.set(c, (seqOnlyClasses.get(c) ?? 0) + 1);
    } else {
      counts.eventsOnly++;
      if (evOnly.length < maxExamples) evOnly.push(o.display);
    }
  }
  for (const k of eventDiffers) if (!outcomes.has(k)) counts.outsideWindow++;

  const disagreements: TierDisagreement[] = [];
  if (counts.sequencesOnly > 0) {
    disagreements.push({
      code: 'FIELDS_PASS_SEQUENCES_DIFFER',
      entities: counts.sequencesOnly,
      classes: [...seqOnlyClasses].map(([c, n]) => ({ class: c, entities: n })),
      examples: seqOnly,
      description: 'every event matches field by field, but the sequences differ (order, window, truncation or dedup)',
    });
  }
  if (counts.eventsOnly > 0) {
    disagreements.push({
      code: 'FIELDS_DIFFER_SEQUENCES_MATCH',
      entities: counts.eventsOnly,
      classes: [],
      examples: evOnly,
      description: 'some events differ field by field, but the sequences are exactly equal under the sequence rules',
    });
  }

  // ── Reasons: each tier's deciding reasons, then the disagreements as information ──
  const reasons: Reason[] = [];
  for (const [tier, r] of [['events', events], ['sequences', sequences]] as const) {
    for (const x of r.reasons) {
      if (x.severity === 'info') continue;
      reasons.push({ ...x, subject: `${tier}.${x.subject}`, message: `${tier === 'events' ? 'event' : 'sequence'} tier: ${x.message}` });
    }
  }
  for (const d of disagreements) {
    reasons.push({
      code: d.code,
      severity: 'info',
      subject: 'tiers',
      expected: 0,
      received: d.entities,
      message: `${d.entities.toLocaleString('en-US')} entit${d.entities === 1 ? 'y' : 'ies'}: ${d.description}`,
    });
  }
  const hints: string[] = [];
  if (counts.sequencesOnly > 0 && events.verdict === 'pass') {
    hints.push('the event tier alone would have passed this shadow: keep the sequence tier in the gate for consumers that read sequences');
  }
  if (counts.eventsOnly > 0 && sequences.verdict === 'pass') {
    hints.push("the sequence tier alone would have passed: fields its rules ignore or tolerate differ; check that sequence consumers don't read them");
  }
  const sorted = sortReasons(reasons);
  const report: TierReport = {
    kind: 'tiers',
    version: REPORT_VERSION,
    verdict: verdictOf(sorted),
    reasons: sorted,
    events,
    sequences,
    entities: counts,
    disagreements,
    hints,
  };
  if (options.label !== undefined) report.label = options.label;
  return report;
}
