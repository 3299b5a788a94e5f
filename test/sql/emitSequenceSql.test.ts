/**
 * The sequence plan in DuckDB against the engine's own result: the same seeded histories, with
 * faults injected at chosen users (a dropped event, a swapped pair, a duplicate, a late event
 * pushed out of the time window, a changed price, a cut head, a lost and an added user, rows
 * without entity, order or id), compared by compareSequences in memory and by the emitted SQL in
 * DuckDB: the counts, metrics, classes, histograms and per-field mismatches agree, and the
 * injected faults are counted back. The Spark and Trino plans are pinned by snapshot.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, test } from 'vitest';
import { compareSequences, type SequenceReport } from '../../src/sequences/compareSequences.js';
import { emitSequenceSql, type SqlSequenceComparison } from '../../src/sql/emitSequenceSql.js';
import { reportFromSqlSequenceCounts, type SqlSequenceReport } from '../../src/sql/reportFromSqlSequenceCounts.js';
import { ShadowDataError, ShadowOptionError } from '../../src/_internal/options.js';
import { DAY, T0, makeHistories, pickUsers, type SeqEvent } from '../_helpers/sequences.js';

interface Ev {
  id: string | null;
  user: string | null;
  type: string;
  ts: number | null;
  price: number;
}

const legacy: Ev[] = makeHistories(120, 31, 5, 40).map((e: SeqEvent): Ev => ({ id: e.id, user: e.user, type: e.type, ts: e.ts, price: e.price }));
const users = [...new Set(legacy.map((e) => e.user as string))];
const byUser = (rows: Ev[], u: string) => rows.filter((e) => e.user === u).sort((a, b) => (a.ts as number) - (b.ts as number));
let shadow: Ev[] = structuredClone(legacy);
const used = new Set<string>();
const pick = (k: number, seed: number) => {
  const us = pickUsers(users, k, seed, used);
  for (const u of us) used.add(u);
  return us;
};
const sIdx = (u: string, k: number) => shadow.indexOf(byUser(shadow, u)[k]);

// Faults, each on users of its own; counted back in the tests below.
const dropped = pick(7, 1); // a middle event (position 2) dropped from shadow: missing, 1 event each
for (const u of dropped) shadow.splice(sIdx(u, 2), 1);
const swapped = pick(5, 2); // events 1 and 2 swap times in shadow: reordered (1 inversion), 2 time-shifted events
for (const u of swapped) {
  const [a, b] = [shadow[sIdx(u, 1)], shadow[sIdx(u, 2)]];
  [a.ts, b.ts] = [b.ts, a.ts];
}
const duplicated = pick(4, 3); // event 1 appears twice in shadow: duplicated, 1 event each
for (const u of duplicated) shadow.push({ ...shadow[sIdx(u, 1)] });
const changed = pick(6, 4); // price of event 3 + 0.5: changed, 1 event each
for (const u of changed) shadow[sIdx(u, 3)].price += 0.5;
const nearPrice = pick(6, 5); // price + 0.004: within the rule, no difference
for (const u of nearPrice) shadow[sIdx(u, 3)].price += 0.004;
const cutHead = pick(3, 6); // first event dropped from shadow: cut-head, 1 event each
for (const u of cutHead) shadow.splice(sIdx(u, 0), 1);
const late = pick(3, 7); // last event 3 s late: time-shifted beyond the 2 s rule (order unchanged: gaps are >= 60 s)
for (const u of late) (shadow[sIdx(u, byUser(shadow, u).length - 1)].ts as number) += 3000;
const [lostUser] = pick(1, 8); // every event missing from shadow: a missing entity
shadow = shadow.filter((e) => e.user !== lostUser);
shadow.push(...[0, 1, 2].map((k) => ({ id: `new-${k}`, user: 'u999', type: 'click', ts: T0 + k * 60_000, price: 1 }))); // an extra entity
// Rows the reading leaves out: legacy without entity (1) and without order (2), shadow without id (1, on a user of its own).
const [noIdUser] = pick(1, 9);
legacy.push({ ...legacy[0], id: 'orphan', user: null });
const noOrder = pick(2, 10);
for (const u of noOrder) legacy.push({ ...legacy.find((e) => e.user === u)!, id: `${u}-noorder`, ts: null });
shadow[sIdx(noIdUser, 0)].id = null;

const comparison: SqlSequenceComparison = { entity: 'user', orderBy: 'ts', id: 'id', fields: { price: { abs: 0.01 }, type: 'exact', ts: { time: '2s' } } };

const toMem = (rows: Ev[]) => rows.map((r) => ({ ...r, ts: r.ts === null ? null : new Date(r.ts) }));

async function runDuckDb(sql: string, l: Ev[] = legacy, s: Ev[] = shadow, tsType: 'TIMESTAMP' | 'BIGINT' = 'TIMESTAMP'): Promise<Record<string, unknown>[]> {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  for (const [name, rows] of [['legacy_t', l], ['shadow_t', s]] as const) {
    await c.run(`CREATE TABLE ${name} (id VARCHAR, "user" VARCHAR, type VARCHAR, ts ${tsType}, price DOUBLE)`);
    const a = await c.createAppender(name);
    for (const r of rows) {
      for (const v of [r.id, r.user, r.type]) if (v === null) a.appendNull(); else a.appendVarchar(v);
      if (r.ts === null) a.appendNull();
      else if (tsType === 'BIGINT') a.appendBigInt(BigInt(r.ts));
      else a.appendVarchar(new Date(r.ts).toISOString().replace('T', ' ').replace('Z', ''));
      a.appendDouble(r.price);
      a.endRow();
    }
    a.closeSync();
  }
  const out = (await c.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
  c.closeSync();
  db.closeSync();
  return out.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v])));
}

/** What the SQL report and the engine's report must share. */
function shared(r: SequenceReport | SqlSequenceReport) {
  const { kendallTau, ...metrics } = r.metrics;
  return {
    verdict: r.verdict,
    codes: r.reasons.filter((x) => x.severity !== 'info').map((x) => x.code),
    counts: r.counts,
    metrics: { exactRate: metrics.exactRate, meanLengthDelta: metrics.meanLengthDelta, shadowLonger: metrics.shadowLonger, shadowShorter: metrics.shadowShorter, kendallEntities: metrics.kendallEntities, missingEntityRate: metrics.missingEntityRate, extraEntityRate: metrics.extraEntityRate },
    kendallTau,
    classes: r.classes.map((c) => ({ class: c.class, entities: c.entities, events: c.class === 'reordered' ? null : c.events })),
    firstDivergence: r.firstDivergence,
    fields: Object.fromEntries(r.fields.filter((f) => f.mismatches > 0).map((f) => [f.field, f.mismatches])),
  };
}

