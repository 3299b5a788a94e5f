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

/**
 * Encodes one part of a composite key so that the tuple encoding is injective: `[1, 11]` and
 * `[11, 1]` differ, and the number 1 never collides with the string '1'. Every part starts with a
 * type tag; strings carry their length; other parts contain no ','.
 */
function encodePart(v: unknown, fn: string, name: string): string {
  switch (typeof v) {
    case 'string':
      // Length-prefixed, so no separator inside the string can make two tuples collide.
      return `s${v.length}:${v}`;
    case 'number':
      return `n${v === 0 ? 0 : v}`;
    case 'bigint':
      return `b${v}`;
    case 'boolean':
      return v ? 't' : 'f';
    default:
      if (v instanceof Date) return `d${dateText(v)}`;
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

/** Orders Map keys deterministically (numbers before strings, then by value), for examples. */
export function compareKeys(a: unknown, b: unknown): number {
  const ta = typeof a;
  const tb = typeof b;
  if (ta !== tb) return ta < tb ? -1 : 1;
  return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
}
