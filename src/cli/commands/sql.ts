import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ShadowDataError } from '../../errors.js';
import { emitComparisonSql, type SqlComparison, type SqlDialect } from '../../sql/emitComparisonSql.js';
import { emitSequenceSql, type SqlSequenceComparison } from '../../sql/emitSequenceSql.js';
import { reportFromSqlCounts, type SqlCountsThresholds } from '../../sql/reportFromSqlCounts.js';
import { reportFromSqlSequenceCounts } from '../../sql/reportFromSqlSequenceCounts.js';
import { CliUsageError, EXIT, required, type Command } from '../command.js';

async function readJson(cwd: string, file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(resolve(cwd, file), 'utf8')) as unknown;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ShadowDataError(`${file}: ${code === 'ENOENT' ? 'no such file' : e instanceof SyntaxError ? `not valid JSON (${e.message})` : (e as Error).message}`);
  }
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `vitest-shadow sql`: prints an event or sequence comparison as SQL for a warehouse engine, or reads its counts row back as a Report. */
export const sql: Command = {
  name: 'sql',
  summary: 'print an event or sequence comparison as SQL for DuckDB, Spark or Trino (counts, per-field mismatches, a sample), or turn its counts row into a Report',
  usage: [
    'vitest-shadow sql COMPARISON.json --dialect duckdb|spark|trino [--legacy REL] [--shadow REL] [--sample N] [--time-type T] [--counts ROW.json]',
    '',
    "  COMPARISON.json    events:    { \"key\": \"eventId\", \"fields\": { \"price\": { \"abs\": 0.01 } }, \"thresholds\": { \"minMatchRate\": 0.999 } }",
    "                     sequences: { \"entity\": \"userId\", \"orderBy\": \"ts\", \"id\": \"eventId\", \"fields\": { ... }, \"window\": { \"last\": 50 }, \"minExactRate\": 0.99 }",
    '  --dialect D        duckdb, spark or trino',
    "  --legacy REL       the legacy table or relation (default legacy), e.g. prod.events_v1 or read_parquet('l.parquet')",
    '  --shadow REL       the shadow table or relation (default shadow)',
    '  --sample N         mismatching pairs or differing entities in the examples query (default 20)',
    '  --time-type T      timestamp (default) or epoch-ms: how { time } rules and a time window read the time columns',
    '  --counts ROW.json  the counts query\'s row as run in the warehouse (an object, or an array holding it): prints the Report',
    '                     as JSON instead of the SQL, for `vitest-shadow record REPORT.json --tier events|sequences`',
  ].join('\n'),
  options: {
    dialect: { type: 'string' },
    legacy: { type: 'string' },
    shadow: { type: 'string' },
    sample: { type: 'string' },
    'time-type': { type: 'string' },
    counts: { type: 'string' },
  },
  positionals: { min: 1, max: 1 },
  async run(args, io) {
    const dialect = required(args, 'dialect');
    if (!['duckdb', 'spark', 'trino'].includes(dialect)) throw new CliUsageError(`--dialect must be duckdb, spark or trino, got ${JSON.stringify(dialect)}`);
    const sample = args.values.sample === undefined ? undefined : Number(args.values.sample);
    if (sample !== undefined && !(Number.isInteger(sample) && sample >= 0)) throw new CliUsageError(`--sample must be an integer >= 0, got ${JSON.stringify(args.values.sample)}`);
    const timeType = args.values['time-type'] as string | undefined;
    if (timeType !== undefined && timeType !== 'timestamp' && timeType !== 'epoch-ms') throw new CliUsageError(`--time-type must be timestamp or epoch-ms, got ${JSON.stringify(timeType)}`);
    const file = args.positionals[0];
    const json = await readJson(io.cwd, file);
    if (!isObj(json)) throw new ShadowDataError(`${file}: must hold a comparison object ({ key, fields } for events, { entity, orderBy, id, ... } for sequences)`);
    const options = {
      dialect: dialect as SqlDialect,
      ...(args.values.legacy !== undefined ? { legacy: args.values.legacy as string } : {}),
      ...(args.values.shadow !== undefined ? { shadow: args.values.shadow as string } : {}),
      ...(sample !== undefined ? { sample } : {}),
      ...(timeType !== undefined ? { timeType: timeType as 'timestamp' | 'epoch-ms' } : {}),
    };
    let row: Record<string, unknown> | undefined;
    if (typeof args.values.counts === 'string') {
      const c = await readJson(io.cwd, args.values.counts);
      const r = Array.isArray(c) && c.length === 1 ? c[0] : c;
      if (!isObj(r)) throw new ShadowDataError(`${args.values.counts}: must hold the counts query's row (an object of counts, or an array with that one object)`);
      row = r;
    }
    if ('entity' in json) {
      const plan = emitSequenceSql(json as unknown as SqlSequenceComparison, options);
      if (row) {
        io.stdout(`${JSON.stringify(reportFromSqlSequenceCounts(plan, row), null, 2)}\n`);
        return EXIT.ok;
      }
      io.stdout(`-- vitest-shadow sequence comparison plan (${plan.dialect}): counts, classes and per-field mismatches, one row\n`);
      io.stdout('-- not computed in SQL (run compareSequenceFiles for these):\n');
      for (const x of plan.notComputed) io.stdout(`--   ${x.metric}: ${x.why}\n`);
      io.stdout(`${plan.counts};\n\n-- a sample of differing entities, by entity\n${plan.examples};\n`);
      return EXIT.ok;
    }
    const { thresholds, ...comparison } = json as unknown as SqlComparison & { thresholds?: SqlCountsThresholds };
    const plan = emitComparisonSql(comparison, options);
    if (row) {
      io.stdout(`${JSON.stringify(reportFromSqlCounts(plan, row, thresholds ?? {}), null, 2)}\n`);
      return EXIT.ok;
    }
    io.stdout(`-- vitest-shadow comparison plan (${plan.dialect}): counts and per-field mismatches, one row\n${plan.counts};\n\n`);
    io.stdout(`-- a sample of mismatching pairs, by key\n${plan.examples};\n`);
    return EXIT.ok;
  },
};
