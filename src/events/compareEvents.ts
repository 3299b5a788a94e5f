import {
  ShadowOptionError,
  assertKnownKeys,
  assertNumber,
  assertOneOf,
  assertPlainObject,
  assertRate,
  describeValue,
  nearest,
} from '../_internal/options.js';
import { compileGetter, isPlainObject, type Getter } from '../_internal/path.js';
import { toRows, type DatasetInput, type Row } from '../dataset/toRows.js';
import { REPORT_VERSION, sortReasons, verdictOf, type Reason, type ReportBase } from '../report/types.js';
import { compileFieldRule, type CompiledFieldRule, type FieldRule } from '../tolerance/compileFieldRule.js';
import { defaultEquals } from '../tolerance/defaultEquals.js';
import { ShapeAccumulator, type DeltaShape } from './_internal/deltaShape.js';
import { discoverFields } from './_internal/discoverFields.js';
import { pairRows, type MapKey } from '../join/pairRows.js';
import { quantileInPlace } from './_internal/quantiles.js';
import { NO_KEY, compileKey, type KeySpec } from '../join/keys.js';
import { Smallest } from '../join/smallest.js';
import { eventReasons } from './_internal/eventReasons.js';
import { findSegments, type Segment } from './_internal/segments.js';

export type { KeySpec } from '../join/keys.js';
export type { DeltaShape } from './_internal/deltaShape.js';
export type { Segment } from './_internal/segments.js';

/**
 * Options of {@link compareEvents}. Thresholds default to the strictest setting: every legacy
 * event present once in shadow with every compared field within tolerance.
 *
 * @example
 * const options: CompareEventsOptions = {
 *   key: ['userId', 'seq'],
 *   fields: { price: { abs: 0.005 }, ts: { time: '2s' }, tags: { unordered: true }, debug: 'ignore' },
 *   minMatchRate: 0.999,
 * };
 */
export interface CompareEventsOptions {
  /** How events are matched: a path, an array of paths (a tuple), or a function of the row. */
  key: KeySpec;
  /**
   * Rules per dotted field path, named as in legacy. Fields without a rule are compared exactly
   * (see defaultEquals) unless `compare` is `'declared'`.
   * @defaultValue {}
   */
  fields?: Record<string, FieldRule>;
  /**
   * Which fields are compared: `'all'` compares every field found on either side (rules
   * override the exact default); `'declared'` compares only the fields named in `fields`.
   * @defaultValue 'all'
   */
  compare?: 'all' | 'declared';
  /**
   * Fields whose name changed: `{ legacyPath: shadowPath }`. A renamed object renames its subtree.
   * @defaultValue {}
   */
  rename?: Record<string, string>;
  /**
   * Whether `null` and a missing value (absent key or `undefined`) are the same.
   * @defaultValue false (they differ: a consumer reading `'x' in row` sees a difference)
   */
  nullEqualsMissing?: boolean;
  /**
   * Least share of legacy events that are matched one-to-one and have every compared field within
   * tolerance. Missing, duplicated and keyless legacy events count against it.
   * @defaultValue 1
   */
  minMatchRate?: number;
  /** Largest share of legacy events absent from shadow. @defaultValue 0 */
  maxMissingRate?: number;
  /** Largest share of shadow events absent from legacy. @defaultValue 0 */
  maxExtraRate?: number;
  /** Largest number of distinct duplicated keys allowed on each side. @defaultValue 0 */
  maxDuplicateKeys?: number;
  /** Largest number of rows without a key allowed on each side. @defaultValue 0 */
  maxMissingKeyRows?: number;
  /** Examples kept per field, per group and per count. @defaultValue 5 */
  maxExamples?: number;
  /** A label carried into the report (e.g. the event type). */
  label?: string;
}

