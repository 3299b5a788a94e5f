import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ShadowDataError, ShadowOptionError } from '../errors.js';
import { recordProblem } from './_internal/validateRecord.js';
import { safeName } from './safeName.js';
import type { HistoryProblem, HistoryRecord } from './types.js';

/** Options of {@link readHistory}. @example const o: ReadHistoryOptions = { eventType: 'search' }; */
export interface ReadHistoryOptions {
  /**
   * Read only this event type's file.
   * @defaultValue every `*.jsonl` file of the directory
   */
  eventType?: string;
}

/**
 * Reads the history written by {@link appendHistory}. Records come back sorted by timestamp (then file
 * order). A line that is not a valid record (torn by a crashed writer, corrupt, another version) becomes
 * a problem naming its file and 1-based line, and every other line is still read; blank lines are skipped.
 * A record found in another event type's file is a problem too.
 *
 * @throws ShadowDataError when `dir` does not exist or is not a directory.
 * @example
 * const { records, problems } = await readHistory('shadow-history', { eventType: 'search' });
 * for (const p of problems) console.warn(`${p.file}:${p.line}: ${p.message}`);
 */
export async function readHistory(
  dir: string,
  options: ReadHistoryOptions = {},
): Promise<{ records: HistoryRecord[]; problems: HistoryProblem[] }> {
  if (typeof dir !== 'string' || dir === '') throw new ShadowOptionError(`readHistory: dir must be a non-empty path, got ${JSON.stringify(dir)}`);
  if (typeof options !== 'object' || options === null) throw new ShadowOptionError('readHistory: options must be an object');
  for (const k of Object.keys(options)) {
    if (k !== 'eventType') throw new ShadowOptionError(`readHistory: unknown option '${k}'; valid options are 'eventType'`);
  }
  if (options.eventType !== undefined && (typeof options.eventType !== 'string' || options.eventType === '')) {
    throw new ShadowOptionError(`readHistory: eventType must be a non-empty string, got ${JSON.stringify(options.eventType)}`);
  }
  let isDir = false;
  try {
    isDir = (await stat(dir)).isDirectory();
  } catch {
    throw new ShadowDataError(`readHistory: history directory ${dir} does not exist`);
  }
  if (!isDir) throw new ShadowDataError(`readHistory: history path ${dir} is not a directory`);

  const names = options.eventType !== undefined
    ? [`${safeName(options.eventType)}.jsonl`]
    : (await readdir(dir)).filter((n) => n.endsWith('.jsonl')).sort();
  const records: { record: HistoryRecord; order: number; t: number }[] = [];
  const stems = new Map<string, string>(); // safeName per event type, computed once
  const problems: HistoryProblem[] = [];
  for (const name of names) {
    const file = join(dir, name);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT' && options.eventType !== undefined) continue;
      throw new ShadowDataError(`readHistory: cannot read ${file}: ${(e as Error).message}`);
    }
    const stem = name.slice(0, -'.jsonl'.length);
    const lines = text.split('\n');
    lines.forEach((line, i) => {
      if (line.trim() === '') return;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch (e) {
        problems.push({ file, line: i + 1, message: `not valid JSON (${(e as Error).message}); a torn or corrupt line` });
        return;
      }
      const problem = recordProblem(value);
      if (problem) {
        problems.push({ file, line: i + 1, message: problem });
        return;
      }
      const record = value as HistoryRecord;
      let own = stems.get(record.eventType);
      if (own === undefined) stems.set(record.eventType, (own = safeName(record.eventType)));
      if (own !== stem) {
        problems.push({ file, line: i + 1, message: `record of event type '${record.eventType}' in the file of another event type` });
        return;
      }
      records.push({ record, order: records.length, t: Date.parse(record.timestamp) });
    });
  }
  records.sort((a, b) => a.t - b.t || a.order - b.order);
  return { records: records.map((r) => r.record), problems };
}
