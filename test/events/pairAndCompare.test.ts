/**
 * The shuffled-input path of compareEvents (issue 10, "Speed on real row orders"): shadow fields
 * discovered in legacy order during the field loop (resolveAndCompare), pairs checked there rather
 * than in the join (pairAndCompare), paths listed in first-sight order (PathTree). Each is held
 * to the plain path it replaces: resolveFields then comparePairs on a verified pairing.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Row } from '../../src/dataset/toRows.js';
import type { MapKey } from '../../src/join/pairRows.js';
import { pairRows } from '../../src/join/pairRows.js';
import { pairDuplicatesInOrder } from '../../src/join/pairDuplicatesInOrder.js';
import { comparePairs } from '../../src/events/_internal/comparePairs.js';
import { PathTree, discoverFields } from '../../src/events/_internal/discoverFields.js';
import { pairAndCompare } from '../../src/events/_internal/pairAndCompare.js';
import { resolveEventOptions } from '../../src/events/_internal/resolveEventOptions.js';
import { resolveFields } from '../../src/events/_internal/resolveFields.js';
import { summariseEvidence } from '../../src/events/_internal/summariseEvidence.js';
import type { CompareEventsOptions } from '../../src/index.js';

/** The evidence the plain path gives: a verified pairing, resolveFields, comparePairs. */
function plain(l: Row[], s: Row[], options: CompareEventsOptions) {
  const o = resolveEventOptions(options);
  const pairing = pairRows('compareEvents', l, s, o.key);
  if (o.duplicateKeys === 'inOrder') pairDuplicatesInOrder(pairing, l, s, o.key);
  const rf = resolveFields(l, s, o);
  const compared = comparePairs(l, s, pairing, rf.fields, o.key, o.maxExamples);
  return { ev: summariseEvidence(l, s, pairing, rf, compared, o), reasons: rf.reasons, ignored: rf.ignoredFields, byName: [...rf.byName] };
}

function fused(l: Row[], s: Row[], options: CompareEventsOptions, fp?: (k: MapKey, out: Int32Array) => void) {
  const o = resolveEventOptions(options);
  const { pairing, rf, compared } = pairAndCompare(l, s, o, fp);
  return { ev: summariseEvidence(l, s, pairing, rf, compared, o), reasons: rf.reasons, ignored: rf.ignoredFields, byName: [...rf.byName] };
}

// Rows whose shapes differ between and within the sides: fields present or not, an object on
// some rows and a scalar on others, a field only one side has, keys in another order, duplicates.
const value = fc.oneof(fc.integer({ min: 0, max: 3 }), fc.constantFrom('x', 'y', null, 1.5), fc.constant(undefined));
const nested = fc.oneof(fc.record({ x: value, y: value }, { requiredKeys: [] }), value);
const row = fc.record(
  { id: fc.integer({ min: 0, max: 25 }), a: value, b: value, g: nested, t: fc.constantFrom(['p', 'q'], ['q', 'p'], ['p']), onlyHere: value },
  { requiredKeys: ['id'] },
);
const rows = fc.array(row, { maxLength: 30 });
const options = fc.constantFrom<CompareEventsOptions>(
  { key: 'id' },
  { key: 'id', compare: 'common' },
  { key: 'id', compare: 'declared', fields: { a: { abs: 1 }, 'g.x': 'exact' } },
  { key: 'id', fields: { g: { equals: (p: unknown, q: unknown) => JSON.stringify(p) === JSON.stringify(q) }, t: { unordered: true } } },
  { key: 'id', rename: { b: 'bb' }, fields: { b: 'exact' } },
  { key: 'id', fields: { gx: { abs: 1 } } }, // a typo: DECLARED_FIELD_ABSENT with its suggestion
  { key: 'id', duplicateKeys: 'inOrder', maxExamples: 2 },
  { key: 'id', fields: { onlyHere: 'ignore' } },
  // The general path (fields resolved from both sides before the field loop):
  { key: 'id', ignoreFieldCase: true },
  { key: 'id', defaults: { number: { abs: 1 }, string: { normalize: 'trim' } } },
);

/** Shadow rows as a second pipeline might write them: some changed, fields renamed or added, keys reordered. */
const shadowOf = (l: Row[]) =>
  fc.tuple(fc.array(fc.nat(), { minLength: l.length, maxLength: l.length }), rows, fc.boolean()).map(([edits, more, reorder]) => {
    const s = l.map((r, i) => {
      const e = edits[i] % 6;
      const c: Record<string, unknown> = { ...r };
      if (e === 1) c.a = 9;
      if (e === 2) delete c.g;
      if (e === 3) c.added = 'new';
      if (e === 4 && 'b' in c) {
        c.bb = c.b;
        delete c.b;
      }
      return reorder ? Object.fromEntries(Object.entries(c).reverse()) : c;
    });
    return [...s, ...more].sort((p, q) => (((p.id as number) * 7919) % 31) - (((q.id as number) * 7919) % 31));
  });

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
