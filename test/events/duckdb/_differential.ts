/**
 * The differential property of issue 10: on the same data, compareEventFiles (DuckDB, on JSON
 * Lines and on Parquet files) gives the same report as compareEvents (in memory, on the rows as
 * loaded from those files): counts, per-field mismatches, presence, delta statistics, unparseable
 * times, groups, schema, verdict and reason codes.
 *
 * Data: the project's arbitraries (shadowPair over eventStream: drops, duplicates, shifts,
 * jittered times, hostile values -0 / NaN / subnormal / huge / DST / NFC-vs-NFD), plus columns of
 * hostile pairs drawn here: infinities, NaN against numbers, values beyond the double range,
 * 64-bit and unsigned integers at the ends of their range, long numeric strings, a number and
 * its string form, Unicode white space and compatibility characters, final sigma, ISO and
 * non-ISO time strings, epoch seconds, lists to compare unordered, nested lists, structs,
 * null vs missing, and keys that are numbers on one side and their string form on the other.
 *
 * What each format cannot hold restricts the data written to it (and the in-memory engine is
 * run on what the file holds, as a loader would read it):
 * - JSON Lines: no NaN or ±Infinity (JSON.stringify writes null) and no -0 (written 0); a
 *   column may change type row by row, and null differs from a missing key. No path is an
 *   object on some rows and a scalar on others (compareEventFiles compares such a path as one
 *   JSON value; in memory its leaves are fields of their own: a documented difference).
 * - Parquet: one type per column per file (a type change is a whole column, e.g. BIGINT in
 *   legacy and VARCHAR in shadow), no missing value (a missing value is NULL), no row-by-row
 *   type mixing (no `mixed` column), no empty structs, no two columns whose names
 *   differ only by case.
 * - CSV (checkCsvCase): the scalar columns of a JSON Lines case, no NaN or ±Infinity (written as
 *   empty cells); both engines read the files (compareEvents on loadDataset's rows), since a
 *   CSV cell's type is the reader's to decide.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { expect } from 'vitest';
import { eventStream, shadowPair } from '../../../src/arbitraries/index.js';
import { compareEvents, type CompareEventsOptions, type EventReport } from '../../../src/index.js';
import { compareEventFiles, type CompareEventFilesOptions } from '../../../src/duckdb/index.js';
import { compareEventFilesByGroup, compareEventFilesWithPlan } from '../../../src/events/duckdb/compareEventFiles.js';
import type { GroupOptions, GroupedReport } from '../../../src/groups/types.js';
import { writeJsonl, writeParquet } from './_files.js';
import { loadDataset } from '../../../src/dataset/loadDataset.js';
import { PreciseDate } from '../../../src/dataset/preciseDate.js';
import type { FieldRule } from '../../../src/tolerance/compileFieldRule.js';

export type Format = 'jsonl' | 'parquet';
type Row = Record<string, unknown>;

/** A generated case: rows of both sides, the Parquet schema of each side, and options. */
export interface DiffCase {
  legacy: Row[];
  shadow: Row[];
  schema: [Record<string, string>, Record<string, string>];
  options: CompareEventsOptions & { key: string | string[] };
}

const BIG = 2 ** 63 - 1024; // the largest double below 2^63: exact in BIGINT
const UBIG = 2 ** 64 - 2048; // the largest double below 2^64: exact in UBIGINT
const MAX = Number.MAX_VALUE;