/** Counts of an {@link EventReport}; see the docs page for the exact definitions. */
export interface EventCounts {
  legacy: number;
  shadow: number;
  /** Legacy events whose key occurs exactly once on each side. */
  matched: number;
  /** Matched events with every compared field within tolerance. */
  equal: number;
  /** Legacy events whose key (unique in legacy) is absent from shadow. */
  missing: number;
  /** Shadow events whose key (unique in shadow) is absent from legacy. */
  extra: number;
  legacyMissingKey: number;
  shadowMissingKey: number;
  /** Distinct keys occurring on more than one row, per side. */
  legacyDuplicateKeys: number;
  shadowDuplicateKeys: number;
  /** Rows carrying a duplicated key, per side. */
  legacyDuplicateRows: number;
  shadowDuplicateRows: number;
  /** Legacy events unique in legacy whose key is duplicated in shadow. */
  ambiguous: number;
}

/** One compared field of an {@link EventReport}. */
export interface FieldReport {
  field: string;
  /** The shadow path when renamed. */
  shadowField?: string;
  rule: string;
  mismatches: number;
  /** mismatches / matched. */
  mismatchRate: number;
  minMatchRate?: number;
  /** Rows holding the field, per side (all rows, not only matched). */
  presence: { legacy: number; shadow: number };
  /** Statistics of |shadow − legacy| over matched pairs where both are numbers (ms for times). */
  delta?: { n: number; maxAbs: number; meanAbs: number; p50Abs: number; p99Abs: number };
  shape?: DeltaShape;
  examples: { key: unknown; legacy: unknown; shadow: unknown }[];
}

/** Mismatching events grouped by the set of fields that differ together. */
export interface MismatchGroup {
  fields: string[];
  count: number;
  examples: { key: unknown; values: { field: string; legacy: unknown; shadow: unknown }[] }[];
}

/**
 * The result of {@link compareEvents}: plain JSON-serialisable data.
 *
 * @example
 * const r = compareEvents(legacy, shadow, { key: 'id' });
 * r.verdict;            // 'pass' | 'fail'
 * r.rates.match;        // equal / legacy
 * r.groups[0]?.fields;  // the fields that most often differ together
 */
export interface EventReport extends ReportBase<'events'> {
  key: string;
  thresholds: {
    minMatchRate: number;
    maxMissingRate: number;
    maxExtraRate: number;
    maxDuplicateKeys: number;
    maxMissingKeyRows: number;
  };
  counts: EventCounts;
  rates: { match: number; missing: number; extra: number };
  /** Compared fields, worst first. */
  fields: FieldReport[];
  ignoredFields: string[];
  groups: MismatchGroup[];
  /**
   * Values of low-cardinality legacy fields under which mismatching events concentrate (held by
   * at least 80 % of them and at most 60 % of matched events), strongest first, at most 3.
   */
  segments: Segment[];
  schema: { onlyInLegacy: string[]; onlyInShadow: string[] };
  examples: {
    missing: unknown[];
    extra: unknown[];
    duplicates: { side: 'legacy' | 'shadow'; key: unknown; rows: number }[];
    missingKey: { side: 'legacy' | 'shadow'; field: string; row: unknown }[];
  };
  hints: string[];
}

const FN = 'compareEvents';
const OPTION_KEYS = [
  'key',
  'fields',
  'compare',
  'rename',
  'nullEqualsMissing',
  'minMatchRate',
  'maxMissingRate',
  'maxExtraRate',
  'maxDuplicateKeys',
  'maxMissingKeyRows',
  'maxExamples',
  'label',
] as const;

interface Resolved {
  key: ReturnType<typeof compileKey>;
  fields: Map<string, FieldRule>;
  compare: 'all' | 'declared';
  rename: Map<string, string>;
  nullEqualsMissing: boolean;
  minMatchRate: number;
  maxMissingRate: number;
  maxExtraRate: number;
  maxDuplicateKeys: number;
  maxMissingKeyRows: number;
  maxExamples: number;
  label?: string;
}

