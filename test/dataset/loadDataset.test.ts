/**
 * loadDataset against files this test writes itself: every expected row below is the ground truth
 * the file was written from, never an output of the loader.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, test } from 'vitest';
import { loadDataset } from '../../src/dataset/loadDataset.js';
import { ShadowDataError, ShadowOptionError } from '../../src/_internal/options.js';

const dir = mkdtempSync(join(tmpdir(), 'vitest-shadow-load-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes `content` to a fresh file in the temp dir and returns its path. */
function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const lines = (...rows: unknown[]) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';

const protoKeysBefore = Object.getOwnPropertyNames(Object.prototype).sort();
function expectPrototypesUntouched(): void {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(protoKeysBefore);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(({} as Record<string, unknown>).x).toBeUndefined();
}

describe('JSON Lines', () => {
  test('reads one row per line, skipping blank and whitespace-only lines and CRLF endings', async () => {
    const path = file('events.jsonl', '{"id":1,"geo":{"city":"Paris"}}\r\n\r\n   \n{"id":2,"tags":["a","b"]}\n\n{"id":3,"price":null}');
    expect(await loadDataset(path)).toEqual([{ id: 1, geo: { city: 'Paris' } }, { id: 2, tags: ['a', 'b'] }, { id: 3, price: null }]);
  });

  test('reads a file larger than one 8 MB read piece: every row, line breaks LF, CRLF and a lone CR, and the line number of a bad line near the end', async () => {
    // 170,000 rows of ~59 bytes (~10 MB), so lines cross the reader's 8 MB piece boundary.
    const n = 170_000;
    const eols = ['\n', '\r\n', '\r'];
    const want: Record<string, unknown>[] = [];
    let text = '';
    for (let i = 0; i < n; i++) {
      const row = { id: i, s: `row-${i}-${'x'.repeat(i % 17)}`, v: i / 8, é: 'ü' };
      want.push(row);
      text += JSON.stringify(row) + eols[i % 3];
    }
    expect(text.length).toBeGreaterThan(9 * 1024 * 1024);
    const path = file('big.jsonl', text);
    const rows = await loadDataset(path);
    expect(rows.length).toBe(n);
    expect(rows).toEqual(want);
    // One malformed line, the 169,990th (each row is one line, whatever its line break).
    const bad = text.split(/\r\n|\r|\n/);
    bad[169_989] = '{"id": oops}';
    const badPath = file('big-bad.jsonl', bad.join('\n'));
    await expect(loadDataset(badPath)).rejects.toThrow(`loadDataset: ${badPath}:169990: malformed JSON: `);
    expect(await loadDataset(badPath, { limit: 169_989 })).toEqual(want.slice(0, 169_989));
  });

  test('reads .ndjson as JSON Lines', async () => {
    const path = file('events.ndjson', lines({ id: 'a' }, { id: 'b' }));
    expect(await loadDataset(path)).toEqual([{ id: 'a' }, { id: 'b' }]);
  });

  test('keeps a __proto__ key in the data as an own property without altering any prototype', async () => {
    const path = file('proto.jsonl', '{"id":1,"__proto__":{"polluted":true}}\n{"id":2,"constructor":{"prototype":{"x":1}}}\n');
    const rows = await loadDataset(path);
    expect(Object.getPrototypeOf(rows[0])).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(rows[0], '__proto__')?.value).toEqual({ polluted: true });
    expect((rows[0] as Record<string, unknown>).polluted).toBeUndefined();
    expectPrototypesUntouched();
  });

  test('returns no rows for an empty file (the comparison, not the loader, refuses empty input)', async () => {
    expect(await loadDataset(file('empty.jsonl', ''))).toEqual([]);
  });
});

