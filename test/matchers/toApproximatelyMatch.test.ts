import { describe, expect, test } from 'vitest';
import { assertReport, compareEvents } from '../../src/index.js';
import { clone, makeEvents } from '../_helpers/events.js';
import { thrownMessage } from '../_helpers/stripAnsi.js';

const legacy = makeEvents(200, 3);

describe('.toApproximatelyMatch', () => {
  test('passes when shadow differs only within the declared tolerances', () => {
    const shadow = clone(legacy).map((e) => ({ ...e, ts: e.ts + 900, price: e.price + 0.004, tags: [...e.tags].reverse() }));
    expect(shadow).toApproximatelyMatch(legacy, { key: 'id', fields: { ts: { time: '1s' }, price: { abs: 0.005 }, tags: { unordered: true } } });
  });

  test('fails when a field is off, explaining the group, the shape and examples on one screen', () => {
    const shadow = clone(legacy);
    for (const e of shadow) if (e.type === 'save') e.ts += 3_600_000;
    shadow.splice(10, 1);
    const message = thrownMessage(() => expect(shadow).toApproximatelyMatch(legacy, { key: 'id', minMatchRate: 0.99 }));
    expect(message).toMatchInlineSnapshot(`
      "expect(shadow).toApproximatelyMatch(legacy, options)

      Shadow does not approximately match legacy: 133 of 200 legacy events (66.50%) match within tolerance, 99.00% required.

      What differs (events grouped by the fields that differ together):
             66 × ts  (ts: constant offset +3600000)
        Where: all 66 of the differing events have type = "save" (33.2% of matched events)

      Checks that failed:
        check         observed   required  gap
        match rate      66.50%  >= 99.00%  32.50 pp
        missing rate     0.50%   <= 0.00%  0.50 pp

      Worst fields:
        field  rule   mismatches    rate  max |Δ|  p99 |Δ|  shape
        ts     exact          66  33.17%  3600000  3600000  constant offset +3600000

      Examples (legacy vs shadow):
        key     field         legacy         shadow
        "e1"    ts     1700000001000  1700003601000
        "e100"  ts     1700000100000  1700003700000
        "e103"  ts     1700000103000  1700003703000
        "e106"  ts     1700000106000  1700003706000
        "e109"  ts     1700000109000  1700003709000
      Missing from shadow (1): "e10"

      Counts: legacy 200 · shadow 199 · matched 199 · equal 133 · missing 1 · extra 0 · duplicate keys 0/0 · no key 0/0 (legacy/shadow) · key id
      Hint: if the constant offset +3600000 in ts is benign, set fields['ts'] = { abs: 3600000 }"
    `);
    expect(message.split('\n').length).toBeLessThan(40);
  });

  test('records the report on the test for reporters', ({ task }) => {
    expect(legacy).toApproximatelyMatch(legacy, { key: 'id', label: 'click' });
    expect(task.meta.shadowReports).toHaveLength(1);
    expect(task.meta.shadowReports![0]).toMatchObject({ matcher: 'toApproximatelyMatch', report: { kind: 'events', verdict: 'pass', label: 'click' } });
  });

  test('throws a TypeError for a receiver that is not a dataset', () => {
    expect(() => expect(42).toApproximatelyMatch(legacy, { key: 'id' })).toThrow(TypeError);
    expect(() => expect(42).toApproximatelyMatch(legacy, { key: 'id' })).toThrow(
      'toApproximatelyMatch: the received value (shadow) must be an array of rows or a table with objects() (e.g. from loadDataset), got 42',
    );
  });

  test('throws a TypeError for bad options rather than failing', () => {
    expect(() => expect(legacy).toApproximatelyMatch(legacy, { key: 'id', minMatchRate: 2 })).toThrow(TypeError);
  });

  test('fails on an empty shadow', () => {
    expect(() => expect([]).toApproximatelyMatch(legacy, { key: 'id', minMatchRate: 0, maxMissingRate: 1 })).toThrow(/shadow has no events/);
  });
});

describe('.not.toApproximatelyMatch', () => {
  test('passes when shadow differs', () => {
    const shadow = clone(legacy).map((e) => ({ ...e, price: e.price * 2 + 1 }));
    expect(shadow).not.toApproximatelyMatch(legacy, { key: 'id' });
  });
  test('fails when shadow matches, saying so', () => {
    const message = thrownMessage(() => expect(legacy).not.toApproximatelyMatch(legacy, { key: 'id' }));
    expect(message.split('\n').slice(0, 4).join('\n')).toMatchInlineSnapshot(`
      "expect(shadow).not.toApproximatelyMatch(legacy, options)

      Expected shadow NOT to match legacy, but it does.
      "
    `);
  });
  test('never passes by accident on bad input: a wrong receiver still throws', () => {
    expect(() => expect(null).not.toApproximatelyMatch(legacy, { key: 'id' })).toThrow(TypeError);
  });
});

describe('assertReport', () => {
  test('throws the same message as the matcher outside Vitest', () => {
    const shadow = clone(legacy).map((e) => ({ ...e, price: e.price + 1 }));
    const report = compareEvents(legacy, shadow, { key: 'id' });
    const viaAssert = thrownMessage(() => assertReport(report));
    const viaMatcher = thrownMessage(() => expect(shadow).toApproximatelyMatch(legacy, { key: 'id' }));
    expect(viaMatcher.endsWith(viaAssert)).toBe(true);
    expect(viaAssert).toMatch(/^Shadow does not approximately match legacy: 0 of 200 legacy events/);
  });
  test('returns quietly for a passing report', () => {
    expect(assertReport(compareEvents(legacy, legacy, { key: 'id' }))).toBeUndefined();
  });
});
