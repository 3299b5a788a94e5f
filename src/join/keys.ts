import { ShadowOptionError, describeValue } from '../_internal/options.js';
import { compileGetter } from '../_internal/path.js';
import { dateEpochMs, dateText, sameDate, subMillisecondNanos } from '../dataset/preciseDate.js';

/**
 * How events are matched: a field path, an array of paths (a composite key compared as a tuple),
 * or a function of the row returning a scalar or an array (a tuple).
 *
 * @example
 * const single: KeySpec = 'eventId';
 * const composite: KeySpec = ['userId', 'seq'];
 * const computed: KeySpec = (row) => `${row.userId}:${row.seq}`;
 */
export type KeySpec = string | readonly string[] | ((row: Record<string, unknown>) => unknown);

/**
 * Returned by a key reader for a row without a key: a part that is undefined, null, or a value
 * that cannot identify a row (NaN, an invalid Date). NaN never equals itself, so a NaN key
 * cannot name one event; it is counted as no key, exactly like null.
 */
export const NO_KEY = Symbol('no key');

/** Whether a key part is absent or cannot identify a row (undefined, null, NaN, invalid Date). */
export function isNoKeyValue(v: unknown): boolean {
  return v == null || (typeof v === 'number' && v !== v) || (v instanceof Date && v.getTime() !== v.getTime());
}

/** A compiled key: `read` gives a Map key (primitive) or NO_KEY; `display` gives the key as data. */
export interface CompiledKey {
  description: string;
  /** The key fields, for messages (empty for a function key). */
  fields: string[];
  read(row: Record<string, unknown>): string | number | bigint | boolean | typeof NO_KEY;
  display(row: Record<string, unknown>): unknown;
  /** The name of the first absent key part, for messages. */
  missingPart(row: Record<string, unknown>): string;
  /**
   * Whether two rows that both have a key have the same key: `read(a) === read(b)`, without
   * building a composite key's string.
   */
  same(a: Record<string, unknown>, b: Record<string, unknown>): boolean;
  /** A composite key's part getters (absent for one path or a function). */
  parts?: readonly ((row: unknown) => unknown)[];
}

/** Whether two key parts encode alike (see encodePart): same type and value, 0 and -0 as one, Dates by time. */
function samePart(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  return a instanceof Date && b instanceof Date && sameDate(a, b);
}

/** One double's bits, for sortableNumber. */
const BITS = new DataView(new ArrayBuffer(8));

/**
 * Eight characters below U+0100 whose order (JavaScript compares strings by code unit) is the
 * numbers' order (-0 as 0): the IEEE 754 bytes, big-endian, with the sign bit flipped for a
 * positive number and every bit flipped for a negative one. Below U+0100 the key stays a one-byte
 * string in V8 (wider code units made compareEvents' key Map about 30 % slower); hex digits cost
 * about 3× as much per key.
 */
function sortableNumber(v: number): string {
  BITS.setFloat64(0, v === 0 ? 0 : v);
  const flip = BITS.getUint8(0) & 0x80 ? 0xff : 0;
  const b0 = flip ? 0xff ^ BITS.getUint8(0) : 0x80 ^ BITS.getUint8(0);
  return String.fromCharCode(b0, flip ^ BITS.getUint8(1), flip ^ BITS.getUint8(2), flip ^ BITS.getUint8(3), flip ^ BITS.getUint8(4), flip ^ BITS.getUint8(5), flip ^ BITS.getUint8(6), flip ^ BITS.getUint8(7));
}

/** A BigInt as text whose order is the integers' order: sign, digit count (complemented when negative), digits (likewise). */
function sortableBigInt(v: bigint): string {
  const digits = (v < 0n ? -v : v).toString();
  if (v >= 0n) return `1${String(digits.length).padStart(6, '0')}${digits}`;
  let complement = '';
  for (let i = 0; i < digits.length; i++) complement += String(9 - (digits.charCodeAt(i) - 48));
  return `0${String(999_999 - digits.length).padStart(6, '0')}${complement}`;
}

/**
 * Encodes one part of a composite key so that the tuple encoding is injective (`[1, 11]` and
 * `[11, 1]` differ, the number 1 never collides with the string '1') and orders as the tuples do,
 * part by part (the order in which examples are chosen and shown, as compareEventFiles orders
 * composite keys: by their first part, then the next). Every part starts with a type tag; a string
 * ends with two NULs, a NUL inside it doubled as NUL, \u0001 (so a string sorts before every string
 * it is a prefix of); numbers, BigInts and times are texts of their order (sortableNumber). The
 * encoding is a Map key and an order, never shown.
 * Before December 2026 strings carried their length first, so `['u6', 1]` came before `['u11', 1]`.
 */
