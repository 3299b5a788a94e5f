import { describe, expect, test } from 'vitest';
import { assertTolerates, checkTolerates } from '../../src/arbitraries/index.js';

const timed = { key: 'id', fields: { ts: { time: '2s' } } };

describe('assertTolerates', () => {
  test('passes when clock jitter stays within the time tolerance', () => {
    expect(() => assertTolerates(timed, { kind: 'jitterTime', magnitude: { min: 1, max: 2000 } }, { seed: 1, numRuns: 50 })).not.toThrow();
  });

  test('fails when jitter exceeds the time tolerance, with the widening it would take', () => {
    const d = checkTolerates(timed, { kind: 'jitterTime', magnitude: { min: 1, max: 3000 } }, { seed: 1, numRuns: 50 });
    expect(d.failed).toBe(true);
    const cx = d.counterexample!;
    const worst = Math.max(...cx.pair.injected.changed.map((c) => Math.abs(c.delta!)));
    expect(worst).toBeGreaterThan(2000);
    expect(cx.model.verdict).toBe('fail');
    expect(d.message).toMatchInlineSnapshot(`
      "assertTolerates: compareEvents failed a shadow carrying only jitterTime (magnitude 1…3000)
      Counterexample after 2 runs and 32 shrinks: 5 legacy events, 5 in shadow
        injected jitterTime: ts of 5 of 5 events moved by up to 2001 ms: e0 1774742400000 → 1774742401308 (Δ 1308); e1 1774742400000 → 1774742400941 (Δ 941); e2 1774742400000 → 1774742401403 (Δ 1403)
        compareEvents: fail (4 of 5 legacy events match, 0 missing, 0 extra, 0 duplicated keys): 80.00% of legacy events match within tolerance, 100.00% required
      The fault exceeds the declared tolerance:
        minMatchRate: allows down to 100.00% of legacy events matching (0.00% unmatched); observed 4 of 5 match (80.00%)
        fields.ts: allows time ±2s; observed 1 of 5 changed values beyond it
      Replay: { seed: 1, path: "1:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:2:3:1:0" }
      Hint: 1 ts value moved by up to 2001: to tolerate it set fields['ts'] = { time: 2001 }"
    `);
  });

  test('passes on -0 and NaN, which the engine treats as equal by default', () => {
    for (const hostile of ['negativeZero', 'nan'] as const) {
      expect(() => assertTolerates({ key: 'id' }, { kind: 'hostile', hostile, magnitude: 0.3 }, { seed: 2, numRuns: 30 })).not.toThrow();
    }
  });

  test('fails on Unicode normalisation differences unless normalize is declared', () => {
    const d = checkTolerates({ key: 'id' }, { kind: 'hostile', hostile: 'unicode', magnitude: 0.3 }, { seed: 3, numRuns: 30 });
    expect(d.failed).toBe(true);
    expect(d.message).toContain("Hint: label differs only in Unicode normalisation: set fields['label'] = { normalize: 'nfc' }");
    expect(() =>
      assertTolerates({ key: 'id', fields: { label: { normalize: 'nfc' } } }, { kind: 'hostile', hostile: 'unicode', magnitude: 0.3 }, { seed: 3, numRuns: 30 }),
    ).not.toThrow();
  });

  test('fails on a subnormal flushed to zero under exact comparison, passes with a tiny abs tolerance', () => {
    expect(checkTolerates({ key: 'id' }, { kind: 'hostile', hostile: 'subnormal', magnitude: 0.3 }, { seed: 4, numRuns: 20 }).failed).toBe(true);
    expect(() =>
      assertTolerates({ key: 'id', fields: { value: { abs: 1e-300 } } }, { kind: 'hostile', hostile: 'subnormal', magnitude: 0.3 }, { seed: 4, numRuns: 20 }),
    ).not.toThrow();
  });

  test('passes on a huge value one ulp off only under a relative tolerance', () => {
    expect(checkTolerates({ key: 'id', fields: { value: { abs: 1e6 } } }, { kind: 'hostile', hostile: 'huge', magnitude: 0.3 }, { seed: 5, numRuns: 20 }).failed).toBe(true);
    expect(() =>
      assertTolerates({ key: 'id', fields: { value: { rel: 1e-15 } } }, { kind: 'hostile', hostile: 'huge', magnitude: 0.3 }, { seed: 5, numRuns: 20 }),
    ).not.toThrow();
  });

  test('fails on a DST hour even with a 2 s time tolerance', () => {
    const d = checkTolerates(timed, { kind: 'hostile', hostile: 'dst', magnitude: 0.2 }, { seed: 6, numRuns: 20 });
    expect(d.failed).toBe(true);
    expect(d.counterexample!.report.fields.find((f) => f.field === 'ts')!.mismatches).toBeGreaterThan(0);
  });
});