const NUM_PAIRS: [number | null, number | null][] = [
  [1, Infinity], [Infinity, Infinity], [Infinity, -Infinity], [-Infinity, -Infinity], [NaN, 1], [1, NaN], [NaN, NaN],
  [-0, 0], [0, -0], [1, 1 + 1e-12], [100, 100.5], [MAX, -MAX], [-MAX, MAX], [1e308, 1.7e308], [5e-324, 0], [2, null], [null, null],
  [null, 3], [0.1 + 0.2, 0.3], [1e21, 1e21 + 2 ** 20],
];
const BIG_PAIRS: [number, number][] = [[BIG, BIG], [BIG, -BIG], [-BIG, BIG], [BIG, BIG - 1024], [-BIG, -BIG + 2048], [0, 4096], [7, 7]];
const UBIG_PAIRS: [number, number][] = [[UBIG, UBIG], [UBIG, 0], [0, UBIG], [5, 4], [UBIG, UBIG - 2048], [1, 1]];
const STR_PAIRS: [string | null, string | null][] = [
  ['\ufeff\u00a0x\u2003', 'x'], ['x\u2028', 'x'], ['x\u200b', 'x'], ['\u0085y', 'y'], ['ﬁ①', 'fi1'], ['Ｋ', 'K'], ['ΟΔΟΣ', 'οδος'],
  ['İ', 'i̇'], ['Straße', 'STRASSE'], ['12345678901234567891', '12345678901234567890'], ['007', '7'], ['7.0', '7'], ['', '0'],
  ['1e3', '1000'], ['café', 'cafe\u0301'], ['same', 'same'], [null, ''], ['a', null], ['  pad ', 'pad'],
];
const TIME_PAIRS: [string | null, string | null][] = [
  ['2024-03-31T01:00:00Z', '2024-03-31T03:00:00+02:00'], ['2024-03-31T01:00:00Z', '2024-03-31T01:00:00.500Z'],
  ['2024-03-31 02:30', '2024-03-31T02:30:01Z'], ['2024-01-01', '2024-01-01T00:00:00Z'], ['03/31/2024', '2024-03-31'],
  ['2024-02-30T00:00:00Z', '2024-02-28T00:00:00Z'], ['2024-01-01T00:00:00Z', '2024-01-01T02:00:00Z'], [null, '2024-01-01'],
  ['\u00a02024-01-01T00:00:00Z', '2024-01-01T00:00:00Z'], ['2024-01-01T00:00:00.123456789Z', '2024-01-01T00:00:00.1234561Z'], ['oops', 'oops'],
];
const EPOCH_PAIRS: [number | null, number | null][] = [[1.7e9, 1.7e9 + 0.5], [1.7e9, 1.7e9 + 3600], [1.7e9, 1.7e9 + 2], [0, 0], [null, 1], [-1, -1.0005]];
const TAG_PAIRS: [string[], string[]][] = [[['a', 'b'], ['b', 'a']], [['A', 'b'], ['B', 'a']], [['a', 'a', 'b'], ['a', 'b', 'b']], [[], []], [['x'], ['x', 'x']], [['ﬁ'], ['fi']], [['a', 'a'], ['a', 'b']], [['b', null as unknown as string], [null as unknown as string, 'b']]];
// Parquet TIMESTAMP (µs) values, read as PreciseDate by loadDataset (keyed by µs since the epoch):
// equal, 300 µs apart, truncated to the ms, 2 s apart, NULL on one side, before 1970.
const T0 = 1_711_846_800_123_456n;
const AT_PAIRS: [bigint | null, bigint | null][] = [[T0, T0], [T0, T0 + 300n], [T0, T0 - 456n], [T0, T0 + 2_000_000n], [null, T0], [T0, null], [-1_500n, -1_000n], [T0 + 544n, T0 + 1_000n]];
const VEC_PAIRS: [number[], number[]][] = [[[1, 2], [2, 1]], [[1, 2], [2.0000001, 1]], [[1, 2], [2.1, 1]], [[0.5], [0.5]], [[-0, 1], [1, 0]], [[1, 2, 3], [3, 2]]];
const MIXED: unknown[] = [1, '1', '01', true, 'true', null, [1, [2, 3]], [[2, 3], 1], [1, '1'], ['1', 1], 0, -0, '', [], 'x', 2.5];

/** The rules each column may get (undefined: no rule, the exact default). */
const RULES: Record<string, (FieldRule | undefined)[]> = {
  value: [undefined, { abs: 0.01 }, { rel: 1e-6 }, { abs: 1e-9, rel: 1e-9 }, { isclose: { abs: 1e-8, rel: 1e-5 } }],
  ts: [undefined, { time: '1s' }, { time: '2h' }],
  label: [undefined, { normalize: 'nfc' }, { normalize: ['nfkc', 'casefold'] }, 'ignore'],
  num: [undefined, { abs: 0.5 }, { rel: 0.1 }, { rel: 2 }, { isclose: { abs: 0.5, rel: 0.5 } }, { abs: 1, minMatchRate: 0.5 }],
  big: [undefined, { abs: 2048 }, { rel: 1e-15 }],
  ubig: [undefined, { abs: 2048 }, { isclose: { abs: 1, rel: 1e-15 } }],
  str: [undefined, { normalize: 'trim' }, { normalize: 'casefold' }, { normalize: 'nfkc' }, { normalize: ['trim', 'nfkc', 'casefold'] }, { normalize: 'decimal' }, { normalize: 'nfc' }],
  when: [undefined, { time: '1s' }, { time: 1000, normalize: 'trim' }, { time: '3h' }],
  epoch: [undefined, { time: '1s', epochUnit: 's' }, { time: 1, epochUnit: 's' }],
  tags: [undefined, { unordered: true }, { unordered: true, normalize: 'casefold' }, { unordered: true, normalize: 'nfkc' }],
  vec: [undefined, { unordered: true }, { unordered: true, abs: 1e-6 }, { unordered: true, isclose: { abs: 0, rel: 0.1 } }],
  'geo.lat': [undefined, { abs: 0.01 }],
  at: [undefined, { time: '500us' }, { time: '1s' }, { time: 0 }],
  kind: [undefined, { normalize: 'decimal' }],
  mixed: [undefined, { unordered: true }, { normalize: 'decimal' }, { unordered: true, normalize: 'decimal' }, { abs: 1 }],
  opt: [undefined],
};