async function both(c: SqlSequenceComparison, s: Ev[] = shadow) {
  const plan = emitSequenceSql(c, { dialect: 'duckdb', legacy: 'legacy_t', shadow: 'shadow_t' });
  const [row] = await runDuckDb(plan.counts, legacy, s);
  const sql = reportFromSqlSequenceCounts(plan, row);
  const mem = compareSequences(toMem(legacy), toMem(s), { ...c, compare: 'declared' });
  return { plan, row, sql: shared(sql), mem: shared(mem), report: sql };
}

describe('emitSequenceSql, DuckDB dialect, against compareSequences', () => {
  test('no window: the same counts, metrics, classes and field mismatches; the injected faults counted back', async () => {
    const { sql, mem } = await both(comparison);
    const { kendallTau: kt, ...rest } = sql;
    const { kendallTau: km, ...restMem } = mem;
    expect(rest).toEqual(restMem);
    expect(kt).toBeCloseTo(km!, 12);
    // Ground truth from the injection, not from either engine.
    const cls = Object.fromEntries(sql.classes.map((c) => [c.class, [c.entities, c.events]]));
    expect(cls).toEqual({
      'cut-head': [3, 3],
      reordered: [5, null],
      duplicated: [4, 4],
      // the dropped events, the lost user's events, and the shadow event without an id (its legacy twin unpaired)
      missing: [7 + 1 + 1, 7 + byUser(legacy, lostUser).length + 1],
      extra: [1 + 1, 3 + 1],
      'time-shifted': [5 + 3, 10 + 3],
      changed: [6, 6],
    });
    expect(sql.counts).toMatchObject({ legacyMissingEntity: 1, legacyMissingOrder: 2, shadowMissingId: 1, missingEntities: 1, extraEntities: 1, entities: 121 });
    expect(sql.fields).toEqual({ price: 6, ts: 13 });
  });

  test('a window (types, time, dedup by id, last 8): the same report; duplicates and events pushed out of the window counted back', async () => {
    const asOf = T0 + 2 * DAY;
    const c: SqlSequenceComparison = { ...comparison, window: { types: ['click', 'save'], asOf: new Date(asOf).toISOString(), within: '2d', last: 8 }, dedup: 'by-id', minExactRate: 0.5, maxMissingEntityRate: 0.2, maxExtraEntityRate: 0.2 };
    const base = await both(c);
    const { kendallTau: kt, ...rest } = base.sql;
    const { kendallTau: km, ...restMem } = base.mem;
    expect(rest).toEqual(restMem);
    expect(kt).toBeCloseTo(km!, 12);
    // The 4 injected duplicates (event 1: a save, inside the window) are removed by dedup in shadow only.
    expect(base.sql.counts.window.shadow.dedup).toBe(4);
    expect(base.sql.counts.window.legacy.dedup).toBe(0);
    expect(base.sql.classes.find((x) => x.class === 'duplicated')).toBeUndefined();
    // Two users of their own get their last in-window click/save pushed 1 minute past asOf in shadow.
    const pushed = pickUsers(users, 2, 11, used);
    const shadowW = structuredClone(shadow);
    for (const u of pushed) {
      const inWindow = byUser(shadowW, u).filter((e) => e.type !== 'search' && (e.ts as number) > asOf - 2 * DAY && (e.ts as number) <= asOf);
      inWindow[inWindow.length - 1].ts = asOf + 60_000;
    }
    const w = await both(c, shadowW);
    const { kendallTau: kw, ...restW } = w.sql;
    const { kendallTau: kwm, ...restWMem } = w.mem;
    expect(restW).toEqual(restWMem);
    expect(kw).toBeCloseTo(kwm!, 12);
    expect(w.sql.counts.window.shadow.time - base.sql.counts.window.shadow.time).toBe(2);
    expect(w.sql.counts.window.legacy).toEqual(base.sql.counts.window.legacy);
    const tail = (r: typeof base.sql) => r.classes.find((x) => x.class === 'cut-tail') ?? { entities: 0, events: 0 };
    expect([tail(w.sql).entities - tail(base.sql).entities, (tail(w.sql).events ?? 0) - (tail(base.sql).events ?? 0)]).toEqual([2, 2]);
    const ex = await runDuckDb(emitSequenceSql(c, { dialect: 'duckdb', legacy: 'legacy_t', shadow: 'shadow_t', sample: 200 }).examples, legacy, shadowW);
    for (const u of pushed) expect(ex.find((r) => r.user === u)).toMatchObject({ cut_tail: 1 });
  });

  test("an epoch-ms time column (timeType: 'epoch-ms'): the time rule and window read numbers as compareSequences does", async () => {
    const c: SqlSequenceComparison = { ...comparison, window: { asOf: new Date(T0 + 2 * DAY).toISOString(), within: '2d' } };
    const plan = emitSequenceSql(c, { dialect: 'duckdb', legacy: 'legacy_t', shadow: 'shadow_t', timeType: 'epoch-ms' });
    const [row] = await runDuckDb(plan.counts, legacy, shadow, 'BIGINT');
    const sql = shared(reportFromSqlSequenceCounts(plan, row));
    const mem = shared(compareSequences(legacy.map((r) => ({ ...r })), shadow.map((r) => ({ ...r })), { ...c, compare: 'declared' }));
    const { kendallTau: kt, ...rest } = sql;
    const { kendallTau: km, ...restMem } = mem;
    expect(rest).toEqual(restMem);
    expect(kt).toBeCloseTo(km!, 12);
    expect(sql.counts.window.legacy.time).toBeGreaterThan(0);
    expect(sql.fields.ts).toBeGreaterThan(0);
  });

  test('dedup consecutive and first N: the same report', async () => {
    const c: SqlSequenceComparison = { ...comparison, dedup: 'consecutive', window: { first: 6 }, orderBy: [{ path: 'ts', direction: 'desc' }] };
    const { sql, mem } = await both(c);
    const { kendallTau: kt, ...rest } = sql;
    const { kendallTau: km, ...restMem } = mem;
    expect(rest).toEqual(restMem);
    expect(kt).toBeCloseTo(km!, 12);
  });

  test('a { rel } rule with an infinity or NaN on one side: a mismatch, as in compareSequences', async () => {
    // rel · max(|l|, |s|) is infinite or NaN there, so a bound without a finiteness guard accepts it.
    const c: SqlSequenceComparison = { ...comparison, fields: { price: { rel: 0.01 }, type: 'exact', ts: { time: '2s' } } };
    const base = await both(c);
    const s = structuredClone(shadow);
    const hit = pick(3, 11);
    hit.forEach((u, k) => (s[s.indexOf(byUser(s, u)[0])].price = [Infinity, NaN, -Infinity][k]));
    const { sql, mem } = await both(c, s);
    const { kendallTau: kt, ...rest } = sql;
    const { kendallTau: km, ...restMem } = mem;
    expect(rest).toEqual(restMem);
    expect(kt).toBeCloseTo(km!, 12);
    expect(sql.fields.price).toBe((base.sql.fields.price ?? 0) + 3);
  });

  test('the examples query returns differing entities in entity order, at most sample', async () => {
    const plan = emitSequenceSql(comparison, { dialect: 'duckdb', legacy: 'legacy_t', shadow: 'shadow_t', sample: 4 });
    const rows = await runDuckDb(plan.examples);
    expect(rows.length).toBe(4);
    const keys = rows.map((r) => r.user as string);
    expect(keys).toEqual([...keys].sort());
    const faulty = new Set([...dropped, ...swapped, ...duplicated, ...changed, ...cutHead, ...late, lostUser, 'u999', noIdUser]);
    for (const k of keys) expect(faulty.has(k)).toBe(true);
  });

  test('the report says what SQL did not compute, and reads counts from bigints and strings', async () => {
    const { plan, row, report } = await both(comparison);
    expect(report.metrics.meanEditDistance).toBeNull();
    expect(report.reasons.find((r) => r.code === 'NOT_COMPUTED_IN_SQL')?.message).toMatchInlineSnapshot(`"the SQL plan does not compute metrics.meanEditDistance, metrics.precision, metrics.recall, metrics.rbo, classes.reordered.events, examples (identities around the first divergence); run compareSequenceFiles for them"`);
    const asStrings = Object.fromEntries(Object.entries(row).map(([k, v]) => [k, String(v)]));
    expect(reportFromSqlSequenceCounts(plan, asStrings).counts).toEqual(report.counts);
    expect(() => reportFromSqlSequenceCounts(plan, { ...row, exact: undefined })).toThrow(ShadowDataError);
  });

  test('a counts row the plan cannot have produced (edited, or another query\'s) is refused, naming the relation it breaks', async () => {
    const { plan, row } = await both(comparison);
    const n = (k: string) => Number(row[k]);
    expect(n('differing')).toBeGreaterThan(0);
    const edits: [Record<string, number>, RegExp][] = [
      // A verdict-changing edit: more exact entities than the plan can have seen.
      [{ exact: n('exact') + n('differing'), differing: 0 }, /inconsistent \(missing_entities \d+ \+ extra_entities \d+ > differing 0\)/],
      [{ exact: n('exact') + 1 }, /exact \d+ \+ differing \d+ ≠ entities/],
      [{ missing_entities: 0 }, /shadow_entities \d+ \+ missing_entities 0 ≠ entities/],
      [{ extra_entities: n('extra_entities') + 1 }, /legacy_entities \d+ \+ extra_entities \d+ ≠ entities/],
      [{ kendall_sum: n('kendall_entities') + 1 }, /τ must lie in \[−1, 1\]/],
      [{ kendall_entities: n('entities') + 1 }, /kendall_entities/],
      [{ shadow_longer: n('differing') + 1 }, /shadow_longer \d+ \+ shadow_shorter \d+ > differing/],
      [{ class_changed_entities: n('differing') + 1 }, /class changed has \d+ entities > differing/],
      [{ first_divergence_abs_0: n('differing') + 1 }, /absolute first-divergence buckets hold/],
      [{ first_divergence_rel_0: n('differing') + 1 }, /relative first-divergence buckets hold/],
      [{ legacy_compared: 0 }, /fewer events compared than entities/],
    ];
    for (const [edit, message] of edits) {
      expect(() => reportFromSqlSequenceCounts(plan, { ...row, ...edit }), JSON.stringify(edit)).toThrow(message);
    }
  });
});