describe('JSON arrays', () => {
  test('reads an array of objects', async () => {
    const path = file('events.json', JSON.stringify([{ id: 1, v: 0.5 }, { id: 2, v: { deep: [1, 2] } }], null, 2));
    expect(await loadDataset(path)).toEqual([{ id: 1, v: 0.5 }, { id: 2, v: { deep: [1, 2] } }]);
  });

  test('fails when the file is not an array', async () => {
    const path = file('object.json', '{"id":1}');
    await expect(loadDataset(path)).rejects.toThrow(`loadDataset: ${path}: a .json dataset must be an array of objects, got an object`);
  });

  test('fails naming the index of an element that is not an object', async () => {
    const path = file('mixed.json', '[{"id":1},{"id":2},"three"]');
    await expect(loadDataset(path)).rejects.toThrow(`loadDataset: ${path}: element 2 must be an object (one event), got "three"`);
  });

  test('fails on malformed JSON naming the file and the line', async () => {
    // The trailing comma sits on line 3.
    const path = file('malformed.json', '[\n  {"id":1},\n  {"id":2,}\n]\n');
    await expect(loadDataset(path)).rejects.toThrow(`loadDataset: ${path}:3: malformed JSON`);
  });
});

describe('CSV with inferred types', () => {
  const csv = [
    'id,price,qty,flag,note,mixed',
    '007,1.5,-3,true,hello,1',
    '010,2,0,FALSE,,two',
    '123,-0.25,1e3,false,"a, quoted, cell",3',
  ].join('\n');

  test('keeps ids with a leading zero as strings, even where a cell alone looks numeric', async () => {
    const rows = await loadDataset(file('infer.csv', csv));
    expect(rows.map((r) => r.id)).toEqual(['007', '010', '123']);
  });

  test('reads numbers, booleans (any case) and empty cells as null', async () => {
    const rows = await loadDataset(file('infer.csv', csv));
    expect(rows).toEqual([
      { id: '007', price: 1.5, qty: -3, flag: true, note: 'hello', mixed: '1' },
      { id: '010', price: 2, qty: 0, flag: false, note: null, mixed: 'two' },
      { id: '123', price: -0.25, qty: 1000, flag: false, note: 'a, quoted, cell', mixed: '3' },
    ]);
  });

  test('reads every column as a string with inferTypes: false (empty cells still null)', async () => {
    const rows = await loadDataset(file('infer.csv', csv), { inferTypes: false });
    expect(rows[1]).toEqual({ id: '010', price: '2', qty: '0', flag: 'FALSE', note: null, mixed: 'two' });
  });

  test('nests dotted headers into objects, or keeps them flat with nestDottedHeaders: false', async () => {
    const path = file('nested.csv', 'id,geo.city,geo.pos.lat,geo.pos.lon\n1,Paris,48.85,2.35\n2,,-33.9,18.4\n');
    expect(await loadDataset(path)).toEqual([
      { id: 1, geo: { city: 'Paris', pos: { lat: 48.85, lon: 2.35 } } },
      { id: 2, geo: { city: null, pos: { lat: -33.9, lon: 18.4 } } },
    ]);
    expect((await loadDataset(path, { nestDottedHeaders: false }))[0]).toEqual({ id: 1, 'geo.city': 'Paris', 'geo.pos.lat': 48.85, 'geo.pos.lon': 2.35 });
  });

  test('a header named __proto__, constructor or toString becomes an own property and alters no prototype', async () => {
    const path = file('proto.csv', 'id,__proto__,__proto__.polluted,constructor,toString\n1,x,yes,c,t\n');
    const [row] = await loadDataset(path);
    expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
    expect(Object.keys(row)).toEqual(['id', '__proto__', 'constructor', 'toString']);
    // `__proto__` and `__proto__.polluted` both write the own key `__proto__`; the nested one wins.
    expect(Object.getOwnPropertyDescriptor(row, '__proto__')?.value).toEqual({ polluted: 'yes' });
    expect(Object.getOwnPropertyDescriptor(row, 'constructor')?.value).toBe('c');
    expect(Object.getOwnPropertyDescriptor(row, 'toString')?.value).toBe('t');
    expectPrototypesUntouched();
  });

  test('honours a custom delimiter and null markers', async () => {
    const path = file('semi.csv', 'id;score;comment\n1;NA;\n2;0.5;ok\n');
    expect(await loadDataset(path, { delimiter: ';', nullValues: ['NA'] })).toEqual([
      { id: 1, score: null, comment: '' },
      { id: 2, score: 0.5, comment: 'ok' },
    ]);
  });

  test('reads a quoted cell spanning lines and a UTF-8 BOM', async () => {
    const path = file('multiline.csv', '\uFEFFid,note\n1,"two\nlines"\n2,plain\n');
    expect(await loadDataset(path)).toEqual([
      { id: 1, note: 'two\nlines' },
      { id: 2, note: 'plain' },
    ]);
  });

  test('returns no rows for a file holding only a header', async () => {
    expect(await loadDataset(file('header-only.csv', 'id,price\n'))).toEqual([]);
  });
});

