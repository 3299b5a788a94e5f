import type { DuckDBConnection } from '@duckdb/node-api';
import { ShadowOptionError, assertOneOf, assertPlainObject, describeValue } from '../../_internal/options.js';
import { plain } from '../../queries/_internal/duckdbSource.js';
import { compareAgreement, type AgreementReport, type CompareAgreementOptions, type Prediction } from '../compareAgreement.js';
import { compareAuc, type AucReport, type CompareAucOptions } from '../compareAuc.js';
import { compareDistribution, type CompareDistributionOptions, type DistributionReport } from '../compareDistribution.js';
import { compareEquivalence, type CompareEquivalenceOptions, type EquivalenceReport } from '../compareEquivalence.js';
import { csvFileError, csvTextRead, fileLiteral } from '../../_internal/duckdbFile.js';
import { csvColumnTypes, csvValueSql } from '../../_internal/csvCellSql.js';
import { isNoKeyValue } from '../../join/keys.js';
import { duckdbRowConverter } from '../../dataset/_internal/duckdbRowConverter.js';
import { datasetFiles, forEachJsonLine } from '../../dataset/loadDataset.js';
import { compileGetter } from '../../_internal/path.js';
import type { GroupOptions, GroupedReport } from '../../groups/types.js';

/**
 * The model-output check run on files.
 *
 * @example
 * const check: OutputCheck = 'distribution';
 */
export type OutputCheck = 'equivalence' | 'distribution' | 'auc' | 'agreement';

/**
 * Options of {@link compareOutputFiles}: the columns to read, then the check's own options
 * (without `key`/`value`, which name columns here).
 *
 * @example
 * const o: CompareOutputFilesOptions<'equivalence'> = { key: 'inputId', value: 'score', margin: 0.01, paired: true };
 */
export type CompareOutputFilesOptions<C extends OutputCheck> = {
  /** The column identifying the model input, pairing the two files. */
  key: string;
  /** The column holding the model output (score or prediction). */
  value: string;
  /** AUC: the column of the legacy file holding the true label. */
  labelColumn?: string;
} & Omit<
  C extends 'equivalence' ? CompareEquivalenceOptions : C extends 'distribution' ? CompareDistributionOptions : C extends 'auc' ? CompareAucOptions : CompareAgreementOptions,
  'key' | 'value' | 'labels'
>;

type ReportOf<C extends OutputCheck> = C extends 'equivalence' ? EquivalenceReport : C extends 'distribution' ? DistributionReport : C extends 'auc' ? AucReport : AgreementReport;

const FN = 'compareOutputFiles';

function source(side: string, file: unknown): string {
  if (typeof file !== 'string' || file === '') throw new ShadowOptionError(`${FN}: ${side} must be a file path, got ${describeValue(file)}`);
  const p = file.toLowerCase().replace(/\.(gz|zst)$/, '');
  if (p.endsWith('.parquet')) return `read_parquet(${fileLiteral(file)})`;
  // As text, typed as loadDataset types it (see readMap); the first line is the header, as there.
  if (p.endsWith('.csv')) return csvTextRead(file);
  if (p.endsWith('.jsonl') || p.endsWith('.ndjson')) return `read_json(${fileLiteral(file)}, format = 'newline_delimited', sample_size = -1)`;
  throw new ShadowOptionError(`${FN}: cannot tell the format of ${side} file ${file}; use .parquet, .csv or .jsonl`);
}

/**
 * A JSON Lines file's key and value columns, row by row, as loadDataset parses its lines (DuckDB's
 * reader has one type per column: a key 3 written "3" on one row turned every key of the file into
 * text, a value missing from a row into null). Dotted paths reach into objects, as in memory.
 */
async function readJsonPairs(side: string, file: string, key: string, column: string, by?: string): Promise<Pair[]> {
  // A glob: its files in DuckDB's order, as read_json read them (loadDataset's listing).
  const files = await datasetFiles(file, FN);
  const [gk, gv] = [compileGetter(key), compileGetter(column)];
  const gg = by === undefined ? undefined : compileGetter(by);
  const pairs: Pair[] = [];
  const found = [false, false];
  /** The columns of the first rows, named where a column is absent. */
  const names = new Set<string>();
  for (const f of files) {
    await forEachJsonLine(FN, f, (row) => {
      const k = gk(row);
      const v = gv(row);
      if (k !== undefined) found[0] = true;
      if (v !== undefined) found[1] = true;
      if (pairs.length < 1000) for (const n of Object.keys(row)) names.add(n);
      pairs.push(gg ? { k, v, g: gg(row) } : { k, v });
    });
  }
  [key, column].forEach((col, i) => {
    if (!found[i]) throw new ShadowOptionError(`${FN}: column '${col}' is absent from ${side} file ${file}; columns are ${[...names].join(', ')}`);
  });
  return pairs;
}

