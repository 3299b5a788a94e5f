import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { ShadowOptionError, describeValue } from '../_internal/options.js';
import { compareEvents, type CompareEventsOptions, type EventReport } from '../events/compareEvents.js';
import { ShadowDataError } from '../errors.js';
import { datasetFiles, loadDataset } from '../dataset/loadDataset.js';
import { resolveSources } from './_internal/resolveSources.js';
import type { Row } from '../dataset/toRows.js';

/**
 * Options of {@link compareEventSources}: the event tier's, plus the choice of engine.
 *
 * @example
 * const o: CompareEventSourcesOptions = { key: 'id', engine: 'auto', duckdbAboveBytes: 64 * 2 ** 20 };
 */
export interface CompareEventSourcesOptions extends CompareEventsOptions {
  /**
   * Which engine compares the files: `'memory'` loads them and runs compareEvents; `'duckdb'` runs
   * compareEventFiles in embedded DuckDB (needs the optional peer `@duckdb/node-api`, a path key
   * and one file per side, or one glob of files); `'auto'` picks DuckDB when both sides together exceed
   * `duckdbAboveBytes` and DuckDB can take the options, memory otherwise.
   * @defaultValue 'auto'
   */
  engine?: 'auto' | 'memory' | 'duckdb';
  /** Size of both sides together above which `'auto'` uses DuckDB. @defaultValue 268435456 (256 MiB) */
  duckdbAboveBytes?: number;
}

/**
 * The engine a comparison ran on, with the files and their size.
 *
 * @example
 * const { run } = await compareEventSources('l.jsonl', 's.jsonl', { key: 'id' });
 * run.engine; // => 'memory'
 */
export interface SourceRun {
  engine: 'memory' | 'duckdb';
  files: { legacy: string[]; shadow: string[] };
  bytes: number;
  rows?: { legacy: Row[]; shadow: Row[] };
}

const FN = 'compareEventSources';
export const DEFAULT_DUCKDB_ABOVE = 256 * 1024 * 1024;

/** Whether DuckDB can run these options: string keys, no functions anywhere, one file per side (or one glob of files, `patterns`). */
export function duckdbCan(options: CompareEventsOptions, legacy: string[], shadow: string[], patterns: { legacy?: string; shadow?: string } = {}): boolean {
  // Several files: only a glob compareEventFiles reads whole (a glob of CSV files as one table,
  // as loadDataset reads the glob: see loadSide).
  const one = (files: string[], pattern?: string) => files.length === 1 || (pattern !== undefined && files.length > 1);
  if (!one(legacy, patterns.legacy) || !one(shadow, patterns.shadow)) return false;
  if (typeof options.key === 'function' || options.nullEqualsMissing !== undefined) return false;
  // by on files: a field path (compareEventFiles refuses functions).
  const by = (options as { by?: unknown }).by;
  if (by !== undefined && typeof by !== 'string') return false;
  const hasFn = (v: unknown): boolean => typeof v === 'function' || (typeof v === 'object' && v !== null && Object.values(v).some(hasFn));
  return !hasFn(options.fields ?? {}) && !hasFn((options as { overrides?: unknown }).overrides ?? {});
}

/**
 * Compares the events of two sets of files (paths, globs, JSONL, CSV, JSON, Parquet, gzip),
 * in memory or in embedded DuckDB as the size asks, with the same EventReport either way. A
 * missing file or an empty glob throws a ShadowDataError naming it.
 *
 * @example
 * const { report } = await compareEventSources('out/legacy/*.jsonl', 'out/shadow/*.jsonl', { key: 'id' });
 * report.verdict;
 */
export async function compareEventSources(
  legacy: string | readonly string[],
  shadow: string | readonly string[],
  options: CompareEventSourcesOptions,
): Promise<{ report: EventReport; run: SourceRun }> {
  if (options === undefined || options === null || typeof options !== 'object') throw new ShadowOptionError(`${FN}: options are required; pass at least { key: 'id' }`);
  const { engine = 'auto', duckdbAboveBytes = DEFAULT_DUCKDB_ABOVE, ...rest } = options;
  if (!['auto', 'memory', 'duckdb'].includes(engine)) throw new ShadowOptionError(`${FN}: engine must be 'auto', 'memory' or 'duckdb', got ${describeValue(engine)}`);
  if (!(typeof duckdbAboveBytes === 'number' && duckdbAboveBytes >= 0)) throw new ShadowOptionError(`${FN}: duckdbAboveBytes must be a number >= 0, got ${describeValue(duckdbAboveBytes)}`);
  const l = resolveSources('legacy', legacy, '');
  const s = resolveSources('shadow', shadow, '');
  if (l.error) throw new ShadowDataError(l.error.message.replace(/ \(event type ''\)/, ''));
  if (s.error) throw new ShadowDataError(s.error.message.replace(/ \(event type ''\)/, ''));
  return compareResolved(l.files, s.files, rest, engine, duckdbAboveBytes, undefined, { legacy: l.pattern, shadow: s.pattern });
}

