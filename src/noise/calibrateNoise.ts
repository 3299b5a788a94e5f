import { ShadowOptionError, assertKnownKeys, assertPlainObject, describeValue } from '../_internal/options.js';
import { compileGetter } from '../_internal/path.js';
import { toRows, type DatasetInput, type Row } from '../dataset/toRows.js';
import { compileKey, type KeySpec } from '../join/keys.js';
import { pairRows, type MapKey } from '../join/pairRows.js';
import { Smallest } from '../join/smallest.js';
import { REPORT_VERSION, sortReasons, verdictOf, type Reason } from '../report/types.js';
import { defaultEquals } from '../tolerance/defaultEquals.js';
import type { FieldNoise, NoiseCalibration } from './types.js';

/**
 * Options of {@link calibrateNoise}.
 *
 * @example
 * const options: CalibrateNoiseOptions = { key: 'eventId', by: 'type', fields: ['score', 'rank'] };
 */
export interface CalibrateNoiseOptions {
  /** How records of the two runs are matched. */
  key: KeySpec;
  /** Fields calibrated (dotted paths). @defaultValue every top-level field on either run, except the key */
  fields?: string[];
  /** Calibrate per group too (e.g. per event type): a field path of the legacy record. @defaultValue no groups */
  by?: string;
  /** Whether null and missing are the same value. @defaultValue false */
  nullEqualsMissing?: boolean;
  /** The calibration's date (ISO 8601). @defaultValue now */
  date?: string;
  /** A label carried into the calibration. */
  label?: string;
}

const FN = 'calibrateNoise';
const KEYS = ['key', 'fields', 'by', 'nullEqualsMissing', 'date', 'label'] as const;

/**
 * Measures how often two runs of the legacy pipeline on the same input disagree, per field and
 * (with `by`) per event type: records are matched by key and each field compared exactly
 * (defaultEquals). The result is stored like a profile (plain JSON, with a date) and passed to
 * comparisons as `noise`, which then fail only on the excess over it. A replay whose keys differ
 * from legacy (records in one run only) fails (NOISE_REPLAY_KEYS_DIFFER) rather than being
 * silently calibrated; empty runs fail.
 *
 * @example
 * const noise = calibrateNoise(legacy, legacyReplay, { key: 'id', by: 'type' });
 * if (noise.verdict !== 'pass') throw new Error(renderReport(noise));
 * compareEvents(legacy, shadow, { key: 'id', noise });
 */
