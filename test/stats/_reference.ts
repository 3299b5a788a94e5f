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
  if (got === expected) return 0;
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
