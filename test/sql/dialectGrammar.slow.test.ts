/**
 * The Spark and Trino plans parsed by the engines' own grammars (dt-sql-parser 4.5.1: ANTLR
 * grammars from Spark's SqlBaseParser and Trino's SqlBase): no Spark or Trino engine is
 * installable here, so this proves the syntax, not the semantics (function names are not
 * resolved). A broken plan is rejected (the check has teeth). The grammars warm up on the first
 * parse (5-10 s each at load 10 on 2 shared cores; 27 s for this file), later plans in under
 * 0.5 s: that warm-up is why this runs in `npm run test:slow`; in `npm test` the Spark and Trino
 * plans are pinned by inline snapshot (emitSequenceSql.dialects.test.ts, emitComparisonSql.test.ts).
 */
import { SparkSQL } from 'dt-sql-parser/dist/parser/spark/index.js';
import { TrinoSQL } from 'dt-sql-parser/dist/parser/trino/index.js';
import { describe, expect, test } from 'vitest';
import { emitComparisonSql } from '../../src/sql/emitComparisonSql.js';
import { emitSequenceSql, type SqlSequenceComparison } from '../../src/sql/emitSequenceSql.js';

const parsers = { spark: new SparkSQL(), trino: new TrinoSQL() } as const;

const sequences: SqlSequenceComparison[] = [
  { entity: ['tenant', 'user'], orderBy: [{ path: 'ts', direction: 'desc' }, 'seq'], id: ['id', 'part'], fields: { price: { abs: 0.01, rel: 1e-6 }, ts: { time: '1s' }, 'geo.city': 'exact' }, window: { types: ['click', 7, true], asOf: '2026-11-01T00:00:00Z', within: '7d', last: 10 }, dedup: 'by-id' },
  { entity: 'user', orderBy: 'ts', id: 'id', window: { first: 5, asOf: '2026-11-01T00:00:00Z' }, dedup: 'consecutive' },
];

/** Parse errors of a query, with the console noise of the ANTLR error listener silenced. */
function errors(dialect: keyof typeof parsers, sql: string): string[] {
  const log = console.error;
  console.error = () => {};
  try {
    return parsers[dialect].validate(sql).map((e) => `${e.startLine}:${e.startColumn} ${e.message}`);
  } finally {
    console.error = log;
  }
}

describe.each(['spark', 'trino'] as const)('%s grammar', (dialect) => {
  test('parses the sequence plans (counts and examples) and the event plan', { timeout: 120_000 }, () => {
    for (const c of sequences) {
      const plan = emitSequenceSql(c, { dialect, legacy: 'db.events_v1', shadow: 'db.events_v2', sample: 5 });
      expect(errors(dialect, plan.counts)).toEqual([]);
      expect(errors(dialect, plan.examples)).toEqual([]);
    }
    const ev = emitComparisonSql({ key: ['user', 'id'], fields: { price: { abs: 0.01 }, ts: { time: '2s' }, 'geo.city': 'exact' } }, { dialect, legacy: 'db.l', shadow: 'db.s' });
    expect(errors(dialect, ev.counts)).toEqual([]);
    expect(errors(dialect, ev.examples)).toEqual([]);
  });

  test('rejects a broken plan (the check has teeth)', { timeout: 120_000 }, () => {
    const plan = emitSequenceSql(sequences[1], { dialect });
    expect(errors(dialect, plan.counts.replace('GROUP BY', 'GROUP')).length).toBeGreaterThan(0);
  });
});
