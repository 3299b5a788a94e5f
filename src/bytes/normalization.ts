import { ShadowOptionError, assertKnownKeys, assertNumber, assertOneOf, assertPlainObject, describeValue } from '../_internal/options.js';
import { parseIsoTime } from '../tolerance/toEpochMs.js';
import { PLANS, canonicalJson, makePlan } from './_internal/canonicalJson.js';
import { dateEpochMs } from '../dataset/preciseDate.js';

/**
 * The version of the normalisation algorithm; part of every normalisation id.
 *
 * @example
 * compareBytes(l, s, { key: 'id' }).normalization.version === NORMALIZATION_VERSION; // => true
 */
export const NORMALIZATION_VERSION = 1 as const;

/**
 * A declared byte normalisation: what is made equal before records are compared byte by byte.
 * Always applied: RFC 8785 canonical JSON (sorted keys, ES number serialisation, which writes −0
 * as 0, minimal string escaping), checked against the `canonicalize` package by a property test.
 *
 * @example
 * const n: NormalizeSpec = { unicode: 'NFC', decimals: 6, timestamps: { fields: ['ts'], precision: 'ms' }, drop: ['ingestedAt'] };
 */
export interface NormalizeSpec {
  /** Unicode normalisation of every string and key. @defaultValue 'NFC' */
  unicode?: 'NFC' | 'none';
  /** Round every number to this many decimals (half away from zero) before serialising. @defaultValue no rounding */
  decimals?: number;
  /**
   * Fields holding timestamps (ISO 8601 strings or epoch numbers), rewritten as one form:
   * epoch milliseconds truncated to `precision`, written as `format`.
   * @defaultValue none
   */
  timestamps?: { fields: string[]; precision?: 's' | 'ms'; format?: 'epoch-ms' | 'iso'; epochUnit?: 's' | 'ms' };
  /** Volatile fields dropped before comparing (dotted paths). Dropping a key field is refused. @defaultValue [] */
  drop?: string[];
}

/**
 * A normalisation as recorded in a report: its spec, the algorithm version and an id.
 *
 * @example
 * report.normalization.id; // 'v1-2f681fb4': compare two nights only under the same id
 */
export interface Normalization {
  version: typeof NORMALIZATION_VERSION;
  spec: Required<Pick<NormalizeSpec, 'unicode' | 'drop'>> & Pick<NormalizeSpec, 'decimals' | 'timestamps'>;
  /** `v1-<hash of the spec>`: two reports are comparable only under the same id. */
  id: string;
}

/**
 * A compiled normalisation: record → canonical JSON text.
 *
 * @example
 * compileNormalization('mine', {}, ['id']).apply({ b: 1, a: 2 }); // => '{"a":2,"b":1}'
 */
export interface CompiledNormalization extends Normalization {
  /**
   * The canonical text of a record. NaN and ±Infinity are written `NaN`, `Infinity`, `-Infinity`
   * and a BigInt as `123n` (so neither equals null or a number); a Map or a Set throws (it has no
   * JSON form), which compareBytes reports as a ShadowDataError naming the record and the field.
   */
  apply(row: Record<string, unknown>): string;
}

const KEYS = ['unicode', 'decimals', 'timestamps', 'drop'] as const;

function fnv(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}


/**
 * Validates and compiles a {@link NormalizeSpec}. `keyFields` are refused in `drop` (a
 * normalisation must not drop the key). Errors name `fn` and the option.
 *
 * @example
 * const n = compileNormalization('compareBytes', { drop: ['debug'] }, ['id']);
 * n.apply({ id: 1, b: -0, debug: 'x' }); // => '{"b":0,"id":1}'
 */
export function compileNormalization(fn: string, spec: unknown, keyFields: readonly string[]): CompiledNormalization {
  if (spec === undefined) spec = {};
  assertPlainObject(fn, 'normalize', spec);
  assertKnownKeys(fn, 'normalize', spec, KEYS);
  const s = spec as NormalizeSpec;
  const unicode = s.unicode ?? 'NFC';
  assertOneOf(fn, 'normalize.unicode', unicode, ['NFC', 'none'] as const);
  if (s.decimals !== undefined) assertNumber(fn, 'normalize.decimals', s.decimals, { min: 0, max: 15, integer: true });
  const drop = s.drop ?? [];
  if (!Array.isArray(drop) || drop.some((d) => typeof d !== 'string' || !d)) throw new ShadowOptionError(`${fn}: normalize.drop must be an array of field paths, got ${describeValue(drop)}`);
  for (const d of drop) {
    const hit = keyFields.find((k) => k === d || k.startsWith(`${d}.`));
    if (hit) throw new ShadowOptionError(`${fn}: normalize.drop removes '${d}', which holds the key field '${hit}': records could no longer be matched; drop another field or change the key`);
  }
  let ts: NormalizeSpec['timestamps'];
  if (s.timestamps !== undefined) {
    assertPlainObject(fn, 'normalize.timestamps', s.timestamps);
    assertKnownKeys(fn, 'normalize.timestamps', s.timestamps, ['fields', 'precision', 'format', 'epochUnit']);
    const t = s.timestamps;
    if (!Array.isArray(t.fields) || t.fields.length === 0 || t.fields.some((f) => typeof f !== 'string' || !f)) throw new ShadowOptionError(`${fn}: normalize.timestamps.fields must be a non-empty array of field paths, got ${describeValue(t.fields)}`);
    ts = { fields: [...t.fields], precision: t.precision ?? 'ms', format: t.format ?? 'epoch-ms', epochUnit: t.epochUnit ?? 'ms' };
    assertOneOf(fn, 'normalize.timestamps.precision', ts.precision, ['s', 'ms'] as const);
    assertOneOf(fn, 'normalize.timestamps.format', ts.format, ['epoch-ms', 'iso'] as const);
    assertOneOf(fn, 'normalize.timestamps.epochUnit', ts.epochUnit, ['s', 'ms'] as const);
  }
  const norm: Normalization['spec'] = { unicode, drop: [...drop] };
  if (s.decimals !== undefined) norm.decimals = s.decimals;
  if (ts) norm.timestamps = ts;
  const id = `v${NORMALIZATION_VERSION}-${fnv(JSON.stringify(norm))}`;

  const scale = s.decimals !== undefined ? 10 ** s.decimals : 0;
  const step = ts?.precision === 's' ? 1000 : 1;
  const epochFactor = ts?.epochUnit === 's' ? 1000 : 1;
  const fixTime = (v: unknown): unknown => {
    // A Date too (a Parquet timestamp as loadDataset reads it; a PreciseDate's µs a fraction, cut by the precision).
    let ms = v instanceof Date ? dateEpochMs(v) : typeof v === 'number' ? v * epochFactor : typeof v === 'string' ? parseIsoTime(v) : NaN;
    if (!Number.isFinite(ms)) return v; // not a timestamp: left as is, so the difference shows
    ms = Math.floor(ms / step) * step;
    if (ts!.format !== 'iso') return ms;
    // Beyond the Date range (±8.64e15 ms) there is no ISO form: left as is, like a non-timestamp.
    return Math.abs(ms) > 8.64e15 ? v : new Date(ms).toISOString();
  };
  const plan = makePlan(unicode === 'NFC', scale, drop.map((d) => d.split('.')), ts ? ts.fields.map((f) => f.split('.')) : [], ts ? fixTime : null);
  const apply = (row: Record<string, unknown>): string => canonicalJson(row, plan);
  const compiled: CompiledNormalization = { version: NORMALIZATION_VERSION, spec: norm, id, apply };
  PLANS.set(compiled, plan);
  return compiled;
}
