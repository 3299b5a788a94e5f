import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { ShadowDataError, ShadowOptionError, describeValue } from '../../_internal/options.js';
import { ProfileAccumulatorImpl, resolveProfileOptions } from '../profileAccumulator.js';
import type { DatasetProfile, ProfileOptions } from '../types.js';

const FN = 'profileFile';

function lit(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}
function ident(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}

function sourceOf(path: string): string {
  const p = path.toLowerCase().replace(/\.(gz|zst)$/, '');
  if (p.endsWith('.parquet')) return `read_parquet(${lit(path)})`;
  if (p.endsWith('.csv') || p.endsWith('.tsv')) return `read_csv(${lit(path)}, auto_type_candidates = ['BOOLEAN', 'DOUBLE', 'VARCHAR'], sample_size = -1)`;
  if (p.endsWith('.jsonl') || p.endsWith('.ndjson') || p.endsWith('.json')) return `read_json_auto(${lit(path)})`;
  throw new ShadowOptionError(`${FN}: cannot tell the format of ${path}; use .parquet, .csv, .jsonl/.ndjson or .json (optionally .gz)`);
}

const NUMERIC = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|FLOAT|DOUBLE|REAL|DECIMAL.*)$/;

/**
 * Profiles a file (Parquet, CSV, JSON Lines) in embedded DuckDB: the file is read once into a
 * DuckDB table, then SQL scans it once per column and returns each column's value histogram (`GROUP BY value`), which feeds the same
 * mergeable accumulators as {@link profile} with weights. The result is the profile the in-memory
 * engine gives for the same rows: counts, nulls, types, min/max, exact distinct counts and
 * category counts equal; mean and variance equal within rounding; quantiles from the same sketch.
 * Memory is O(distinct values of the largest column), not O(rows).
 *
 * Differences from the in-memory path: SQL has no "missing", so an absent JSON key is a null;
 * numeric columns are read as DOUBLE; dates, timestamps and nested values are read as their
 * VARCHAR text (strings).
 *
 * @example
 * const p = await profileFile('legacy/events.parquet');
 * compareProfile(p, await profileFile('shadow/events.parquet'));
 */
export async function profileFile(path: string, options: ProfileOptions & { threads?: number } = {}): Promise<DatasetProfile> {
  if (typeof path !== 'string' || !path) throw new ShadowOptionError(`${FN}: path must be a file path, got ${describeValue(path)}`);
  const { threads, ...popts } = options;
  if (threads !== undefined && !(Number.isInteger(threads) && threads >= 1)) throw new ShadowOptionError(`${FN}: threads must be an integer >= 1, got ${describeValue(threads)}`);
  const s = resolveProfileOptions(FN, popts);
  const src = sourceOf(path);
  const db = await DuckDBInstance.create(':memory:');
  const c: DuckDBConnection = await db.connect();
  try {
    if (threads) await c.run(`SET threads = ${threads}`);
    let described: Record<string, unknown>[];
    try {
      described = (await c.runAndReadAll(`SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM ${src})`)).getRowObjectsJS() as Record<string, unknown>[];
    } catch (e) {
      throw new ShadowDataError(`${FN}: ${path} cannot be read: ${(e as Error).message.split('\n')[0]}`);
    }
    const types = new Map(described.map((r) => [String(r.column_name), String(r.column_type)]));
    const names = s.columns ?? [...types.keys()].sort();
    for (const n of names) if (!types.has(n)) throw new ShadowOptionError(`${FN}: column '${n}' is not in ${path}; it has ${[...types.keys()].join(', ')}`);
    const acc = new ProfileAccumulatorImpl(s, undefined, s.label);
    // Read the file once into DuckDB's own storage (spilled to disk beyond memory_limit), then scan per column.
    await c.run(`CREATE TEMP TABLE t AS SELECT ${names.map(ident).join(', ')} FROM ${src}`);
    const [{ n }] = (await c.runAndReadAll(`SELECT count(*)::DOUBLE AS n FROM t`)).getRowObjectsJS() as { n: number }[];
    acc.rows = n;
    for (const name of names) {
      const t = types.get(name)!;
      const expr = NUMERIC.test(t) ? `CAST(${ident(name)} AS DOUBLE)` : t === 'BOOLEAN' ? ident(name) : t === 'VARCHAR' ? ident(name) : `CAST(${ident(name)} AS VARCHAR)`;
      const col = acc.column(name);
      const reader = await c.streamAndReadUntil(`SELECT ${expr} AS v, count(*)::DOUBLE AS w FROM t GROUP BY ALL`, Number.MAX_SAFE_INTEGER);
      // Column-wise read: two arrays instead of one object per distinct value.
      const [vs, ws] = reader.getColumnsJS() as [unknown[], number[]];
      for (let i = 0; i < vs.length; i++) col.addWeighted(vs[i], ws[i]);
    }
    return acc.value();
  } finally {
    c.closeSync();
    db.closeSync();
  }
}