function resolveOptions(options: unknown): Resolved {
  if (options === undefined) throw new ShadowOptionError(`${FN}: options are required; pass at least { key: 'id' }`);
  assertPlainObject(FN, 'options', options);
  assertKnownKeys(FN, '', options, OPTION_KEYS);
  const o = options as Partial<CompareEventsOptions>;
  if (o.key === undefined) throw new ShadowOptionError(`${FN}: options.key is required: the field (or fields) that identify an event, e.g. { key: 'eventId' }`);
  const key = compileKey(FN, o.key);
  const fields = new Map<string, FieldRule>();
  if (o.fields !== undefined) {
    assertPlainObject(FN, 'fields', o.fields);
    for (const path of Object.keys(o.fields)) {
      if (!path || path.split('.').some((s) => !s)) throw new ShadowOptionError(`${FN}: fields has an invalid path ${JSON.stringify(path)}`);
      fields.set(path, o.fields[path]);
    }
  }
  const rename = new Map<string, string>();
  if (o.rename !== undefined) {
    assertPlainObject(FN, 'rename', o.rename);
    for (const [from, to] of Object.entries(o.rename)) {
      if (typeof to !== 'string' || !to) throw new ShadowOptionError(`${FN}: rename.${from} must be the shadow field path (a string), got ${describeValue(to)}`);
      rename.set(from, to);
    }
  }
  const compare = o.compare ?? 'all';
  assertOneOf(FN, 'compare', compare, ['all', 'declared'] as const);
  if (compare === 'declared' && fields.size === 0) {
    throw new ShadowOptionError(`${FN}: compare is 'declared' but fields is empty, so nothing would be compared; declare fields or use compare: 'all'`);
  }
  const nullEqualsMissing = o.nullEqualsMissing ?? false;
  if (typeof nullEqualsMissing !== 'boolean') throw new ShadowOptionError(`${FN}: nullEqualsMissing must be true or false, got ${describeValue(nullEqualsMissing)}`);
  const r: Resolved = {
    key,
    fields,
    compare,
    rename,
    nullEqualsMissing,
    minMatchRate: o.minMatchRate ?? 1,
    maxMissingRate: o.maxMissingRate ?? 0,
    maxExtraRate: o.maxExtraRate ?? 0,
    maxDuplicateKeys: o.maxDuplicateKeys ?? 0,
    maxMissingKeyRows: o.maxMissingKeyRows ?? 0,
    maxExamples: o.maxExamples ?? 5,
    label: o.label,
  };
  assertRate(FN, 'minMatchRate', r.minMatchRate);
  assertRate(FN, 'maxMissingRate', r.maxMissingRate);
  assertRate(FN, 'maxExtraRate', r.maxExtraRate);
  assertNumber(FN, 'maxDuplicateKeys', r.maxDuplicateKeys, { min: 0, integer: true });
  assertNumber(FN, 'maxMissingKeyRows', r.maxMissingKeyRows, { min: 0, integer: true });
  assertNumber(FN, 'maxExamples', r.maxExamples, { min: 0, max: 1000, integer: true });
  if (r.label !== undefined && typeof r.label !== 'string') throw new ShadowOptionError(`${FN}: label must be a string, got ${describeValue(r.label)}`);
  return r;
}

/** Maps a legacy path to its shadow path under `rename` (exact, else the longest renamed prefix). */
function renamePath(path: string, rename: Map<string, string>, reverse = false): string {
  const pairs = reverse ? [...rename].map(([a, b]) => [b, a] as const) : [...rename];
  let best: readonly [string, string] | undefined;
  for (const p of pairs) {
    if ((path === p[0] || path.startsWith(`${p[0]}.`)) && (!best || p[0].length > best[0].length)) best = p;
  }
  return best ? best[1] + path.slice(best[0].length) : path;
}

/** A field as compiled for the loop. */
interface Field {
  name: string;
  shadowName: string;
  rule: CompiledFieldRule;
  lget: Getter;
  sget: Getter;
  container: boolean;
  presence: { legacy: number; shadow: number };
  mismatches: number;
  examples: Smallest<{ key: unknown; legacy: unknown; shadow: unknown }>;
  shape: ShapeAccumulator;
  deltas: Float64Array | null;
  nDeltas: number;
}

/** A path that is an object on some rows and a scalar/null on others: compared only where not both objects. */
function containerRule(path: string, nullEqualsMissing: boolean): CompiledFieldRule {
  const r: CompiledFieldRule = {
    path,
    description: 'object vs non-object',
    ignore: false,
    numeric: false,
    time: false,
    minMatchRate: undefined,
    lastDelta: NaN,
    equals: (a, b) => (isPlainObject(a) && isPlainObject(b)) || defaultEquals(a, b, nullEqualsMissing),
  };
  return r;
}


