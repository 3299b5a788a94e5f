import { BOOLEAN, DOUBLE, INTEGER, DuckDBScalarFunction, VARCHAR, type DuckDBConnection, type DuckDBType, type DuckDBVector } from '@duckdb/node-api';
import { NAMED_NORMALIZERS, namedNormalizer } from '../../../tolerance/_internal/namedNormalizer.js';
import { toEpochMs } from '../../../tolerance/toEpochMs.js';
import { defaultEquals } from '../../../tolerance/defaultEquals.js';

/** The named normalisers: the very functions the in-memory engine runs (JS String semantics). */
const STEPS: Record<string, (v: unknown) => unknown> = Object.fromEntries(NAMED_NORMALIZERS.map((n) => [n, namedNormalizer(n)]));

const SPECIAL: Record<string, number> = { NaN: NaN, nan: NaN, Infinity: Infinity, inf: Infinity, '-Infinity': -Infinity, '-inf': -Infinity };
const SAFE_INT = /^-?\d{16,}$/;

/** JSON text to the JS value; `exactInts`: long integer literals (a native integer column) stay exact as bigints. */
function parseJson(text: string, exactInts: boolean): unknown {
  if (text in SPECIAL) return SPECIAL[text];
  if (exactInts && SAFE_INT.test(text) && !Number.isSafeInteger(Number(text))) return BigInt(text);
  return JSON.parse(text) as unknown;
}

/**
 * Registers the JavaScript functions the SQL plan calls where DuckDB's own differ from the
 * in-memory engine: `__shadow_norm(text, 'trim,casefold')` (JS `trim` strips all Unicode white
 * space, `toLowerCase` lowers with its final-sigma and dotted-I rules, NFKC exists; DuckDB's
 * `trim`/`lower` do neither) and `__shadow_epoch(text)` (the time parser of time rules, so a
 * string reads as the same instant in both engines). Both run on the JS thread, only on strings.
 */
export function registerUdfs(c: DuckDBConnection): void {
  const cache = new Map<string, (v: unknown) => unknown>();
  const stepsOf = (spec: string) => {
    let f = cache.get(spec);
    if (!f) {
      const steps = spec.split(',').map((x) => STEPS[x]);
      f = (v: unknown) => steps.reduce((acc, g) => g(acc), v);
      cache.set(spec, f);
    }
    return f;
  };
  // A JSON value normalised as one value (numbers included, for 'decimal'); unchanged text when unchanged.
  registerRowFunction(c, '__shadow_normj', [VARCHAR, VARCHAR, BOOLEAN], VARCHAR, (x, [spec, exactInts]) => {
    const value = parseJson(x, exactInts as boolean);
    const y = stepsOf(spec as string)(value);
    return Object.is(y, value) ? x : JSON.stringify(y);
  });
  // Each element of a JSON array normalised (unordered rules); other values unchanged.
  registerRowFunction(c, '__shadow_normeach', [VARCHAR, VARCHAR], VARCHAR, (x, [spec]) => {
    const value = parseJson(x, false);
    const f = stepsOf(spec as string);
    return Array.isArray(value) ? JSON.stringify(value.map((e) => (typeof e === 'number' && e !== e ? e : f(e)))) : x;
  });
  registerRowFunction(c, '__shadow_norm', [VARCHAR, VARCHAR], VARCHAR, (x, [spec]) => stepsOf(spec as string)(x) as string);
  // Two JSON values (lists, objects) of different text, compared as the in-memory engine compares
  // them (defaultEquals): 1.0 equals 1, keys in any order. Called only where the texts differ.
  registerRowFunction(c, '__shadow_jsoneq', [VARCHAR, VARCHAR, BOOLEAN], BOOLEAN, (x, [y, nem]) => {
    try {
      return defaultEquals(parseJson(x, false), parseJson(y as string, false), nem as boolean);
    } catch {
      return false; // text DuckDB wrote that JSON.parse does not read (a nan inside a list): not equal text
    }
  });
  registerRowFunction(c, '__shadow_epoch', [VARCHAR], DOUBLE, (x) => {
    const t = toEpochMs(x);
    return t === t ? t : null;
  });
}

/**
 * Registers a scalar function computed row by row from its first argument (a string; null gives
 * null) and the row's other arguments (one array reused across rows: read it, do not keep it).
 */
function registerRowFunction(
  c: DuckDBConnection,
  name: string,
  parameterTypes: DuckDBType[],
  returnType: DuckDBType,
  f: (x: string, rest: readonly unknown[]) => string | number | boolean | null,
): void {
  c.registerScalarFunction(
    DuckDBScalarFunction.create({
      name,
      returnType,
      parameterTypes,
      mainFunction: (_info, input, output) => {
        const vectors = parameterTypes.map((_, k) => input.getColumnVector(k));
        const rest: unknown[] = new Array(vectors.length - 1);
        for (let i = 0; i < input.rowCount; i++) {
          const x = vectors[0].getItem(i) as string | null;
          if (x === null) {
            output.setItem(i, null);
            continue;
          }
          for (let k = 1; k < vectors.length; k++) rest[k - 1] = vectors[k].getItem(i);
          output.setItem(i, f(x, rest));
        }
        output.flush();
      },
    }),
  );
}

/**
 * Registers `name(d1, d2, …)` over `columns` DOUBLE arguments: a volatile function that hands
 * each chunk's columns to `collect` (on the JS thread, one chunk at a time) and returns 1 per
 * row: `count(name(...))` in an aggregation streams those columns to JS without a result set.
 *
 * The arrays are the collector's own: the binding copies a vector's data into a buffer of the
 * JS heap (`vector_get_data`, built without external buffers), so `collect` may keep them and
 * write into them, with no copy of its own. Keeping them is what DeltaSink does; copying each
 * chunk's values once more took 1M Parquet from 1.36× to 1.47× the floor (medians of 13 runs in
 * one process, docs/engines.md). test/events/duckdb/deltas.test.ts holds the binding to it.
 */
export function registerCollector(c: DuckDBConnection, name: string, columns: number, collect: (columns: Float64Array[], rows: number) => void): void {
  c.registerScalarFunction(
    DuckDBScalarFunction.create({
      name,
      returnType: INTEGER,
      parameterTypes: Array.from({ length: columns }, () => DOUBLE),
      volatile: true,
      mainFunction: (_info, input, output) => {
        const n = input.rowCount;
        collect(Array.from({ length: columns }, (_, k) => doubles(input.getColumnVector(k), n)), n);
        // The items' typed array where the binding exposes it (one fill), else row by row.
        const items = (output as unknown as { items?: Int32Array }).items;
        if (items instanceof Int32Array && items.length >= n) items.fill(1, 0, n);
        else for (let i = 0; i < n; i++) output.setItem(i, 1);
        output.flush();
      },
    }),
  );
}

/** A DOUBLE vector's values: the typed array the binding exposes (its copy of the chunk), else read item by item (NULL as NaN). */
export function doubles(v: DuckDBVector, n: number): Float64Array {
  const view = (v as unknown as { items?: Float64Array }).items;
  return view instanceof Float64Array && view.length >= n ? view : Float64Array.from({ length: n }, (_, r) => (v.getItem(r) as number | null) ?? NaN);
}