const pick = <T>(xs: readonly T[]) => fc.nat({ max: xs.length - 1 }).map((i) => xs[i]);

/** Arbitrary of a differential case for `format`, with at most `maxEvents` legacy events. */
export function diffCase(format: Format, maxEvents = 24): fc.Arbitrary<DiffCase> {
  const pair = shadowPair({
    base: eventStream({ minLength: 1, maxLength: maxEvents }),
    perturbations: [
      { kind: 'drop', magnitude: 0.1 },
      { kind: 'duplicate', magnitude: 0.05 },
      { kind: 'shiftField', field: 'value', magnitude: 0.005, rate: 0.2 },
      { kind: 'jitterTime', magnitude: 1500, rate: 0.3 },
      { kind: 'hostile', hostile: 'negativeZero', magnitude: 0.1 },
      { kind: 'hostile', hostile: 'subnormal', magnitude: 0.1 },
      { kind: 'hostile', hostile: 'huge', magnitude: 0.1 },
      { kind: 'hostile', hostile: 'dst', magnitude: 0.1 },
      { kind: 'hostile', hostile: 'unicode', magnitude: 0.2 },
      ...(format === 'parquet' ? [{ kind: 'hostile' as const, hostile: 'nan' as const, magnitude: 0.1 }] : []),
    ],
  });
  const perRow = fc.record({
    num: pick(NUM_PAIRS), big: pick(BIG_PAIRS), ubig: pick(UBIG_PAIRS), str: pick(STR_PAIRS), when: pick(TIME_PAIRS),
    epoch: pick(EPOCH_PAIRS), at: pick(AT_PAIRS), tags: pick(TAG_PAIRS), vec: pick(VEC_PAIRS), mixed: fc.tuple(pick(MIXED), pick(MIXED)),
    opt: fc.constantFrom<[unknown, unknown]>([null, undefined], [undefined, null], [1, 1], [null, null], [undefined, undefined]),
    same: fc.double({ min: -1e6, max: 1e6, noNaN: true }), keyForm: fc.nat({ max: 9 }),
  });
  const ruleArb = fc.record(Object.fromEntries(Object.entries(RULES).map(([k, v]) => [k, pick(v)]))) as fc.Arbitrary<Record<string, FieldRule | undefined>>;
  return fc
    .record({
      pair,
      rows: fc.array(perRow, { minLength: maxEvents * 2, maxLength: maxEvents * 2 }),
      rules: ruleArb,
      keyMode: fc.constantFrom('string', 'number', 'mixed', 'composite'),
      typeChange: fc.boolean(),
      dropColumn: fc.constantFrom(undefined, 'str', 'geo'),
      renameColumn: fc.boolean(),
      compare: fc.constantFrom<'all' | 'common' | 'declared'>('all', 'common', 'declared'),
      defaults: fc.constantFrom<CompareEventsOptions['defaults']>(
        {}, {}, { number: { rel: 1e-9 } }, { string: { normalize: 'trim' } }, { number: { abs: 1 }, array: { unordered: true } }, { boolean: 'exact', string: { normalize: 'casefold' } },
      ),
      duplicateKeys: fc.constantFrom<'exclude' | 'inOrder'>('exclude', 'inOrder'),
      ignoreFieldCase: fc.boolean(),
      caseColumn: fc.constantFrom(undefined, 'rename', 'collide'),
      nullEqualsMissing: fc.boolean(),
      minMatchRate: fc.constantFrom(1, 0.9, 0.5, 0),
      maxMissingRate: fc.constantFrom(0, 0.2),
      maxExtraRate: fc.constantFrom(0, 0.2),
      maxDuplicateKeys: fc.constantFrom(0, 2),
      maxMissingKeyRows: fc.constantFrom(0, 1),
      nullKeys: fc.boolean(),
      // geo null on every row of one side (0 legacy, 1 shadow), against objects on the other;
      // JSON Lines: {} on every row of the legacy (2), {} or null on the shadow's (3).
      nullGeo: fc.constantFrom<0 | 1 | 2 | 3 | undefined>(undefined, undefined, undefined, undefined, 0, 1, 2, 3),
    })
    .map((g) => build(format, g));
}

