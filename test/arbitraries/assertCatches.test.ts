import { describe, expect, test } from 'vitest';
import { assertCatches, checkCatches, eventStream } from '../../src/arbitraries/index.js';

const lenient = { key: 'id', minMatchRate: 0.5, maxMissingRate: 0.5 };

describe('assertCatches', () => {
  test('fails when minMatchRate 0.5 and maxMissingRate 0.5 let a 40 % drop through', () => {
    const d = checkCatches(lenient, { kind: 'drop', magnitude: 0.4 }, { seed: 1, numRuns: 50 });
    expect(d.failed).toBe(true);
    expect(d.vacuous).toBe(false);
    const cx = d.counterexample!;
    const missingRate = cx.pair.injected.missing.length / cx.pair.legacy.length;
    expect(missingRate).toBeGreaterThan(0);
    expect(missingRate).toBeLessThanOrEqual(0.5);
    expect(cx.report.verdict).toBe('pass');
    expect(cx.model.verdict).toBe('pass');
    expect(d.message).toMatchInlineSnapshot(`
      "assertCatches: compareEvents passed a shadow carrying drop (magnitude 0.4)
      Counterexample after 1 run and 28 shrinks: 5 legacy events, 3 in shadow
        injected drop: 2 of 5 events removed (40.00%): e0, e2
        compareEvents: pass (3 of 5 legacy events match, 2 missing, 0 extra, 0 duplicated keys)
      The fault is within the declared tolerance:
        maxMissingRate: allows up to 50.00% of legacy events missing; observed 2 of 5 missing (40.00%)
        minMatchRate: allows down to 50.00% of legacy events matching (50.00% unmatched); observed 3 of 5 match (60.00%)
      Replay: { seed: 1, path: "0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0" }
      Hint: set maxMissingRate below 0.4 (it is 0.5) to catch 40.00% missing
      Hint: set minMatchRate above 0.6 (it is 0.5) to fail when 40.00% of legacy events do not match"
    `);
    expect(() => assertCatches(lenient, { kind: 'drop', magnitude: 0.4 }, { seed: 1, numRuns: 50 })).toThrow(d.message);
  });

  test('passes when the default thresholds catch every drop from 5 % to 50 %', () => {
    const d = checkCatches({ key: 'id' }, { kind: 'drop', magnitude: { min: 0.05, max: 0.5 } }, { seed: 2, numRuns: 50 });
    expect(d.failed).toBe(false);
    expect(d.numCarried).toBeGreaterThan(0);
    expect(() => assertCatches({ key: 'id' }, { kind: 'drop', magnitude: { min: 0.05, max: 0.5 } }, { seed: 2, numRuns: 50 })).not.toThrow();
  });

  test('fails when the field rule absorbs the shift, naming the rule to tighten', () => {
    const d = checkCatches({ key: 'id', fields: { value: { abs: 0.5 } } }, { kind: 'shiftField', magnitude: { min: 0.1, max: 0.4 } }, { seed: 3, numRuns: 30 });
    expect(d.failed).toBe(true);
    expect(d.counterexample!.pair.injected.applied[0].perturbation.magnitude).toBeCloseTo(0.1, 12); // shrunk to the mildest
    expect(d.message).toContain('fields.value: allows abs 0.5');
    expect(d.message).toContain('Hint: fields.value absorbs every injected change (largest |Δ| 0.1): tighten it below 0.1');
  });

  test('fails on order faults, which compareEvents cannot see, pointing to the sequence tier', () => {
    const d = checkCatches({ key: 'id' }, { kind: 'swapNeighbours', magnitude: 0.5 }, { seed: 4, numRuns: 20 });
    expect(d.failed).toBe(true);
    expect(d.declared.limit).toBe(Infinity);
    expect(d.message).toContain('Hint: order faults need the sequence tier');
  });

  test('fails as vacuous when no generated pair carried the fault', () => {
    // round(0.001 × n) = 0 for every stream shorter than 500 events.
    const d = checkCatches({ key: 'id' }, { kind: 'drop', magnitude: 0.001 }, { seed: 5, numRuns: 20, base: eventStream({ maxLength: 20 }) });
    expect(d).toMatchObject({ failed: true, vacuous: true, numCarried: 0 });
    expect(d.message).toMatch(/^assertCatches: none of 20 generated pairs carried the fault drop \(magnitude 0.001\), so nothing was checked/);
  });

  test('replays the counterexample from { seed, path }', () => {
    const first = checkCatches(lenient, { kind: 'drop', magnitude: 0.4 }, { seed: 6, numRuns: 50 });
    const again = checkCatches(lenient, { kind: 'drop', magnitude: 0.4 }, { seed: 6, path: first.path });
    expect(again.failed).toBe(true);
    expect(again.counterexample!.pair).toEqual(first.counterexample!.pair);
  });

  test('refuses bad parameters naming them', () => {
    expect(() => checkCatches({ key: 'id' }, { kind: 'drop', magnitude: 0.1 }, { seeed: 1 } as never)).toThrow(
      "checkCatches: unknown option 'params.seeed'; did you mean 'seed'?",
    );
    expect(() => checkCatches({ key: 'id', rename: { a: 'b' } }, { kind: 'drop', magnitude: 0.1 })).toThrow('checkCatches: compareOptions.rename is not supported');
    expect(() => checkCatches({ key: 'id' }, { kind: 'drop', magnitude: 2 })).toThrow('checkCatches: perturbation.magnitude must be a finite number in [0, 1], got 2');
    expect(() => checkCatches({ key: 'id', minMatchRate: 2 }, { kind: 'drop', magnitude: 0.1 })).toThrow('compareEvents: minMatchRate must be a finite number in [0, 1], got 2');
  });
});
