import { describe, expect, test } from 'vitest';
import { thrownMessage } from '../_helpers/stripAnsi.js';

const legacy = Array.from({ length: 1000 }, (_, i) => ({ id: i, ts: 1_700_000_000_000 + i * 1000, name: 'café', v: i % 7 }));

describe('.toMatchBytes', () => {
  test('passes records equal after normalisation (key order, NFC, -0)', () => {
    const shadow = legacy.map((e) => ({ v: e.v === 0 ? -0 : e.v, name: 'cafe\u0301', ts: e.ts, id: e.id }));
    expect(shadow).toMatchBytes(legacy, { key: 'id' });
  });

  test('fails ISO timestamps in 1 % of records, naming offset and field', () => {
    const shadow = legacy.map((e, i) => (i % 100 === 9 ? { ...e, ts: new Date(e.ts).toISOString() } : e));
    expect(thrownMessage(() => expect(shadow).toMatchBytes(legacy, { key: 'id', maxExamples: 2 }))).toMatchInlineSnapshot(`
      "expect(shadow).toMatchBytes(legacy, options)

      Bytes differ: 99.00% of legacy records byte-equal after normalisation v1-2f681fb4 (100.00% required)
        records: legacy 1,000, shadow 1,000, matched 1,000, equal 990, differing 10, missing 0, extra 0
        bytes per record: legacy 49.9, shadow 50.0

      Field holding the first differing byte:
        field  records  known
        ts          10      0

      Examples (normalised bytes from just before the first difference):
        key 9: byte 28 in ts
          legacy …é","ts":1700000009000,"v…
          shadow …é","ts":"2023-11-14T22:1…
        key 109: byte 30 in ts
          legacy …é","ts":1700000109000,"v…
          shadow …é","ts":"2023-11-14T22:1…
      Hint: ts is an ISO string on one side and a number on the other: if consumers read both, normalize: { timestamps: { fields: ['ts'] } }; if they hash the bytes, fix the writer"
    `);
  });

  test('with by: passes every type, and fails naming the one type whose bytes differ', () => {
    const typed = legacy.map((e) => ({ ...e, type: ['a', 'b'][e.id % 2] }));
    expect(typed).toMatchBytes(typed, { key: 'id', by: 'type' });
    const shadow = typed.map((e) => (e.type === 'b' && e.id % 10 === 1 ? { ...e, v: 99 } : e));
    const message = thrownMessage(() => expect(shadow).toMatchBytes(typed, { key: 'id', by: 'type', maxExamples: 1 }));
    // The headline and the failing group's own section (the table between is the grouped renderer's).
    const lines = message.split('\n');
    expect([...lines.slice(0, 3), ...lines.slice(lines.findIndex((l) => l.startsWith('── ')))].join('\n')).toMatchInlineSnapshot(`
      "expect(shadow).toMatchBytes(legacy, options)

      Grouped bytes check fails: 1 of 2 groups by type fail (b).
      ── type = b ──
      [b] Bytes differ: 80.00% of legacy records byte-equal after normalisation v1-2f681fb4 (100.00% required)
        records: legacy 500, shadow 500, matched 500, equal 400, differing 100, missing 0, extra 0
        bytes per record: legacy 60.9, shadow 61.1

      Field holding the first differing byte:
        field  records  known
        v          100      0

      Examples (normalised bytes from just before the first difference):
        key 1: byte 57 in v
          legacy …"b","v":1}…
          shadow …"b","v":99}…
      Hint: if v is volatile for every byte-sensitive consumer, add it to normalize.drop (a new normalisation id: earlier nights stop being comparable)"
    `);
  });

  test('a normalisation that drops the key throws', () => {
    expect(() => expect(legacy).toMatchBytes(legacy, { key: 'id', normalize: { drop: ['id'] } })).toThrow(TypeError);
  });
});

describe('.not.toMatchBytes', () => {
  test('passes when bytes differ', () => {
    expect(legacy.map((e) => ({ ...e, v: e.v + 1 }))).not.toMatchBytes(legacy, { key: 'id' });
  });
});