export function calibrateNoise(legacy: DatasetInput, legacyReplay: DatasetInput, options: CalibrateNoiseOptions): NoiseCalibration {
  if (options === undefined) throw new ShadowOptionError(`${FN}: options are required; pass at least { key: 'id' }`);
  assertPlainObject(FN, 'options', options);
  assertKnownKeys(FN, '', options, KEYS);
  if (options.key === undefined) throw new ShadowOptionError(`${FN}: options.key is required, e.g. { key: 'eventId' }`);
  const key = compileKey(FN, options.key);
  const nem = options.nullEqualsMissing ?? false;
  if (typeof nem !== 'boolean') throw new ShadowOptionError(`${FN}: nullEqualsMissing must be true or false, got ${describeValue(nem)}`);
  if (options.by !== undefined && (typeof options.by !== 'string' || !options.by)) throw new ShadowOptionError(`${FN}: by must be a field path such as 'type', got ${describeValue(options.by)}`);
  if (options.fields !== undefined && (!Array.isArray(options.fields) || options.fields.length === 0 || options.fields.some((f) => typeof f !== 'string' || !f))) {
    throw new ShadowOptionError(`${FN}: fields must be a non-empty array of field paths, got ${describeValue(options.fields)}`);
  }
  const date = options.date ?? new Date().toISOString();
  if (typeof date !== 'string' || Number.isNaN(Date.parse(date))) throw new ShadowOptionError(`${FN}: date must be an ISO 8601 date, got ${describeValue(date)}`);
  const a = toRows(legacy, FN, 'legacy');
  const b = toRows(legacyReplay, FN, 'legacyReplay');
  const pr = pairRows(FN, a, b, key);
  const keyFields = new Set(key.fields);
  let names = options.fields;
  if (!names) {
    const seen = new Set<string>();
    for (const rows of [a, b]) for (const r of rows) for (const k in r) if (Object.prototype.hasOwnProperty.call(r, k)) seen.add(k);
    names = [...seen].filter((n) => !keyFields.has(n) && n !== options.by).sort();
  }
  const getters = names.map((n) => compileGetter(n));
  const groupGet = options.by ? compileGetter(options.by) : null;
  const total = names.map(() => 0);
  const byGroup = new Map<string, { matched: number; d: number[] }>();
  for (let i = 0; i < a.length; i++) {
    const j = pr.pair[i];
    if (j < 0) continue;
    const g = groupGet ? String(groupGet(a[i]) ?? '(none)') : '';
    let grp = groupGet ? byGroup.get(g) : undefined;
    if (groupGet && !grp) byGroup.set(g, (grp = { matched: 0, d: names.map(() => 0) }));
    if (grp) grp.matched++;
    for (let f = 0; f < getters.length; f++) {
      if (!defaultEquals(getters[f](a[i]), getters[f](b[j]), nem)) {
        total[f]++;
        if (grp) grp.d[f]++;
      }
    }
  }
  const fieldsOf = (matched: number, d: number[]): Record<string, FieldNoise> =>
    Object.fromEntries(names!.map((n, f) => [n, { compared: matched, disagreements: d[f], rate: matched ? d[f] / matched : 0 }]));
  const reasons: Reason[] = [];
  const legacyOnly = pr.missing.length;
  const replayOnly = pr.extra.length;
  if (a.length === 0 || b.length === 0) {
    reasons.push({ code: 'NOISE_EMPTY_RUN', severity: 'fail', subject: a.length === 0 ? 'legacy' : 'legacyReplay', expected: '> 0 records', received: 0, message: `${a.length === 0 ? 'legacy' : 'the replay'} has no records: nothing to calibrate` });
  }
  if (legacyOnly > 0 || replayOnly > 0) {
    reasons.push({
      code: 'NOISE_REPLAY_KEYS_DIFFER',
      severity: 'fail',
      subject: 'legacyReplay',
      expected: 'the same keys as legacy',
      received: `${legacyOnly} only in legacy, ${replayOnly} only in the replay`,
      message: `the replay is not a replay of the same input: ${legacyOnly} keys only in legacy and ${replayOnly} only in the replay; a calibration from it would mix input differences into noise`,
    });
  }
  const dups = pr.legacyDuplicates.size + pr.shadowDuplicates.size;
  if (dups > 0) reasons.push({ code: 'NOISE_DUPLICATE_KEYS', severity: 'fail', subject: 'key', expected: 'unique keys', received: dups, message: `${dups} keys occur more than once in a run, so those records cannot be paired` });
  const ex = (idx: number[], rows: readonly Row[]) => {
    const s = new Smallest<unknown>(5);
    for (const i of idx) {
      const k = key.read(rows[i]) as MapKey;
      if (s.accepts(k)) s.add(k, key.display(rows[i]));
    }
    return s.sorted();
  };
  const sorted = sortReasons(reasons);
  const cal: NoiseCalibration = {
    kind: 'noise',
    version: REPORT_VERSION,
    verdict: verdictOf(sorted),
    reasons: sorted,
    date,
    key: key.description,
    keys: { legacy: a.length, replay: b.length, matched: pr.matched, legacyOnly, replayOnly, duplicates: dups },
    fields: fieldsOf(pr.matched, total),
    examples: { legacyOnly: ex(pr.missing, a), replayOnly: ex(pr.extra, b) },
  };
  if (groupGet) {
    cal.by = options.by;
    cal.byGroup = Object.fromEntries([...byGroup].sort(([x], [y]) => (x < y ? -1 : 1)).map(([g, v]) => [g, { matched: v.matched, fields: fieldsOf(v.matched, v.d) }]));
  }
  if (options.label !== undefined) cal.label = options.label;
  return cal;
}
