import { describe, expect, test } from 'vitest';
import { evaluateCriteria } from '../../src/gate/evaluateCriteria.js';
import { night, nights } from './_nights.js';

const holding = (e: ReturnType<typeof evaluateCriteria>) => Object.fromEntries(e.criteria.map((c) => [c.criterion, c.holds]));

describe('evaluateCriteria', () => {
  test('passes when the last N runs are clean, counting the streak back from the latest', () => {
    const records = nights('search', 1, 6, (n) => (n === 2 ? { tiers: { events: 'fail', sequences: 'pass' } } : {}));
    const e = evaluateCriteria(records, { consecutiveCleanRuns: 4 });
    expect(e.holds).toBe(true);
    expect(e.streak).toBe(4);
    expect(e.judged.map((r) => r.runId)).toEqual(['n3', 'n4', 'n5', 'n6']);
    const five = evaluateCriteria(records, { consecutiveCleanRuns: 5 });
    expect(five.holds).toBe(false);
    expect(five.criteria[0]).toMatchInlineSnapshot(`
      {
        "criterion": "consecutiveCleanRuns",
        "evidence": "streak 4; not clean: n2",
        "failingRuns": [
          "n2",
        ],
        "holds": false,
        "requirement": "5 consecutive clean shadow runs",
      }
    `);
  });

  test('fails with too few runs, and on no runs at all (vacuous evidence never holds)', () => {
    expect(evaluateCriteria(nights('search', 1, 2), { consecutiveCleanRuns: 3 }).criteria[0].evidence).toMatchInlineSnapshot(`"only 2 shadow runs in the history (n1, n2); streak 2"`);
    const none = evaluateCriteria([], {});
    expect(none.holds).toBe(false);
    expect(holding(none)).toEqual({ consecutiveCleanRuns: false, tiers: false });
  });

  test('judges required verdicts per tier: a missing tier fails, an allowed inconclusive passes, unnamed tiers are not judged', () => {
    const records = [
      ...night({ eventType: 'a', night: 1, tiers: { events: 'pass', outputs: 'inconclusive', profiles: 'fail' } }),
    ];
    expect(evaluateCriteria(records, { tiers: { events: 'pass', outputs: ['pass', 'inconclusive'] } }).holds).toBe(true);
    const strict = evaluateCriteria(records, { tiers: { events: 'pass', outputs: 'pass', sequences: 'pass' } });
    expect(strict.criteria.find((c) => c.criterion === 'tiers')!.evidence).toMatchInlineSnapshot(`"n1: outputs inconclusive [MATCH_RATE_BELOW_MIN]; no sequences record"`);
    expect(evaluateCriteria(records, {}).holds).toBe(false); // by default every record must pass
  });

  test("counts outputs:<model> and a matcher's report kinds under their tier", () => {
    const records = night({ eventType: 'a', night: 1, tiers: { events: 'pass', 'outputs:ctr': 'pass', equivalence: 'pass', profile: 'fail' } });
    expect(evaluateCriteria(records, { tiers: { outputs: 'pass' } }).holds).toBe(true);
    expect(evaluateCriteria(records, { tiers: { profiles: 'pass' } }).criteria[1].evidence).toBe('n1: profile fail [MATCH_RATE_BELOW_MIN]');
  });

  test('accepts a failure made only of known differences, not one with another reason too', () => {
    const known = night({ eventType: 'a', night: 1, tiers: { events: 'fail' }, codes: { events: ['FIELD_MISMATCH'] } });
    const mixed = night({ eventType: 'a', night: 1, tiers: { events: 'fail' }, codes: { events: ['FIELD_MISMATCH', 'MISSING_EVENTS'] } });
    const criteria = { knownDifferences: [{ code: 'FIELD_MISMATCH', tier: 'events' as const }] };
    expect(evaluateCriteria(known, criteria).holds).toBe(true);
    expect(evaluateCriteria(mixed, criteria).holds).toBe(false);
    expect(evaluateCriteria(known, { knownDifferences: [{ code: 'FIELD_MISMATCH', tier: 'sequences' }] }).holds).toBe(false);
  });

  test('bounds rows, landing-latency regression and custom checks run by run, naming the failing runs', () => {
    const records = nights('a', 1, 4, (n) => ({
      rows: n === 2 ? 500 : 5000,
      landing: n === 3 ? { legacy: 1000, shadow: 1250 } : { legacy: 1000, shadow: 1100 },
      tests: { 'a > totals agree': n === 4 ? 'fail' : 'pass' },
    }));
    const e = evaluateCriteria(records, {
      consecutiveCleanRuns: 4,
      minRowsPerRun: 1000,
      maxRegression: { landingMs: 0.1 },
      customChecks: ['a > totals agree', 'a > never ran'],
    });
    expect(e.criteria.map((c) => ({ criterion: c.criterion, holds: c.holds, failingRuns: c.failingRuns, evidence: c.evidence }))).toMatchInlineSnapshot(`
      [
        {
          "criterion": "consecutiveCleanRuns",
          "evidence": "streak 0; not clean: n1, n2, n3, n4",
          "failingRuns": [
            "n1",
            "n2",
            "n3",
            "n4",
          ],
          "holds": false,
        },
        {
          "criterion": "tiers",
          "evidence": "n4: custom (a > totals agree) fail",
          "failingRuns": [
            "n4",
          ],
          "holds": false,
        },
        {
          "criterion": "minRowsPerRun",
          "evidence": "n2: 500 rows",
          "failingRuns": [
            "n2",
          ],
          "holds": false,
        },
        {
          "criterion": "maxRegression.landingMs",
          "evidence": "n3: +25.0% (legacy 1000, shadow 1250)",
          "failingRuns": [
            "n3",
          ],
          "holds": false,
        },
        {
          "criterion": "customChecks",
          "evidence": "n1: a > never ran did not run; n2: a > never ran did not run; n3: a > never ran did not run; n4: a > totals agree fail; a > never ran did not run",
          "failingRuns": [
            "n1",
            "n2",
            "n3",
            "n4",
          ],
          "holds": false,
        },
      ]
    `);
    // 1100 / 1000 - 1 = 0.1 exactly is within the bound
    expect(evaluateCriteria(nights('a', 1, 1), { maxRegression: { landingMs: 0 } }).holds).toBe(true);
    expect(evaluateCriteria(nights('a', 1, 1, () => ({ landing: { legacy: 1000, shadow: 1100 } })), { maxRegression: { landingMs: 0.1 } }).holds).toBe(true);
    expect(evaluateCriteria(nights('a', 1, 1), { maxRegression: { cost: 0.5 } }).criteria[2].evidence).toMatchInlineSnapshot(`"n1: no cost recorded for both pipelines"`);
  });

  test('reverse direction judges only reverse-shadow runs', () => {
    const records = [...nights('a', 1, 3), ...nights('a', 4, 5, () => ({ reverse: true }))];
    const e = evaluateCriteria(records, { consecutiveCleanRuns: 3 }, { direction: 'reverse' });
    expect(e.available).toBe(2);
    expect(e.holds).toBe(false);
    expect(evaluateCriteria(records, { consecutiveCleanRuns: 2 }, { direction: 'reverse' }).judged.map((r) => r.runId)).toEqual(['n4', 'n5']);
  });

  test("a consumer's queries must reconcile in the queries tier", () => {
    const ok = nights('a', 1, 1, () => ({ tiers: { events: 'pass', queries: 'pass' } })).map((r) => (r.tier === 'queries' ? { ...r, test: 'daily_clicks' } : r));
    expect(evaluateCriteria(ok, {}, { queries: ['daily_clicks'] }).holds).toBe(true);
    expect(evaluateCriteria(ok, {}, { queries: ['weekly_clicks'] }).holds).toBe(false);
    // a full Vitest name nested in describe blocks matches by its last segment, not by a substring
    const nested = ok.map((r) => (r.tier === 'queries' ? { ...r, test: 'nightly > a > queries > daily_clicks' } : r));
    expect(evaluateCriteria(nested, {}, { queries: ['daily_clicks'] }).holds).toBe(true);
    expect(evaluateCriteria(nested, {}, { queries: ['clicks'] }).holds).toBe(false);
  });
});
