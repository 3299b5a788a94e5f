import { ShadowOptionError, assertKnownKeys, assertNumber, assertPlainObject, describeValue } from '../_internal/options.js';

/** What the statistics accept as a sample: an array or typed array of numbers. */
export type NumericSample = ArrayLike<number>;

/**
 * Throws unless `values` is an array-like of finite numbers with at least `min` entries; returns
 * a Float64Array copy. The message names the function, the argument and the first bad index:
 * `tostWelch: x[3] must be a finite number, got NaN`.
 */
export function checkSample(fn: string, name: string, values: unknown, min = 1): Float64Array {
  if (
    values === null ||
    typeof values !== 'object' ||
    typeof (values as ArrayLike<unknown>).length !== 'number' ||
    !(Array.isArray(values) || ArrayBuffer.isView(values))
  ) {
    throw new ShadowOptionError(`${fn}: ${name} must be an array of numbers, got ${describeValue(values)}`);
  }
  const arr = values as ArrayLike<unknown>;
  const n = arr.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = arr[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      let bad = 0;
      for (let j = i; j < n; j++) if (typeof arr[j] !== 'number' || !Number.isFinite(arr[j] as number)) bad++;
      throw new ShadowOptionError(
        `${fn}: ${name}[${i}] must be a finite number, got ${describeValue(v)}` + (bad > 1 ? ` (${bad} non-finite values in ${name})` : ''),
      );
    }
    out[i] = v;
  }
  if (n < min) throw new ShadowOptionError(`${fn}: ${name} needs at least ${min} value${min === 1 ? '' : 's'}, got ${n}`);
  return out;
}

/** Validates an options argument: a plain object (or undefined) with only `valid` keys. */
export function checkOptions<T extends object>(fn: string, options: T | undefined, valid: readonly string[]): Partial<T> {
  if (options === undefined) return {};
  assertPlainObject(fn, 'options', options);
  assertKnownKeys(fn, '', options, valid);
  return options;
}

/** Validates `alpha` in (0, 0.5) and returns it (default 0.05). */
export function checkAlpha(fn: string, alpha: unknown, path = 'alpha'): number {
  if (alpha === undefined) return 0.05;
  assertNumber(fn, path, alpha, { min: 0, max: 0.5 });
  if (alpha === 0 || alpha === 0.5) throw new ShadowOptionError(`${fn}: ${path} must be in (0, 0.5), got ${alpha}`);
  return alpha;
}

/** Validates a positive finite margin. */
export function checkMargin(fn: string, margin: unknown, path = 'margin'): number {
  if (margin === undefined) throw new ShadowOptionError(`${fn}: ${path} is required: the largest difference that counts as equivalent, e.g. { ${path}: 0.01 }`);
  assertNumber(fn, path, margin, { min: 0 });
  if (margin === 0) throw new ShadowOptionError(`${fn}: ${path} must be > 0 (no finite sample can show a difference of exactly 0), got 0`);
  return margin;
}

/** Arithmetic mean (compensated summation is unnecessary at the sizes used; two-pass variance below). */
export function mean(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return s / x.length;
}

/** Sample variance with n − 1 denominator (two-pass). */
export function variance(x: ArrayLike<number>, m = mean(x)): number {
  let s = 0;
  let c = 0;
  for (let i = 0; i < x.length; i++) {
    const d = x[i] - m;
    s += d * d;
    c += d;
  }
  return (s - (c * c) / x.length) / (x.length - 1);
}
