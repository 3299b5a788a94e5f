import { describe, expect, test } from 'vitest';
import { quantile } from 'simple-statistics';
import { PreciseDate, compareEvents, type EventReport } from '../../src/index.js';
import { clone, makeEvents, pickIndices, shuffled, type TestEvent } from '../_helpers/events.js';

const field = (r: EventReport, name: string) => {
  const f = r.fields.find((x) => x.field === name);
  if (!f) throw new Error(`no field ${name} in report; fields: ${r.fields.map((x) => x.field).join(', ')}`);
  return f;
};

describe('compareEvents: counts against injected ground truth', () => {
  // 2,000 events; inject disjoint sets of faults at seeded positions and count them back.
  const legacy = makeEvents(2000, 7);
  const missingIdx = pickIndices(2000, 37, 1);
  const priceIdx = pickIndices(2000, 53, 2, new Set(missingIdx));
  const cityIdx = pickIndices(2000, 11, 3, new Set([...missingIdx, ...priceIdx]));
  const bothIdx = pickIndices(2000, 5, 4, new Set([...missingIdx, ...priceIdx, ...cityIdx]));
  const shadow = clone(legacy) as TestEvent[];
  for (const i of priceIdx) shadow[i].price += 0.5;
  for (const i of cityIdx) shadow[i].geo.city = 'Berlin';
  for (const i of bothIdx) {
    shadow[i].price += 0.5;
    shadow[i].geo.city = 'Berlin';
  }
  const kept = shadow.filter((_, i) => !missingIdx.includes(i));
  const extras = Array.from({ length: 9 }, (_, i) => ({ ...legacy[i], id: `x${i}` }));
  const report = compareEvents(legacy, [...kept, ...extras], { key: 'id' });

  test('counts missing, extra, matched and equal exactly', () => {
    expect(report.counts).toMatchObject({
      legacy: 2000,
      shadow: 2000 - 37 + 9,
      matched: 2000 - 37,
      missing: 37,
      extra: 9,
      equal: 2000 - 37 - 53 - 11 - 5,
      legacyDuplicateKeys: 0,
      shadowDuplicateKeys: 0,
    });
    expect(report.rates.match).toBeCloseTo((2000 - 37 - 69) / 2000, 12);
    expect(report.rates.missing).toBeCloseTo(37 / 2000, 12);
    expect(report.rates.extra).toBeCloseTo(9 / (2000 - 37 + 9), 12);
  });

  test('counts mismatches per field and groups fields that differ together', () => {
    expect(field(report, 'price').mismatches).toBe(53 + 5);
    expect(field(report, 'geo.city').mismatches).toBe(11 + 5);
    expect(field(report, 'geo.lat').mismatches).toBe(0);
    expect(report.groups.map((g) => [g.fields, g.count])).toEqual([
      [['price'], 53],
      [['geo.city'], 11],
      [['geo.city', 'price'], 5],
    ]);
  });

  test('names the shape of a constant offset and reports |delta| statistics over matched pairs', () => {
    const price = field(report, 'price');
    expect(price.shape).toMatchObject({ kind: 'constant-offset', explains: 58 });
    expect(price.shape!.value).toBeCloseTo(0.5, 9);
    // Independent computation of the quantiles: 58 deltas of 0.5, the rest 0, over 1,963 matched pairs.
    const deltas = Array.from({ length: 2000 - 37 }, (_, i) => (i < 58 ? 0.5 : 0));
    expect(price.delta!.n).toBe(1963);
    expect(price.delta!.maxAbs).toBeCloseTo(0.5, 9);
    expect(price.delta!.p50Abs).toBe(quantile(deltas, 0.5));
    expect(price.delta!.p99Abs).toBeCloseTo(quantile(deltas, 0.99), 9);
  });

  test('fails with the match-rate and missing/extra reasons', () => {
    expect(report.verdict).toBe('fail');
    expect(report.reasons.filter((r) => r.severity === 'fail').map((r) => r.code)).toEqual([
      'MATCH_RATE_BELOW_MIN',
      'MISSING_RATE_ABOVE_MAX',
      'EXTRA_RATE_ABOVE_MAX',
    ]);
  });

  test('keeps the smallest keys as examples so any row order gives the same report', () => {
    const again = compareEvents(shuffled(legacy, 9), shuffled([...kept, ...extras], 10), { key: 'id' });
    expect(again).toEqual(report);
    expect(report.examples.missing).toEqual(missingIdx.map((i) => `e${i}`).sort().slice(0, 5));
  });

  test('passes when thresholds allow the injected faults', () => {
    const lenient = compareEvents(legacy, [...kept, ...extras], {
      key: 'id',
      minMatchRate: 0.94,
      maxMissingRate: 0.02,
      maxExtraRate: 0.005,
      fields: { price: { abs: 0.5 + 1e-7 }, 'geo.city': 'ignore' }, // +0.5 in floating point can land a hair above 0.5
    });
    expect(lenient.verdict).toBe('pass');
    expect(lenient.counts.equal).toBe(2000 - 37);
  });
});

