import { describe, expect, test } from 'vitest';
import { profile } from '../../src/profiles/profile.js';
import { thrownMessage } from '../_helpers/stripAnsi.js';
import { events } from '../profiles/_data.js';

const legacy = events(5000, 3);

describe('.toMatchProfile', () => {
  test('passes an identical copy and a stored profile of it', () => {
    expect(structuredClone(legacy)).toMatchProfile(legacy);
    expect(structuredClone(legacy)).toMatchProfile(JSON.parse(JSON.stringify(profile(legacy))));
  });

  test('fails a null rate going from 0 to 3 %, with the failed checks table', () => {
    const shadow = legacy.map((e, i) => ({ ...e, country: i % 100 < 3 ? null : e.country }));
    expect(thrownMessage(() => expect(shadow).toMatchProfile(legacy))).toMatchInlineSnapshot(`
      "expect(shadow).toMatchProfile(legacy, options)

      Profiles differ: 1 reason
        rows: legacy 5,000, shadow 5,000 (+0.00%)
        ✗ country: null rate moved from 0.00% to 3.00% (delta 0.03), outside the allowed [-0.00784, 0.00784] (bound 0 + noise 0.00784)

      Failed checks (delta outside the allowed interval: bound widened by sampling noise):
        column   check     legacy  shadow  delta  allowed
        country  nullRate       0    0.03   0.03  [-0.007843, 0.007843]
      Decision: each of 30 noise-aware checks at α/m = 0.001667 (z = 3.144); two samples of one distribution fail at most α = 0.05"
    `);
  });

  test('with by: passes every type of a copy, fails naming the type whose null rate moved', () => {
    expect(structuredClone(legacy)).toMatchProfile(legacy, { by: 'type' });
    const shadow = legacy.map((e, i) => ({ ...e, country: e.type === 'view' && i % 100 < 6 ? null : e.country }));
    expect(thrownMessage(() => expect(shadow).toMatchProfile(legacy, { by: 'type' })).split('\n')[2]).toMatchInlineSnapshot(`"Grouped profile check fails: 1 of 4 groups by type fail (view)."`);
  });

  test('a wrong receiver throws a TypeError', () => {
    expect(() => expect(42).toMatchProfile(legacy)).toThrow(TypeError);
  });
});

describe('.not.toMatchProfile', () => {
  test('passes when the profiles differ', () => {
    expect(legacy.slice(0, 4000)).not.toMatchProfile(legacy);
  });
  test('fails when they match', () => {
    expect(() => expect(legacy).not.toMatchProfile(legacy)).toThrow(/Expected shadow NOT to match legacy/);
  });
});