/**
 * What compareEventFiles reads for one side: its one file, or the glob its files came from when
 * DuckDB's glob() lists exactly those files (it also lists dotfiles, which the suite's resolver
 * leaves out); undefined when neither.
 * @internal
 */
export async function duckdbPath(files: string[], pattern: string | undefined): Promise<string | undefined> {
  if (files.length === 1) return files[0];
  if (pattern === undefined) return undefined;
  const { duckdbGlob } = await import('../_internal/duckdbFile.js');
  const listed = (await duckdbGlob(pattern)).map((f) => resolve(f)).sort();
  const mine = files.map((f) => resolve(f)).sort();
  return listed.length === mine.length && listed.every((f, i) => f === mine[i]) ? pattern : undefined;
}

/**
 * The rows of one side's files as one dataset: one file, or the glob they came from (`pattern`,
 * when loadDataset lists exactly those files for it), as loadDataset reads it, with the CSV column
 * types it read over the whole dataset (a glob of CSV files is one table: a column one file types
 * otherwise than another is text in all, as compareEventFiles reads the glob), which compareEvents
 * reports as COLUMN_TYPE_DIFFERS; else each file read on its own and the rows concatenated.
 * `load` reads one path (the suite's cache).
 * @internal
 */
export async function loadSide(files: readonly string[], pattern: string | undefined, load: (path: string) => Promise<Row[]> = loadDataset): Promise<Row[]> {
  if (files.length === 1) return load(files[0]);
  if (pattern !== undefined) {
    const listed = (await datasetFiles(pattern).catch(() => [])).map((f) => resolve(f)).sort();
    const mine = files.map((f) => resolve(f)).sort();
    if (listed.length === mine.length && listed.every((f, i) => f === mine[i])) return load(pattern);
  }
  return (await Promise.all(files.map(load))).flat();
}

/** The engine choice and the comparison, on files already resolved. */
export async function compareResolved(
  lfiles: string[],
  sfiles: string[],
  options: CompareEventsOptions,
  engine: 'auto' | 'memory' | 'duckdb',
  duckdbAboveBytes: number,
  transform?: (legacy: Row[], shadow: Row[]) => { legacy: Row[]; shadow: Row[] },
  patterns: { legacy?: string; shadow?: string } = {},
): Promise<{ report: EventReport; run: SourceRun }> {
  const bytes = [...lfiles, ...sfiles].reduce((a, f) => a + statSync(f).size, 0);
  const can = duckdbCan(options, lfiles, sfiles, patterns) && !transform;
  if (engine === 'duckdb' && !can) {
    throw new ShadowOptionError(`${FN}: engine 'duckdb' needs one file per side (or one glob of files), a key of column paths, no function in the field rules and no sampling; use engine: 'memory'`);
  }
  if (engine === 'duckdb' || (engine === 'auto' && can && bytes > duckdbAboveBytes)) {
    const [l, s] = [await duckdbPath(lfiles, patterns.legacy), await duckdbPath(sfiles, patterns.shadow)];
    if (l !== undefined && s !== undefined) {
      const { compareEventFiles } = await import('../events/duckdb/compareEventFiles.js');
      const report = await compareEventFiles(l, s, options as Parameters<typeof compareEventFiles>[2]);
      return { report, run: { engine: 'duckdb', files: { legacy: lfiles, shadow: sfiles }, bytes } };
    }
    if (engine === 'duckdb') throw new ShadowOptionError(`${FN}: engine 'duckdb': DuckDB's glob lists other files than the suite's for ${l === undefined ? patterns.legacy : patterns.shadow}; name the files, or use engine: 'memory'`);
  }
  let lrows = await loadSide(lfiles, patterns.legacy);
  let srows = await loadSide(sfiles, patterns.shadow);
  if (transform) ({ legacy: lrows, shadow: srows } = transform(lrows, srows));
  const report = compareEvents(lrows, srows, options);
  return { report, run: { engine: 'memory', files: { legacy: lfiles, shadow: sfiles }, bytes, rows: { legacy: lrows, shadow: srows } } };
}