describe('CSV with declared column types', () => {
  test('declared types override inference: string ids, integers, booleans and json columns', async () => {
    const path = file(
      'declared.csv',
      ['id,n,ok,payload,tags', '1,10,TRUE,"{""a"":{""b"":[1,2]}}","[""x"",""y""]"', '2,-4,false,null,[]'].join('\n'),
    );
    const rows = await loadDataset(path, { columns: { id: 'string', n: 'integer', ok: 'boolean', payload: 'json', tags: 'json' } });
    expect(rows).toEqual([
      { id: '1', n: 10, ok: true, payload: { a: { b: [1, 2] } }, tags: ['x', 'y'] },
      { id: '2', n: -4, ok: false, payload: null, tags: [] },
    ]);
  });

  test('fails naming the file, line and column when a declared number column holds text', async () => {
    // Line 2 is the header plus one record; the bad record is on physical line 4 because the
    // quoted note spans two lines.
    const path = file('badnum.csv', 'id,note,n\n1,"two\nlines",5\n2,ok,abc\n');
    await expect(loadDataset(path, { columns: { n: 'number' } })).rejects.toThrow(
      `loadDataset: ${path}:4: column 'n' is declared number but holds "abc"`,
    );
  });

  test('fails when a declared integer column holds a fraction', async () => {
    const path = file('badint.csv', 'id,n\n1,2\n2,2.5\n');
    await expect(loadDataset(path, { columns: { n: 'integer' } })).rejects.toThrow(
      `loadDataset: ${path}:3: column 'n' is declared integer but holds "2.5"`,
    );
  });

  test('fails when a declared json column holds malformed JSON', async () => {
    const path = file('badjson.csv', 'id,payload\n1,{nope}\n');
    await expect(loadDataset(path, { columns: { payload: 'json' } })).rejects.toThrow(
      `loadDataset: ${path}:2: column 'payload' is declared json but holds malformed JSON`,
    );
  });

  test('fails when a declared column is absent from the header', async () => {
    const path = file('absent.csv', 'id,price\n1,2\n');
    await expect(loadDataset(path, { columns: { prices: 'number' } })).rejects.toThrow(
      `loadDataset: columns.prices is declared but ${path} has no such column; columns are id, price`,
    );
  });

  test('fails on an unknown column type, suggesting the nearest', async () => {
    const path = file('t.csv', 'id\n1\n');
    await expect(loadDataset(path, { columns: { id: 'numbr' as 'number' } })).rejects.toThrow(
      `loadDataset: columns.id must be one of 'string', 'number', 'integer', 'boolean', 'json', got "numbr"; did you mean 'number'?`,
    );
  });
});

describe('gzip', () => {
  const rows = [{ id: 1, city: 'Paris' }, { id: 2, city: 'Rome' }];

  test('reads .jsonl.gz, .json.gz and .csv.gz', async () => {
    expect(await loadDataset(file('g.jsonl.gz', gzipSync(lines(...rows))))).toEqual(rows);
    expect(await loadDataset(file('g.json.gz', gzipSync(JSON.stringify(rows))))).toEqual(rows);
    expect(await loadDataset(file('g.csv.gz', gzipSync('id,city\n1,Paris\n2,Rome\n')))).toEqual(rows);
  });

  test('detects gzip from the bytes when the extension says otherwise', async () => {
    expect(await loadDataset(file('liar.jsonl', gzipSync(lines(...rows))))).toEqual(rows);
    expect(await loadDataset(file('liar.csv', gzipSync('id,city\n1,Paris\n2,Rome\n')))).toEqual(rows);
    // ... and reads plain text named .gz as plain text.
    expect(await loadDataset(file('plain.jsonl.gz', lines(...rows)))).toEqual(rows);
  });

  test('fails clearly when gzip: true is forced on a file that is not gzip', async () => {
    const path = file('notgz.jsonl', lines(...rows));
    await expect(loadDataset(path, { gzip: true })).rejects.toThrow(`loadDataset: ${path}: not valid gzip data`);
  });

  test('names the line of a malformed record inside a gzip file', async () => {
    const path = file('bad.jsonl.gz', gzipSync('{"id":1}\n{"id":2}\n{"id":\n'));
    await expect(loadDataset(path)).rejects.toThrow(`loadDataset: ${path}:3: malformed JSON`);
  });
});

