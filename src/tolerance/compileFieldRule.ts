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
import { parseDuration } from './parseDuration.js';
import { toEpochMs, type EpochUnit } from './toEpochMs.js';

/** A named normaliser or a function applied to a value before comparing. */
export type Normalizer = 'trim' | 'casefold' | 'nfc' | 'nfkc' | ((value: unknown) => unknown);

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
   * @defaultValue 0
   */
  abs?: number;
  /**
   * Relative numeric tolerance, symmetric in the two sides (see `abs`).
   * @defaultValue 0
   */
  rel?: number;
  /**
   * Time tolerance in milliseconds or as a duration string (`'2s'`). Values may be epoch numbers
   * (see `epochUnit`), Dates or ISO 8601 strings; naive strings are read as UTC.
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
  /** shadow − legacy of the last `equals` call when both were numbers (ms for time rules), else NaN. */
  lastDelta: number;
}

const RULE_KEYS = ['abs', 'rel', 'time', 'epochUnit', 'unordered', 'normalize', 'equals', 'minMatchRate'] as const;
const NAMED_NORMALIZERS = ['trim', 'casefold', 'nfc', 'nfkc'] as const;

function namedNormalizer(name: (typeof NAMED_NORMALIZERS)[number]): (v: unknown) => unknown {
  switch (name) {
    case 'trim':
      return (v) => (typeof v === 'string' ? v.trim() : v);
    case 'casefold':
      return (v) => (typeof v === 'string' ? v.toLowerCase() : v);
    case 'nfc':
      return (v) => (typeof v === 'string' ? v.normalize('NFC') : v);
    case 'nfkc':
      return (v) => (typeof v === 'string' ? v.normalize('NFKC') : v);
  }
}

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
  if (v instanceof Date) return `d${v.getTime()}`;
  return `o${stableStringify(v)}`;
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
  if (v instanceof Date) return `Date(${v.getTime()})`;
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
        r.lastDelta = typeof a === 'number' && typeof b === 'number' ? b - a : NaN;
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
  const { abs = 0, rel = 0, time, epochUnit = 'ms', unordered = false, normalize, equals: custom, minMatchRate } = rule;
  assertNumber(fn, `${where}.abs`, abs, { min: 0 });
  assertNumber(fn, `${where}.rel`, rel, { min: 0 });
  assertOneOf(fn, `${where}.epochUnit`, epochUnit, ['s', 'ms', 'us', 'ns'] as const);
  if (typeof unordered !== 'boolean') {
    throw new ShadowOptionError(`${fn}: ${where}.unordered must be true or false, got ${describeValue(unordered)}`);
  }
  if (custom !== undefined && typeof custom !== 'function') {
    throw new ShadowOptionError(`${fn}: ${where}.equals must be a function (legacy, shadow) => boolean, got ${describeValue(custom)}`);
  }
  if (minMatchRate !== undefined) assertRate(fn, `${where}.minMatchRate`, minMatchRate);
  const timeMs = time === undefined ? undefined : parseDuration(fn, `${where}.time`, time);
  const hasNumeric = rule.abs !== undefined || rule.rel !== undefined;
  if (timeMs !== undefined && hasNumeric) {
    throw new ShadowOptionError(`${fn}: ${where} combines 'time' with 'abs'/'rel'; use 'time' for timestamps or abs/rel for numbers, not both`);
  }
  if (custom && (hasNumeric || timeMs !== undefined)) {
    throw new ShadowOptionError(`${fn}: ${where}.equals replaces the built-in comparison; drop abs/rel/time or drop equals`);
  }
  const norm = compileNormalizer(fn, `${where}.normalize`, normalize);

  const parts: string[] = [];
  if (hasNumeric) parts.push([rule.abs !== undefined ? `abs ${abs}` : '', rule.rel !== undefined ? `rel ${rel}` : ''].filter(Boolean).join(', '));
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
    scalar = (a, b) => {
      const ta = toEpochMs(a, epochUnit);
      const tb = toEpochMs(b, epochUnit);
      if (ta !== ta || tb !== tb) {
        r.lastDelta = NaN;
        return defaultEquals(a, b, nullEqualsMissing);
      }
      const d = tb - ta;
      r.lastDelta = d;
      return (d < 0 ? -d : d) <= timeMs;
    };
  } else if (hasNumeric) {
    scalar = (a, b) => {
      if (typeof a === 'number' && typeof b === 'number') {
        const d = b - a;
        r.lastDelta = d;
        if (a === b || (a !== a && b !== b)) return true;
        const ad = d < 0 ? -d : d;
        if (ad <= abs) return true;
        const m = Math.max(a < 0 ? -a : a, b < 0 ? -b : b);
        return ad <= rel * m;
      }
      r.lastDelta = NaN;
      return defaultEquals(a, b, nullEqualsMissing);
    };
  } else {
    scalar = (a, b) => {
      r.lastDelta = typeof a === 'number' && typeof b === 'number' ? b - a : NaN;
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
