/**
 * The sequence SQL plan (emitSequenceSql, DuckDB dialect) on 1,000,000 events over 50,000 users
 * per side, generated in DuckDB: 20 events per user a minute apart (jitter under 50 s, no ties),
 * shadow with 0.1 % of events dropped, 0.2 % shifted 3 s (beyond a 2 s rule), 0.14 % with a
 * changed price; window last 15. Times the counts query only (tables and plan built in setup).
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { emitSequenceSql, reportFromSqlSequenceCounts, type SequenceSql } from '../src/index.js';
import type { BenchCase } from './_lib.js';

const N = 1_000_000;

export const sqlSequencesCases: BenchCase[] = [
  {
    name: 'sequence SQL plan in DuckDB, 1M vs 1M events',
    runs: 3,
    work: { count: 2 * N, unit: 'events' },
    async setup() {
      const db = await DuckDBInstance.create(':memory:');
      const c = await db.connect();
      await c.run(`CREATE TABLE legacy_t AS SELECT 'u' || (i // 20)::VARCHAR AS "user", 'e' || i::VARCHAR AS id, ['click','save','search'][1 + i % 3] AS type, TIMESTAMP '2026-11-01' + to_seconds((i % 20) * 60 + (hash(i) % 50)::BIGINT) AS ts, (hash(i) % 10000) / 100.0 AS price FROM range(${N}) t(i)`);
      await c.run(`CREATE TABLE shadow_t AS SELECT "user", id, type, CASE WHEN hash(id) % 500 = 3 THEN ts + INTERVAL 3 SECOND ELSE ts END AS ts, CASE WHEN hash(id) % 700 = 5 THEN price + 1 ELSE price END AS price FROM legacy_t WHERE hash(id) % 1000 <> 7`);
      const plan = emitSequenceSql({ entity: 'user', orderBy: 'ts', id: 'id', fields: { price: { abs: 0.01 }, ts: { time: '2s' } }, window: { last: 15 } }, { dialect: 'duckdb', legacy: 'legacy_t', shadow: 'shadow_t' });
      return { c, plan };
    },
    async run({ c, plan }: { c: DuckDBConnection; plan: SequenceSql }) {
      const [row] = (await c.runAndReadAll(plan.counts)).getRowObjectsJS() as Record<string, unknown>[];
      return reportFromSqlSequenceCounts(plan, row);
    },
    describe: (r: ReturnType<typeof reportFromSqlSequenceCounts>) => `${r.counts.entities} entities, ${r.counts.exact} exact, classes ${r.classes.map((x) => `${x.class} ${x.entities}`).join(', ')}`,
  },
];