describe('limit', () => {
  const data = [{ id: 1 }, { id: 2 }, { id: 3 }, { id: 4 }];

  test('reads at most limit rows from JSONL, JSON, CSV and gzip', async () => {
    expect(await loadDataset(file('l.jsonl', lines(...data)), { limit: 2 })).toEqual([{ id: 1 }, { id: 2 }]);
    expect(await loadDataset(file('l.json', JSON.stringify(data)), { limit: 3 })).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
    expect(await loadDataset(file('l.csv', 'id\n1\n2\n3\n4\n'), { limit: 1 })).toEqual([{ id: 1 }]);
    expect(await loadDataset(file('l.jsonl.gz', gzipSync(lines(...data))), { limit: 2 })).toEqual([{ id: 1 }, { id: 2 }]);
  });

  test('stops before a malformed line beyond the limit', async () => {
    const path = file('l-bad.jsonl', '{"id":1}\n{"id":2}\nnot json\n');
    expect(await loadDataset(path, { limit: 2 })).toEqual([{ id: 1 }, { id: 2 }]);
  });

  test('a limit larger than the file reads every row', async () => {
    expect(await loadDataset(file('l2.jsonl', lines(...data)), { limit: 100 })).toEqual(data);
  });

  test('fails when limit is not a positive integer', async () => {
    const path = file('l3.jsonl', lines(...data));
    await expect(loadDataset(path, { limit: 0 })).rejects.toThrow('loadDataset: limit must be an integer >= 1, got 0');
    await expect(loadDataset(path, { limit: 1.5 })).rejects.toThrow('loadDataset: limit must be an integer >= 1, got 1.5');
  });
});