/** `{ a: { b: value } }` for the path a.b; nothing for an undefined value (a missing column: the group `(none)`). */
function nested(path: readonly string[], value: unknown): Record<string, unknown> {
  if (value === undefined) return {};
  return { [path[0]]: path.length === 1 ? value : nested(path.slice(1), value) };
}

/** One row's key, value and (under `by`) group value. */
type Pair = { k: unknown; v: unknown; g?: unknown };

/**
 * One file's key and value columns, row by row (a key may repeat or be null: the check reports
 * it), and the `by` column's value where one is asked for (a column a file lacks is undefined on
 * every row: the group `(none)`, as in memory).
 */
async function readPairs(c: DuckDBConnection, side: string, file: string, key: string, column: string, by?: string): Promise<Pair[]> {
  if (/\.(jsonl|ndjson)(\.gz)?$/i.test(file)) return readJsonPairs(side, file, key, column, by);
  const q = (n: string) => `"${n.replaceAll('"', '""')}"`;
  let rows: Record<string, unknown>[];
  try {
    const described = (await c.runAndReadAll(`SELECT column_name FROM (DESCRIBE SELECT * FROM ${source(side, file)})`)).getRowObjectsJS().map((r) => r.column_name as string);
    for (const col of [key, column]) {
      if (!described.includes(col)) throw new ShadowOptionError(`${FN}: column '${col}' is absent from ${side} file ${file}; columns are ${described.join(', ')}`);
    }
    const src = source(side, file);
    // CSV: each column typed as loadDataset types it, so an id 007 stays text and never pairs 7.
    const csv = src.startsWith('read_csv(') ? await csvColumnTypes(c, src, [key, column]) : undefined;
    const read = (col: string) => (csv ? csvValueSql(q(col), csv.get(col)!) : q(col));
    // by: a column (a struct member for a dotted Parquet path; in CSV the header of that name, dots
    // and all, which loadDataset nests into that path).
    let group = '';
    if (by !== undefined) {
      const head = csv ? by : by.split('.')[0];
      const byCsv = csv && described.includes(by) ? await csvColumnTypes(c, src, [by]) : undefined;
      group = !described.includes(head) ? ', NULL AS g' : byCsv ? `, ${csvValueSql(q(by), byCsv.get(by)!)} AS g` : `, ${by.split('.').map(q).join('.')} AS g`;
    }
    // Timestamp keys with their microseconds (PreciseDate), as loadDataset reads them.
    rows = (await c.runAndReadAll(`SELECT ${read(key)} AS k, ${read(column)} AS v${group} FROM ${src}`)).convertRowObjects(duckdbRowConverter(await import('@duckdb/node-api'))) as Record<string, unknown>[];
  } catch (e) {
    if (e instanceof ShadowOptionError) throw e;
    throw (await csvFileError(FN, file, (e as Error).message)) ?? new ShadowOptionError(`${FN}: cannot read ${side} file ${file}: ${(e as Error).message}`);
  }
  return rows.map((r) => (by === undefined ? { k: plain(r.k), v: plain(r.v) } : { k: plain(r.k), v: plain(r.v), g: plain(r.g) ?? undefined }));
}

/**
 * A Map for the checks that pair only by Map (AUC and its labels): a key that repeats or is null
 * cannot be a Map key without dropping a row, so it is refused, naming the file and the key.
 */
function uniqueMap(side: string, file: string, key: string, pairs: { k: unknown; v: unknown }[]): Map<unknown, unknown> {
  const m = new Map<unknown, unknown>();
  for (const { k, v } of pairs) {
    if (isNoKeyValue(k)) throw new ShadowOptionError(`${FN}: ${side} file ${file} has a row without a key (${key} is ${describeValue(k)}); the auc check pairs scores by key, so every row needs one`);
    if (m.has(k)) throw new ShadowOptionError(`${FN}: key ${describeValue(k)} occurs more than once in ${side} file ${file}; the auc check pairs scores by key, so ${key} must be unique (compareOutputFiles('equivalence', …) reports duplicated keys instead)`);
    m.set(k, v);
  }
  return m;
}

/**
 * A model-output check (equivalence, distribution, AUC or agreement) on output files larger than
 * is convenient to load as rows: DuckDB reads only the key and value columns (and the label column
 * for AUC) of each file, and the check runs on those rows, giving the report it gives on the same
 * rows in memory with `{ key, value }`: a repeated or null key is reported (AUC: refused), never dropped. Parquet, CSV and JSON Lines files. Needs the optional peer
 * `@duckdb/node-api`.
 *
 * With `by` (a column path; not for 'auc') the check runs per group, with `overrides`, and the
 * result is the GroupedReport the in-memory check gives with `by` on the same rows.
 *
 * @param check - which check: 'equivalence', 'distribution', 'auc' or 'agreement'
 * @example
 * const r = await compareOutputFiles('equivalence', 'out/legacy_scores.parquet', 'out/shadow_scores.parquet', {
 *   key: 'inputId', value: 'score', margin: 0.01, paired: true,
 * });
 * const perModel = await compareOutputFiles('equivalence', 'out/legacy_scores.parquet', 'out/shadow_scores.parquet', {
 *   key: 'inputId', value: 'score', margin: 0.01, by: 'model', overrides: { ranker: { margin: 0.02 } },
 * });
 */
