/** A file path as DuckDB's readers take it. */
import { statSync } from 'node:fs';

/** A SQL string literal (quotes doubled). */
export const sqlString = (s: string): string => `'${s.replaceAll("'", "''")}'`;

/**
 * The SQL string literal of the DuckDB file pattern that reads exactly `path` when `path` names
 * an existing file, else `path` itself (a glob: `logs/*.jsonl`). DuckDB's readers take every
 * path as a glob pattern, so a file named `run[1].jsonl` would read `run1.jsonl` instead; in an
 * existing file's path each glob character `[`, `*`, `?` is written as a class of that one
 * character (`[[]`, `[*]`, `[?]`), which matches only it.
 *
 * @example
 * fileLiteral('out/run[1].jsonl') // "'out/run[[]1].jsonl'" when that file exists
 */
export function fileLiteral(path: string): string {
  let pattern = path;
  if (/[[*?]/.test(path)) {
    let file = false;
    try {
      file = statSync(path).isFile();
    } catch {
      // Not a file: a glob (or missing, which the reader reports).
    }
    if (file) pattern = path.replace(/[[*?]/g, (ch) => `[${ch}]`);
  }
  return sqlString(pattern);
}
