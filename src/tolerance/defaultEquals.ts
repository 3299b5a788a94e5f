import { isPlainObject } from '../_internal/path.js';
import { sameDate } from '../dataset/preciseDate.js';

/**
 * The comparison used for a field without a declared rule. Deep structural equality with these
 * documented conventions:
 *
 * - `-0` equals `0`; `NaN` equals `NaN` (a pipeline that emits NaN on both sides agrees).
 * - A number never equals its string form (`1` ≠ `'1'`): a type change is a difference.
 * - `null` and a missing value (`undefined`, or the key absent) differ unless `nullEqualsMissing`.
 * - Dates compare by their time (a PreciseDate to the nanosecond); arrays element by element in order; plain objects key by key,
 *   key order irrelevant, a key holding `undefined` counted as absent.
 *
 * @example
 * defaultEquals({ a: [1, -0] }, { a: [1, 0] }) // => true
 * defaultEquals(1, '1') // => false
 * defaultEquals(null, undefined, true) // => true
 */
export function defaultEquals(a: unknown, b: unknown, nullEqualsMissing = false): boolean {
  if (a === b) return true;
  if (typeof a === 'number') return typeof b === 'number' && a !== a && b !== b;
  if (a == null || b == null) return nullEqualsMissing && a == null && b == null;
  if (typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!defaultEquals(a[i], b[i], nullEqualsMissing)) return false;
    return true;
  }
  if (a instanceof Date) return b instanceof Date && sameDate(a, b);
  if (isPlainObject(a) && isPlainObject(b)) {
    let na = 0;
    for (const k in a) {
      const va = a[k];
      if (va === undefined || (nullEqualsMissing && va === null)) continue;
      na++;
      if (!Object.prototype.hasOwnProperty.call(b, k) || !defaultEquals(va, b[k], nullEqualsMissing)) return false;
    }
    let nb = 0;
    for (const k in b) {
      const vb = b[k];
      if (vb === undefined || (nullEqualsMissing && vb === null)) continue;
      nb++;
    }
    return na === nb;
  }
  if (ArrayBuffer.isView(a) && ArrayBuffer.isView(b) && !(a instanceof DataView) && !(b instanceof DataView)) {
    const x = a as unknown as ArrayLike<number>;
    const y = b as unknown as ArrayLike<number>;
    if (x.length !== y.length || a.constructor !== b.constructor) return false;
    for (let i = 0; i < x.length; i++) if (!defaultEquals(x[i], y[i])) return false;
    return true;
  }
  return false;
}
