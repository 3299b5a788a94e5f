import { ShadowDataError, ShadowOptionError, assertKnownKeys, assertNumber, assertPlainObject, assertRate, describeValue } from '../_internal/options.js';
import { toRows, type DatasetInput } from '../dataset/toRows.js';
import { compileKey, type KeySpec } from '../join/keys.js';
import { pairRows, type MapKey } from '../join/pairRows.js';
import { Smallest } from '../join/smallest.js';
import { REPORT_VERSION, sortReasons, verdictOf, type Reason, type ReportBase } from '../report/types.js';
import { compileNormalization, type Normalization, type NormalizeSpec } from './normalization.js';
import { pathAtOffset } from './_internal/pathAtOffset.js';
import { PLANS, UnserialisableValueError, unserialisable } from './_internal/canonicalJson.js';
import { equalCanonicalLength } from './_internal/equalCanonicalLength.js';
import { pairInOrder } from './_internal/pairInOrder.js';
import { differingFields, firstDifference } from './_internal/differingFields.js';
import type { KnownDifferences } from '../ledger/types.js';
import { applyLedger, type LedgerInput } from '../ledger/applyLedger.js';
import { withLedgerTotals } from '../ledger/ledgerTotals.js';
import { compareByGroup, hasGroupBy } from '../groups/compareByGroup.js';
import type { GroupOptions, GroupedReport } from '../groups/types.js';
import type { Row } from '../dataset/toRows.js';

/**
 * Options of {@link compareBytes}.
 *
 * @example
 * const options: CompareBytesOptions = { key: 'id', normalize: { drop: ['ingestedAt'] }, minMatchRate: 0.999 };
 */
export interface CompareBytesOptions {
  /** How records are matched: a path, an array of paths, or a function of the row. */
  key: KeySpec;
  /** The declared normalisation (see NormalizeSpec); its id is in the report. @defaultValue {} (RFC 8785 + NFC) */
  normalize?: NormalizeSpec;
  /** Least share of legacy records whose normalised bytes equal shadow's. @defaultValue 1 */
  minMatchRate?: number;
  /**
   * A ledger of known differences (see docs/ledger.md): an entry excuses only the field it names; a
   * differing record counts as known, not as a failure, only when every field it differs in is
   * covered; a known difference grown past its recorded size or past its expiry fails.
   * @defaultValue none
   */
  ledger?: LedgerInput;
  /** The date the ledger's expiries are checked against (ISO date). @defaultValue today (UTC) */
  today?: string;
  /** Differing records kept as examples. @defaultValue 5 */
  maxExamples?: number;
  /** A label carried into the report. */
  label?: string;
}

/**
 * One differing record of a {@link BytesReport}.
 *
 * @example
 * compareBytes(legacy, shadow, { key: 'id' }).examples[0]; // { key, offset, field: 'ts', bytes, excerpt }
 */
export interface BytesDifference {
  key: unknown;
  /** Offset of the first differing byte in the UTF-8 of the normalised legacy record. */
  offset: number;
  /** Dotted path of the field holding that byte ('' for the record's own punctuation). */
  field: string;
  bytes: { legacy: number; shadow: number };
  /** Up to 24 characters of each normalised record from a little before the offset. */
  excerpt: { legacy: string; shadow: string };
}

/**
 * The result of {@link compareBytes}.
 *
 * @example
 * const r = compareBytes(legacy, shadow, { key: 'id' });
 * r.rates.bytesMatch; // share of legacy records byte-equal after normalisation
 * r.normalization.id; // compare two nights only under the same id
 */
