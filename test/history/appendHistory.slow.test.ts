// The long version of the concurrency check in appendHistory.test.ts: four processes, batches of ~1 MB
// (larger than a pipe buffer or a page), still nothing lost and no batch split.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { readHistory } from '../../src/history/readHistory.js';
import type { HistoryRecord } from '../../src/history/types.js';

function runChild(args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '_appendChild.ts'), ...args], { stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code) => resolve(code ?? -1));
  });
}

test('four processes appending ~1 MB batches at once lose nothing and never split a batch', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'history-slow-'));
  try {
    const batches = 20;
    const size = 3500; // ~1 MB per batch
    const writers = [1, 2, 3, 4];
    const codes = await Promise.all(writers.map((w) => runChild([dir, String(w), String(batches), String(size)])));
    expect(codes).toEqual([0, 0, 0, 0]);
    const { records, problems } = await readHistory(dir);
    expect(problems).toEqual([]);
    expect(records).toHaveLength(writers.length * batches * size);
    const lines = (await readFile(join(dir, 'search.jsonl'), 'utf8')).split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as HistoryRecord);
    for (let i = 0; i < lines.length; i += size) {
      expect(new Set(lines.slice(i, i + size).map((r) => `${r.figures.writer}:${r.runId}`)).size).toBe(1);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}, 600_000);
