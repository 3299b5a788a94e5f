/**
 * The SciPy reference values of the model-output statistics (test/data/statsModels/reference.json,
 * produced by test/data/statsModels/generate.py; each entry quotes its generating call).
 */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const ref: any = JSON.parse(readFileSync(new URL('../data/statsModels/reference.json', import.meta.url), 'utf8'));

/** Asserts |got − expected| ≤ rtol·|expected| (exact for 0), naming the reference call on failure. */
export function expectRel(got: number, expected: number, rtol: number, call = ''): void {
  const err = got === expected ? 0 : expected === 0 ? Math.abs(got) : Math.abs(got - expected) / Math.abs(expected);
  expect(err, `${call}: SciPy ${expected}, got ${got}`).toBeLessThanOrEqual(rtol);
}

/** Reference entries as `test.each` rows: [case number, entry]. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function cases(list: any[]): [number, any][] {
  return list.map((c, i) => [i, c]);
}

/** Reference entries as `test.each` rows keyed by their `label`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function labelled(list: any[]): [string, any][] {
  return list.map((c) => [String(c.label), c]);
}
