import { stat } from 'node:fs/promises';
import { asyncBufferFromFile, parquetMetadataAsync, type FileMetaData } from 'hyparquet';
import { ShadowDataError, ShadowOptionError, assertKnownKeys, assertNumber, assertOneOf, assertPlainObject, describeValue } from '../_internal/options.js';
import { REPORT_VERSION, sortReasons, verdictOf, type Reason, type ReportBase } from '../report/types.js';
import { parquetFeatures, type ColumnFeatures, type FileFeatures } from './_internal/parquetFeatures.js';

/**
 * How much a feature difference weighs: `fail` decides the verdict, `warn` and `info` are reported only.
 *
 * @example
 * const s: FeatureSeverity = 'warn';
 */
export type FeatureSeverity = 'info' | 'warn' | 'fail';

/**
 * The feature differences {@link compareParquetFeatures} reports, each with its default severity.
 *
 * @example
 * const worst = PARQUET_FEATURE_DEFAULTS.BLOOM_FILTER_MISSING; // 'fail'
 */
export const PARQUET_FEATURE_DEFAULTS = {
  /** A legacy column absent from shadow. */
  COLUMN_MISSING: 'fail',
  /** A shadow column absent from legacy. */
  COLUMN_EXTRA: 'info',
  /** Another physical type (INT64 vs DOUBLE). */
  PHYSICAL_TYPE_DIFFERS: 'fail',
  /** Another logical type (TIMESTAMP unit or UTC flag, STRING vs none, DECIMAL precision). */
  LOGICAL_TYPE_DIFFERS: 'fail',
  /** REQUIRED vs OPTIONAL. */
  REPETITION_DIFFERS: 'warn',
  /** Another compression codec. */
  COMPRESSION_DIFFERS: 'info',
  /** Another set of encodings (e.g. dictionary encoding lost). */
  ENCODINGS_DIFFER: 'info',
  /** Mean rows per row group differ by more than `rowGroupRatio`. */
  ROW_GROUP_SIZE_DIFFERS: 'warn',
  /** Min/max statistics in every legacy row group, missing from some shadow row group. */
  STATISTICS_MISSING: 'fail',
  /** Bloom filters on a legacy column, not on shadow's. */
  BLOOM_FILTER_MISSING: 'fail',
  /** Bloom filters on a shadow column, not on legacy's. */
  BLOOM_FILTER_EXTRA: 'info',
  /** Page indexes (column and offset index) on legacy, not on shadow. */
  PAGE_INDEX_MISSING: 'warn',
  /** Another declared sort order (sorting_columns). */
  SORT_ORDER_DIFFERS: 'warn',
} as const satisfies Record<string, FeatureSeverity>;

/**
 * A feature difference code.
 *
 * @example
 * const code: ParquetFeatureCode = 'BLOOM_FILTER_MISSING';
 */
export type ParquetFeatureCode = keyof typeof PARQUET_FEATURE_DEFAULTS;

/**
 * Options of {@link compareParquetFeatures}.
 *
 * @example
 * const o: CompareParquetFeaturesOptions = { severity: { COMPRESSION_DIFFERS: 'warn' }, rowGroupRatio: 4 };
 */
export interface CompareParquetFeaturesOptions {
  /** Severity per difference code, over PARQUET_FEATURE_DEFAULTS. @defaultValue PARQUET_FEATURE_DEFAULTS */
  severity?: Partial<Record<ParquetFeatureCode, FeatureSeverity>>;
  /** Largest ratio between the files' mean rows per row group before ROW_GROUP_SIZE_DIFFERS. @defaultValue 2 */
  rowGroupRatio?: number;
  /** A label carried to reporters. @defaultValue none */
  label?: string;
}

/**
 * One feature difference.
 *
 * @example
 * const d: FeatureDifference = { code: 'COLUMN_MISSING', severity: 'fail', column: 'price', legacy: 'DOUBLE', shadow: null, message: 'column price (DOUBLE) is absent from shadow' };
 */
export interface FeatureDifference {
  code: ParquetFeatureCode;
  severity: FeatureSeverity;
  /** The column path, or `(file)` for file-level features. */
  column: string;
  legacy: unknown;
  shadow: unknown;
  message: string;
}

/**
 * Per file, the features compared (for the report's readers).
 *
 * @example
 * report.legacy.columns.filter((c: FileFeatureSummary['columns'][number]) => c.withBloom > 0).map((c) => c.path);
 */
export interface FileFeatureSummary {
  file: string;
  rows: number;
  rowGroups: number;
  meanRowGroupRows: number;
  sortOrder: string[];
  createdBy: string | null;
  columns: ColumnFeatures[];
}

/**
 * The result of {@link compareParquetFeatures}.
 *
 * @example
 * report.differences.filter((d) => d.severity === 'fail').map((d) => d.message);
 */
export interface ParquetFeatureReport extends ReportBase<'parquet-features'> {
  differences: FeatureDifference[];
  legacy: FileFeatureSummary;
  shadow: FileFeatureSummary;
}

