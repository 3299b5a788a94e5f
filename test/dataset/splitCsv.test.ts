/**
 * The hand-rolled CSV splitter against csv-parse (the reader it replaced) on generated CSV text:
 * the same records, the same cells, and the same line numbers, whatever the chunk size the text
 * is parsed in (sizes down to 1 character put every boundary inside quotes, escapes and CRLFs).
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { checkSplitsLikeCsvParse, records, split } from './_splitCsvProperty.js';
import { isBoolAt, isNumberAt, numberAt } from '../../src/dataset/_internal/csvCellTests.js';
import { ShadowDataError } from '../../src/_internal/options.js';

describe('splitCsv', () => {
  test('splits like csv-parse, at any chunk size (100 runs, seed 20261206; 2000 in the slow run)', async () => {
    await checkSplitsLikeCsvParse(100, 20261206);
  });

  test('skips empty lines, reads a lone CR as a line end and a cell ending the file without a line end', async () => {
    expect(records(await split('a,b\r\n\r\n1,2\r3,"x"\n\n4,'))).toEqual([['a', 'b'], ['1', '2'], ['3', 'x'], ['4', '']]);
  });

  test('stops at the limit, leaving the rest unparsed', async () => {
    const c = await split('a\n1\n2\n"broken\n', 1 << 20, 1 << 23, ',', 2);
    expect(records(c)).toEqual([['a'], ['1'], ['2']]);
  });

  test('takes a multi-character delimiter', async () => {
    expect(records(await split('a||b\n1||"x||y"\n', 3, 3, '||'))).toEqual([['a', 'b'], ['1', 'x||y']]);
  });

  const errorOf = async (text: string, size = 1 << 20) => {
    const e = await split(text, size, size).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ShadowDataError);
    return (e as Error).message;
  };

  test('fails naming the line of a record with the wrong number of cells', async () => {
    expect(await errorOf('a,b\n1,"two\nlines"\n3\n', 2)).toMatchInlineSnapshot(`"loadDataset: x.csv:4: malformed CSV: Invalid Record Length: expect 2, got 1"`);
  });

  test('fails on a quoted cell never closed, naming the line it opens on', async () => {
    expect(await errorOf('a,b\n1,2\n3,"open\n\n', 3)).toMatchInlineSnapshot(`"loadDataset: x.csv:3: malformed CSV: a quoted cell is never closed"`);
  });

  test('fails on text after a closing quote and on a quote inside an unquoted cell', async () => {
    expect(await errorOf('a\n"x"y\n')).toMatchInlineSnapshot(`"loadDataset: x.csv:2: malformed CSV: the closing quote of a quoted cell is followed by "y", not the delimiter or a line end"`);
    expect(await errorOf('a\nab"c\n')).toMatchInlineSnapshot(`"loadDataset: x.csv:2: malformed CSV: a quote inside an unquoted cell ("ab\\""); quote the whole cell and double the inner quotes"`);
  });
});

describe('cell tests in place', () => {
  const NUMBER = /^[-+]?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?$|^[-+]?\.\d+([eE][-+]?\d+)?$/;
  const BOOL = /^(true|false)$/i;
  const textArb = fc.string({ unit: fc.constantFrom('0', '1', '9', '-', '+', '.', 'e', 'E', 't', 'R', 'u', 'e', 'f', 'A', 'l', 's', ' '), maxLength: 8 });

  test('isNumberAt and isBoolAt accept exactly what the regular expressions accept (seed 7, 2000 runs)', () => {
    fc.assert(
      fc.property(textArb, fc.string({ maxLength: 3 }), (t, pad) => {
        const s = pad + t + pad;
        expect(isNumberAt(s, pad.length, pad.length + t.length)).toBe(NUMBER.test(t));
        expect(isBoolAt(s, pad.length, pad.length + t.length)).toBe(BOOL.test(t));
      }),
      { seed: 7, numRuns: 2000 },
    );
  });

  test('numberAt equals Number() on every number the test accepts, -0 included (seed 8, 2000 runs)', () => {
    fc.assert(
      fc.property(textArb.filter((t) => NUMBER.test(t)), (t) => {
        expect(Object.is(numberAt(t, 0, t.length), Number(t))).toBe(true);
      }),
      { seed: 8, numRuns: 2000 },
    );
    expect(Object.is(numberAt('-0', 0, 2), -0)).toBe(true);
    expect(numberAt('123456789012345678', 0, 18)).toBe(123456789012345678);
  });

  test('numberAt reads decimals of up to 15 digits without Number() and gives the same double (seed 9, 5000 runs)', () => {
    // The fast path divides the digits by a power of ten; Number() (V8's strtod) is the reference.
    const decimal = fc
      .tuple(fc.constantFrom('', '-', '+'), fc.stringMatching(/^[0-9]{1,14}$/), fc.nat({ max: 14 }))
      .map(([sign, digits, at]) => {
        const d = digits.replace(/^0+(?=\d)/, '');
        const p = Math.min(at, d.length);
        return `${sign}${d.slice(0, d.length - p) || '0'}.${d.slice(d.length - p) || '0'}`;
      })
      .filter((t) => NUMBER.test(t) && t.length <= 15);
    fc.assert(
      fc.property(decimal, (t) => {
        expect(Object.is(numberAt(t, 0, t.length), Number(t))).toBe(true);
      }),
      { seed: 9, numRuns: 5000 },
    );
    for (const t of ['0.1', '0.3', '-0.0', '.5', '18.26', '51.376451', '9007199.254740', '0.000000000001', '99999999999999.9']) {
      expect([t, numberAt(t, 0, t.length)]).toEqual([t, Number(t)]);
    }
    expect(Object.is(numberAt('-0.0', 0, 4), -0)).toBe(true);
  });
});