function encodePart(v: unknown, fn: string, name: string): string {
  switch (typeof v) {
    case 'string':
      return `s${v.includes('\u0000') ? v.replaceAll('\u0000', '\u0000\u0001') : v}\u0000\u0000`;
    case 'number':
      return `n${sortableNumber(v)}`;
    case 'bigint':
      return `b${sortableBigInt(v)}`;
    case 'boolean':
      return v ? 't' : 'f';
    default:
      if (v instanceof Date) {
        // The time in ms, then the nanoseconds below it where a PreciseDate has some (none sorts first).
        const n = subMillisecondNanos(v);
        return `d${sortableNumber(v.getTime())}${n === 0 ? '' : `.${String(n).padStart(6, '0')}`}`;
      }
      throw new ShadowOptionError(
        `${fn}: key part '${name}' must be a string, number, bigint, boolean or Date, got ${describeValue(v)}`,
      );
  }
}

function scalarKey(v: unknown, fn: string, name: string): string | number | bigint | boolean | typeof NO_KEY {
  if (isNoKeyValue(v)) return NO_KEY;
  switch (typeof v) {
    case 'string':
    case 'number':
    case 'bigint':
    case 'boolean':
      return v;
    default:
      // A Date key is its epoch ms (as the DuckDB engine's time keys), with a PreciseDate's
      // microseconds as a fraction; a nanosecond part below them keeps the key a text of its own.
      if (v instanceof Date) return subMillisecondNanos(v) % 1000 === 0 ? dateEpochMs(v) : `d${dateText(v)}`;
      if (Array.isArray(v)) return tupleKey(v, fn, name);
      throw new ShadowOptionError(
        `${fn}: key '${name}' must be a string, number, bigint, boolean or Date (or an array of those), got ${describeValue(v)}`,
      );
  }
}

function tupleKey(parts: readonly unknown[], fn: string, name: string): string | typeof NO_KEY {
  let s = '';
  for (let i = 0; i < parts.length; i++) {
    const v = parts[i];
    if (isNoKeyValue(v)) return NO_KEY;
    s += (i ? ',' : '') + encodePart(v, fn, `${name}[${i}]`);
  }
  return s;
}

/** Validates and compiles a key spec. */
export function compileKey(fn: string, key: unknown, optionName = 'key'): CompiledKey {
  if (typeof key === 'string' && key.length > 0) {
    const get = compileGetter(key);
    return {
      description: key,
      fields: [key],
      read: (row) => scalarKey(get(row), fn, key),
      display: (row) => get(row),
      missingPart: () => key,
      same(a, b) {
        return this.read(a) === this.read(b);
      },
    };
  }
  if (Array.isArray(key) && key.length > 0 && key.every((k) => typeof k === 'string' && k.length > 0)) {
    const paths = key as string[];
    if (paths.length === 1) return compileKey(fn, paths[0], optionName);
    const getters = paths.map(compileGetter);
    const n = getters.length;
    return {
      description: `[${paths.join(', ')}]`,
      fields: [...paths],
      read(row) {
        let s = '';
        for (let i = 0; i < n; i++) {
          const v = getters[i](row);
          if (v == null || (typeof v === 'number' && v !== v) || (v instanceof Date && isNoKeyValue(v))) return NO_KEY;
          s += (i ? ',' : '') + encodePart(v, fn, paths[i]);
        }
        return s;
      },
      display: (row) => getters.map((g) => g(row)),
      missingPart: (row) => paths.find((_, i) => isNoKeyValue(getters[i](row))) ?? paths[0],
      same(a, b) {
        for (let i = 0; i < n; i++) if (!samePart(getters[i](a), getters[i](b))) return false;
        return true;
      },
      parts: getters,
    };
  }
  if (typeof key === 'function') {
    const f = key as (row: Record<string, unknown>) => unknown;
    return {
      description: 'key function',
      fields: [],
      read: (row) => scalarKey(f(row), fn, 'key function result'),
      display: (row) => f(row),
      missingPart: () => 'key function result',
      same(a, b) {
        return this.read(a) === this.read(b);
      },
    };
  }
  throw new ShadowOptionError(
    `${fn}: ${optionName} must be a field path ('id'), an array of paths (['userId', 'seq']) or a function of the row, got ${describeValue(key)}`,
  );
}

/**
 * Orders Map keys deterministically (numbers before strings, then by value), for examples:
 * strings by code point, as DuckDB orders them (UTF-8 bytes), so that both engines show the same
 * first keys. JavaScript's `<` compares UTF-16 code units, which put a character past U+FFFF (a
 * surrogate pair, D800–DFFF) before one in U+E000–U+FFFF.
 */
export function compareKeys(a: unknown, b: unknown): number {
  const ta = typeof a;
  const tb = typeof b;
  if (ta !== tb) return ta < tb ? -1 : 1;
  if (ta === 'string') return compareCodePoints(a as string, b as string);
  return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
}

/** Strings in code point order (UTF-8 byte order); `<` but where the first differing code units are a surrogate and one in E000–FFFF. */
export function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // Surrogates after E000–FFFF: their code points lie past U+FFFF.
    if (x >= 0xd800 && y >= 0xd800) return (x >= 0xe000 ? x - 0x800 : x + 0x2000) - (y >= 0xe000 ? y - 0x800 : y + 0x2000);
    return x - y;
  }
  return a.length - b.length;
}
