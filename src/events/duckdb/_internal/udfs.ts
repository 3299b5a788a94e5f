import { DOUBLE, DuckDBScalarFunction, VARCHAR, type DuckDBConnection } from '@duckdb/node-api';
import { toEpochMs } from '../../../tolerance/toEpochMs.js';

/** The named normalisers exactly as the in-memory engine runs them (JS String semantics). */
const STEPS: Record<string, (s: string) => string> = {
  trim: (s) => s.trim(),
  casefold: (s) => s.toLowerCase(),
  nfc: (s) => s.normalize('NFC'),
  nfkc: (s) => s.normalize('NFKC'),
};

/**
 * Registers the JavaScript functions the SQL plan calls where DuckDB's own differ from the
 * in-memory engine: `__shadow_norm(text, 'trim,casefold')` (JS `trim` strips all Unicode white
 * space, `toLowerCase` lowers with its final-sigma and dotted-I rules, NFKC exists; DuckDB's
 * `trim`/`lower` do neither) and `__shadow_epoch(text)` (the time parser of time rules, so a
 * string reads as the same instant in both engines). Both run on the JS thread, only on strings.
 */
export function registerUdfs(c: DuckDBConnection): void {
  const cache = new Map<string, (s: string) => string>();
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
          const spec = st.getItem(i) as string;
          let f = cache.get(spec);
          if (!f) {
            const steps = spec.split(',').map((s) => STEPS[s]);
            f = (s: string) => steps.reduce((acc, g) => g(acc), s);
            cache.set(spec, f);
          }
          output.setItem(i, f(x));
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
