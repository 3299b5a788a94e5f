/**
 * Keys holding a dot (`"user.id"`, a flattened property): a path's dots are nesting, so the
 * getter of the discovered path `user.id` read `user` → `id`, which no row holds, and the key's
 * values were never compared: a difference there passed, in memory and on files. Both engines now
 * fail with FIELD_KEY_HAS_DOT naming the key (unless declared 'ignore'), and list no field for it.
 * Ground truth: the rows written (one value differs).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, describe, expect, test } from 'vitest';
import { compareEvents } from '../../src/events/compareEvents.js';
import { compareEventFiles } from '../../src/events/duckdb/compareEventFiles.js';
import { loadDataset } from '../../src/dataset/loadDataset.js';
import { writeJsonl } from './duckdb/_files.js';
import { comparable } from './duckdb/_differential.js';

const dir = mkdtempSync(join(tmpdir(), 'shadow-dotted-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const legacy = [{ id: 1, 'user.id': 'u1', n: 1 }, { id: 2, 'user.id': 'u2', n: 2 }];
const shadow = [{ id: 1, 'user.id': 'u1', n: 1 }, { id: 2, 'user.id': 'u9', n: 2 }];

describe('a key holding a dot', () => {
  test('in memory: the comparison fails naming the key, which is no field; declared ignore, it passes', () => {
    const r = compareEvents(legacy, shadow, { key: 'id' });
    expect(r.verdict).toBe('fail');
    expect(r.reasons.map((x) => [x.code, x.subject])).toEqual([['FIELD_KEY_HAS_DOT', 'user.id']]);
    expect(r.fields.map((f) => f.field)).toEqual(['n']);
    expect(compareEvents(legacy, shadow, { key: 'id', fields: { 'user.id': 'ignore' } }).verdict).toBe('pass');
    // Nested: the path of the key within its object.
    const nested = compareEvents([{ id: 1, ctx: { 'a.b': 1 } }], [{ id: 1, ctx: { 'a.b': 2 } }], { key: 'id' });
    expect(nested.reasons.map((x) => [x.code, x.subject])).toEqual([['FIELD_KEY_HAS_DOT', 'ctx.a.b']]);
  });

  test.each(['jsonl', 'parquet'])('on %s files: the report memory gives on the rows loaded', async (format) => {
    const [l, s] = [join(dir, `l.${format}`), join(dir, `s.${format}`)];
    if (format === 'jsonl') {
      writeJsonl(l, legacy);
      writeJsonl(s, shadow);
    } else {
      const db = await DuckDBInstance.create(':memory:');
      const c = await db.connect();
      for (const [f, rows] of [[l, legacy], [s, shadow]] as const) {
        await c.run(`COPY (SELECT * FROM (VALUES ${rows.map((r) => `(${r.id}, '${r['user.id']}', ${r.n})`).join(', ')}) t(id, "user.id", n)) TO '${f}' (FORMAT parquet)`);
      }
      c.closeSync();
      db.closeSync();
    }
    for (const options of [{ key: 'id' }, { key: 'id', fields: { 'user.id': 'ignore' as const } }]) {
      const r = await compareEventFiles(l, s, options);
      const memory = compareEvents(await loadDataset(l), await loadDataset(s), options);
      expect(comparable(r)).toEqual(comparable(memory));
      expect(r.verdict).toBe(options.fields ? 'pass' : 'fail');
    }
  });
});