function build(format: Format, g: {
  pair: { legacy: Row[]; shadow: Row[] };
  rows: Record<string, unknown>[];
  rules: Record<string, FieldRule | undefined>;
  keyMode: string;
  typeChange: boolean;
  dropColumn: string | undefined;
  renameColumn: boolean;
  compare: 'all' | 'common' | 'declared';
  defaults: CompareEventsOptions['defaults'];
  duplicateKeys: 'exclude' | 'inOrder';
  ignoreFieldCase: boolean;
  caseColumn: 'rename' | 'collide' | undefined;
  nullEqualsMissing: boolean;
  minMatchRate: number;
  maxMissingRate: number;
  maxExtraRate: number;
  maxDuplicateKeys: number;
  maxMissingKeyRows: number;
  nullKeys: boolean;
  nullGeo: 0 | 1 | 2 | 3 | undefined;
}): DiffCase {
  const idIndex = new Map<unknown, number>();
  for (const e of g.pair.legacy) idIndex.set(e.id, idIndex.size);
  for (const e of g.pair.shadow) if (!idIndex.has(e.id)) idIndex.set(e.id, idIndex.size);
  const keyMode = format === 'parquet' && g.keyMode === 'mixed' ? 'number' : g.keyMode;
  const decorate = (e: Row, side: 0 | 1): Row => {
    const i = idIndex.get(e.id)!;
    const h = g.rows[i % g.rows.length] as Record<string, [unknown, unknown]> & { same: number; keyForm: number };
    const r: Row = { ...e };
    if (keyMode === 'number' || keyMode === 'mixed') {
      r.id = i;
      if (keyMode === 'mixed' && side === 1 && h.keyForm < 2) r.id = h.keyForm === 0 ? String(i) : `0${i}`;
      if (format === 'parquet' && g.nullKeys && h.keyForm === 9) r.id = side === 0 ? NaN : null;
    }
    if (g.nullKeys && h.keyForm === 8) r.id = null;
    for (const c of ['num', 'big', 'ubig', 'str', 'when', 'epoch', 'tags', 'vec', 'opt'] as const) r[c] = h[c][side];
    r.geo = { city: side === 1 && h.keyForm === 3 ? 'Oslo' : 'Paris', lat: 40 + (h.same % 10) + (side === 1 && h.keyForm === 4 ? 0.005 : 0) };
    r.kind = g.typeChange && side === 1 ? (h.keyForm % 2 ? String(i) : `0${i}`) : i;
    if (format === 'jsonl') r.mixed = h.mixed[side];
    if (format === 'parquet') {
      const us = (h.at as unknown as [bigint | null, bigint | null])[side];
      r.at = us === null ? null : PreciseDate.fromMicros(us);
      // A MAP (loadDataset: an object; each key a field): keys in another order, a value changed
      // (the num pair), a key dropped, null against an absent key, a NULL map against {}.
      const num = h.num[side];
      const props: Record<string, unknown> = side === 1 && h.same % 2 ? { b: num, a: i % 3 } : { a: i % 3, b: num };
      if (h.keyForm === 2) props[side === 0 ? 'c' : 'd'] = 1.5;
      if (h.keyForm === 4 && side === 1) delete props.a;
      if (h.keyForm === 5) props.c = side === 0 ? null : undefined;
      r.props = h.keyForm === 6 ? (side === 0 ? null : {}) : h.keyForm === 7 ? null : Object.fromEntries(Object.entries(props).filter(([, v]) => v !== undefined));
    }
    // A NULL struct (a null object) against a struct of NULLs (JSON Lines: also against `{}`),
    // and NULL on both sides.
    if (h.keyForm === 6) r.geo = side === 0 ? null : format === 'jsonl' && h.same < 0 ? {} : { city: null, lat: null };
    if (h.keyForm === 7) r.geo = null;
    if (h.keyForm === 5) delete r.str; // a field some events do not have (a missing key in JSON Lines, NULL in Parquet)
    return r;
  };
  let legacy = g.pair.legacy.map((e) => decorate(e, 0));
  let shadow = g.pair.shadow.map((e) => decorate(e, 1));
  // An object path (a struct) holding null on every row of one side: in memory a path of nulls
  // without members, 'object vs non-object' against the other side's objects.
  if (g.nullGeo === 0 || g.nullGeo === 1) for (const r of g.nullGeo === 0 ? legacy : shadow) r.geo = null;
  // Objects without members (JSON only: a Parquet struct holds its members): in memory an object path without members.
  if (format === 'jsonl' && g.nullGeo === 2) for (const r of legacy) r.geo = {};
  if (format === 'jsonl' && g.nullGeo === 3) shadow.forEach((r, i) => (r.geo = i % 2 ? {} : null));
  if (g.dropColumn) shadow = shadow.map(({ [g.dropColumn!]: _, ...rest }) => rest);
  const rename: Record<string, string> = {};
  if (g.renameColumn) {
    rename.label = 'labelV2';
    shadow = shadow.map(({ label, ...rest }) => ({ ...rest, labelV2: label }));
  }
  const base: Record<string, string> = {
    id: keyMode === 'string' || keyMode === 'composite' ? 'VARCHAR' : 'DOUBLE', entity: 'VARCHAR', type: 'VARCHAR', ts: 'DOUBLE', value: 'DOUBLE', label: 'VARCHAR',
    num: 'DOUBLE', big: 'BIGINT', ubig: 'UBIGINT', str: 'VARCHAR', when: 'VARCHAR', epoch: 'DOUBLE', tags: 'VARCHAR[]', vec: 'DOUBLE[]',
    opt: 'DOUBLE', geo: 'STRUCT(city VARCHAR, lat DOUBLE)', kind: 'BIGINT',
    ...(format === 'parquet' ? { at: 'TIMESTAMP', props: 'MAP(VARCHAR, DOUBLE)' } : {}),
  };
  // Parquet (DuckDB) column names are case-insensitive: no collision there.
  if (format === 'parquet' && g.caseColumn === 'collide') g.caseColumn = undefined;
  if (g.caseColumn === 'rename') shadow = shadow.map(({ epoch, ...rest }) => ({ ...rest, EPOCH: epoch }));
  if (g.caseColumn === 'collide') shadow = shadow.map((r) => ({ ...r, NUM: r.num }));
  const ls = { ...base };
  const ss: Record<string, string> = { ...base, kind: g.typeChange ? 'VARCHAR' : 'BIGINT' };
  if (g.dropColumn) delete ss[g.dropColumn];
  if (g.caseColumn === 'rename') {
    delete ss.epoch;
    ss.EPOCH = 'DOUBLE';
  }
  if (g.caseColumn === 'collide') ss.NUM = 'DOUBLE';
  if (g.renameColumn) {
    delete ss.label;
    ss.labelV2 = 'VARCHAR';
  }
  const fields: Record<string, FieldRule> = {};
  for (const [k, r] of Object.entries(g.rules)) {
    if (r === undefined || (format === 'parquet' && k === 'mixed') || (format === 'jsonl' && k === 'at')) continue;
    fields[k] = r;
  }
  if (g.compare === 'declared' && Object.keys(fields).length === 0) fields.value = { abs: 0 };
  const options: DiffCase['options'] = {
    key: keyMode === 'composite' ? ['entity', 'id'] : 'id',
    fields,
    compare: g.compare,
    defaults: g.defaults,
    duplicateKeys: g.duplicateKeys,
    ignoreFieldCase: g.ignoreFieldCase,
    rename,
    nullEqualsMissing: g.nullEqualsMissing,
    minMatchRate: g.minMatchRate,
    maxMissingRate: g.maxMissingRate,
    maxExtraRate: g.maxExtraRate,
    maxDuplicateKeys: g.maxDuplicateKeys,
    maxMissingKeyRows: g.maxMissingKeyRows,
  };
  if (format === 'parquet') {
    // A Parquet file holds every column of its schema on every row: missing is NULL.
    // An integer past 2^53 in a 64-bit column is a BigInt, as loadDataset reads it.
    const read = (v: unknown, t: string) => (/INT/.test(t) && typeof v === 'number' && Number.isInteger(v) && !Number.isSafeInteger(v) ? BigInt(v) : (v ?? null));
    legacy = legacy.map((r) => Object.fromEntries(Object.entries(ls).map(([k, t]) => [k, read(r[k], t)])));
    shadow = shadow.map((r) => Object.fromEntries(Object.entries(ss).map(([k, t]) => [k, read(r[k], t)])));
  } else {
    // JSON Lines: what JSON.parse gives back (NaN and ±Infinity become null, -0 becomes 0).
    legacy = legacy.map((r) => JSON.parse(JSON.stringify(r)) as Row);
    shadow = shadow.map((r) => JSON.parse(JSON.stringify(r)) as Row);
  }
  return { legacy, shadow, schema: [ls, ss], options };
}

