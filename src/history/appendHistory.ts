import { mkdir, open } from 'node:fs/promises';
import { join } from 'node:path';
import { ShadowOptionError } from '../errors.js';
import { recordProblem } from './_internal/validateRecord.js';
import { safeName } from './safeName.js';
import type { HistoryRecord } from './types.js';

/**
 * Appends history records, one JSON line each, to `${dir}/${safeName(eventType)}.jsonl` (the directory
 * is created when missing). Every record is validated first; an invalid one throws ShadowOptionError
 * naming its index and field, and nothing is written.
 *
 * Atomic: the records of one event type are written by a single `write(2)` on a file opened with
 * `O_APPEND`, which the kernel serialises against every other appender of the same file, so two runs
 * appending at once lose nothing and never interleave inside a line. A file whose last line was torn by
 * a crashed writer is first closed with a newline, so the torn line stays one bad line (reported by
 * {@link readHistory}) instead of swallowing the next record.
 *
 * @example
 * await appendHistory('shadow-history', [{
 *   version: 1, runId: 'r1', timestamp: new Date().toISOString(), eventType: 'search', tier: 'events',
 *   verdict: 'pass', reasons: [], figures: { matchRate: 1 },
 * }]);
 */
export async function appendHistory(dir: string, records: HistoryRecord[]): Promise<void> {
  if (typeof dir !== 'string' || dir === '') throw new ShadowOptionError(`appendHistory: dir must be a non-empty path, got ${JSON.stringify(dir)}`);
  if (!Array.isArray(records)) throw new ShadowOptionError('appendHistory: records must be an array of HistoryRecord');
  const byFile = new Map<string, string[]>();
  records.forEach((record, i) => {
    const problem = recordProblem(record);
    if (problem) throw new ShadowOptionError(`appendHistory: records[${i}]: ${problem}`);
    const file = join(dir, `${safeName(record.eventType)}.jsonl`);
    let lines = byFile.get(file);
    if (!lines) byFile.set(file, (lines = []));
    lines.push(JSON.stringify(record));
  });
  if (byFile.size === 0) return;
  await mkdir(dir, { recursive: true });
  for (const [file, lines] of byFile) await appendLines(file, lines.join('\n') + '\n');
}

async function appendLines(file: string, text: string): Promise<void> {
  const handle = await open(file, 'a+');
  try {
    const { size } = await handle.stat();
    let prefix = '';
    if (size > 0) {
      const last = Buffer.alloc(1);
      await handle.read(last, 0, 1, size - 1);
      if (last[0] !== 0x0a) prefix = '\n';
    }
    const buffer = Buffer.from(prefix + text, 'utf8');
    // One write call per batch: with O_APPEND the kernel places it at the end atomically.
    const { bytesWritten } = await handle.write(buffer, 0, buffer.length, null);
    if (bytesWritten !== buffer.length) {
      throw new Error(`appendHistory: short write to ${file} (${bytesWritten} of ${buffer.length} bytes); the last line is torn`);
    }
  } finally {
    await handle.close();
  }
}
