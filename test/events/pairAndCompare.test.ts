/**
 * The shuffled-input path of compareEvents (issue 10, "Speed on real row orders"): shadow fields
 * discovered in legacy order during the field loop (resolveAndCompare), pairs checked there rather
 * than in the join (pairAndCompare), paths listed in first-sight order (PathTree). Each is held
 * to the plain path it replaces: resolveFields then comparePairs on a verified pairing.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { MapKey } from '../../src/join/pairRows.js';
import { PathTree, discoverFields } from '../../src/events/_internal/discoverFields.js';
import { fused, options, plain, rows, shadowOf } from './_fusedPath.js';

describe('pairAndCompare', () => {
  it('gives the evidence of resolveFields then comparePairs, on any shapes, options and row orders', () => {
    fc.assert(
      fc.property(
        rows.chain((l) => fc.tuple(fc.constant(l), shadowOf(l))),
        options,
        ([l, s], o) => {
          expect(fused(l, s, o)).toEqual(plain(l, s, o));
        },
      ),
      { seed: 101, numRuns: 300 },
    );
  });

  it('gives the same evidence when every key shares one fingerprint (the field loop finds it, the exact pairing takes over)', () => {
    const collide = (_k: MapKey, out: Int32Array) => {
      out[0] = 5;
      out[1] = 5;
    };
    fc.assert(
      fc.property(rows.chain((l) => fc.tuple(fc.constant(l), shadowOf(l))), options, ([l, s], o) => {
        expect(fused(l, s, o, collide)).toEqual(plain(l, s, o));
      }),
      { seed: 102, numRuns: 200 },
    );
  });

  it('catches a pair of different keys that share a fingerprint in the field loop', () => {
    // 'a' and 'b' collide and are each on one row of one side: the join pairs them unverified.
    const byLength = (k: MapKey, out: Int32Array) => {
      out[0] = String(k).length;
      out[1] = 1;
    };
    const l = [{ id: 'a', v: 1 }, { id: 'cc', v: 2 }];
    const s = [{ id: 'cc', v: 2 }, { id: 'b', v: 1 }];
    const r = fused(l, s, { key: 'id' }, byLength);
    expect(r.ev.counts).toMatchObject({ matched: 1, equal: 1, missing: 1, extra: 1 });
    expect(r).toEqual(plain(l, s, { key: 'id' }));
  });
});

describe('PathTree', () => {
  it('lists paths as a walk in array order does, whatever order the rows are walked in', () => {
    fc.assert(
      fc.property(rows, fc.array(fc.nat()), fc.constantFrom<string[]>([], ['g'], ['g.x', 'zz']), (rs, keys, declared) => {
        const order = rs.map((_, i) => i).sort((p, q) => (keys[p] ?? p) - (keys[q] ?? q) || p - q);
        const t = new PathTree(declared);
        for (const i of order) t.add(rs[i], i);
        expect(t.paths()).toEqual(discoverFields(rs, declared));
      }),
      { seed: 103, numRuns: 300 },
    );
  });

  it('lists a path first seen in an earlier row first, and paths of one row in that row\u2019s key order', () => {
    const t = new PathTree(['d']);
    t.add({ z: 1, a: { q: 1 } }, 5);
    t.add({ m: 1, z: 2 }, 2);
    t.add({ b: 1 }, 9);
    expect(t.paths().map((p) => p.path)).toEqual(['m', 'z', 'a', 'a.q', 'b']);
  });
});