describe('errors', () => {
  test('a malformed JSONL line fails naming the file and its line number (blank lines counted)', async () => {
    // Line 1 ok, line 2 blank, line 3 ok, line 4 malformed, line 5 ok.
    const path = file('bad.jsonl', '{"id":1}\n\n{"id":2}\n{"id": 3,, }\n{"id":4}\n');
    const err = await loadDataset(path).then(
      () => new Error('no error'),
      (e: unknown) => e as Error,
    );
    expect(err).toBeInstanceOf(ShadowDataError);
    expect(err.message.startsWith(`loadDataset: ${path}:4: malformed JSON: `), err.message).toBe(true);
  });

  test('a line that is valid JSON but not an object fails naming the line', async () => {
    const path = file('array-line.jsonl', '{"id":1}\n{"id":2}\n[1,2]\n');
    await expect(loadDataset(path)).rejects.toThrow(
      `loadDataset: ${path}:3: each line must be a JSON object (one event), got an array of length 2`,
    );
    const path2 = file('null-line.jsonl', '{"id":1}\nnull\n');
    await expect(loadDataset(path2)).rejects.toThrow(`loadDataset: ${path2}:2: each line must be a JSON object (one event), got null`);
  });

  test('a CSV record with the wrong number of cells fails naming the file and line', async () => {
    const path = file('cols.csv', 'id,a,b\n1,2,3\n4,5\n6,7,8\n');
    await expect(loadDataset(path)).rejects.toThrow(`loadDataset: ${path}:3: malformed CSV: Invalid Record Length: expect 3, got 2`);
  });

  test('a duplicated CSV header fails naming it', async () => {
    const path = file('dup.csv', 'id,price,id\n1,2,3\n');
    await expect(loadDataset(path)).rejects.toThrow(`loadDataset: ${path}:1: duplicate column 'id' in the header`);
  });

  test('an unknown option fails suggesting the nearest name', async () => {
    const path = file('opt.jsonl', lines({ id: 1 }));
    const err = await loadDataset(path, { limt: 5 } as never).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ShadowOptionError);
    expect(err).toBeInstanceOf(TypeError);
    expect((err as Error).message).toBe(`loadDataset: unknown option 'limt'; did you mean 'limit'?`);
    await expect(loadDataset(path, { colums: {} } as never)).rejects.toThrow(`loadDataset: unknown option 'colums'; did you mean 'columns'?`);
  });

  test('a non-boolean flag fails naming the option', async () => {
    const path = file('flag.csv', 'id\n1\n');
    await expect(loadDataset(path, { gzip: 'yes' as never })).rejects.toThrow('loadDataset: gzip must be true or false, got "yes"');
  });

  test('a missing file fails naming it', async () => {
    const path = join(dir, 'does-not-exist.jsonl');
    await expect(loadDataset(path)).rejects.toThrow(`loadDataset: cannot read ${path}: ENOENT`);
  });

  test('a directory fails as not a file', async () => {
    await expect(loadDataset(dir, { format: 'jsonl' })).rejects.toThrow(`loadDataset: ${dir} is not a file`);
  });

  test('an unknown extension asks for format, and format reads it', async () => {
    const path = file('events.txt', lines({ id: 1 }, { id: 2 }));
    await expect(loadDataset(path)).rejects.toThrow(
      `loadDataset: cannot tell the format of ${path} from its extension; pass { format: 'jsonl' | 'json' | 'csv' | 'parquet' }`,
    );
    expect(await loadDataset(path, { format: 'jsonl' })).toEqual([{ id: 1 }, { id: 2 }]);
  });

  test('an unknown format fails suggesting the nearest', async () => {
    const path = file('f.txt', 'id\n1\n');
    await expect(loadDataset(path, { format: 'cvs' as 'csv' })).rejects.toThrow(
      `loadDataset: format must be one of 'jsonl', 'json', 'csv', 'parquet', got "cvs"; did you mean 'csv'?`,
    );
  });

  test('an empty path fails', async () => {
    await expect(loadDataset('')).rejects.toThrow('loadDataset: path must be a non-empty string, got ""');
  });
});

describe('docs/loadDataset.md', () => {
  const doc = readFileSync(fileURLToPath(new URL('../../docs/loadDataset.md', import.meta.url)), 'utf8');
  /** The body of the first fenced block after `marker`. */
  function blockAfter(marker: string): string {
    const at = doc.indexOf(marker);
    expect(at, `marker ${marker} in the doc`).toBeGreaterThanOrEqual(0);
    const m = /```\w*\n([\s\S]*?)```/.exec(doc.slice(at));
    if (!m) throw new Error(`no code block after ${marker}`);
    return m[1];
  }

  test('shows the messages loadDataset really throws', async () => {
    // The same files as in the doc, under a `data/` folder of the temp dir.
    const data = join(dir, 'data');
    mkdirSync(data, { recursive: true });
    const put = (name: string, content: string) => {
      writeFileSync(join(data, name), content);
      return join(data, name);
    };
    const calls: [string, object][] = [
      [put('events.jsonl', '{"id":1}\n\n{"id":2}\n{"id": 3,, }\n'), {}],
      [put('arrays.jsonl', '{"id":1}\n[1,2]\n'), {}],
      [put('short.csv', 'id,price,qty\n1,9.99,2\n2,4.5\n'), {}],
      [put('prices.csv', 'id,price\n1,9.99\n2,n/a\n'), { columns: { price: 'number' } }],
      [join(data, 'prices.csv'), { limt: 10 }],
      [join(data, 'missing.jsonl'), {}],
      [put('events.txt', 'x'), {}],
    ];
    const messages: string[] = [];
    for (const [path, options] of calls) {
      const err = await loadDataset(path, options).then(
        () => new Error(`no error for ${path}`),
        (e: unknown) => e as Error,
      );
      messages.push(err.message.split(data).join('data'));
    }
    expect(blockAfter('<!-- captured-errors').trimEnd().split('\n')).toEqual(messages);
  });

  test('the CSV example gives the rows the doc shows', async () => {
    const path = file('events.csv', blockAfter('<!-- example-csv'));
    const call = /loadDataset\('events\.csv', (\{.*\})\);/.exec(doc);
    if (!call) throw new Error('the CSV example call is missing from the doc');
    const options = new Function(`return ${call[1]};`)() as object;
    expect(await loadDataset(path, options)).toEqual(JSON.parse(blockAfter('<!-- example-rows')));
  });
});

