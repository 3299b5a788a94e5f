/**
 * Allocation-free tests on a cell's text in place (text, [a, b)), equal to the loader's regular
 * expressions: NUMBER = /^[-+]?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?$|^[-+]?\.\d+([eE][-+]?\d+)?$/
 * and BOOL = /^(true|false)$/i.
 */

const isDigit = (c: number) => c >= 48 && c <= 57;

/** A decimal number without a leading zero (so ids like `007` are not numbers). */
export function isNumberAt(t: string, a: number, b: number): boolean {
  let i = a;
  if (i >= b) return false;
  let c = t.charCodeAt(i);
  if (c === 43 || c === 45) {
    i++;
    if (i >= b) return false;
    c = t.charCodeAt(i);
  }
  if (c === 46) {
    // .5
    i++;
    const s = i;
    while (i < b && isDigit(t.charCodeAt(i))) i++;
    if (i === s) return false;
  } else {
    if (!isDigit(c)) return false;
    if (c === 48) {
      i++;
    } else {
      while (i < b && isDigit(t.charCodeAt(i))) i++;
    }
    if (i < b && t.charCodeAt(i) === 46) {
      i++;
      const s = i;
      while (i < b && isDigit(t.charCodeAt(i))) i++;
      if (i === s) return false;
    }
  }
  if (i < b) {
    c = t.charCodeAt(i);
    if (c !== 101 && c !== 69) return false;
    i++;
    if (i < b && (t.charCodeAt(i) === 43 || t.charCodeAt(i) === 45)) i++;
    const s = i;
    while (i < b && isDigit(t.charCodeAt(i))) i++;
    if (i === s) return false;
  }
  return i === b;
}

/** `true` or `false` in any case. */
export function isBoolAt(t: string, a: number, b: number): boolean {
  const n = b - a;
  if (n === 4) return (t.charCodeAt(a) | 32) === 116 && (t.charCodeAt(a + 1) | 32) === 114 && (t.charCodeAt(a + 2) | 32) === 117 && (t.charCodeAt(a + 3) | 32) === 101;
  if (n === 5) {
    return (
      (t.charCodeAt(a) | 32) === 102 && (t.charCodeAt(a + 1) | 32) === 97 && (t.charCodeAt(a + 2) | 32) === 108 && (t.charCodeAt(a + 3) | 32) === 115 && (t.charCodeAt(a + 4) | 32) === 101
    );
  }
  return false;
}

const POW10 = Array.from({ length: 16 }, (_, k) => 10 ** k);

/** The value of a cell that {@link isNumberAt} accepts; short decimals without a slice. */
export function numberAt(t: string, a: number, b: number): number {
  if (b - a <= 15) {
    let i = a;
    let neg = false;
    const c = t.charCodeAt(i);
    if (c === 45) {
      neg = true;
      i++;
    } else if (c === 43) i++;
    let v = 0;
    let point = -1;
    for (; i < b; i++) {
      const d = t.charCodeAt(i) - 48;
      if (d === -2 && point < 0) {
        point = i;
        continue;
      }
      if (d < 0 || d > 9) return Number(t.slice(a, b));
      v = v * 10 + d;
    }
    // At most 15 digits, so v < 2^53 and 10^k are exact: one correctly rounded division gives
    // the double nearest the decimal, as Number() does (Clinger's fast path).
    if (point >= 0) v /= POW10[b - point - 1];
    return neg ? (v === 0 ? -0 : -v) : v;
  }
  return Number(t.slice(a, b));
}
