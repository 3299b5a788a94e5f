import { loadDataset } from '../../dataset/loadDataset.js';
import type { Row } from '../../dataset/toRows.js';

/** Whether a path names a Parquet file. */
export const isParquet = (path: string) => /\.parquet$/i.test(path);

/**
 * Loads one file as rows: Parquet through hyparquet (BigInt columns become numbers when they are
 * safe integers), everything else through loadDataset (JSONL, JSON, CSV, gzip).
 */
export async function loadFile(path: string): Promise<Row[]> {
  if (!isParquet(path)) return loadDataset(path);
  const { asyncBufferFromFile, parquetReadObjects } = await import('hyparquet');
  const file = await asyncBufferFromFile(path);
  const rows = (await parquetReadObjects({ file })) as Row[];
  for (const row of rows) {
    for (const [k, v] of Object.entries(row)) {
      if (typeof v === 'bigint' && v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= BigInt(Number.MIN_SAFE_INTEGER)) row[k] = Number(v);
    }
  }
  return rows;
}