/** The parts of a report both engines must agree on exactly (delta statistics checked apart). */
/** A deep copy with every -0 made 0. */
function unsignedZero(v: unknown): unknown {
  if (Object.is(v, -0)) return 0;
  if (Array.isArray(v)) return v.map(unsignedZero);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, unsignedZero(x)]));
  return v;
}

export function comparable(r: EventReport) {
  return {
    verdict: r.verdict,
    reasons: r.reasons.map((x) => `${x.code} ${x.subject}`).sort(),
    counts: r.counts,
    rates: r.rates,
    fields: [...r.fields]
      .sort((a, b) => (a.field < b.field ? -1 : 1))
      .map((f) => ({
        field: f.field,
        shadowField: f.shadowField,
        rule: f.rule,
        mismatches: f.mismatches,
        presence: f.presence,
        deltaN: f.delta?.n,
        deltaMax: f.delta?.maxAbs,
        unparseable: f.unparseable,
        shape: f.shape?.kind,
      })),
    groups: r.groups.map((g) => `${g.fields.join('+')}: ${g.count}`).sort(),
    schema: r.schema,
    ignoredFields: r.ignoredFields,
    hints: r.hints,
  };
}

/**
 * |a − b| within a relative 1e-9 (the summation order of a mean differs between engines), or
 * within 1e-300 (DuckDB interpolates a quantile between subnormals with another rounding).
 */
