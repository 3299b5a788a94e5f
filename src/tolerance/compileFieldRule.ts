import {
  ShadowOptionError,
  assertKnownKeys,
  assertNumber,
  assertOneOf,
  assertRate,
  describeValue,
} from '../_internal/options.js';
import { isPlainObject } from '../_internal/path.js';
import { defaultEquals } from './defaultEquals.js';
import { NAMED_NORMALIZERS, namedNormalizer } from './_internal/namedNormalizer.js';
import { parseDuration } from './parseDuration.js';
import { toEpochMs, type EpochUnit } from './toEpochMs.js';
import { dateText } from '../dataset/preciseDate.js';

/**
 * A named normaliser or a function applied to a value before comparing:
 * - `'trim'`: strips leading and trailing whitespace (all Unicode White_Space and line
 *   terminators, as `String.prototype.trim`);
 * - `'casefold'`: lower case (`toLowerCase`, locale-independent);
 * - `'nfc'` / `'nfkc'`: Unicode normalisation forms;
 * - `'decimal'`: numbers, bigints and numeric strings become their canonical decimal string
 *   (`'007'`, `7`, `'7.0'`, `'7e0'` all read `'7'`; every digit of a long id is kept, so
 *   `'12345678901234567891'` never equals `'12345678901234567890'`); anything else, `null` and
 *   `''` included, is left as it is, so `null` and `''` never equal `0`. The safe way to compare a
 *   field that changed between number and string.
 */
export type Normalizer = 'trim' | 'casefold' | 'nfc' | 'nfkc' | 'decimal' | ((value: unknown) => unknown);

/**
 * A rule for one field, as an object. Combine keys where it makes sense:
 * `{ unordered: true, normalize: 'casefold' }`, `{ abs: 0.01, minMatchRate: 0.999 }`.
 *
 * @example
 * const rules: Record<string, FieldRule> = {
 *   price: { abs: 0.005, rel: 1e-9 },
 *   ts: { time: '2s' },
 *   tags: { unordered: true },
 *   'geo.city': { normalize: ['trim', 'casefold'] },
 *   debugInfo: 'ignore',
 * };
 */
export interface FieldRuleObject {
  /**
   * Absolute numeric tolerance: numbers a and b agree when |a − b| ≤ max(abs, rel · max(|a|, |b|)).
   * An infinity agrees only with the same infinity; NaN agrees only with NaN. A BigInt (as loadDataset
   * reads a 64-bit integer past 2^53) is compared through its exact difference with a BigInt or a
   * safe integer, and agrees with no other value.
   * @defaultValue 0
   */
  abs?: number;
  /**
   * Relative numeric tolerance, symmetric in the two sides (see `abs`).
   * @defaultValue 0
   */
  rel?: number;
  /**
   * The additive tolerance of datacompy and `numpy.isclose`, legacy as the reference: numbers
   * agree when |shadow − legacy| ≤ abs + rel · |legacy|. Not symmetric (the reference side scales
   * the bound), unlike `abs`/`rel`. An infinity agrees only with the same infinity; NaN only with
   * NaN. Replaces `abs`/`rel`; both parts default to 0.
   * @example { isclose: { abs: 1e-8, rel: 1e-5 } } // numpy.isclose defaults
   */
  isclose?: { abs?: number; rel?: number };
  /**
   * Time tolerance in milliseconds or as a duration string (`'2s'`). Values may be epoch numbers
   * (see `epochUnit`), Dates or ISO 8601 strings (see toEpochMs: naive strings are read as UTC,
   * other string formats are never guessed). A value that is not a time (a string in another
   * format, a boolean, an object) makes its pair a mismatch and is counted in `unparseable`.
   */
  time?: number | string;
  /**
   * Unit of epoch numbers under a `time` rule.
   * @defaultValue 'ms'
   */
  epochUnit?: EpochUnit;
  /**
   * Compare arrays as multisets: order is ignored, multiplicity is not. With `abs`/`rel`, numeric
   * elements are sorted and paired in order (optimal for a one-dimensional tolerance).
   * @defaultValue false
   */
  unordered?: boolean;
  /** Normalise both values (each element, for `unordered`) before comparing. Applied in order. */
  normalize?: Normalizer | readonly Normalizer[];
  /** A custom comparator; receives the normalised values. */
  equals?: (legacy: unknown, shadow: unknown) => boolean;
  /**
   * The least share of matched events whose value of this field must agree.
   * @defaultValue none (only the overall `minMatchRate` applies)
   */
  minMatchRate?: number;
}