describe('compareEvents: keys', () => {
  test('composite keys are tuples, never concatenated strings', () => {
    const legacy = [{ a: 1, b: 11, v: 1 }, { a: 11, b: 1, v: 2 }];
    const shadow = [{ a: 11, b: 1, v: 2 }, { a: 1, b: 11, v: 1 }];
    const r = compareEvents(legacy, shadow, { key: ['a', 'b'] });
    expect(r.counts).toMatchObject({ matched: 2, equal: 2 });
    expect(r.verdict).toBe('pass');
    const swapped = compareEvents(legacy, [{ a: 1, b: 11, v: 2 }, { a: 11, b: 1, v: 1 }], { key: ['a', 'b'] });
    expect(swapped.counts.equal).toBe(0);
  });

  test('string parts containing the separator cannot collide', () => {
    const legacy = [{ a: 'x,s1:y', b: 'z' }];
    const shadow = [{ a: 'x', b: 'y,s1:z' }];
    expect(compareEvents(legacy, shadow, { key: ['a', 'b'] }).counts).toMatchObject({ matched: 0, missing: 1, extra: 1 });
  });

  test('a number key never matches its string form, and the hint says so', () => {
    const r = compareEvents([{ id: 1, v: 1 }, { id: 2, v: 2 }], [{ id: '1', v: 1 }, { id: '2', v: 2 }], { key: 'id' });
    expect(r.counts).toMatchObject({ matched: 0, missing: 2, extra: 2 });
    expect(r.hints.join('\n')).toMatch(/keys are numbers in legacy but strings in shadow/);
  });

  test('a key function may return a tuple', () => {
    const r = compareEvents([{ u: 'a', n: 1 }], [{ u: 'a', n: 1 }], { key: (row) => [row.u, row.n] });
    expect(r.counts.matched).toBe(1);
  });

  test('duplicate keys are reported on each side and never fanned out', () => {
    const legacy = [{ id: 1, v: 1 }, { id: 1, v: 2 }, { id: 2, v: 1 }, { id: 3, v: 1 }];
    const shadow = [{ id: 1, v: 1 }, { id: 2, v: 1 }, { id: 2, v: 1 }, { id: 2, v: 9 }, { id: 3, v: 1 }];
    const r = compareEvents(legacy, shadow, { key: 'id' });
    expect(r.counts).toMatchObject({
      matched: 1,
      equal: 1,
      legacyDuplicateKeys: 1,
      legacyDuplicateRows: 2,
      shadowDuplicateKeys: 1,
      shadowDuplicateRows: 3,
      ambiguous: 1,
      missing: 0,
      extra: 0,
    });
    expect(r.examples.duplicates).toEqual([
      { side: 'legacy', key: 1, rows: 2 },
      { side: 'shadow', key: 2, rows: 3 },
    ]);
    expect(r.reasons.filter((x) => x.code === 'DUPLICATE_KEYS').map((x) => x.subject)).toEqual(['legacy', 'shadow']);
    expect(compareEvents(legacy, shadow, { key: 'id', maxDuplicateKeys: 1, minMatchRate: 0.25 }).verdict).toBe('pass');
  });

  test('rows without the key field are counted with examples, never dropped silently', () => {
    const r = compareEvents([{ id: 1 }, { v: 2 }, { id: null, v: 3 }], [{ id: 1 }], { key: 'id' });
    expect(r.counts.legacyMissingKey).toBe(2);
    expect(r.examples.missingKey).toEqual([
      { side: 'legacy', field: 'id', row: { id: null, v: 3 } },
      { side: 'legacy', field: 'id', row: { v: 2 } },
    ]);
    expect(r.reasons[0]).toMatchObject({ code: 'MISSING_KEY_FIELD', subject: 'legacy', received: 2 });
    expect(r.verdict).toBe('fail');
  });

  test('__proto__ and constructor in the data alter no object', () => {
    const legacy = JSON.parse('[{"id":"__proto__","__proto__":{"polluted":1},"constructor":5}]');
    const shadow = JSON.parse('[{"id":"__proto__","__proto__":{"polluted":2},"constructor":5}]');
    const r = compareEvents(legacy, shadow, { key: 'id' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(r.counts.matched).toBe(1);
    expect(field(r, '__proto__.polluted').mismatches).toBe(1);
    expect(field(r, 'constructor').mismatches).toBe(0);
  });
});

describe('compareEvents: empty and vacuous input never passes', () => {
  test('fails when legacy is empty', () => {
    const r = compareEvents([], [{ id: 1 }], { key: 'id' });
    expect(r.verdict).toBe('fail');
    expect(r.reasons[0].code).toBe('EMPTY_LEGACY');
  });
  test('fails when shadow is empty, even with minMatchRate 0', () => {
    const r = compareEvents([{ id: 1 }], [], { key: 'id', minMatchRate: 0, maxMissingRate: 1 });
    expect(r.verdict).toBe('fail');
    expect(r.reasons.map((x) => x.code)).toContain('EMPTY_SHADOW');
  });
  test('fails when a declared rule names a field neither side has, suggesting the nearest', () => {
    const r = compareEvents([{ id: 1, price: 1 }], [{ id: 1, price: 1 }], { key: 'id', fields: { prcie: { abs: 1 } } });
    expect(r.verdict).toBe('fail');
    expect(r.reasons[0].message).toBe("fields.prcie has a rule but no event on either side has the field; did you mean 'price'?");
  });
});

describe('compareEvents: schema', () => {
  test('reports fields present on one side only and suggests a rename', () => {
    const r = compareEvents([{ id: 1, userId: 'a' }], [{ id: 1, user_id: 'a' }], { key: 'id' });
    expect(r.schema).toEqual({ onlyInLegacy: ['userId'], onlyInShadow: ['user_id'] });
    expect(r.hints).toContain("legacy field 'userId' may be renamed 'user_id' in shadow: set rename: { 'userId': 'user_id' }");
    const renamed = compareEvents([{ id: 1, userId: 'a' }], [{ id: 1, user_id: 'a' }], { key: 'id', rename: { userId: 'user_id' } });
    expect(renamed.verdict).toBe('pass');
    expect(field(renamed, 'userId').shadowField).toBe('user_id');
  });

  test('renaming an object renames its subtree, and rules follow the legacy name', () => {
    const r = compareEvents(
      [{ id: 1, geo: { lat: 1.0, city: 'A' } }],
      [{ id: 1, location: { lat: 1.004, city: 'A' } }],
      { key: 'id', rename: { geo: 'location' }, fields: { 'geo.lat': { abs: 0.01 } } },
    );
    expect(r.verdict).toBe('pass');
    expect(r.fields.map((f) => [f.field, f.shadowField])).toEqual([
      ['geo.city', 'location.city'],
      ['geo.lat', 'location.lat'],
    ]);
  });

  test('an object turned null is one difference in the container field', () => {
    const r = compareEvents([{ id: 1, geo: { city: 'A' } }], [{ id: 1, geo: null }], { key: 'id' });
    expect(r.groups[0].fields).toEqual(['geo', 'geo.city']);
  });

  test("compare: 'declared' compares only the declared fields", () => {
    const r = compareEvents([{ id: 1, a: 1, b: 1 }], [{ id: 1, a: 1, b: 2 }], { key: 'id', compare: 'declared', fields: { a: 'exact' } });
    expect(r.verdict).toBe('pass');
    expect(r.fields.map((f) => f.field)).toEqual(['a']);
  });
});

describe('compareEvents: shapes of differences', () => {
  const base = Array.from({ length: 40 }, (_, i) => ({ id: i, x: 10 + i * 1.37, t: '2026-03-29T00:30:00Z', s: 'v' }));
  const cases: [string, (r: { x: number; t: string; s: unknown }) => void, string, string][] = [
    ['scale factor', (r) => (r.x *= 1.25), 'x', 'scale'],
    ['rounding', (r) => (r.x = Math.round(r.x * 10) / 10), 'x', 'rounding'],
    ['whole-hour shift', (r) => (r.t = '2026-03-29T01:30:00Z'), 't', 'whole-hours'],
    ['turned null', (r) => (r.s = null), 's', 'turned-null'],
    ['type change', (r) => (r.x = String(r.x) as unknown as number), 'x', 'type-change'],
  ];
  for (const [name, mutate, f, kind] of cases) {
    test(`names a ${name}`, () => {
      const shadow = clone(base);
      shadow.forEach(mutate);
      const r = compareEvents(base, shadow, { key: 'id', fields: { t: { time: '1s' } } });
      expect(field(r, f).shape?.kind).toBe(kind);
    });
  }
});

describe('compareEvents: times cut to a coarser precision (Parquet µs timestamps)', () => {
  // Legacy to the µs; row i at i seconds + i·1,001 µs (so i ms and i µs past the second).
  const legacy = Array.from({ length: 30 }, (_, i) => ({ id: i, ts: PreciseDate.fromMicros(1_704_067_200_000_000n + BigInt(i) * 1_001_001n) }));
  const cut = (step: number) => legacy.map((e) => ({ id: e.id, ts: new Date(Math.floor(e.ts.getTime() / step) * step) }));
  test.each([[1, 'millisecond', 3, "{ time: '1ms' }"], [1000, 'second', 0, "{ time: '1s' }"]] as const)('cut to whole %s-ms steps: named, with the rule that accepts it', (step, name, digits, rule) => {
    const r = compareEvents(legacy, cut(step), { key: 'id' });
    // Row 0 is on a whole second; every other row loses its µs (and, cut to seconds, its ms).
    expect(field(r, 'ts').mismatches).toBe(29);
    expect(field(r, 'ts').shape).toEqual({ kind: 'rounding', description: `shadow is legacy cut to the ${name}`, value: digits, explains: 29 });
    expect(r.hints.some((h) => h.includes(`set fields['ts'] = ${rule}`))).toBe(true);
    expect(compareEvents(legacy, cut(step), { key: 'id', fields: { ts: { time: step === 1 ? '1ms' : '1s' } } }).verdict).toBe('pass');
  });

  test('a shadow rounded (not cut) to the millisecond has no such shape', () => {
    const rounded = legacy.map((e) => ({ id: e.id, ts: new Date(Math.round(e.ts.epochMs())) }));
    // µs 1,001·i mod 1,000 = i: never 500 or more, so rounding cuts too; add 0.6 ms to round up.
    const up = legacy.map((e) => ({ id: e.id, ts: PreciseDate.fromMicros(BigInt(Math.round(e.ts.epochMs() * 1000)) + 600n) }));
    const r = compareEvents(up, up.map((e) => ({ id: e.id, ts: new Date(Math.round(e.ts.epochMs())) })), { key: 'id' });
    expect(field(r, 'ts').shape?.description ?? '').not.toContain('cut to the');
    expect(compareEvents(legacy, rounded, { key: 'id' }).fields[0].shape?.description).toBe('shadow is legacy cut to the millisecond');
  });
});

describe('compareEvents: where mismatches concentrate', () => {
  test('names the value held by the differing events, with its base share', () => {
    const legacy = makeEvents(600, 11);
    const shadow = clone(legacy);
    const faulty = shadow.filter((e) => e.type === 'save');
    for (const e of faulty) e.price += 1;
    const r = compareEvents(legacy, shadow, { key: 'id' });
    expect(r.segments).toEqual([{ field: 'type', value: 'save', mismatchShare: 1, baseShare: faulty.length / 600, mismatches: faulty.length }]);
  });
  test('names no segment when mismatches are spread evenly', () => {
    const legacy = makeEvents(600, 12);
    const shadow = clone(legacy);
    shadow.forEach((e, i) => i % 10 === 0 && (e.price += 1));
    expect(compareEvents(legacy, shadow, { key: 'id' }).segments).toEqual([]);
  });
});

describe('compareEvents: hints', () => {
  const legacy = makeEvents(50, 5);
  const cases: [string, (e: TestEvent) => void, Record<string, unknown>, RegExp][] = [
    ['a constant time offset', (e) => (e.ts += 2001), { ts: { time: '1s' } }, /set fields\['ts'\] = \{ time: ([\d.e-]+) \}/],
    ['a constant numeric offset', (e) => (e.price += 0.123456), {}, /set fields\['price'\] = \{ abs: ([\d.e-]+) \}/],
    ['a scale factor', (e) => (e.price *= 1.1), {}, /set fields\['price'\] = \{ rel: ([\d.e-]+) \}/],
  ];
  for (const [name, mutate, fields, pattern] of cases) {
    test(`applying the suggested tolerance for ${name} makes the comparison pass`, () => {
      const shadow = clone(legacy);
      shadow.forEach(mutate);
      const first = compareEvents(legacy, shadow, { key: 'id', fields: fields as never });
      expect(first.verdict).toBe('fail');
      const m = pattern.exec(first.hints.join('\n'));
      expect(m, first.hints.join('\n')).not.toBeNull();
      const [field, kind] = /fields\['(\w+)'\] = \{ (\w+)/.exec(m![0])!.slice(1);
      const fixed = compareEvents(legacy, shadow, { key: 'id', fields: { ...fields, [field]: { [kind]: Number(m![1]) } } as never });
      expect(fixed.verdict).toBe('pass');
    });
  }
});