export function close(a: number, b: number): boolean {
  if (a === b || (a !== a && b !== b)) return true;
  // Finite |deltas| near the double range (MAX vs -MAX ± …) whose sum overflows: the in-memory
  // compensated sum gives NaN (Infinity − Infinity in the compensation), DuckDB's avg Infinity.
  // Neither is the true (finite) mean; reported to the in-memory engine's owner, accepted here.
  if (!Number.isFinite(a) && !Number.isFinite(b)) return true;
  return Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b)) + 1e-300;
}

let n = 0;

/**
 * Writes one side of a case to `dir` as a file (k = 0) or a glob of k part files; returns the path
 * or the glob.
 */
async function writeSide(format: Format, dir: string, stem: string, side: 'l' | 's', rows: readonly Record<string, unknown>[], schema: Record<string, string>, k: number): Promise<string> {
  if (k === 0) {
    const path = join(dir, `${side}${stem}.${format}`);
    if (format === 'jsonl') writeJsonl(path, rows);
    else await writeParquet(path, rows as Record<string, unknown>[], schema);
    return path;
  }
  const sub = join(dir, `${side}${stem}-parts`);
  mkdirSync(sub, { recursive: true });
  const size = Math.max(1, Math.ceil(rows.length / k));
  for (let i = 0; i * size < rows.length || i === 0; i++) {
    const path = join(sub, `part-${i}.${format}`);
    const part = rows.slice(i * size, (i + 1) * size);
    if (format === 'jsonl') writeJsonl(path, part);
    else await writeParquet(path, part as Record<string, unknown>[], schema);
  }
  return join(sub, `part-*.${format}`);
}

/** Runs both engines on one case (files written to `dir`); throws where they differ. */
export async function checkCase(format: Format, c: DiffCase, dir: string, parts = 0): Promise<void> {
  const stem = String(n++);
  // parts > 0: each side written as a glob of part files (legacy `parts`, shadow `parts + 1`), read by both engines.
  const write = (side: 'l' | 's', rows: readonly Record<string, unknown>[], schema: Record<string, string>, k: number) => writeSide(format, dir, stem, side, rows, schema, k);
  const l = await write('l', c.legacy, c.schema[0], parts);
  const s = await write('s', c.shadow, c.schema[1], parts > 0 ? parts + 1 : 0);
  // loadDataset reads each glob as the whole file of its rows.
  if (parts > 0) {
    expect(await loadDataset(l)).toEqual(await loadDataset(await write('l', c.legacy, c.schema[0], 0)));
    expect(await loadDataset(s)).toEqual(await loadDataset(await write('s', c.shadow, c.schema[1], 0)));
  }
  const mem = compareEvents(c.legacy, c.shadow, c.options);
  const files = await compareEventFiles(l, s, c.options);
  expect(comparable(files)).toEqual(comparable(mem));
  // The direct plan (one streamed FULL JOIN, used when no key is duplicated) and the pair-table
  // plan give one report, examples included, but for the sign of zero in example values: the
  // direct plan keeps its sample in DuckDB's arg_min(row, key, n), which holds values in sort-key
  // form and gives a -0 back as 0 (the pair-table plan, like the in-memory engine, shows -0).
  if (c.options.duplicateKeys !== 'inOrder') expect(unsignedZero(await compareEventFilesWithPlan(l, s, c.options, 'pairTable'))).toEqual(unsignedZero(files));
  for (const f of mem.fields) {
    const g = files.fields.find((x) => x.field === f.field)!;
    if (!f.delta) continue;
    for (const k of ['meanAbs', 'p50Abs', 'p99Abs'] as const) {
      if (!close(f.delta[k], g.delta![k])) throw new Error(`${f.field}.delta.${k}: in memory ${f.delta[k]}, on files ${g.delta![k]}`);
    }
  }
}