export interface BytesReport extends ReportBase<'bytes'> {
  key: string;
  normalization: Normalization;
  minMatchRate: number;
  /** `known`: differing records whose every differing field a ledger entry covers. */
  counts: {
    legacy: number; shadow: number; matched: number; equal: number; differing: number; known: number; missing: number; extra: number;
    /** Distinct duplicated keys, both sides (DUPLICATE_KEYS, fail). */
    duplicateKeys: number;
    /** Records without a key, both sides (MISSING_KEY_FIELD, fail). */
    missingKey: number;
    /** Records paired with nothing because their key is duplicated (on their side or, for legacy, in shadow). */
    unpaired: { legacy: number; shadow: number };
  };
  rates: { bytesMatch: number; bytesMatchWithKnown: number };
  bytes: { legacy: number; shadow: number; perRecord: { legacy: number; shadow: number } };
  /** Differing records per field holding the first differing byte, most first. */
  fields: { field: string; records: number; known: number }[];
  examples: BytesDifference[];
  known: KnownDifferences;
  hints: string[];
}

const FN = 'compareBytes';
const KEYS = ['key', 'normalize', 'minMatchRate', 'ledger', 'today', 'maxExamples', 'label'] as const;

/** The dotted path of the first Map or Set in a record (depth first), or null. */
function pathOfRefused(v: unknown, path = ''): string | null {
  if (unserialisable(v) !== null) return path || '(record)';
  if (typeof v !== 'object' || v === null) return null;
  for (const [k, x] of Object.entries(v)) {
    const p = pathOfRefused(x, path ? `${path}.${k}` : k);
    if (p !== null) return p;
  }
  return null;
}

function utf8Offset(s: string, charIndex: number): number {
  return Buffer.byteLength(s.slice(0, charIndex));
}

/**
 * Compares records byte by byte after a declared, versioned normalisation (RFC 8785 canonical
 * JSON via `canonicalize`, Unicode NFC, optional number rounding, timestamp form and precision,
 * volatile fields dropped): the report gives the bytes-match rate (equal / legacy records), the
 * bytes per record, and for each differing record the first differing byte offset and the field
 * holding it. Records are matched by key; missing, extra and duplicated keys count against the
 * rate, and a duplicated key (DUPLICATE_KEYS) or a record without a key (MISSING_KEY_FIELD) fails,
 * as in compareEvents with its defaults. A normalisation that drops the key is refused. Legacy is the reference.
 *
 * With `by` (a path such as `'type'`, or a function of the row), one comparison per group, each
 * with its own verdict and `overrides`, composed into a GroupedReport (see compareByGroup): a type
 * present on one side only fails as that group's empty side, and its records are the group's
 * missing or extra ones. A ledger entry's recorded size bounds its coverage summed over groups.
 *
 * @example
 * const report = compareBytes(legacy, shadow, { key: 'id', normalize: { drop: ['ingestedAt'] } });
 * report.rates.bytesMatch; // => 1 when every legacy record is byte-equal in shadow
 * // per event type, each with its own verdict and threshold:
 * const byType = compareBytes(legacy, shadow, { key: 'id', by: 'type', overrides: { view: { minMatchRate: 0.99 } } });
 * byType.groups.map((g) => [g.group, g.verdict]);
 */
