/**
 * Shared by pairAndCompare.test.ts (bounded) and pairAndCompare.slow.test.ts: the plain path
 * (a verified pairing, resolveFields, comparePairs) and the one compareEvents takes
 * (pairAndCompare), and rows whose shapes differ between and within the sides.
 */
import fc from 'fast-check';
import type { Row } from '../../src/dataset/toRows.js';
import type { MapKey } from '../../src/join/pairRows.js';
import { pairRows } from '../../src/join/pairRows.js';
import { pairDuplicatesInOrder } from '../../src/join/pairDuplicatesInOrder.js';
import { comparePairs } from '../../src/events/_internal/comparePairs.js';
import { pairAndCompare } from '../../src/events/_internal/pairAndCompare.js';
import { resolveEventOptions } from '../../src/events/_internal/resolveEventOptions.js';
import { resolveFields } from '../../src/events/_internal/resolveFields.js';
import { summariseEvidence } from '../../src/events/_internal/summariseEvidence.js';
import type { CompareEventsOptions } from '../../src/index.js';

/** The evidence the plain path gives: a verified pairing, resolveFields, comparePairs. */
export function plain(l: Row[], s: Row[], options: CompareEventsOptions) {
  const o = resolveEventOptions(options);
  const pairing = pairRows('compareEvents', l, s, o.key);
  if (o.duplicateKeys === 'inOrder') pairDuplicatesInOrder(pairing, l, s, o.key);
  const rf = resolveFields(l, s, o);
  const compared = comparePairs(l, s, pairing, rf.fields, o.key, o.maxExamples);
  return { ev: summariseEvidence(l, s, pairing, rf, compared, o), reasons: rf.reasons, ignored: rf.ignoredFields, byName: [...rf.byName] };
}

export function fused(l: Row[], s: Row[], options: CompareEventsOptions, fp?: (k: MapKey, out: Int32Array) => void) {
  const o = resolveEventOptions(options);
  const { pairing, rf, compared } = pairAndCompare(l, s, o, fp);
  return { ev: summariseEvidence(l, s, pairing, rf, compared, o), reasons: rf.reasons, ignored: rf.ignoredFields, byName: [...rf.byName] };
}

// Rows whose shapes differ between and within the sides: fields present or not, an object on
// some rows and a scalar on others, a field only one side has, keys in another order, duplicates.
export const value = fc.oneof(fc.integer({ min: 0, max: 3 }), fc.constantFrom('x', 'y', null, 1.5), fc.constant(undefined));
const nested = fc.oneof(fc.record({ x: value, y: value }, { requiredKeys: [] }), value);
const rowOf = (maxId: number) =>
  fc.record(
    { id: fc.integer({ min: 0, max: maxId }), a: value, b: value, g: nested, t: fc.constantFrom(['p', 'q'], ['q', 'p'], ['p']), onlyHere: value },
    { requiredKeys: ['id'] },
  );
/** Up to `maxLength` rows (drawn at full size above 30, ids up to maxLength), ids repeating so that duplicates occur. */
export const rowsOf = (maxLength: number) =>
  maxLength > 30 ? fc.array(rowOf(maxLength), { maxLength, size: 'max' }) : fc.array(rowOf(25), { maxLength });
export const rows = rowsOf(30);
export const options = fc.constantFrom<CompareEventsOptions>(
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
export const shadowOf = (l: Row[]) =>
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

