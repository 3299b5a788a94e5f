import { spawn } from 'node:child_process';
import { appendFile, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { appendHistory } from '../../src/history/appendHistory.js';
import { readHistory } from '../../src/history/readHistory.js';
import type { HistoryRecord } from '../../src/history/types.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'history-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const rec = (over: Partial<HistoryRecord> = {}): HistoryRecord => ({
  version: 1,
  runId: 'r1',
  timestamp: '2026-12-05T02:00:00.000Z',
  eventType: 'search',
  tier: 'events',
  verdict: 'pass',
  reasons: [],
  figures: { matchRate: 1 },
  ...over,
});

function runChild(args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '_appendChild.ts'), ...args], {
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('error', reject);
    child.on('exit', (code) => resolve(code ?? -1));
  });
}

describe('appendHistory', () => {
  test('writes one JSON line per record into one file per event type, read back in timestamp order', async () => {
    await appendHistory(dir, [
      rec({ runId: 'r2', timestamp: '2026-12-06T02:00:00Z' }),
      rec({ eventType: 'ads/click', tier: 'sequences' }),
      rec(),
    ]);
    expect((await readdir(dir)).sort()).toEqual(['ads%2Fclick.jsonl', 'search.jsonl']);
    const text = await readFile(join(dir, 'search.jsonl'), 'utf8');
    expect(text.split('\n')).toHaveLength(3); // two lines + the final newline
    const { records, problems } = await readHistory(dir);
    expect(problems).toEqual([]);
    expect(records.map((r) => `${r.eventType}/${r.runId}`)).toEqual(['ads/click/r1', 'search/r1', 'search/r2']);
    expect((await readHistory(dir, { eventType: 'ads/click' })).records).toHaveLength(1);
  });

  test('two processes appending at once lose nothing and never interleave inside a line', async () => {
    const batches = 40;
    const size = 60; // ~17 KB per batch
    const codes = await Promise.all([runChild([dir, '1', String(batches), String(size)]), runChild([dir, '2', String(batches), String(size)])]);
    expect(codes).toEqual([0, 0]);
    const { records, problems } = await readHistory(dir);
    expect(problems).toEqual([]);
    expect(records).toHaveLength(2 * batches * size);
    for (const writer of [1, 2]) {
      const seen = new Set(records.filter((r) => r.figures.writer === writer).map((r) => `${r.figures.batch}:${r.figures.index}`));
      expect(seen.size).toBe(batches * size);
    }
    // each batch is contiguous in the file: a single write per batch
    const lines = (await readFile(join(dir, 'search.jsonl'), 'utf8')).split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as HistoryRecord);
    for (let i = 0; i < lines.length; i += size) {
      expect(new Set(lines.slice(i, i + size).map((r) => r.runId)).size).toBe(1);
    }
  });

  test('closes a torn last line before appending, so the next record survives', async () => {
    await appendHistory(dir, [rec()]);
    await appendFile(join(dir, 'search.jsonl'), '{"version":1,"runId":"torn');
    await appendHistory(dir, [rec({ runId: 'r3' })]);
    const { records, problems } = await readHistory(dir);
    expect(records.map((r) => r.runId)).toEqual(['r1', 'r3']);
    expect(problems).toHaveLength(1);
    expect(problems[0].line).toBe(2);
  });

  test('refuses an invalid record naming its index and field, writing nothing', async () => {
    await expect(appendHistory(dir, [rec(), rec({ verdict: 'ok' as never })])).rejects.toThrowErrorMatchingInlineSnapshot(`[ShadowOptionError: appendHistory: records[1]: verdict must be one of pass, fail, inconclusive, error, got "ok"]`);
    await expect(appendHistory(dir, [rec({ figures: { matchRate: Number.NaN } })])).rejects.toThrowErrorMatchingInlineSnapshot(`[ShadowOptionError: appendHistory: records[0]: figures must be an object of finite numbers]`);
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('readHistory', () => {
  test('a record stamped more than a day in the future, or without a zone, is a problem of its file and line, not the latest run', async () => {
    const file = join(dir, 'search.jsonl');
    const ahead = new Date(Date.now() + 3 * 24 * 3600 * 1000).toISOString();
    await writeFile(file, [rec(), rec({ runId: 'skewed', timestamp: ahead }), rec({ runId: 'naive', timestamp: '2026-12-05T02:00:00' }), rec({ runId: 'soon', timestamp: new Date(Date.now() + 3600 * 1000).toISOString() })].map((r) => JSON.stringify(r)).join('\n') + '\n');
    const { records, problems } = await readHistory(dir);
    expect(records.map((r) => r.runId)).toEqual(['r1', 'soon']);
    expect(problems.map((p) => [p.line, p.message.replace(/\(now is [^)]*\)/, '(now is …)')])).toEqual([
      [2, `timestamp ${ahead} lies in the future (now is …): a runner's clock is wrong; fix the clock, or the record`],
      [3, 'timestamp must be an ISO 8601 date and time with a zone (2026-12-06T02:10:00Z), got "2026-12-05T02:00:00"'],
    ]);
  });

  test('reports a corrupt line with file and line and still reads the rest', async () => {
    const file = join(dir, 'search.jsonl');
    await writeFile(
      file,
      [JSON.stringify(rec()), '{not json', '', JSON.stringify({ ...rec({ runId: 'r2' }), version: 2 }), JSON.stringify(rec({ runId: 'r4' })), JSON.stringify(rec({ eventType: 'other' }))].join('\n') + '\n',
    );
    const { records, problems } = await readHistory(dir);
    expect(records.map((r) => r.runId)).toEqual(['r1', 'r4']);
    expect(problems.map((p) => ({ ...p, file: p.file.slice(dir.length + 1) }))).toMatchInlineSnapshot(`
      [
        {
          "file": "search.jsonl",
          "line": 2,
          "message": "not valid JSON (Expected property name or '}' in JSON at position 1); a torn or corrupt line",
        },
        {
          "file": "search.jsonl",
          "line": 4,
          "message": "version must be 1, got 2",
        },
        {
          "file": "search.jsonl",
          "line": 6,
          "message": "record of event type 'other' in the file of another event type",
        },
      ]
    `);
  });

  test('throws ShadowDataError for a missing directory', async () => {
    const error = await readHistory(join(dir, 'nope')).catch((e: Error) => e);
    expect(String(error).replace(dir, '<dir>')).toMatchInlineSnapshot(`"ShadowDataError: readHistory: history directory <dir>/nope does not exist"`);
    await expect(readHistory(join(dir, 'nope'))).rejects.toHaveProperty('name', 'ShadowDataError');
  });

  test('an unknown option is refused', async () => {
    await expect(readHistory(dir, { event: 'x' } as never)).rejects.toThrowErrorMatchingInlineSnapshot(`[ShadowOptionError: readHistory: unknown option 'event'; valid options are 'eventType']`);
  });
});
