import { describe, expect, test } from 'vitest';
import { thrownMessage } from '../_helpers/stripAnsi.js';

const legacy = Array.from({ length: 3000 }, (_, i) => (i % 4 === 0 ? 'fraud' : 'ok'));
const shadow = legacy.map((v, i) => (i % 500 === 0 ? (v === 'ok' ? 'fraud' : 'ok') : v));

describe('.toAgreeWith', () => {
  test('passes when the Clopper-Pearson lower bound of agreement reaches minAgreement', () => {
    expect(shadow).toAgreeWith(legacy, { minAgreement: 0.99 });
  });

  test('fails below the bar, reporting McNemar on the two classes', () => {
    const message = thrownMessage(() => expect(shadow).toAgreeWith(legacy, { minAgreement: 0.9995 }));
    expect(message).toMatchInlineSnapshot(`
      "expect(shadow).toAgreeWith(legacy, options)

      Shadow predictions disagree with legacy: 2,994 of 3,000 predictions agree (99.80%), 99.95% required.

      Observed vs required (Clopper-Pearson bounds, 95% one-sided):
        agreement      99.80%, bounds [99.61%, 99.91%]   required lower bound ≥ 99.95%, short by 0.34 pp
        McNemar        p 0.03125 (McNemar's test (exact binomial)): 6 × legacy "fraud", shadow "ok" vs 0 × legacy "ok", shadow "fraud"

      Most frequent disagreements:
        legacy   shadow  count
        "fraud"  "ok"        6

      Examples (legacy vs shadow):
        input  legacy   shadow
        #0     "fraud"  "ok"
        #500   "fraud"  "ok"
        #1000  "fraud"  "ok"
        #1500  "fraud"  "ok"
        #2000  "fraud"  "ok"
      Hint: if 99.6% agreement is acceptable, lower minAgreement to 0.996."
    `);
  });

  test('keyed rows are joined on the key', () => {
    const l = legacy.map((v, i) => ({ id: `t${i}`, decision: v }));
    const s = shadow.map((v, i) => ({ id: `t${i}`, decision: v })).reverse();
    expect(s).toAgreeWith(l, { minAgreement: 0.99, key: 'id', value: 'decision' });
  });

  test('throws a TypeError for minAgreement 1 (nothing can show it) and for a bad receiver', () => {
    expect(() => expect(shadow).toAgreeWith(legacy, { minAgreement: 1 })).toThrow(TypeError);
    expect(() => expect(null).toAgreeWith(legacy, { minAgreement: 0.9 })).toThrow(TypeError);
  });
});

describe('.not.toAgreeWith', () => {
  test('passes when agreement is shown to be below minAgreement', () => {
    const flipped = legacy.map((v, i) => (i % 5 === 0 ? (v === 'ok' ? 'fraud' : 'ok') : v));
    expect(flipped).not.toAgreeWith(legacy, { minAgreement: 0.95 });
  });

  test('fails when the predictions do agree', () => {
    expect(thrownMessage(() => expect(shadow).not.toAgreeWith(legacy, { minAgreement: 0.99 })).split('\n').slice(0, 3)).toMatchInlineSnapshot(`
      [
        "expect(shadow).not.toAgreeWith(legacy, options)",
        "",
        "Expected shadow NOT to match legacy, but it does.",
      ]
    `);
  });

  test('an inconclusive comparison never satisfies .not', () => {
    expect(() => expect(['a', 'b']).not.toAgreeWith(['a', 'b'], { minAgreement: 0.9 })).toThrow('the comparison was inconclusive');
  });
});