/**
 * A field's rule: `'ignore'` (never compared), `'exact'` (the default comparison, see
 * defaultEquals) or a {@link FieldRuleObject}.
 *
 * @example
 * const rule: FieldRule = { time: '2s' };
 */
export type FieldRule = 'ignore' | 'exact' | FieldRuleObject;

/**
 * A rule compiled for the hot loop.
 *
 * @example
 * const r = compileFieldRule('compareEvents', 'price', { abs: 0.01 }, { nullEqualsMissing: false });
 * r.equals(10, 10.004) // => true
 * r.lastDelta          // => 0.004 (approximately)
 */
export interface CompiledFieldRule {
  path: string;
  /** Human description for reports, e.g. `abs 0.01`, `time ±2000ms`, `exact`. */
  description: string;
  ignore: boolean;
  /** True when the rule compares numbers or times, so deltas are meaningful. */
  numeric: boolean;
  /** True for a `time` rule (deltas are milliseconds). */
  time: boolean;
  minMatchRate: number | undefined;
  /** Compares a legacy and a shadow value; sets `lastDelta`. */
  equals(legacy: unknown, shadow: unknown): boolean;
  /**
   * shadow − legacy of the last `equals` call when both were finite numbers (ms for time rules),
   * else NaN.
   */
  lastDelta: number;
  /**
   * Time rules only: values (either side) that are not times, which made their pair a mismatch,
   * and the smallest of them as text (an example that does not depend on row order).
   */
  unparseable?: { count: number; example: string };
}

const RULE_KEYS = ['abs', 'rel', 'isclose', 'time', 'epochUnit', 'unordered', 'normalize', 'equals', 'minMatchRate'] as const;
function compileNormalizer(fn: string, path: string, value: unknown): ((v: unknown) => unknown) | undefined {
  if (value === undefined) return undefined;
  const list = Array.isArray(value) ? value : [value];
  const steps = list.map((n, i) => {
    const where = Array.isArray(value) ? `${path}[${i}]` : path;
    if (typeof n === 'function') return n as (v: unknown) => unknown;
    assertOneOf(fn, where, n, NAMED_NORMALIZERS);
    return namedNormalizer(n);
  });
  if (steps.length === 1) return steps[0];
  return (v) => {
    for (const s of steps) v = s(v);
    return v;
  };
}

/** A stable text key for an element of an unordered array (multiset comparison). */
function elementKey(v: unknown, nullEqualsMissing: boolean): string {
  if (typeof v === 'string') return `s${v}`;
  if (typeof v === 'number') return v !== v ? 'nNaN' : `n${v === 0 ? 0 : v}`;
  if (v === undefined || (nullEqualsMissing && v === null)) return 'u';
  if (v === null) return 'z';
  if (typeof v === 'boolean' || typeof v === 'bigint') return `${(typeof v)[0]}${String(v)}`;
  if (v instanceof Date) return `d${dateText(v)}`;
  return `o${stableStringify(v)}`;
}

/** A delta that is a finite number, else NaN (deltas feed statistics; an infinity would swamp them). */
function finiteOrNaN(d: number): number {
  return d - d === 0 ? d : NaN;
}

/**
 * shadow − legacy for a BigInt against a BigInt or a safe integer (loadDataset reads a 64-bit
 * integer past 2^53 as a BigInt, the rest of its column as numbers), computed exactly and then
 * made a number; undefined for any other pair. Through doubles 2^53 + 1 and 2^53 would be equal.
 */
function bigDelta(a: unknown, b: unknown): number | undefined {
  if (typeof a !== 'bigint' && typeof b !== 'bigint') return undefined;
  const ia = typeof a === 'bigint' ? a : typeof a === 'number' && Number.isSafeInteger(a) ? BigInt(a) : undefined;
  const ib = typeof b === 'bigint' ? b : typeof b === 'number' && Number.isSafeInteger(b) ? BigInt(b) : undefined;
  return ia === undefined || ib === undefined ? undefined : Number(ib - ia);
}