export async function compareOutputFiles<C extends Exclude<OutputCheck, 'auc'>>(
  check: C,
  legacy: string,
  shadow: string,
  options: CompareOutputFilesOptions<C> & GroupOptions<CompareOutputFilesOptions<C>>,
): Promise<GroupedReport<ReportOf<C>>>;
export async function compareOutputFiles<C extends OutputCheck>(check: C, legacy: string, shadow: string, options: CompareOutputFilesOptions<C>): Promise<ReportOf<C>>;
export async function compareOutputFiles<C extends OutputCheck>(check: C, legacy: string, shadow: string, options: CompareOutputFilesOptions<C>): Promise<ReportOf<C> | GroupedReport<ReportOf<C>>> {
  assertOneOf(FN, 'check', check, ['equivalence', 'distribution', 'auc', 'agreement'] as const);
  assertPlainObject(FN, 'options', options as unknown);
  // `by` stays among the check's options (the check groups the rows read below by it).
  const { key, value, labelColumn, ...rest } = options as CompareOutputFilesOptions<OutputCheck> & Record<string, unknown>;
  const by = rest.by;
  // by: the checks of memory per group, on rows holding the key, the value and the group's column.
  if (by !== undefined) {
    if (check === 'auc') throw new ShadowOptionError(`${FN}: the auc check has no by (compareAuc compares one pair of score sets); compare one file per group`);
    if (typeof by !== 'string' || by === '' || by.split('.').some((p) => !p)) throw new ShadowOptionError(`${FN}: by must be a column path such as 'type' (a function needs the in-memory check on loaded rows), got ${describeValue(by)}`);
    if (['k', 'v'].includes(by.split('.')[0])) throw new ShadowOptionError(`${FN}: by '${by}' cannot start with k or v, the names the rows are compared under here; rename the column`);
  }
  for (const [name, v] of [['key', key], ['value', value]] as const) {
    if (typeof v !== 'string' || v === '') throw new ShadowOptionError(`${FN}: ${name} must be a column name, got ${describeValue(v)}`);
  }
  if (check === 'auc' && (typeof labelColumn !== 'string' || labelColumn === '')) {
    throw new ShadowOptionError(`${FN}: the auc check needs labelColumn, the legacy column holding each example's true label, got ${describeValue(labelColumn)}`);
  }
  source('legacy', legacy);
  source('shadow', shadow);
  let duck: typeof import('@duckdb/node-api');
  try {
    duck = await import('@duckdb/node-api');
  } catch (e) {
    throw new ShadowOptionError(`${FN}: needs the optional peer @duckdb/node-api: ${(e as Error).message}`);
  }
  const db = await duck.DuckDBInstance.create(':memory:');
  const c = await db.connect();
  try {
    const l = await readPairs(c, 'legacy', legacy, key, value, by as string | undefined);
    const s = await readPairs(c, 'shadow', shadow, key, value, by as string | undefined);
    // Rows, not Maps: a repeated or missing key is reported by the check (joinByKey), never dropped.
    // Under by, each row also holds its group's value at the by path.
    const rows = (p: Pair[]) =>
      (by === undefined ? p : p.map(({ k, v, g }) => ({ k, v, ...nested((by as string).split('.'), g) }))) as unknown as Record<string, unknown>[];
    switch (check) {
      case 'equivalence':
        return compareEquivalence(rows(l), rows(s), { ...(rest as CompareEquivalenceOptions), key: 'k', value: 'v' }) as ReportOf<C>;
      case 'distribution':
        // Unpaired: every row's value counts, whatever its key.
        if (by !== undefined) return compareDistribution(rows(l), rows(s), { ...(rest as CompareDistributionOptions), value: 'v' }) as ReportOf<C>;
        return compareDistribution(l.map((p) => p.v as number), s.map((p) => p.v as number), rest as CompareDistributionOptions) as ReportOf<C>;
      case 'agreement':
        return compareAgreement(rows(l), rows(s), { ...(rest as unknown as CompareAgreementOptions), key: 'k', value: 'v' }) as ReportOf<C>;
      default: {
        const labels = uniqueMap('legacy', legacy, key, await readPairs(c, 'legacy', legacy, key, labelColumn!));
        return compareAuc(uniqueMap('legacy', legacy, key, l) as Map<unknown, number>, uniqueMap('shadow', shadow, key, s) as Map<unknown, number>, {
          ...(rest as Omit<CompareAucOptions, 'labels'>),
          labels: labels as CompareAucOptions['labels'],
        }) as ReportOf<C>;
      }
    }
  } finally {
    c.closeSync();
    db.closeSync();
  }
}