/** Rounds up to 3 significant digits, so a suggested tolerance always covers the observed delta. */
function roundUp(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) return x;
  const step = 10 ** (Math.floor(Math.log10(x)) - 2);
  const up = Number((Math.ceil(x / step - 1e-9) * step).toPrecision(3));
  return up >= x ? up : Number((up + step).toPrecision(3));
}

/**
 * Matches legacy and shadow events by key and compares them field by field under explicit,
 * per-field tolerances. Legacy is the reference: rates are shares of legacy events.
 *
 * Counts missing, extra and duplicate keys (duplicates are reported and excluded, never fanned
 * out into a cross product), rows without a key, per-field mismatches with delta statistics, and
 * groups mismatching events by the set of fields that differ together, naming the evident shape
 * of each field's differences (constant offset, whole-hour shift, scale, rounding, turned null,
 * type change). The same inputs in any row order give the same report.
 *
 * Complexity: O(n) hash join plus O(n) per compared field; |delta| quantiles by sorting only the
 * fields that have numeric deltas.
 *
 * @example
 * const report = compareEvents(legacy, shadow, {
 *   key: 'eventId',
 *   fields: { price: { abs: 0.01 }, ts: { time: '2s' } },
 *   minMatchRate: 0.999,
 * });
 * if (report.verdict === 'fail') console.log(renderReport(report));
 */