/** A value a time rule cannot read that is not an absent time (null, missing, NaN, invalid Date). */
function isNonTime(v: unknown): boolean {
  return v != null && typeof v !== 'number' && !(v instanceof Date);
}

function stableStringify(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableStringify).join(',')}]`;
  if (isPlainObject(v)) {
    return `{${Object.keys(v)
      .filter((k) => v[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableStringify(v[k])}`)
      .join(',')}}`;
  }
  if (typeof v === 'number') return v !== v ? 'NaN' : String(v === 0 ? 0 : v);
  if (v instanceof Date) return `Date(${dateText(v)})`;
  return typeof v === 'bigint' ? `${v}n` : (JSON.stringify(v) ?? 'undefined');
}

/**
 * Validates a field rule and compiles it into a comparator. Used by compareEvents and by the
 * sequence tier to decide whether two aligned events are the same.
 *
 * Numbers agree when |a − b| ≤ max(abs, rel · max(|a|, |b|)), a symmetric rule, so swapping the
 * sides never changes the outcome. Values that are not both numbers (or not both times) fall
 * back to {@link defaultEquals}.
 *
 * @param fn - the calling function, named in errors
 * @param path - the field path, named in errors as `fields.<path>`
 * @example
 * const rule = compileFieldRule('compareEvents', 'ts', { time: '2s' }, { nullEqualsMissing: false });
 * rule.equals('2024-01-01T00:00:00Z', '2024-01-01T00:00:01.5Z') // => true
 */
export function compileFieldRule(
  fn: string,
  path: string,
  rule: FieldRule | undefined,
  { nullEqualsMissing = false }: { nullEqualsMissing?: boolean } = {},
): CompiledFieldRule {
  const where = `fields.${path}`;
  const base = { path, ignore: false, numeric: false, time: false, minMatchRate: undefined as number | undefined, lastDelta: NaN };

  if (rule === 'ignore') {
    return { ...base, description: 'ignored', ignore: true, equals: () => true };
  }
  if (rule === undefined || rule === 'exact') {
    const r: CompiledFieldRule = {
      ...base,
      numeric: true,
      description: 'exact',
      equals(a, b) {
        r.lastDelta = typeof a === 'number' && typeof b === 'number' ? finiteOrNaN(b - a) : (bigDelta(a, b) ?? NaN);
        return defaultEquals(a, b, nullEqualsMissing);
      },
    };
    return r;
  }
  if (typeof rule !== 'object' || rule === null || Array.isArray(rule)) {
    throw new ShadowOptionError(
      `${fn}: ${where} must be 'ignore', 'exact' or a rule object like { abs: 0.01 }, got ${describeValue(rule)}`,
    );
  }
  assertKnownKeys(fn, where, rule, RULE_KEYS);
  const { abs = 0, rel = 0, isclose, time, epochUnit = 'ms', unordered = false, normalize, equals: custom, minMatchRate } = rule;
  assertNumber(fn, `${where}.abs`, abs, { min: 0 });
  assertNumber(fn, `${where}.rel`, rel, { min: 0 });
  let iso: { abs: number; rel: number } | undefined;
  if (isclose !== undefined) {
    if (!isPlainObject(isclose)) throw new ShadowOptionError(`${fn}: ${where}.isclose must be an object like { abs: 1e-8, rel: 1e-5 }, got ${describeValue(isclose)}`);
    assertKnownKeys(fn, `${where}.isclose`, isclose, ['abs', 'rel'] as const);
    iso = { abs: isclose.abs ?? 0, rel: isclose.rel ?? 0 };
    assertNumber(fn, `${where}.isclose.abs`, iso.abs, { min: 0 });
    assertNumber(fn, `${where}.isclose.rel`, iso.rel, { min: 0 });
    if (rule.abs !== undefined || rule.rel !== undefined) {
      throw new ShadowOptionError(`${fn}: ${where} combines 'isclose' with 'abs'/'rel'; isclose is its own rule (|shadow − legacy| <= abs + rel * |legacy|): put abs and rel inside isclose`);
    }
  }
  assertOneOf(fn, `${where}.epochUnit`, epochUnit, ['s', 'ms', 'us', 'ns'] as const);
  if (typeof unordered !== 'boolean') {
    throw new ShadowOptionError(`${fn}: ${where}.unordered must be true or false, got ${describeValue(unordered)}`);
  }
  if (custom !== undefined && typeof custom !== 'function') {
    throw new ShadowOptionError(`${fn}: ${where}.equals must be a function (legacy, shadow) => boolean, got ${describeValue(custom)}`);
  }
  if (minMatchRate !== undefined) assertRate(fn, `${where}.minMatchRate`, minMatchRate);
  const timeMs = time === undefined ? undefined : parseDuration(fn, `${where}.time`, time);
  const hasNumeric = rule.abs !== undefined || rule.rel !== undefined || iso !== undefined;
  if (timeMs !== undefined && hasNumeric) {
    throw new ShadowOptionError(`${fn}: ${where} combines 'time' with ${iso ? "'isclose'" : "'abs'/'rel'"}; use 'time' for timestamps or ${iso ? 'isclose' : 'abs/rel'} for numbers, not both`);
  }
  if (custom && (hasNumeric || timeMs !== undefined)) {
    throw new ShadowOptionError(`${fn}: ${where}.equals replaces the built-in comparison; drop abs/rel/isclose/time or drop equals`);
  }
  const norm = compileNormalizer(fn, `${where}.normalize`, normalize);
  const names = normalize === undefined ? [] : Array.isArray(normalize) ? normalize : [normalize];
  if (names.includes('decimal') && (hasNumeric || timeMs !== undefined)) {
    throw new ShadowOptionError(`${fn}: ${where} combines normalize 'decimal' with a numeric or time tolerance; 'decimal' turns numbers into exact decimal strings, so the tolerance would never apply: drop one`);
  }

  const parts: string[] = [];
  if (iso) parts.push(`isclose abs ${iso.abs} + rel ${iso.rel}`);
  else if (hasNumeric) parts.push([rule.abs !== undefined ? `abs ${abs}` : '', rule.rel !== undefined ? `rel ${rel}` : ''].filter(Boolean).join(', '));
  if (timeMs !== undefined) parts.push(`time ±${timeMs}ms`);
  if (unordered) parts.push('unordered');
  if (normalize !== undefined) {
    parts.push(`normalize ${(Array.isArray(normalize) ? normalize : [normalize]).map((n) => (typeof n === 'function' ? 'fn' : n)).join('+')}`);
  }
  if (custom) parts.push('custom equals');

  const r: CompiledFieldRule = {
    ...base,
    numeric: hasNumeric || timeMs !== undefined || (!unordered && !custom && !norm),
    time: timeMs !== undefined,
    minMatchRate,
    description: parts.join(', ') || 'exact',
    equals: () => true,
  };

  // Scalar comparison of two (normalised) values under the rule.
  let scalar: (a: unknown, b: unknown) => boolean;
  if (custom) {
    scalar = (a, b) => {
      r.lastDelta = NaN;
      return Boolean(custom(a, b));
    };
  } else if (timeMs !== undefined) {
    const bad = { count: 0, example: '' };
    r.unparseable = bad;
    const notTime = (v: unknown) => {
      bad.count++;
      const text = typeof v === 'string' ? v : (stableStringify(v) as string);
      if (bad.count === 1 || text < bad.example) bad.example = text;
    };
    scalar = (a, b) => {
      const ta = toEpochMs(a, epochUnit);
      const tb = toEpochMs(b, epochUnit);
      if (ta !== ta || tb !== tb) {
        r.lastDelta = NaN;
        // A value that is not a time is a mismatch however it compares; null, missing, a NaN
        // number or an invalid Date is an absent time, compared by the default rule.
        const ua = ta !== ta && isNonTime(a);
        const ub = tb !== tb && isNonTime(b);
        if (ua) notTime(a);
        if (ub) notTime(b);
        if (ua || ub) return false;
        return defaultEquals(a, b, nullEqualsMissing);
      }
      const d = tb - ta;
      if (d - d !== 0) {
        // An infinite time agrees only with the same infinity.
        r.lastDelta = NaN;
        return ta === tb;
      }
      r.lastDelta = d;
      return (d < 0 ? -d : d) <= timeMs;
    };
  } else if (iso) {
    const { abs: iAbs, rel: iRel } = iso;
    scalar = (a, b) => {
      if (typeof a === 'number' && typeof b === 'number') {
        const d = b - a;
        if (d - d !== 0) {
          // Infinite or NaN on a side (or a difference beyond the double range).
          r.lastDelta = NaN;
          return a === b || (a !== a && b !== b);
        }
        r.lastDelta = d;
        return (d < 0 ? -d : d) <= iAbs + iRel * (a < 0 ? -a : a);
      }
      const bd = bigDelta(a, b);
      if (bd !== undefined) {
        r.lastDelta = bd;
        return Math.abs(bd) <= iAbs + iRel * Math.abs(Number(a));
      }
      r.lastDelta = NaN;
      return defaultEquals(a, b, nullEqualsMissing);
    };
  } else if (hasNumeric) {
    scalar = (a, b) => {
      if (typeof a === 'number' && typeof b === 'number') {
        const d = b - a;
        if (d - d !== 0) {
          // Infinite or NaN on a side: rel · max(|a|, |b|) would be Infinity and accept anything.
          r.lastDelta = NaN;
          return a === b || (a !== a && b !== b);
        }
        r.lastDelta = d;
        if (a === b) return true;
        const ad = d < 0 ? -d : d;
        if (ad <= abs) return true;
        const m = Math.max(a < 0 ? -a : a, b < 0 ? -b : b);
        return ad <= rel * m;
      }
      const bd = bigDelta(a, b);
      if (bd !== undefined) {
        r.lastDelta = bd;
        const ad = Math.abs(bd);
        return ad <= abs || ad <= rel * Math.max(Math.abs(Number(a)), Math.abs(Number(b)));
      }
      r.lastDelta = NaN;
      return defaultEquals(a, b, nullEqualsMissing);
    };
  } else {
    scalar = (a, b) => {
      r.lastDelta = typeof a === 'number' && typeof b === 'number' ? finiteOrNaN(b - a) : (bigDelta(a, b) ?? NaN);
      return defaultEquals(a, b, nullEqualsMissing);
    };
  }

  if (unordered) {
    r.equals = (a, b) => {
      if (!Array.isArray(a) || !Array.isArray(b)) {
        r.lastDelta = NaN;
        return defaultEquals(a, b, nullEqualsMissing);
      }
      r.lastDelta = NaN;
      const n = a.length;
      if (n !== b.length) return false;
      if (!norm && !hasNumeric && !custom) {
        // Allocation-free paths: same order, or small arrays matched pairwise.
        let i = 0;
        while (i < n && defaultEquals(a[i], b[i], nullEqualsMissing)) i++;
        if (i === n) return true;
        if (n <= 30) {
          let used = 0;
          outer: for (let x = i; x < n; x++) {
            for (let y = i; y < n; y++) {
              if (!(used & (1 << y)) && defaultEquals(a[x], b[y], nullEqualsMissing)) {
                used |= 1 << y;
                continue outer;
              }
            }
            return false;
          }
          return true;
        }
      }
      const xa = norm ? a.map(norm) : a;
      const xb = norm ? b.map(norm) : b;
      if (hasNumeric && xa.every((v) => typeof v === 'number') && xb.every((v) => typeof v === 'number')) {
        const sa = Float64Array.from(xa as number[]).sort();
        const sb = Float64Array.from(xb as number[]).sort();
        for (let i = 0; i < sa.length; i++) if (!scalar(sa[i], sb[i])) return false;
        r.lastDelta = NaN;
        return true;
      }
      if (custom) {
        // Greedy multiset matching under the custom comparator.
        const used = new Uint8Array(xb.length);
        outer: for (const va of xa) {
          for (let j = 0; j < xb.length; j++) {
            if (!used[j] && scalar(va, xb[j])) {
              used[j] = 1;
              continue outer;
            }
          }
          return false;
        }
        return true;
      }
      const ka = xa.map((v) => elementKey(v, nullEqualsMissing)).sort();
      const kb = xb.map((v) => elementKey(v, nullEqualsMissing)).sort();
      for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return false;
      return true;
    };
  } else if (norm) {
    r.equals = (a, b) => scalar(norm(a), norm(b));
  } else {
    r.equals = scalar;
  }
  return r;
}
