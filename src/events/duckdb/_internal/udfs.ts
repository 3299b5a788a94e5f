import { BOOLEAN, DOUBLE, DuckDBScalarFunction, VARCHAR, type DuckDBConnection } from '@duckdb/node-api';
import { canonicalDecimal } from '../../../tolerance/_internal/canonicalDecimal.js';
import { toEpochMs } from '../../../tolerance/toEpochMs.js';

/** The named normalisers exactly as the in-memory engine runs them (JS String semantics). */
const STEPS: Record<string, (v: unknown) => unknown> = {
  trim: (v) => (typeof v === 'string' ? v.trim() : v),
  casefold: (v) => (typeof v === 'string' ? v.toLowerCase() : v),
  nfc: (v) => (typeof v === 'string' ? v.normalize('NFC') : v),
  nfkc: (v) => (typeof v === 'string' ? v.normalize('NFKC') : v),
  decimal: canonicalDecimal,
};

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
  c.registerScalarFunction(
    DuckDBScalarFunction.create({
      name: '__shadow_normj',
      returnType: VARCHAR,
      parameterTypes: [VARCHAR, VARCHAR, BOOLEAN],
      mainFunction: (_info, input, output) => {
        const v = input.getColumnVector(0);
        const st = input.getColumnVector(1);
        const ex = input.getColumnVector(2);
        for (let i = 0; i < input.rowCount; i++) {
          const x = v.getItem(i) as string | null;
          if (x === null) {
            output.setItem(i, null);
            continue;
          }
          const value = parseJson(x, ex.getItem(i) as boolean);
          const y = stepsOf(st.getItem(i) as string)(value);
          output.setItem(i, Object.is(y, value) ? x : JSON.stringify(y));
        }
        output.flush();
      },
    }),
  );
  // Each element of a JSON array normalised (unordered rules); other values unchanged.
  c.registerScalarFunction(
    DuckDBScalarFunction.create({
      name: '__shadow_normeach',
      returnType: VARCHAR,
      parameterTypes: [VARCHAR, VARCHAR],
      mainFunction: (_info, input, output) => {
        const v = input.getColumnVector(0);
        const st = input.getColumnVector(1);
        for (let i = 0; i < input.rowCount; i++) {
          const x = v.getItem(i) as string | null;
          if (x === null) {
            output.setItem(i, null);
            continue;
          }
          const value = parseJson(x, false);
          const f = stepsOf(st.getItem(i) as string);
          output.setItem(i, Array.isArray(value) ? JSON.stringify(value.map((e) => (typeof e === 'number' && e !== e ? e : f(e)))) : x);
        }
        output.flush();
      },
    }),
  );
  c.registerScalarFunction(
    DuckDBScalarFunction.create({
      name: '__shadow_norm',
      returnType: VARCHAR,
      parameterTypes: [VARCHAR, VARCHAR],
      mainFunction: (_info, input, output) => {
        const v = input.getColumnVector(0);
        const st = input.getColumnVector(1);
        for (let i = 0; i < input.rowCount; i++) {
          const x = v.getItem(i) as string | null;
          if (x === null) {
            output.setItem(i, null);
            continue;
          }
          output.setItem(i, stepsOf(st.getItem(i) as string)(x) as string);
        }
        output.flush();
      },
    }),
  );
  c.registerScalarFunction(
    DuckDBScalarFunction.create({
      name: '__shadow_epoch',
      returnType: DOUBLE,
      parameterTypes: [VARCHAR],
      mainFunction: (_info, input, output) => {
        const v = input.getColumnVector(0);
        for (let i = 0; i < input.rowCount; i++) {
          const x = v.getItem(i) as string | null;
          const t = x === null ? NaN : toEpochMs(x);
          output.setItem(i, t === t ? t : null);
        }
        output.flush();
      },
    }),
  );
}
