/** The splitter-vs-csv-parse property, shared by splitCsv.test.ts (bounded) and splitCsv.slow.test.ts. */
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { expect } from 'vitest';
import { cellText, splitCsv, type CsvCells } from '../../src/dataset/_internal/splitCsv.js';

async function* pieces(text: string, size: number): AsyncIterable<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

export async function split(text: string, size = 1 << 20, target = 1 << 23, delimiter = ',', limit = Infinity): Promise<CsvCells | null> {
  return splitCsv(pieces(text, size), 'x.csv', 'loadDataset', delimiter, limit, target);
}

export function records(c: CsvCells | null): string[][] {
  if (!c) return [];
  const out: string[][] = [c.header];
  for (const ch of c.chunks) {
    for (let r = 0; r < ch.records; r++) {
      const row: string[] = [];
      for (let j = 0; j < c.width; j++) row.push(cellText(ch, r * c.width + j));
      out.push(row);
    }
  }
  return out;
}

function lines(c: CsvCells | null): number[] {
  if (!c) return [];
  return c.chunks.flatMap((ch) => [...ch.line]);
}

const cellArb = fc.oneof(
  fc.constantFrom('', 'a', '1', '-2.5', 'true', 'x y'),
  fc.string({ unit: fc.constantFrom('a', 'b', ',', '"', '\n', '\r\n', ' ', 'é', '7'), maxLength: 6 }),
);

/** Writes one cell as RFC 4180 does: quoted (inner quotes doubled) when it holds a quote, delimiter or line break, or when asked. */
const quoteCell = (s: string, force: boolean) => (force || /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);

const csvArb = fc
  .integer({ min: 1, max: 4 })
  .chain((w) =>
    fc.record({
      header: fc.uniqueArray(fc.stringMatching(/^[a-z]{1,3}$/), { minLength: w, maxLength: w }),
      rows: fc.array(fc.array(fc.tuple(cellArb, fc.boolean()), { minLength: w, maxLength: w }), { maxLength: 8 }),
      eol: fc.constantFrom('\n', '\r\n'),
      finalEol: fc.boolean(),
    }),
  )
  // csv-parse skips a record made of one empty cell as an empty line; so does the splitter, tested apart.
  .filter(({ header, rows }) => header.length > 1 || rows.every(([[c, q]]) => c !== '' || q));


/** Generated CSV text split at chunk sizes 1..40 gives csv-parse's records and each record's first line. */
export async function checkSplitsLikeCsvParse(numRuns: number, seed: number): Promise<void> {
    await fc.assert(
      fc.asyncProperty(csvArb, fc.integer({ min: 1, max: 40 }), async ({ header, rows, eol, finalEol }, size) => {
        const text = [header.join(','), ...rows.map((r) => r.map(([c, q]) => quoteCell(c, q)).join(','))].join(eol) + (finalEol ? eol : '');
        const expected = parse(text, { relax_column_count: false, bom: true, skip_empty_lines: true, info: true }) as unknown as { record: string[]; info: { lines: number } }[];
        const got = await split(text, size, size);
        const gotRecords = records(got);
        expect(gotRecords.map((r, i) => (i === 0 ? r.map((h) => h.trim()) : r))).toEqual(expected.map((e, i) => (i === 0 ? e.record.map((h) => h.trim()) : e.record)));
        // the line each record starts on: physical lines before it, counted in the text itself
        const starts: number[] = [];
        let line = 1;
        let inQuote = false;
        let atStart = true;
        for (let i = 0; i < text.length; i++) {
          const ch = text[i];
          if (atStart && ch !== '\n' && ch !== '\r') {
            starts.push(line);
            atStart = false;
          }
          if (ch === '"') inQuote = !inQuote;
          if (ch === '\n') {
            line++;
            if (!inQuote) atStart = true;
          }
        }
        expect(lines(got)).toEqual(starts.slice(1));
      }),
      { seed, numRuns },
    );
}
