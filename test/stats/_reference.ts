/**
 * Shared check for SciPy reference files: each entry carries the Python call that produced its
 * value (`call`), so a mismatch names the exact SciPy expression to re-run.
 */
export interface ReferenceEntry {
  fn: string;
  args: unknown[];
  call: string;
  expected: number;
  rtol: number;
}

/** Relative difference, exact match for infinities/zeros; NaN when either side is NaN. */
export function relativeError(got: number, expected: number): number {
  if (got === expected || (Number.isNaN(got) && Number.isNaN(expected))) return 0;
  if (expected === 0) return Math.abs(got);
  return Math.abs(got - expected) / Math.abs(expected);
}

/** Lines describing every entry whose value misses its tolerance (empty when all agree). */
export function mismatches(entries: ReferenceEntry[], compute: (e: ReferenceEntry) => number): string[] {
  const out: string[] = [];
  for (const e of entries) {
    const got = compute(e);
    const err = relativeError(got, e.expected);
    if (!(err <= e.rtol)) out.push(`${e.call}: SciPy ${e.expected}, got ${got} (rel. error ${err.toExponential(2)} > ${e.rtol})`);
  }
  return out;
}

/** A reference case of a hypothesis test: data, our options, the SciPy call and expected fields. */
export interface TestCase {
  fn: string;
  x: number[];
  y?: number[];
  /** Non-sample inputs of some tests (a table, k samples, counts), passed through as stored. */
  table?: number[][] & number[];
  samples?: number[][];
  k?: number;
  n?: number;
  options: Record<string, unknown>;
  call: string;
  expected: Record<string, number>;
}

const num = (v: unknown): number => (v === 'Infinity' ? Infinity : v === '-Infinity' ? -Infinity : v === 'NaN' ? NaN : (v as number));

/** Resolves the dataset indices of a generate_tests.py JSON file into arrays. */
export function loadCases(file: { datasets: number[][]; cases: Array<Record<string, unknown>> }): TestCase[] {
  return file.cases.map((c) => ({
    ...(c as object),
    fn: c.fn as string,
    x: file.datasets[c.x as number],
    ...(c.y === undefined ? {} : { y: file.datasets[c.y as number] }),
    options: c.options as Record<string, unknown>,
    call: c.call as string,
    expected: Object.fromEntries(Object.entries(c.expected as Record<string, unknown>).map(([k, v]) => [k, num(v)])),
  }));
}

/**
 * Compares the named fields of `got` with the case's expected values; returns one line per field
 * outside `rtol` (relative; absolute below 1e-300), naming the SciPy call.
 */
export function fieldMismatches(c: TestCase, got: Record<string, number>, rtol: Record<string, number>): string[] {
  const out: string[] = [];
  for (const [field, tol] of Object.entries(rtol)) {
    if (!(field in c.expected)) continue;
    const err = relativeError(got[field], c.expected[field]);
    if (!(err <= tol)) out.push(`${c.call} ${JSON.stringify(c.options)}: ${field} SciPy ${c.expected[field]}, got ${got[field]} (rel. error ${err.toExponential(2)})`);
  }
  return out;
}