/**
 * A glob reads its files as one dataset, as the DuckDB readers read the same pattern: the files
 * DuckDB's glob() lists (dotfiles included), in its sorted order; a CSV column typed over the
 * records of all the files (ground truth: the same records in one file). Before, a glob was
 * stat'ed as one path and failed with ENOENT.
 */
describe('globs', () => {
  const parts = (name: string, texts: Record<string, string | Buffer>) => {
    const sub = join(dir, name);
    mkdirSync(sub, { recursive: true });
    for (const [f, t] of Object.entries(texts)) writeFileSync(join(sub, f), t);
    return sub;
  };

  test('JSON Lines and JSON: the rows of every matching file in sorted order (dotfiles too), gzip per file; limit across files', async () => {
    // a.jsonl is gzipped (found from its bytes, per file).
    const sub = parts('g-jsonl', { 'b.jsonl': lines({ i: 3 }), 'a.jsonl': gzipSync(lines({ i: 1 }, { i: 2 })), '.c.jsonl': lines({ i: 0 }), 'skip.json': '[{"i": 9}]' });
    expect(await loadDataset(join(sub, '*.jsonl'))).toEqual([{ i: 0 }, { i: 1 }, { i: 2 }, { i: 3 }]);
    expect(await loadDataset(join(sub, '*.jsonl'), { limit: 2 })).toEqual([{ i: 0 }, { i: 1 }]);
    expect(await loadDataset(join(sub, '*.json'))).toEqual([{ i: 9 }]);
    await expect(loadDataset(join(sub, 'none-*.jsonl'))).rejects.toThrow(new ShadowOptionError(`loadDataset: cannot read ${join(sub, 'none-*.jsonl')}: no file matches this pattern`));
    // A bad line names its own file.
    writeFileSync(join(sub, 'b.jsonl'), '{"i": 3}\n{"i": \n');
    await expect(loadDataset(join(sub, '*.jsonl'))).rejects.toThrow(`loadDataset: ${join(sub, 'b.jsonl')}:2: malformed JSON`);
  });

  test('CSV: one table; a column typed differently by two files is text in all, as in one file of all the records; an empty column tells no type', async () => {
    const sub = parts('g-csv', { 'p1.csv': 'id,v,w,e\na,1,true,\nb,2,false,\n', 'p2.csv': 'id,v,w,e\nc,007,true,x\n', 'p3.csv': 'id,v,w,e\nd,,,\n' });
    const whole = file('g-csv-whole.csv', 'id,v,w,e\na,1,true,\nb,2,false,\nc,007,true,x\nd,,,\n');
    const expected = await loadDataset(whole);
    const got = await loadDataset(join(sub, 'p*.csv'));
    expect(got).toEqual(expected);
    expect(got.map((r) => r.v)).toEqual(['1', '2', '007', null]);
    expect((got as unknown as { columnTypes: object }).columnTypes).toEqual((expected as unknown as { columnTypes: object }).columnTypes);
    expect((got as unknown as { columnTypes: object }).columnTypes).toEqual({ id: 'string', v: 'string', w: 'boolean', e: 'string' });
    // Without the conflicting file the column stays a number (the empty part types nothing).
    writeFileSync(join(sub, 'p2.csv'), 'id,v,w,e\nc,7,true,x\n');
    expect((await loadDataset(join(sub, 'p*.csv'))).map((r) => r.v)).toEqual([1, 2, 7, null]);
  });

  test('a file whose name holds glob characters is read as itself', async () => {
    const sub = parts('g-literal', { 'run[1].jsonl': lines({ i: 1 }), 'run1.jsonl': lines({ i: 2 }) });
    expect(await loadDataset(join(sub, 'run[1].jsonl'))).toEqual([{ i: 1 }]);
    expect(await loadDataset(join(sub, 'run[0-9].jsonl'))).toEqual([{ i: 2 }]);
  });
});