/** The columns of a generated case a CSV file holds: its scalars (lists and objects have no CSV form). */
const CSV_COLUMNS = ['id', 'entity', 'type', 'ts', 'value', 'label', 'labelV2', 'num', 'str', 'when', 'epoch', 'kind', 'opt', 'EPOCH', 'NUM'];

/** A CSV cell as a writer of the value would write it: quoted where it must be, empty for null, NaN and ±Infinity (no CSV form). */
function csvCell(v: unknown): string {
  if (v === null || v === undefined || (typeof v === 'number' && !Number.isFinite(v))) return '';
  const s = typeof v === 'string' ? v : String(v);
  return /[",\n\r]/.test(s) || s !== s.trim() || s === '' ? `"${s.replace(/"/g, '""')}"` : s;
}

function writeCsv(path: string, rows: readonly Record<string, unknown>[], cols = CSV_COLUMNS.filter((c) => c === 'id' || rows.some((r) => c in r))): void {
  writeFileSync(path, [cols.join(','), ...rows.map((r) => cols.map((c) => csvCell(r[c])).join(','))].join('\n') + '\n');
}

/**
 * The rows written as `parts` CSV files `<stem>-part-<i>.csv` (each with the whole header, the
 * last part holding at least one row) in a directory of their own; returns their glob pattern.
 */
function writeCsvParts(dir: string, stem: string, rows: readonly Record<string, unknown>[], parts: number): string {
  const sub = join(dir, `${stem}-parts`);
  mkdirSync(sub, { recursive: true });
  const cols = CSV_COLUMNS.filter((c) => c === 'id' || rows.some((r) => c in r));
  const size = Math.max(1, Math.ceil(rows.length / parts));
  for (let i = 0; i * size < rows.length || i === 0; i++) writeCsv(join(sub, `part-${i}.csv`), rows.slice(i * size, (i + 1) * size), cols);
  return join(sub, 'part-*.csv');
}

/**
 * A generated case as CSV files (its scalar columns, the rules for them): both engines read the
 * same files (compareEvents on loadDataset's rows, which types CSV cells as loadDataset does), and
 * give one report. Throws where they differ.
 */
export async function checkCsvCase(c: DiffCase, dir: string, parts = 0): Promise<void> {
  const keys = typeof c.options.key === 'string' ? [c.options.key] : c.options.key;
  if (!keys.every((k) => CSV_COLUMNS.includes(k))) return;
  const options: DiffCase['options'] = { ...c.options, fields: Object.fromEntries(Object.entries(c.options.fields ?? {}).filter(([k]) => CSV_COLUMNS.includes(k))) };
  if (options.compare === 'declared' && Object.keys(options.fields ?? {}).length === 0) options.compare = 'all';
  const l = join(dir, `l${n}.csv`);
  const s = join(dir, `s${n++}.csv`);
  writeCsv(l, c.legacy);
  writeCsv(s, c.shadow);
  const mem = compareEvents(await loadDataset(l), await loadDataset(s), options);
  // parts > 0: the file engine reads each side as a glob of that many part files (loadDataset the whole files).
  const [lf, sf] = parts > 0 ? [writeCsvParts(dir, `l${n - 1}`, c.legacy, parts), writeCsvParts(dir, `s${n - 1}`, c.shadow, parts + 1)] : [l, s];
  const files = await compareEventFiles(lf, sf, options);
  expect(comparable(files)).toEqual(comparable(mem));
  // loadDataset reads the globs as the whole files too.
  if (parts > 0) expect(comparable(compareEvents(await loadDataset(lf), await loadDataset(sf), options))).toEqual(comparable(mem));
  if (options.duplicateKeys !== 'inOrder') expect(unsignedZero(await compareEventFilesWithPlan(lf, sf, options, 'pairTable'))).toEqual(unsignedZero(files));
}

/** What a grouped report says, each group's report as comparable() reads it. */
export function comparableGrouped(r: GroupedReport<EventReport>) {
  return {
    verdict: r.verdict,
    reasons: r.reasons.map((x) => `${x.code} ${x.subject} ${x.message}`).sort(),
    by: r.by,
    counts: r.counts,
    unmatched: r.unmatched,
    segments: r.segments,
    label: r.label,
    groups: r.groups.map((g) => ({ group: g.group, verdict: g.verdict, rows: g.rows, overridden: g.overridden, skippedFieldRules: g.skippedFieldRules, label: g.report.label, report: comparable(g.report) })),
  };
}

/** A case's rows regrouped and its options with `by: 'type'` for checkGroupedCase (see there); CSV has no missing key, only empty cells. */
function regrouped(format: Format | 'csv', c: DiffCase, options: DiffCase['options'] = c.options) {
  const regroup = (rows: readonly Row[], side: 'l' | 's') =>
    rows.map((r, i) => {
      const o = { ...r };
      if (i % 7 === 3) o.type = side === 'l' ? 'legacy only' : 'shadow only';
      else if (i % 11 === 5) {
        if (format === 'jsonl' && i % 2) delete o.type;
        else o.type = null;
      }
      return o;
    });
  const legacy = regroup(c.legacy, 'l');
  const shadow = regroup(c.shadow, 's');
  const first = [...new Set(legacy.map((r) => r.type).filter((t): t is string => typeof t === 'string'))].sort()[0];
  return {
    legacy,
    shadow,
    options: {
      ...options,
      by: 'type',
      label: 'nightly',
      overrides: { ...(first ? { [first]: { minMatchRate: 0, fields: { value: { abs: 1 } } } } : {}), ...(legacy.length % 2 ? { nope: { maxExtraRate: 1 } } : {}) },
    } as CompareEventsOptions & GroupOptions<CompareEventsOptions>,
  };
}

/**
 * checkGroupedCase on CSV files (the case's scalar columns, as checkCsvCase writes them): both
 * engines read the same files, compareEvents with `by` on loadDataset's rows, which types each
 * column over the whole file, so a group's column keeps the whole side's type.
 */
export async function checkGroupedCsvCase(c: DiffCase, dir: string, parts = 0): Promise<void> {
  const keys = typeof c.options.key === 'string' ? [c.options.key] : c.options.key;
  if (!keys.every((k) => CSV_COLUMNS.includes(k))) return;
  const scalar: DiffCase['options'] = { ...c.options, fields: Object.fromEntries(Object.entries(c.options.fields ?? {}).filter(([k]) => CSV_COLUMNS.includes(k))) };
  if (scalar.compare === 'declared' && Object.keys(scalar.fields ?? {}).length === 0) scalar.compare = 'all';
  const { legacy, shadow, options } = regrouped('csv', c, scalar);
  const l = join(dir, `gl${n}.csv`);
  const s = join(dir, `gs${n++}.csv`);
  writeCsv(l, legacy);
  writeCsv(s, shadow);
  const mem = compareEvents(await loadDataset(l), await loadDataset(s), options);
  const [lf, sf] = parts > 0 ? [writeCsvParts(dir, `gl${n - 1}`, legacy, parts), writeCsvParts(dir, `gs${n - 1}`, shadow, parts + 1)] : [l, s];
  const files = await compareEventFiles(lf, sf, options as CompareEventFilesOptions & GroupOptions<CompareEventFilesOptions>);
  expect(comparableGrouped(files)).toEqual(comparableGrouped(mem));
  if (options.duplicateKeys !== 'inOrder') expect(unsignedZero(await compareEventFilesByGroup(lf, sf, options as never, 'pairTable'))).toEqual(unsignedZero(files));
}

/**
 * `by` on files: compareEventFiles with `by: 'type'` against compareEvents with it on the same
 * rows. The case's rows are regrouped so that some groups exist on one side only (every 7th row
 * of a side moves to a group of its own) and some rows have no type (null, or in JSON Lines no
 * key: the group `(none)`); one group is overridden (a threshold and a field rule), and in
 * half the cases an override names a group no row has.
 */
export async function checkGroupedCase(format: Format, c: DiffCase, dir: string, parts = 0): Promise<void> {
  const stem = `g${n++}`;
  const { legacy, shadow, options } = regrouped(format, c);
  const l = await writeSide(format, dir, stem, 'l', legacy, c.schema[0], parts);
  const s = await writeSide(format, dir, stem, 's', shadow, c.schema[1], parts > 0 ? parts + 1 : 0);
  const mem = compareEvents(legacy, shadow, options);
  const files = await compareEventFiles(l, s, options as CompareEventFilesOptions & GroupOptions<CompareEventFilesOptions>);
  expect(comparableGrouped(files)).toEqual(comparableGrouped(mem));
  if (c.options.duplicateKeys !== 'inOrder') {
    expect(unsignedZero(await compareEventFilesByGroup(l, s, options as never, 'pairTable'))).toEqual(unsignedZero(files));
  }
  for (const [i, mg] of mem.groups.entries()) {
    for (const f of mg.report.fields) {
      const g = files.groups[i].report.fields.find((x) => x.field === f.field)!;
      if (!f.delta) continue;
      for (const k of ['meanAbs', 'p50Abs', 'p99Abs'] as const) {
        if (!close(f.delta[k], g.delta![k])) throw new Error(`${mg.group}: ${f.field}.delta.${k}: in memory ${f.delta[k]}, on files ${g.delta![k]}`);
      }
    }
  }
}
