/**
 * loadDataset's CSV reader against DuckDB's read_csv, an independent RFC 4180 reader, on hostile
 * files: quoted delimiters, doubled quotes, line breaks inside quotes (LF and CRLF), empty and
 * quoted-empty cells, NaN and Infinity texts, ids longer than a double's digits, a BOM, CRLF and
 * LF line ends, non-ASCII text, and a generated file mixing plain and hostile lines.
 * Cells are compared as text (DuckDB all_varchar, loadDataset inferTypes: false), then numbers as
 * numbers (DuckDB DOUBLE, loadDataset's inference).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadDataset } from '../../src/dataset/loadDataset.js';
import { createRng } from '../../src/stats/_internal/prng.js';

const dir = mkdtempSync(join(tmpdir(), 'vitest-shadow-hostile-'));
let db: DuckDBInstance;
let c: DuckDBConnection;
beforeAll(async () => {
  db = await DuckDBInstance.create(':memory:', { threads: '1' });
  c = await db.connect();
});
afterAll(() => {
  c?.closeSync();
  db?.closeSync();
  rmSync(dir, { recursive: true, force: true });
});

/** DuckDB's rows: every cell as text (NULL for an empty cell, quoted or not), in file order. */
async function duckRows(path: string, columns: string[], types = 'all_varchar = true'): Promise<Record<string, unknown>[]> {
  const r = await c.runAndReadAll(`SELECT * FROM read_csv('${path}', header = true, ${types}, strict_mode = true, null_padding = false, quote = '"', escape = '"')`);
  expect(r.columnNames()).toEqual(columns);
  return r.getRowObjectsJS() as Record<string, unknown>[];
}

const q = (s: string) => `"${s.replaceAll('"', '""')}"`;

/** Hand-written hostile cells, each a text and how it is written in the file. */
const HOSTILE: [text: string | null, written: string][] = [
  ['a,b', q('a,b')],
  ['say "hi"', q('say "hi"')],
  ['line1\nline2', q('line1\nline2')],
  ['crlf1\r\ncrlf2', q('crlf1\r\ncrlf2')],
  [null, ''],
  [null, '""'],
  ['NaN', 'NaN'],
  ['-Infinity', '-Infinity'],
  ['123456789012345678901234567890', '123456789012345678901234567890'],
  ['007', '007'],
  ['Zürich €', 'Zürich €'],
  [' padded ', ' padded '],
  ['"', q('"')],
  [',', q(',')],
];

describe('CSV against DuckDB read_csv', () => {
  for (const [eol, bom] of [['\n', false], ['\r\n', false], ['\r\n', true], ['\n', true]] as const) {
    test(`hostile cells give DuckDB's texts (${JSON.stringify(eol)} line ends${bom ? ', BOM' : ''})`, async () => {
      // Every hostile cell in every column position, beside an id and a plain number.
      const header = ['id', 'cell', 'n', 'last'];
      const body = HOSTILE.flatMap(([, w], i) => [
        [`r${i}`, w, String(i / 4), 'x'],
        [`s${i}`, 'y', String(-i), w],
      ]);
      const text = (bom ? '\uFEFF' : '') + [header, ...body].map((r) => r.join(',')).join(eol) + eol;
      const path = join(dir, `hostile-${bom ? 'bom' : 'plain'}-${eol.length}.csv`);
      writeFileSync(path, text);
      const ours = await loadDataset(path, { inferTypes: false });
      const theirs = await duckRows(path, header);
      expect(ours).toEqual(theirs);
      // and the ground truth the file was written from
      expect(ours.map((r) => r.cell).filter((_, k) => k % 2 === 0)).toEqual(HOSTILE.map(([t]) => t));
      expect(ours.map((r) => r.last).filter((_, k) => k % 2 === 1)).toEqual(HOSTILE.map(([t]) => t));
    });
  }

  test('a generated 40,000-row file mixing plain and hostile lines gives the same texts and numbers as DuckDB (seed 20261206)', async () => {
    // Random mixes of plain and hostile cells, so both splitter paths (the indexOf fast path for
    // lines without quotes and the general one) run, next to each other, over many records.
    const rng = createRng(20261206);
    const pick = <T,>(xs: readonly T[]) => xs[Math.floor(rng.nextFloat() * xs.length)];
    const header = ['eventId', 'type', 'price', 'note', 'geo.city'];
    const rows: string[][] = [];
    for (let i = 0; i < 40_000; i++) {
      const hostile = rng.nextFloat() < 0.1;
      rows.push([
        `e${i}`,
        pick(['click', 'save', 'search']),
        rng.nextFloat() < 0.05 ? '' : (Math.round(rng.nextFloat() * 1e6) / 100).toString(),
        hostile ? pick(HOSTILE)[1] : pick(['plain', 'x y', '', 'Zürich']),
        pick(['Paris', 'Lyon', 'Berlin']),
      ]);
    }
    const eol = '\r\n';
    const path = join(dir, 'generated.csv');
    writeFileSync(path, [header, ...rows].map((r) => r.join(',')).join(eol) + eol);
    const texts = await loadDataset(path, { inferTypes: false, nestDottedHeaders: false });
    expect(texts).toEqual(await duckRows(path, header));
    const typed = await loadDataset(path, { nestDottedHeaders: false });
    expect((typed as unknown as { columnTypes: Record<string, string> }).columnTypes).toEqual({ eventId: 'string', type: 'string', price: 'number', note: 'string', 'geo.city': 'string' });
    const duckTyped = await duckRows(path, header, "all_varchar = false, types = {'price': 'DOUBLE'}");
    expect(typed.map((r) => r.price)).toEqual(duckTyped.map((r) => r.price));
  });
});