const FN = 'compareParquetFeatures';
const CODES = Object.keys(PARQUET_FEATURE_DEFAULTS) as ParquetFeatureCode[];

async function metadataOf(side: string, input: unknown): Promise<{ file: string; meta: FileMetaData }> {
  if (input !== null && typeof input === 'object' && 'schema' in input && 'row_groups' in input) return { file: `(${side} metadata)`, meta: input as FileMetaData };
  if (typeof input !== 'string' || input === '') throw new ShadowOptionError(`${FN}: ${side} must be a Parquet file path (or its hyparquet metadata), got ${describeValue(input)}`);
  try {
    if (!(await stat(input)).isFile()) throw new Error('not a file');
  } catch (e) {
    // A glob (out/part-*.parquet) is read whole by the row engines, but features are a file's own.
    const glob = /[[*?]/.test(input) ? `; it looks like a glob pattern: ${FN} compares two files' footers (compression, encodings, row groups and statistics are written per file), so give one file of each side, or compare the part files pair by pair` : '';
    throw new ShadowOptionError(`${FN}: cannot read ${side} file ${input}: ${(e as Error).message}${glob}`);
  }
  try {
    // The footer alone: its length from the file's last 8 bytes, then those bytes (hyparquet reads
    // the last 512 KB first, which holds the footer of most files).
    return { file: input, meta: await parquetMetadataAsync(await asyncBufferFromFile(input)) };
  } catch (e) {
    throw new ShadowDataError(`${FN}: ${input}: not a readable Parquet file (${(e as Error).message})`);
  }
}

/** A feature value as a Reason scalar (lists joined). */
const scalar = (v: unknown): string | number | null => (v === null || typeof v === 'number' || typeof v === 'string' ? v : Array.isArray(v) ? list(v as string[]) : String(v));
const list = (xs: readonly string[]) => (xs.length ? xs.join(', ') : '(none)');

function summary(file: string, f: FileFeatures): FileFeatureSummary {
  return { file, rows: f.rows, rowGroups: f.rowGroups, meanRowGroupRows: f.meanRowGroupRows, sortOrder: f.sortOrder, createdBy: f.createdBy, columns: [...f.columns.values()] };
}

/**
 * Compares the features of two Parquet files that consumers rely on beyond their rows: schema
 * (columns, physical and logical types, repetition), compression codecs, encodings, row-group
 * sizes, min/max statistics, bloom filters (present on one side iff on the other), page indexes
 * and the declared sort order. Each difference is a reason with a configurable severity: `fail`
 * decides the verdict, `warn` and `info` are reported (as info reasons, `warn` prefixed). Reads
 * only the footers (hyparquet), so files of any size compare in milliseconds. Legacy is the
 * reference.
 *
 * @param legacy - the reference file (or its hyparquet metadata)
 * @param shadow - the new file (or its hyparquet metadata)
 * @example
 * const report = await compareParquetFeatures('out/legacy.parquet', 'out/shadow.parquet', { severity: { COMPRESSION_DIFFERS: 'warn' } });
 * report.differences.map((d) => `${d.severity} ${d.code} ${d.column}`);
 */
export async function compareParquetFeatures(
  legacy: string | FileMetaData,
  shadow: string | FileMetaData,
  options: CompareParquetFeaturesOptions = {},
): Promise<ParquetFeatureReport> {
  assertPlainObject(FN, 'options', options as unknown);
  assertKnownKeys(FN, '', options, ['severity', 'rowGroupRatio', 'label'] as const);
  const severity: Record<ParquetFeatureCode, FeatureSeverity> = { ...PARQUET_FEATURE_DEFAULTS };
  if (options.severity !== undefined) {
    assertPlainObject(FN, 'severity', options.severity as unknown);
    assertKnownKeys(FN, 'severity', options.severity, CODES);
    for (const [k, v] of Object.entries(options.severity)) {
      assertOneOf(FN, `severity.${k}`, v, ['info', 'warn', 'fail'] as const);
      severity[k as ParquetFeatureCode] = v;
    }
  }
  const ratio = options.rowGroupRatio ?? 2;
  assertNumber(FN, 'rowGroupRatio', ratio, { min: 1 });
  const L = await metadataOf('legacy', legacy);
  const S = await metadataOf('shadow', shadow);
  const lf = parquetFeatures(L.meta);
  const sf = parquetFeatures(S.meta);
  const diffs: FeatureDifference[] = [];
  const add = (code: ParquetFeatureCode, column: string, l: unknown, s: unknown, message: string) =>
    diffs.push({ code, severity: severity[code], column, legacy: l, shadow: s, message });

  for (const [path, lc] of lf.columns) {
    const sc = sf.columns.get(path);
    if (!sc) {
      add('COLUMN_MISSING', path, lc.physicalType, null, `column ${path} (${lc.logicalType}) is absent from shadow`);
      continue;
    }
    if (lc.physicalType !== sc.physicalType) add('PHYSICAL_TYPE_DIFFERS', path, lc.physicalType, sc.physicalType, `column ${path} is ${lc.physicalType} in legacy, ${sc.physicalType} in shadow`);
    if (lc.logicalType !== sc.logicalType) add('LOGICAL_TYPE_DIFFERS', path, lc.logicalType, sc.logicalType, `column ${path} has logical type ${lc.logicalType} in legacy, ${sc.logicalType} in shadow`);
    if (lc.repetition !== sc.repetition) add('REPETITION_DIFFERS', path, lc.repetition, sc.repetition, `column ${path} is ${lc.repetition} in legacy, ${sc.repetition} in shadow`);
    if (list(lc.codecs) !== list(sc.codecs)) add('COMPRESSION_DIFFERS', path, lc.codecs, sc.codecs, `column ${path} is compressed ${list(lc.codecs)} in legacy, ${list(sc.codecs)} in shadow`);
    if (list(lc.encodings) !== list(sc.encodings)) add('ENCODINGS_DIFFER', path, lc.encodings, sc.encodings, `column ${path} is encoded ${list(lc.encodings)} in legacy, ${list(sc.encodings)} in shadow`);
    if (lf.rowGroups > 0 && lc.withMinMax === lf.rowGroups && sc.withMinMax < sf.rowGroups) {
      add('STATISTICS_MISSING', path, `${lc.withMinMax}/${lf.rowGroups}`, `${sc.withMinMax}/${sf.rowGroups}`,
        `column ${path} has min/max statistics in ${sc.withMinMax} of ${sf.rowGroups} shadow row groups (legacy: all ${lf.rowGroups}); readers pruning on it scan more`);
    }
    if (lc.withBloom > 0 && sc.withBloom === 0) add('BLOOM_FILTER_MISSING', path, lc.withBloom, 0, `column ${path} has bloom filters in legacy (${lc.withBloom} of ${lf.rowGroups} row groups), none in shadow; point lookups on it stop skipping row groups`);
    if (lc.withBloom === 0 && sc.withBloom > 0) add('BLOOM_FILTER_EXTRA', path, 0, sc.withBloom, `column ${path} has bloom filters in shadow (${sc.withBloom} of ${sf.rowGroups} row groups), none in legacy`);
    if (lc.withPageIndex > 0 && sc.withPageIndex === 0) add('PAGE_INDEX_MISSING', path, lc.withPageIndex, 0, `column ${path} has page indexes in legacy, none in shadow`);
  }
  for (const path of sf.columns.keys()) {
    if (!lf.columns.has(path)) add('COLUMN_EXTRA', path, null, sf.columns.get(path)!.physicalType, `column ${path} is only in shadow`);
  }
  // A struct, list or map present on both sides: its own annotation and repetition (a group
  // REQUIRED in legacy may be NULL in shadow). One missing on a side shows in its leaves above.
  for (const [path, lg] of lf.groups) {
    const sg = sf.groups.get(path);
    if (!sg) continue;
    if (lg.logicalType !== sg.logicalType) add('LOGICAL_TYPE_DIFFERS', path, lg.logicalType, sg.logicalType, `group ${path} has logical type ${lg.logicalType} in legacy, ${sg.logicalType} in shadow`);
    if (lg.repetition !== sg.repetition) add('REPETITION_DIFFERS', path, lg.repetition, sg.repetition, `group ${path} is ${lg.repetition} in legacy, ${sg.repetition} in shadow`);
  }
  const [a, b] = [lf.meanRowGroupRows, sf.meanRowGroupRows];
  if (a > 0 && b > 0 && Math.max(a, b) / Math.min(a, b) > ratio) {
    add('ROW_GROUP_SIZE_DIFFERS', '(file)', a, b, `row groups hold ${a.toLocaleString('en-US')} rows on average in legacy, ${b.toLocaleString('en-US')} in shadow (ratio ${(Math.max(a, b) / Math.min(a, b)).toFixed(1)}, at most ${ratio} allowed)`);
  }
  if (list(lf.sortOrder) !== list(sf.sortOrder)) add('SORT_ORDER_DIFFERS', '(file)', lf.sortOrder, sf.sortOrder, `declared sort order is ${list(lf.sortOrder)} in legacy, ${list(sf.sortOrder)} in shadow`);

  const reasons: Reason[] = diffs.map((d) => ({
    code: `PARQUET_${d.code}`,
    severity: d.severity === 'fail' ? 'fail' : 'info',
    subject: d.column,
    expected: scalar(d.legacy),
    received: scalar(d.shadow),
    message: d.severity === 'warn' ? `warning: ${d.message}` : d.message,
  }));
  if (lf.columns.size === 0) {
    reasons.push({ code: 'EMPTY_SCHEMA', severity: 'fail', subject: 'legacy', expected: '> 0 columns', received: 0, message: 'legacy has no columns: an empty reference proves nothing' });
  }
  const sorted = sortReasons(reasons);
  const report: ParquetFeatureReport = {
    kind: 'parquet-features',
    version: REPORT_VERSION,
    verdict: verdictOf(sorted),
    reasons: sorted,
    differences: diffs,
    legacy: summary(L.file, lf),
    shadow: summary(S.file, sf),
  };
  if (options.label !== undefined) report.label = options.label;
  return report;
}
