/**
 * Parameter checks shared by the distribution functions. A bad argument is a programming error,
 * so it throws a ShadowOptionError (a TypeError) naming the function, the argument and the value,
 * instead of returning NaN the way SciPy does.
 */
import { ShadowOptionError, describeValue } from '../../../_internal/options.js';

/** Throws unless `x` is a number that is not NaN (±Infinity is allowed: cdf(±∞) is defined). */
export function checkX(fn: string, name: string, x: number): void {
  if (typeof x !== 'number' || Number.isNaN(x)) {
    throw new ShadowOptionError(`${fn}: ${name} must be a number (not NaN), got ${describeValue(x)}`);
  }
}

/** Throws unless `p` is a probability in [0, 1]. */
export function checkProb(fn: string, name: string, p: number): void {
  if (typeof p !== 'number' || !(p >= 0 && p <= 1)) {
    throw new ShadowOptionError(`${fn}: ${name} must be a probability in [0, 1], got ${describeValue(p)}`);
  }
}

/** Throws unless `v` is > 0 (finite unless `allowInfinity`). */
export function checkPositive(fn: string, name: string, v: number, allowInfinity = false): void {
  if (typeof v !== 'number' || !(v > 0) || (!allowInfinity && v === Infinity)) {
    throw new ShadowOptionError(
      `${fn}: ${name} must be a ${allowInfinity ? 'number' : 'finite number'} > 0, got ${describeValue(v)}`,
    );
  }
}

/** Throws unless `v` is a finite number. */
export function checkFinite(fn: string, name: string, v: number): void {
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    throw new ShadowOptionError(`${fn}: ${name} must be a finite number, got ${describeValue(v)}`);
  }
}

/** Throws unless `v` is a non-negative integer. */
export function checkCount(fn: string, name: string, v: number): void {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
    throw new ShadowOptionError(`${fn}: ${name} must be an integer >= 0, got ${describeValue(v)}`);
  }
}
