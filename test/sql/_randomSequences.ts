/**
 * The seeded differential of the sequence SQL plan (used by emitSequenceSql.random.test.ts, 4
 * seeds, and emitSequenceSql.random.slow.test.ts, 300): small random histories built to hit the edges (ties on time between
 * different ids, repeated ids, events without an id, drops at either end, swaps, changed and
 * shifted events, lost and added users), under four windows and a composite entity; the DuckDB plan's Report equals
 * compareSequences' on every case. Events tied on time *and* id are exact copies, the one case
 * where SQL's order is free (docs/sql.md, "tie order"). The seed is in each test's name.
 */
import { describe, expect, test } from 'vitest';
import { duckdbConnection } from '../_helpers/duckdb.js';
import { compareSequences, type SequenceReport } from '../../src/sequences/compareSequences.js';
import { emitSequenceSql, type SqlSequenceComparison } from '../../src/sql/emitSequenceSql.js';
import { reportFromSqlSequenceCounts, type SqlSequenceReport } from '../../src/sql/reportFromSqlSequenceCounts.js';
import { rng } from '../_helpers/events.js';

interface Ev {
  user: string | null;
  id: string | null;
  type: string;
  ts: number;
  price: number;
}

const T0 = Date.UTC(2026, 10, 1);
const MIN = 60_000;

/** Legacy and shadow histories for one seed. */
function makeCase(seed: number): { legacy: Ev[]; shadow: Ev[] } {
  const r = rng(seed);
  const int = (n: number) => Math.floor(r() * n);
  const legacy: Ev[] = [];
  for (let u = 0; u < 8; u++) {
    const n = 1 + int(9);
    for (let k = 0; k < n; k++) {
      // times on a coarse grid so different ids tie often
      legacy.push({ user: `u${u}`, id: `e${k}`, type: ['click', 'save', 'search'][int(3)], ts: T0 + int(6) * MIN, price: int(100) / 4 });
    }
  }
  let shadow: Ev[] = legacy.map((e) => ({ ...e }));
  for (const e of shadow) {
    const x = r();
    if (x < 0.05) e.price += 1; // changed
    else if (x < 0.1) e.ts += 3000; // shifted beyond 2 s
    else if (x < 0.15) e.ts += 1000; // within 2 s
    else if (x < 0.2) e.ts += int(3) * MIN; // moved: reordered or tied elsewhere
    else if (x < 0.23) e.id = null; // no id on one side
  }
  shadow = shadow.filter(() => r() > 0.08); // dropped anywhere, ends included
  if (r() < 0.5) shadow = shadow.filter((e) => e.user !== 'u3'); // a lost user
  if (r() < 0.5) shadow.push({ user: 'u9', id: 'e0', type: 'click', ts: T0, price: 1 }); // an added user
  // exact copies (the same id at the same time with the same fields) on either side
  for (const side of [legacy, shadow]) {
    const copies = int(4);
    for (let i = 0; i < copies; i++) side.push({ ...side[int(side.length)] });
  }
  if (r() < 0.3) legacy.push({ user: null, id: 'x', type: 'click', ts: T0, price: 0 });
  return { legacy, shadow };
}

const asOf = new Date(T0 + 4 * MIN).toISOString();
const configs: [string, SqlSequenceComparison][] = [
  ['no window', { entity: 'user', orderBy: 'ts', id: 'id', fields: { price: { abs: 0.01 }, ts: { time: '2s' }, type: 'exact' } }],
  ['dedup by id, last 4', { entity: 'user', orderBy: 'ts', id: 'id', fields: { price: 'exact', ts: { time: '2s' } }, dedup: 'by-id', window: { last: 4 } }],
  ['consecutive, first 5, descending', { entity: 'user', orderBy: [{ path: 'ts', direction: 'desc' }], id: 'id', fields: { price: 'exact' }, dedup: 'consecutive', window: { first: 5 } }],
  ['types and a time window', { entity: 'user', orderBy: 'ts', id: 'id', fields: { ts: { time: '2s' } }, window: { types: ['click', 'save'], asOf, within: '3m' } }],
  ['a composite entity (user, type)', { entity: ['user', 'type'], orderBy: 'ts', id: 'id', fields: { price: { abs: 0.01 }, ts: { time: '2s' } } }],
];

function shared(r: SequenceReport | SqlSequenceReport) {
  const { kendallTau, meanEditDistance: _e, precision: _p, recall: _r, rbo: _b, rboP: _rp, ...metrics } = r.metrics as unknown as Record<string, number | null>;
  return {
    verdict: r.verdict,
    codes: r.reasons.filter((x) => x.severity !== 'info').map((x) => x.code),
    counts: r.counts,
    metrics,
    kendallTau: kendallTau === null ? null : Math.round(kendallTau * 1e12) / 1e12,
    classes: r.classes.map((c) => ({ class: c.class, entities: c.entities, events: c.class === 'reordered' ? null : c.events })),
    firstDivergence: r.firstDivergence,
    fields: Object.fromEntries(r.fields.filter((f) => f.mismatches > 0).map((f) => [f.field, f.mismatches])),
  };
}

const conn = duckdbConnection();

async function load(name: string, rows: Ev[]): Promise<void> {
  await conn().run(`CREATE OR REPLACE TABLE ${name} (id VARCHAR, "user" VARCHAR, type VARCHAR, ts TIMESTAMP, price DOUBLE)`);
  const a = await conn().createAppender(name);
  for (const e of rows) {
    for (const v of [e.id, e.user, e.type]) if (v === null) a.appendNull(); else a.appendVarchar(v);
    a.appendVarchar(new Date(e.ts).toISOString().replace('T', ' ').replace('Z', ''));
    a.appendDouble(e.price);
    a.endRow();
  }
  a.closeSync();
}

/** Defines the differential over `seeds`. */
export function differential(seeds: readonly number[]): void {
  describe('emitSequenceSql on random edge-case histories: the DuckDB report equals compareSequences', () => {
    test.each(seeds)('seed %i, four windows and a composite entity', async (seed) => {
      const { legacy, shadow } = makeCase(seed);
      await load('lt', legacy);
      await load('st', shadow);
      const mem = (rows: Ev[]) => rows.map((e) => ({ ...e, ts: new Date(e.ts) }));
      let differing = 0;
      for (const [name, cmp] of configs) {
        const plan = emitSequenceSql(cmp, { dialect: 'duckdb', legacy: 'lt', shadow: 'st' });
        const [row] = (await conn().runAndReadAll(plan.counts)).getRowObjectsJS() as Record<string, unknown>[];
        const sql = shared(reportFromSqlSequenceCounts(plan, row));
        const ref = shared(compareSequences(mem(legacy), mem(shadow), { ...cmp, compare: Object.keys(cmp.fields ?? {}).length ? 'declared' : 'all' }));
        expect({ seed, name, ...sql }).toEqual({ seed, name, ...ref });
        differing += sql.counts.differing;
      }
      expect(differing).toBeGreaterThan(0); // the faults are seen
    });
  });
}