export function compareEvents(legacy: DatasetInput, shadow: DatasetInput, options: CompareEventsOptions): EventReport {
  const o = resolveOptions(options);
  const lrows = toRows(legacy, FN, 'legacy');
  const srows = toRows(shadow, FN, 'shadow');
  const L = lrows.length;
  const S = srows.length;
  const reasons: Reason[] = [];
  const hints: string[] = [];

  const pr = pairRows(FN, lrows, srows, o.key);

  // ── Fields: discovered on both sides, renamed, rules compiled ──
  const declared = [...o.fields.keys()];
  const lpaths = discoverFields(lrows, declared);
  const spaths = discoverFields(
    srows,
    declared.map((p) => renamePath(p, o.rename)),
  );
  const byName = new Map<string, { legacy: number; shadow: number; lobj: number; sobj: number }>();
  const presence = (name: string) => {
    let p = byName.get(name);
    if (!p) byName.set(name, (p = { legacy: 0, shadow: 0, lobj: 0, sobj: 0 }));
    return p;
  };
  for (const p of lpaths) Object.assign(presence(p.path), { legacy: p.leafRows + p.objectRows, lobj: p.objectRows });
  for (const p of spaths) {
    const q = presence(renamePath(p.path, o.rename, true));
    q.shadow = p.leafRows + p.objectRows;
    q.sobj = p.objectRows;
  }
  const keyFields = new Set(o.key.fields);
  const fields: Field[] = [];
  const ignoredFields: string[] = [];
  const names = o.compare === 'all' ? new Set([...byName.keys(), ...declared]) : new Set(declared);
  for (const name of [...names].sort()) {
    const p = byName.get(name) ?? { legacy: 0, shadow: 0, lobj: 0, sobj: 0 };
    const rule = o.fields.get(name);
    if (keyFields.has(name) && rule === undefined) continue; // equal by construction
    if (rule === 'ignore') {
      compileFieldRule(FN, name, rule);
      ignoredFields.push(name);
      continue;
    }
    // Ignoring a parent ignores its subtree.
    if ([...o.fields].some(([d, r]) => r === 'ignore' && name.startsWith(`${d}.`))) continue;
    const isObj = p.lobj > 0 || p.sobj > 0;
    if (rule === undefined && isObj && p.lobj === p.legacy && p.sobj === p.shadow) continue; // only a container: its leaves are fields
    const compiled = rule === undefined && isObj ? containerRule(name, o.nullEqualsMissing) : compileFieldRule(FN, name, rule, o);
    const shadowName = renamePath(name, o.rename);
    fields.push({
      name,
      shadowName,
      rule: compiled,
      lget: compileGetter(name),
      sget: compileGetter(shadowName),
      container: rule === undefined && isObj,
      presence: { legacy: p.legacy, shadow: p.shadow },
      mismatches: 0,
      examples: new Smallest(o.maxExamples),
      shape: new ShapeAccumulator(compiled.time),
      deltas: null,
      nDeltas: 0,
    });
  }
  const F = fields.length;

  // Declared rules for paths found on neither side are almost always typos.
  const found = [...byName.keys()];
  for (const d of declared) {
    const p = byName.get(d);
    const underContainer = found.some((f) => f.startsWith(`${d}.`));
    if ((!p || (p.legacy === 0 && p.shadow === 0)) && !underContainer && L > 0 && S > 0) {
      const guess = nearest(d, found);
      reasons.push({
        code: 'DECLARED_FIELD_ABSENT',
        severity: 'fail',
        subject: `fields.${d}`,
        expected: 'present on at least one side',
        received: 'absent on both sides',
        message: `fields.${d} has a rule but no event on either side has the field${guess ? `; did you mean '${guess}'?` : ''}`,
      });
    }
  }

  // ── The field loop over one-to-one pairs ──
  const matched = pr.matched;
  let equal = 0;
  const missing = pr.missing.length;
  const extra = pr.extra.length;
  const ambiguous = pr.ambiguous;
  const keyOf = (row: Row) => o.key.read(row) as MapKey;
  const missingEx = new Smallest<unknown>(o.maxExamples);
  for (const i of pr.missing) {
    const k = keyOf(lrows[i]);
    if (missingEx.accepts(k)) missingEx.add(k, o.key.display(lrows[i]));
  }
  const extraEx = new Smallest<unknown>(o.maxExamples);
  for (const j of pr.extra) {
    const k = keyOf(srows[j]);
    if (extraEx.accepts(k)) extraEx.add(k, o.key.display(srows[j]));
  }
  const groups = new Map<number | string, { count: number; fields: number[]; examples: Smallest<MismatchGroup['examples'][number]> }>();
  const useBits = F <= 30;
  const diff: number[] = [];
  const mismatchRows: number[] = [];
  const pair = pr.pair;
  for (let i = 0; i < L; i++) {
    const j = pair[i];
    if (j < 0) continue;
    const lrow = lrows[i];
    const srow = srows[j];
    let mask = 0;
    diff.length = 0;
    for (let f = 0; f < F; f++) {
      const fld = fields[f];
      const a = fld.lget(lrow);
      const b = fld.sget(srow);
      const ok = fld.rule.equals(a, b);
      const d = fld.rule.lastDelta;
      if (d === d) {
        if (fld.deltas === null) fld.deltas = new Float64Array(matched);
        fld.deltas[fld.nDeltas++] = d < 0 ? -d : d;
      }
      if (!ok) {
        fld.mismatches++;
        fld.shape.add(a, b, d);
        const k = keyOf(lrow);
        if (fld.examples.accepts(k)) fld.examples.add(k, { key: o.key.display(lrow), legacy: a, shadow: b });
        if (useBits) mask |= 1 << f;
        diff.push(f);
      }
    }
    if (diff.length === 0) {
      equal++;
      continue;
    }
    mismatchRows.push(i);
    const gk: number | string = useBits ? mask : diff.join(',');
    let g = groups.get(gk);
    if (g === undefined) groups.set(gk, (g = { count: 0, fields: [...diff], examples: new Smallest(o.maxExamples) }));
    g.count++;
    const k = keyOf(lrow);
    if (g.examples.accepts(k)) {
      g.examples.add(k, {
        key: o.key.display(lrow),
        values: g.fields.map((f) => ({ field: fields[f].name, legacy: fields[f].lget(lrow), shadow: fields[f].sget(srow) })),
      });
    }
  }

  // ── Evidence ──
  const fieldReports: FieldReport[] = fields.map((f) => {
    const fr: FieldReport = {
      field: f.name,
      rule: f.container ? 'object vs non-object' : f.rule.description,
      mismatches: f.mismatches,
      mismatchRate: matched ? f.mismatches / matched : 0,
      presence: f.presence,
      examples: f.examples.sorted(),
    };
    if (f.shadowName !== f.name) fr.shadowField = f.shadowName;
    if (f.rule.minMatchRate !== undefined) fr.minMatchRate = f.rule.minMatchRate;
    if (f.deltas && f.nDeltas > 0 && (f.mismatches > 0 || f.rule.numeric)) {
      const n = f.nDeltas;
      const x = f.deltas;
      // Neumaier-compensated sum: the mean does not depend on row order in practice.
      let sum = 0;
      let comp = 0;
      let max = 0;
      for (let i = 0; i < n; i++) {
        const v = x[i];
        const t = sum + v;
        comp += Math.abs(sum) >= v ? sum - t + v : v - t + sum;
        sum = t;
        if (v > max) max = v;
      }
      sum += comp;
      fr.delta = { n, maxAbs: max, meanAbs: sum / n, p50Abs: quantileInPlace(x, n, 0.5), p99Abs: quantileInPlace(x, n, 0.99) };
    }
    f.deltas = null;
    const shape = f.shape.shape();
    if (shape) fr.shape = shape;
    return fr;
  });
  fieldReports.sort((a, b) => b.mismatches - a.mismatches || (a.field < b.field ? -1 : 1));
  const groupReports: MismatchGroup[] = [...groups.values()]
    .map((g) => ({ fields: g.fields.map((f) => fields[f].name), count: g.count, examples: g.examples.sorted() }))
    .sort((a, b) => b.count - a.count || (a.fields.join() < b.fields.join() ? -1 : 1));

  const segments = findSegments(
    lrows,
    pair,
    mismatchRows,
    fields.filter((f) => !f.container).map((f) => ({ name: f.name, get: f.lget })),
    matched,
  );
  const onlyInLegacy = [...byName].filter(([n, p]) => p.legacy > 0 && p.shadow === 0 && !keyFields.has(n)).map(([n]) => n).sort();
  const onlyInShadow = [...byName].filter(([n, p]) => p.shadow > 0 && p.legacy === 0 && !keyFields.has(n)).map(([n]) => renamePath(n, o.rename)).sort();
  const topLevel = (list: string[]) => list.filter((n) => !list.some((m) => n.startsWith(`${m}.`)));

  const dupExamples: EventReport['examples']['duplicates'] = [];
  for (const [side, dups, rows] of [['legacy', pr.legacyDuplicates, lrows], ['shadow', pr.shadowDuplicates, srows]] as const) {
    const best = new Smallest<{ side: 'legacy' | 'shadow'; key: unknown; rows: number }>(o.maxExamples);
    for (const [k, d] of dups) if (best.accepts(k)) best.add(k, { side, key: o.key.display(rows[d.first]), rows: d.rows });
    dupExamples.push(...best.sorted());
  }
  const missingKeyEx: EventReport['examples']['missingKey'] = [];
  for (const [side, noKey, rows] of [['legacy', pr.legacyMissingKey, lrows], ['shadow', pr.shadowMissingKey, srows]] as const) {
    const ex = noKey
      .map((i) => ({ s: JSON.stringify(rows[i]) ?? '', i }))
      .sort((a, b) => (a.s < b.s ? -1 : a.s > b.s ? 1 : 0))
      .slice(0, o.maxExamples);
    for (const { i } of ex) missingKeyEx.push({ side, field: o.key.missingPart(rows[i]), row: rows[i] });
  }

  const counts: EventCounts = {
    legacy: L,
    shadow: S,
    matched,
    equal,
    missing,
    extra,
    legacyMissingKey: pr.legacyMissingKey.length,
    shadowMissingKey: pr.shadowMissingKey.length,
    legacyDuplicateKeys: pr.legacyDuplicates.size,
    shadowDuplicateKeys: pr.shadowDuplicates.size,
    legacyDuplicateRows: pr.legacyDuplicateRows,
    shadowDuplicateRows: pr.shadowDuplicateRows,
    ambiguous,
  };
  const rates = { match: L ? equal / L : 0, missing: L ? missing / L : 0, extra: S ? extra / S : 0 };

  // ── Reasons ──
  const thresholds = {
    minMatchRate: o.minMatchRate,
    maxMissingRate: o.maxMissingRate,
    maxExtraRate: o.maxExtraRate,
    maxDuplicateKeys: o.maxDuplicateKeys,
    maxMissingKeyRows: o.maxMissingKeyRows,
  };
  reasons.push(
    ...eventReasons(counts, rates, thresholds, fieldReports, o.key.description, {
      onlyInLegacy: topLevel(onlyInLegacy),
      onlyInShadow: topLevel(onlyInShadow),
    }),
  );

  // ── Hints: the option that would change the outcome when the difference is benign ──
  const lo = topLevel(onlyInLegacy);
  const so = topLevel(onlyInShadow);
  for (const n of lo) {
    const guess = nearest(n, so);
    if (guess) hints.push(`legacy field '${n}' may be renamed '${guess}' in shadow: set rename: { '${n}': '${guess}' }`);
  }
  for (const f of fieldReports.slice(0, 3)) {
    if (f.mismatches === 0 || !f.shape) continue;
    const s = f.shape;
    if (s.kind === 'whole-hours') hints.push(`${f.field} shifts by whole hours: usually a time-zone bug, not noise; fix it rather than widen the tolerance`);
    else if (s.kind === 'constant-offset' || s.kind === 'rounding') {
      const max = f.delta?.maxAbs;
      if (max !== undefined) hints.push(`if the ${s.description} in ${f.field} is benign, set fields['${f.field}'] = { ${f.rule.startsWith('time') ? 'time' : 'abs'}: ${roundUp(max)} }`);
    } else if (s.kind === 'scale' && s.value !== undefined) {
      hints.push(`if the ${s.description} in ${f.field} is benign, set fields['${f.field}'] = { rel: ${roundUp(Math.abs(s.value - 1) / Math.max(s.value, 1))} }`);
    } else if (s.kind === 'type-change' && /number→string|string→number/.test(s.description)) {
      hints.push(`${f.field} changed type (${s.description.replace('type change ', '')}); a number never equals its string form: fix the writer, or normalize with fields['${f.field}'] = { normalize: Number }`);
    } else if ((s.kind === 'turned-null' || s.kind === 'appeared') && !o.nullEqualsMissing) {
      const ex = f.examples.find((e) => e.legacy == null || e.shadow == null);
      if (ex && (ex.legacy === undefined) !== (ex.shadow === undefined) && (ex.legacy === null || ex.shadow === null)) {
        hints.push(`${f.field} is null on one side and missing on the other: if your consumers treat them alike, set nullEqualsMissing: true`);
      }
    }
  }
  if (missing > 0 && extra > 0) {
    const k = missingEx.items[0]?.key;
    const shadowKeys = new Set(pr.extra.map((j) => keyOf(srows[j])));
    if (typeof k === 'number' && shadowKeys.has(String(k))) hints.push(`keys are numbers in legacy but strings in shadow (e.g. ${k} vs "${k}"): fix the key type in one pipeline or use a key function`);
    if (typeof k === 'string' && shadowKeys.has(Number(k))) hints.push(`keys are strings in legacy but numbers in shadow (e.g. "${k}" vs ${k}): fix the key type in one pipeline or use a key function`);
  }

  const sorted = sortReasons(reasons);
  const report: EventReport = {
    kind: 'events',
    version: REPORT_VERSION,
    verdict: verdictOf(sorted),
    reasons: sorted,
    key: o.key.description,
    thresholds,
    counts,
    rates,
    fields: fieldReports,
    ignoredFields,
    groups: groupReports,
    segments,
    schema: { onlyInLegacy, onlyInShadow },
    examples: { missing: missingEx.sorted(), extra: extraEx.sorted(), duplicates: dupExamples, missingKey: missingKeyEx },
    hints,
  };
  if (o.label !== undefined) report.label = o.label;
  return report;
}
