const NUMERIC = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;
/** Beyond this many places the canonical form stays scientific (`d.ddde±x`) instead of expanding. */
const MAX_PLACES = 1000;

/**
 * The canonical decimal form of a number, a bigint or a numeric string, so that the same value
 * written either way compares equal and different values never do: `'007'`, `7`, `'7.0'`, `'7e0'`
 * and `7n` all give `'7'`; `'12345678901234567891'` keeps every digit (a double would round it to
 * the same value as `'12345678901234567890'`). A number uses its shortest round-trip digits
 * (`0.1` gives `'0.1'`). `-0` gives `'0'`. Anything else is returned unchanged: `null`, `''`,
 * `'abc'`, `NaN` and `Infinity` are never turned into a number, so `null` and `''` never equal `0`.
 *
 * @example
 * canonicalDecimal('0012.50') // => '12.5'
 * canonicalDecimal(1e21) // => '1000000000000000000000'
 * canonicalDecimal('') // => ''
 */
export function canonicalDecimal(v: unknown): unknown {
  if (typeof v === 'number') return Number.isFinite(v) ? fromText(String(v)) ?? v : v;
  if (typeof v === 'bigint') return String(v);
  if (typeof v === 'string') return fromText(v) ?? v;
  return v;
}

function fromText(s: string): string | undefined {
  const m = NUMERIC.exec(s);
  if (m === null) return undefined;
  const int = m[2];
  const frac = m[3] ?? '';
  if (int === '' && frac === '') return undefined; // '', '.', '-', 'e5'
  if (m[4] !== undefined && m[4].replace(/^[+-]?0*/, '').length > 9) return undefined; // absurd exponent: not a number we read
  const exp = m[4] === undefined ? 0 : Number(m[4]);
  let digits = int + frac;
  let point = int.length + exp;
  let lead = 0;
  while (lead < digits.length && digits[lead] === '0') lead++;
  digits = digits.slice(lead);
  point -= lead;
  digits = digits.replace(/0+$/, '');
  if (digits === '') return '0';
  const sign = m[1] === '-' ? '-' : '';
  if (point > MAX_PLACES || point < -MAX_PLACES) return `${sign}${digits[0]}${digits.length > 1 ? `.${digits.slice(1)}` : ''}e${point - 1}`;
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}