export function compareBytes(legacy: DatasetInput, shadow: DatasetInput, options: CompareBytesOptions & GroupOptions<CompareBytesOptions>): GroupedReport<BytesReport>;
export function compareBytes(legacy: DatasetInput, shadow: DatasetInput, options: CompareBytesOptions): BytesReport;
export function compareBytes(legacy: DatasetInput, shadow: DatasetInput, options: CompareBytesOptions): BytesReport | GroupedReport<BytesReport> {
  if (hasGroupBy(options)) {
    const grouped = compareByGroup(FN, compareBytes as (l: Row[], s: Row[], o: CompareBytesOptions) => BytesReport, legacy, shadow, options as CompareBytesOptions & GroupOptions<CompareBytesOptions>, { unit: 'records' });
    return withLedgerTotals(grouped);
  }
  if (options === undefined) throw new ShadowOptionError(`${FN}: options are required; pass at least { key: 'id' }`);
  assertPlainObject(FN, 'options', options);
  assertKnownKeys(FN, '', options, KEYS);
  if (options.key === undefined) throw new ShadowOptionError(`${FN}: options.key is required: the field (or fields) that identify a record, e.g. { key: 'id' }`);
  const key = compileKey(FN, options.key);
  const norm = compileNormalization(FN, options.normalize, key.fields);
  const minMatchRate = options.minMatchRate ?? 1;
  assertRate(FN, 'minMatchRate', minMatchRate);
  const maxExamples = options.maxExamples ?? 5;
  assertNumber(FN, 'maxExamples', maxExamples, { min: 0, max: 1000, integer: true });
  if (options.label !== undefined && typeof options.label !== 'string') throw new ShadowOptionError(`${FN}: label must be a string, got ${describeValue(options.label)}`);
  const lrows = toRows(legacy, FN, 'legacy');
  const srows = toRows(shadow, FN, 'shadow');
  const pr = pairInOrder(FN, lrows, srows, key) ?? pairRows(FN, lrows, srows, key);

  // One pass over legacy in order, keeping only counts (no array of 2M texts: the garbage
  // collector dominated when they were kept). A pair proven equal by equalCanonicalLength costs
  // no serialisation (its byte length is computed from the values); only the others are
  // serialised, compared as texts, and, when they differ, searched for the first differing byte.
  const plan = PLANS.get(norm)!;
  // A value with no faithful JSON form (Map, Set) is refused, naming the side, the record and the field.
  const applyTo = (side: 'legacy' | 'shadow') => (row: Record<string, unknown>): string => {
    try {
      return norm.apply(row);
    } catch (e) {
      if (!(e instanceof UnserialisableValueError)) throw e;
      let where: string;
      try {
        where = `key ${JSON.stringify(key.display(row))}`;
      } catch {
        where = 'a record without a key';
      }
      const field = pathOfRefused(row) ?? '?';
      throw new ShadowDataError(`${FN}: ${side} record with ${where}: field ${field} holds a ${e.what}, which has no JSON form (JSON.stringify writes it as {}); convert it first, e.g. Object.fromEntries(map) or [...set]`);
    }
  };
  const applyL = applyTo('legacy');
  const applyS = applyTo('shadow');
  const lengthOf = (row: Record<string, unknown>, apply: (row: Record<string, unknown>) => string): number => {
    const n = equalCanonicalLength(row, row, plan);
    return n >= 0 ? n : Buffer.byteLength(apply(row));
  };
  let lbytes = 0;
  let sbytes = 0;
  let equal = 0;
  // Per differing record: its rows, field and character offset. The texts are not kept (they
  // are rebuilt for the few examples shown), so many differing records do not pile up strings.
  const diffs: { i: number; j: number; field: string; offset: number }[] = [];
  const pair = pr.pair;
  const paired = new Uint8Array(srows.length);
  for (let i = 0; i < lrows.length; i++) {
    const j = pair[i];
    if (j < 0) {
      lbytes += lengthOf(lrows[i], applyL);
      continue;
    }
    paired[j] = 1;
    const same = equalCanonicalLength(lrows[i], srows[j], plan);
    if (same >= 0) {
      lbytes += same;
      sbytes += same;
      equal++;
      continue;
    }
    const a = applyL(lrows[i]);
    const b = applyS(srows[j]);
    lbytes += Buffer.byteLength(a);
    sbytes += Buffer.byteLength(b);
    if (a === b) {
      equal++;
      continue;
    }
    const p = firstDifference(a, b);
    const field = pathAtOffset(a, p) || pathAtOffset(b, p);
    diffs.push({ i, j, field, offset: p });
  }
  if (pr.matched < srows.length) for (let j = 0; j < srows.length; j++) if (paired[j] === 0) sbytes += lengthOf(srows[j], applyS);

  // Known differences: a ledger entry excuses only the field it names. Every differing field of a
  // differing record is offered (found by setting each excused field equal and comparing the rest);
  // the record is known only when each of its differing fields is covered and none is hidden.
  const offers: { field: string; key: unknown; legacy: Row; shadow: Row }[] = [];
  const offersOf: { from: number; to: number; complete: boolean }[] = [];
  if (options.ledger !== undefined) {
    for (const d of diffs) {
      const all = differingFields(lrows[d.i], srows[d.j], norm.apply);
      const from = offers.length;
      for (const field of all.fields) offers.push({ field, key: key.display(lrows[d.i]), legacy: lrows[d.i], shadow: srows[d.j] });
      offersOf.push({ from, to: offers.length, complete: all.complete });
    }
  }
  const known = applyLedger(FN, options.ledger, offers, options.today);
  const coveredRecord = diffs.map((_, idx) => {
    const o = offersOf[idx];
    if (o === undefined || !o.complete || o.to === o.from) return false;
    for (let k = o.from; k < o.to; k++) if (known.covered[k] !== true) return false;
    return true;
  });
  const covered = (idx: number) => coveredRecord[idx];
  const fieldCounts = new Map<string, { records: number; known: number }>();
  const chosen = new Smallest<number>(maxExamples);
  diffs.forEach((d, idx) => {
    let f = fieldCounts.get(d.field);
    if (f === undefined) fieldCounts.set(d.field, (f = { records: 0, known: 0 }));
    f.records++;
    if (covered(idx)) {
      f.known++;
      return;
    }
    const k = key.read(lrows[d.i]) as MapKey;
    if (chosen.accepts(k)) chosen.add(k, idx);
  });
  const exampleList = chosen.sorted().map((idx): BytesDifference => {
    const d = diffs[idx];
    const lt = norm.apply(lrows[d.i]);
    const st = norm.apply(srows[d.j]);
    const from = Math.max(0, d.offset - 8);
    return {
      key: key.display(lrows[d.i]),
      offset: utf8Offset(lt, d.offset),
      field: d.field,
      bytes: { legacy: Buffer.byteLength(lt), shadow: Buffer.byteLength(st) },
      excerpt: { legacy: lt.slice(from, from + 24), shadow: st.slice(from, from + 24) },
    };
  });
  const L = lrows.length;
  const S = srows.length;
  // Records whose every difference the ledger covers (known.summary.total counts covered fields).
  const nKnown = coveredRecord.filter(Boolean).length;
  const counts = {
    legacy: L,
    shadow: S,
    matched: pr.matched,
    equal,
    differing: diffs.length,
    known: nKnown,
    missing: pr.missing.length,
    extra: pr.extra.length,
    duplicateKeys: pr.legacyDuplicates.size + pr.shadowDuplicates.size,
    missingKey: pr.legacyMissingKey.length + pr.shadowMissingKey.length,
    // legacy = matched + missing + missing key + unpaired (and shadow likewise with extra).
    unpaired: { legacy: L - pr.matched - pr.missing.length - pr.legacyMissingKey.length, shadow: S - pr.matched - pr.extra.length - pr.shadowMissingKey.length },
  };
  const rates = { bytesMatch: L ? equal / L : 0, bytesMatchWithKnown: L ? (equal + nKnown) / L : 0 };
  const reasons: Reason[] = [...known.reasons];
  const hints: string[] = [];
  if (L === 0 || S === 0) {
    reasons.push({ code: 'EMPTY_INPUT', severity: 'fail', subject: L === 0 ? 'legacy' : 'shadow', expected: '> 0 records', received: 0, message: `${L === 0 ? 'legacy' : 'shadow'} has no records: an empty comparison never passes` });
  } else if (rates.bytesMatchWithKnown < minMatchRate) {
    reasons.push({
      code: 'BYTES_MATCH_RATE_BELOW_MIN',
      severity: 'fail',
      subject: 'minMatchRate',
      expected: `>= ${minMatchRate}`,
      received: rates.bytesMatchWithKnown,
      message: `${(rates.bytesMatchWithKnown * 100).toFixed(2)}% of legacy records are byte-equal in shadow after normalisation ${norm.id}${nKnown ? ` (${nKnown} known differences counted as equal)` : ''}, ${(minMatchRate * 100).toFixed(2)}% required`,
    });
  }
  // Keys that cannot pair one-to-one: their records count against the rate, so they are reasons too.
  for (const [side, dups, rows] of [['legacy', pr.legacyDuplicates.size, pr.legacyDuplicateRows], ['shadow', pr.shadowDuplicates.size, pr.shadowDuplicateRows]] as const) {
    if (dups === 0) continue;
    const ambiguous = side === 'shadow' && pr.ambiguous ? `; ${pr.ambiguous} legacy ${pr.ambiguous === 1 ? 'record' : 'records'} with one of those keys ${pr.ambiguous === 1 ? 'is' : 'are'} paired with nothing` : '';
    reasons.push({ code: 'DUPLICATE_KEYS', severity: 'fail', subject: side, expected: '0 duplicated keys', received: dups, message: `${dups} ${dups === 1 ? 'key occurs' : 'keys occur'} more than once in ${side} (${rows} records); duplicated keys are excluded from matching${ambiguous}` });
  }
  for (const [side, n] of [['legacy', pr.legacyMissingKey.length], ['shadow', pr.shadowMissingKey.length]] as const) {
    if (n === 0) continue;
    reasons.push({ code: 'MISSING_KEY_FIELD', severity: 'fail', subject: side, expected: `0 records without key ${key.description}`, received: n, message: `${n} ${side} ${n === 1 ? 'record has' : 'records have'} no value for key ${key.description}; such records are paired with nothing` });
  }
  if (counts.missing) reasons.push({ code: 'RECORDS_MISSING', severity: 'info', subject: 'missing', expected: 0, received: counts.missing, message: `${counts.missing} legacy records have no shadow record with their key` });
  if (counts.extra) reasons.push({ code: 'RECORDS_EXTRA', severity: 'info', subject: 'extra', expected: 0, received: counts.extra, message: `${counts.extra} shadow records have no legacy record with their key` });
  const fields = [...fieldCounts].map(([field, v]) => ({ field, ...v })).sort((a, b) => b.records - a.records || (a.field < b.field ? -1 : 1));
  const top = fields[0];
  if (top && top.records > top.known) {
    const ex = exampleList.find((e) => e.field === top.field);
    if (ex && /^\d/.test(ex.excerpt.legacy.slice(8)) !== /^\d/.test(ex.excerpt.shadow.slice(8)) && /"\d{4}-\d\d-\d\d/.test(ex.excerpt.legacy + ex.excerpt.shadow)) {
      hints.push(`${top.field} is an ISO string on one side and a number on the other: if consumers read both, normalize: { timestamps: { fields: ['${top.field}'] } }; if they hash the bytes, fix the writer`);
    } else hints.push(`if ${top.field} is volatile for every byte-sensitive consumer, add it to normalize.drop (a new normalisation id: earlier nights stop being comparable)`);
  }
  const sorted = sortReasons(reasons);
  const report: BytesReport = {
    kind: 'bytes',
    version: REPORT_VERSION,
    verdict: verdictOf(sorted),
    reasons: sorted,
    key: key.description,
    normalization: { version: norm.version, spec: norm.spec, id: norm.id },
    minMatchRate,
    counts,
    rates,
    bytes: { legacy: lbytes, shadow: sbytes, perRecord: { legacy: L ? lbytes / L : 0, shadow: S ? sbytes / S : 0 } },
    fields,
    examples: exampleList,
    known: known.summary,
    hints,
  };
  if (options.label !== undefined) report.label = options.label;
  return report;
}

