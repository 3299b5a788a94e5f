import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { assertEquivalentTransforms, checkEquivalentTransforms, eventStream, type ShadowEvent } from '../../src/arbitraries/index.js';

const keepPositive = (events: ShadowEvent[]) => events.filter((e) => e.value > 0);
const keepNonNegative = (events: ShadowEvent[]) => events.filter((e) => e.value >= 0);

describe('checkEquivalentTransforms', () => {
  test('shrinks to the smallest diverging input: one event with value 0', () => {
    const d = checkEquivalentTransforms(keepPositive, keepNonNegative, eventStream(), { key: 'id' }, { seed: 1, numRuns: 100 });
    expect(d.failed).toBe(true);
    const input = d.counterexample!.input;
    expect(input).toHaveLength(1);
    expect(input[0].value).toBe(0);
    expect(d.message).toMatch(/^checkEquivalentTransforms: the transforms diverge/);
    expect(d.message).toContain('legacy transform → 0 events, new transform → 1 event');
    expect(d.message).toMatch(/Replay: \{ seed: 1, path: "[\d:]+" \}$/);
    expect(() => assertEquivalentTransforms(keepPositive, keepNonNegative, eventStream(), { key: 'id' }, { seed: 1 })).toThrow(d.message);
  });

  test('passes when the rewrite agrees within the tolerances', () => {
    const legacy = (events: ShadowEvent[]) => events.map((e) => ({ ...e, value: Math.round(e.value * 100) / 100 }));
    const rewrite = (events: ShadowEvent[]) => [...events].reverse().map((e) => ({ ...e, value: Number(e.value.toFixed(2)) + 1e-12 }));
    const d = checkEquivalentTransforms(legacy, rewrite, eventStream(), { key: 'id', fields: { value: { abs: 1e-9 } } }, { seed: 2, numRuns: 50 });
    expect(d).toMatchObject({ failed: false, vacuous: false });
  });

  test('fails as vacuous when both transforms always output nothing', () => {
    const d = checkEquivalentTransforms(() => [], () => [], eventStream(), { key: 'id' }, { seed: 3, numRuns: 10 });
    expect(d).toMatchObject({ failed: true, vacuous: true, numEmpty: 10 });
  });

  test('rethrows a transform that throws, with the input in view', () => {
    const boom = (events: ShadowEvent[]) => {
      if (events.length > 2) throw new Error('boom');
      return events;
    };
    expect(() => checkEquivalentTransforms((e: ShadowEvent[]) => e, boom, eventStream(), { key: 'id' }, { seed: 4 })).toThrow(/a transform threw on input .*\n.*\nboom/);
  });

  test('refuses asynchronous transforms and bad arguments', () => {
    expect(() => checkEquivalentTransforms((async (e: number[]) => e) as never, (e: number[]) => e as never, fc.array(fc.nat()), { key: 'id' })).toThrow(
      'checkEquivalentTransforms: the legacy transform returned a Promise',
    );
    expect(() => checkEquivalentTransforms((e: never) => e, (e: never) => e, [] as never, { key: 'id' })).toThrow('inputArbitrary must be a fast-check arbitrary');
  });
});
