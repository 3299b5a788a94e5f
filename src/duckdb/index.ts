/**
 * vitest-shadow/duckdb: comparisons executed by embedded DuckDB on files (Parquet, CSV, JSON
 * Lines), for data larger than memory. Needs the optional peer `@duckdb/node-api`.
 */
export { compareEventFiles } from '../events/duckdb/compareEventFiles.js';
export type { CompareEventFilesOptions } from '../events/duckdb/compareEventFiles.js';
export { profileFile } from '../profiles/duckdb/profileFile.js';
export { compareSequenceFiles } from '../sequences/duckdb/compareSequenceFiles.js';
export type { CompareSequenceFilesOptions } from '../sequences/duckdb/compareSequenceFiles.js';
export { compareOutputFiles } from '../outputs/duckdb/compareOutputFiles.js';
export type { CompareOutputFilesOptions, OutputCheck } from '../outputs/duckdb/compareOutputFiles.js';
