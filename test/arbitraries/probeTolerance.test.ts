import { describe, expect, test } from 'vitest';
import { eventStream, probeTolerance } from '../../src/arbitraries/index.js';

const base = eventStream({ minLength: 50, maxLength: 100 });

describe('probeTolerance', () => {
  test('finds the abs boundary within 1e-6 of the declared abs tolerance', () => {
    const p = probeTolerance({ key: 'id', fields: { value: { abs: 0.01 } } }, { field: 'value', seed: 1, base, numRuns: 5 });
    expect(p.perturbation.kind).toBe('shiftField');
    expect(p.declared.limit).toBe(0.01);
    expect(Math.abs(p.boundary! - 0.01)).toBeLessThan(1e-6);
    expect(p.passesUpTo!).toBeLessThanOrEqual(p.failsFrom!);
    expect(p.neverFails).toBe(false);
  });

  test('finds the time boundary within 1 ms of the declared time tolerance', () => {
    // Jitter is applied in whole milliseconds, so the flip is at 2000.5 ms.
    const p = probeTolerance({ key: 'id', fields: { ts: { time: '2s' } } }, { field: 'ts', seed: 2, base, numRuns: 5 });
    expect(p.perturbation.kind).toBe('jitterTime');
    expect(p.declared.limit).toBe(2000);
    expect(Math.abs(p.boundary! - 2000)).toBeLessThan(1);
  });

  test('finds the rel boundary where a scale factor crosses it', () => {
    // a·(1+m) vs a within rel·max(|a|, |a|(1+m)) = rel·|a|(1+m)  ⇔  m ≤ rel / (1 − rel).
    const rel = 1e-3;
    const p = probeTolerance({ key: 'id', fields: { value: { rel } } }, { field: 'value', seed: 3, base, numRuns: 5 });
    expect(p.perturbation.kind).toBe('scaleField');
    expect(Math.abs(p.boundary! / (rel / (1 - rel)) - 1)).toBeLessThan(1e-3);
  });

  test('finds the drop boundary near the missing-rate threshold', () => {
    const p = probeTolerance({ key: 'id', maxMissingRate: 0.05, minMatchRate: 0 }, { perturbation: { kind: 'drop' }, seed: 4, numRuns: 5 });
    expect(p.declared.limit).toBeCloseTo(0.05, 12);
    // Rates are realised as round(rate × n) of 100–200 events: within one event of 0.05.
    expect(Math.abs(p.boundary! - 0.05)).toBeLessThan(0.01);
  });

  test('reports a field that is never compared as never failing', () => {
    const p = probeTolerance({ key: 'id', fields: { value: 'ignore' } }, { field: 'value', seed: 5, base, numRuns: 3 });
    expect(p).toMatchObject({ neverFails: true, failsFrom: null, boundary: null });
    expect(p.declared.limit).toBe(Infinity);
  });

  test('is deterministic under a seed', () => {
    const run = () => probeTolerance({ key: 'id', fields: { value: { abs: 0.5 } } }, { field: 'value', seed: 6, base, numRuns: 3 });
    expect(run()).toEqual(run());
  });

  test('refuses ambiguous or bad options', () => {
    expect(() => probeTolerance({ key: 'id' }, { seed: 1 })).toThrow('probeTolerance: give exactly one of options.field');
    expect(() => probeTolerance({ key: 'id' }, { field: 'value', perturbation: { kind: 'drop' } })).toThrow('give exactly one of');
    expect(() => probeTolerance({ key: 'id' }, { perturbation: { kind: 'drop' }, range: { min: 0, max: 3 } })).toThrow(
      'probeTolerance: options.range.magnitude must be a finite number in [0, 1], got 3',
    );
  });
});
