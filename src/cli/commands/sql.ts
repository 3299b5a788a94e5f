import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ShadowDataError } from '../../errors.js';
import { emitComparisonSql, type SqlComparison, type SqlDialect } from '../../sql/emitComparisonSql.js';
import { CliUsageError, EXIT, required, type Command } from '../command.js';

/** `vitest-shadow sql`: prints an event comparison as SQL for a warehouse engine. */
export const sql: Command = {
  name: 'sql',
  summary: 'print an event comparison (key and field rules) as SQL for DuckDB, Spark or Trino: counts, per-field mismatches, a sample',
  usage: [
    'vitest-shadow sql COMPARISON.json --dialect duckdb|spark|trino [--legacy REL] [--shadow REL] [--sample N]',
    '',
    "  COMPARISON.json    { \"key\": \"eventId\", \"fields\": { \"price\": { \"abs\": 0.01 }, \"type\": \"exact\" } }",
    '  --dialect D        duckdb, spark or trino',
    "  --legacy REL       the legacy table or relation (default legacy), e.g. prod.events_v1 or read_parquet('l.parquet')",
    '  --shadow REL       the shadow table or relation (default shadow)',
    '  --sample N         mismatching pairs in the examples query (default 20)',
  ].join('\n'),
  options: {
    dialect: { type: 'string' },
    legacy: { type: 'string' },
    shadow: { type: 'string' },
    sample: { type: 'string' },
  },
  positionals: { min: 1, max: 1 },
  async run(args, io) {
    const dialect = required(args, 'dialect');
    if (!['duckdb', 'spark', 'trino'].includes(dialect)) throw new CliUsageError(`--dialect must be duckdb, spark or trino, got ${JSON.stringify(dialect)}`);
    const sample = args.values.sample === undefined ? undefined : Number(args.values.sample);
    if (sample !== undefined && !(Number.isInteger(sample) && sample >= 0)) throw new CliUsageError(`--sample must be an integer >= 0, got ${JSON.stringify(args.values.sample)}`);
    const file = args.positionals[0];
    let comparison: SqlComparison;
    try {
      comparison = JSON.parse(await readFile(resolve(io.cwd, file), 'utf8')) as SqlComparison;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new ShadowDataError(`${file}: ${code === 'ENOENT' ? 'no such file' : e instanceof SyntaxError ? `not valid JSON (${e.message})` : (e as Error).message}`);
    }
    const plan = emitComparisonSql(comparison, {
      dialect: dialect as SqlDialect,
      ...(args.values.legacy ? { legacy: args.values.legacy as string } : {}),
      ...(args.values.shadow ? { shadow: args.values.shadow as string } : {}),
      ...(sample !== undefined ? { sample } : {}),
    });
    io.stdout(`-- vitest-shadow comparison plan (${plan.dialect}): counts and per-field mismatches, one row\n${plan.counts};\n\n`);
    io.stdout(`-- a sample of mismatching pairs, by key\n${plan.examples};\n`);
    return EXIT.ok;
  },
};
