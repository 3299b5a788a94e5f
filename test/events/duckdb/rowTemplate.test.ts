/**
 * The row template (jsonNative.ts) proves a JSON row's keys and kinds by one match of its text, as
 * DuckDB runs it (RE2's regexp_full_match). Each line below is written by hand with what it must
 * give: a row the checks that parse it would accept matches, and a row they would reject (or a
 * row written another way, which then goes through those checks) does not.
 */
import { describe, expect, test } from 'vitest';
import { duckdbConnection } from '../../_helpers/duckdb.js';
import { columnTree } from '../../../src/_internal/duckdbColumns.js';
import { nativeJson, rowTemplate, type NativeJson } from '../../../src/events/duckdb/_internal/jsonNative.js';

const conn = duckdbConnection();

/** The template of a reader's schema (column name → type) with `native` paths read natively. */
function template(schema: [string, string][], native: string[], nullable: string[] = []): string | undefined {
  const tree = columnTree(schema.map(([column_name, column_type]) => ({ column_name, column_type })));
  const n = new Map<string, NativeJson>(tree.filter((x) => native.includes(x.path)).map((x) => [x.path, nativeJson(x.type)!]));
  return rowTemplate(tree, n, new Set(nullable));
}
async function matches(tpl: string, line: string): Promise<boolean> {
  const r = await conn().runAndReadAll(`SELECT regexp_full_match($1, $2) AS m`, [line, tpl]);
  return r.getRowObjectsJS()[0].m as boolean;
}

describe('rowTemplate', () => {
  const schema: [string, string][] = [['id', 'VARCHAR'], ['n', 'DOUBLE'], ['ok', 'BOOLEAN'], ['tags', 'VARCHAR[]'], ['geo', 'STRUCT(city VARCHAR, lat DOUBLE)']];
  const all = ['id', 'n', 'ok', 'tags', 'geo.city', 'geo.lat'];

  test.each([
    ['{"id":"e1","n":1.5,"ok":true,"tags":["a","b"],"geo":{"city":"Oslo","lat":59.9}}', true],
    ['{ "id" : "e\\"1\\\\", "n": -0.5e-3, "ok": false, "tags": [ ], "geo": { "city": null, "lat": 0 } }\r', true],
    ['{"id":null,"n":null,"ok":null,"tags":null,"geo":{"city":"Zürich ✓","lat":1E5}}', true],
    ['{"id":"e1","n":"1.5","ok":true,"tags":[],"geo":{"city":"x","lat":1}}', false], // a number as a string
    ['{"id":1,"n":1,"ok":true,"tags":[],"geo":{"city":"x","lat":1}}', false], // a string as a number
    ['{"id":"e1","n":1,"ok":1,"tags":[],"geo":{"city":"x","lat":1}}', false], // a boolean as a number
    ['{"id":"e1","n":1,"ok":true,"tags":["a",1],"geo":{"city":"x","lat":1}}', false], // a list element of another kind
    ['{"id":"e1","n":1,"ok":true,"tags":["a",null],"geo":{"city":"x","lat":1}}', false], // a null element
    ['{"id":"e1","n":01,"ok":true,"tags":[],"geo":{"city":"x","lat":1}}', false], // not a JSON number
    ['{"id":"e1","ok":true,"tags":[],"geo":{"city":"x","lat":1}}', false], // a native path missing
    ['{"id":"e1","n":1,"ok":true,"tags":[],"geo":{"city":"x","lat":1},"x":1}', false], // a key outside
    ['{"id":"e1","n":1,"ok":true,"tags":[],"geo":{"city":"x","lat":1,"alt":2}}', false], // a key outside, nested
    ['{"id":"e1","n":1,"ok":true,"tags":[],"geo":null}', false], // an object as null
    ['{"n":1,"id":"e1","ok":true,"tags":[],"geo":{"city":"x","lat":1}}', false], // another order: checked in full
    ['{"id":"e1","id":"e2","n":1,"ok":true,"tags":[],"geo":{"city":"x","lat":1}}', false], // a duplicated key
    ['{"\\u0069d":"e1","n":1,"ok":true,"tags":[],"geo":{"city":"x","lat":1}}', false], // a key spelled with an escape: checked in full
  ])('%s → %s', async (line, expected) => {
    expect(await matches(template(schema, all)!, line)).toBe(expected);
  });

  test('an object path known to hold null (nullObjects) may be null, unless a path below it is read natively', async () => {
    const schema2: [string, string][] = [['id', 'VARCHAR'], ['geo', 'STRUCT(city VARCHAR, lat DOUBLE)'], ['a', 'STRUCT(b STRUCT(c DOUBLE))']];
    const nullRow = '{"id":"e1","geo":null,"a":{"b":{"c":1}}}';
    const objectRow = '{"id":"e1","geo":{"city":"x","lat":1},"a":{"b":{"c":1}}}';
    // geo's members read as JSON values: null matches once geo is known to hold null, not before.
    expect(await matches(template(schema2, ['id'], ['geo'])!, nullRow)).toBe(true);
    expect(await matches(template(schema2, ['id'], ['geo'])!, objectRow)).toBe(true);
    expect(await matches(template(schema2, ['id'], [])!, nullRow)).toBe(false);
    // A member read natively must be present: a null object is checked in full.
    expect(await matches(template(schema2, ['id', 'geo.lat'], ['geo'])!, nullRow)).toBe(false);
    // A nested object path: a.b null matches where a.b is known to, a null a does not (a is not).
    expect(await matches(template(schema2, ['id'], ['geo', 'a.b'])!, '{"id":"e1","geo":null,"a":{"b":null}}')).toBe(true);
    expect(await matches(template(schema2, ['id'], ['geo', 'a.b'])!, '{"id":"e1","geo":null,"a":null}')).toBe(false);
  });

  test('a path read as JSON values may be absent, and holds a scalar (of the kind the reader saw for strings) or a list', async () => {
    const tpl = template([['id', 'VARCHAR'], ['n', 'DOUBLE'], ['s', 'VARCHAR'], ['l', 'DOUBLE[]'], ['z', 'BIGINT']], ['id', 'z'])!;
    for (const line of ['{"id":"a","z":1}', '{"id":"a","n":"x","z":1}', '{"id":"a","n":true,"s":null,"l":[1,"a",null],"z":1}', '{"id":"a","l":[[1],{"k":[2]}],"z":1}', '{"n":1,"id":"a","z":1}'.replace('"n":1,', '')])
      expect(await matches(tpl, line), line).toBe(true);
    for (const line of ['{"id":"a"}', '{"id":"a","s":1,"z":1}', '{"id":"a","n":{},"z":1}', '{"id":"a","l":[[[[1]]]],"z":1}', '{"id":"a","z":1,"n":1}'])
      expect(await matches(tpl, line), line).toBe(false);
  });

  test('keys holding quotes, backslashes and regular-expression characters match as written by JSON.stringify', async () => {
    const keys = ['a"b', 'c\\d', 'e-f(g)*[h]+?|^$', 'ü ✓']; // (a key holding a dot takes json_group_structure's paths, with no template)
    const tpl = template(keys.map((k) => [k, 'VARCHAR']), keys)!;
    expect(await matches(tpl, JSON.stringify(Object.fromEntries(keys.map((k) => [k, 'v']))))).toBe(true);
    expect(await matches(tpl, JSON.stringify(Object.fromEntries(keys.map((k) => [k.replace(/[()*]/g, 'x'), 'v']))))).toBe(false);
  });

  test('a list of objects, or a path typed JSON, holds any value nested two levels below a list; JSON never an object', async () => {
    const tpl = template([['id', 'VARCHAR'], ['items', 'STRUCT(sku VARCHAR, qty BIGINT)[]'], ['j', 'JSON']], ['id'])!;
    for (const line of ['{"id":"a","items":[{"sku":"s1","qty":2},{"sku":"s2","qty":null,"x":[1,"b"]}],"j":[1,{"k":"v"}]}', '{"id":"a","items":[],"j":"text"}', '{"id":"a"}', '{"id":"a","items":null,"j":null}', '{"id":"a","items":[[1,2],[]],"j":3}'])
      expect(await matches(tpl, line), line).toBe(true);
    for (const line of ['{"id":"a","j":{"k":"v"}}', '{"id":"a","items":[{"sku":{"deep":[1]}}]}', '{"id":"a","items":{"sku":"s1"}}', '{"id":"a","items":[{"sku":"s1",}]}'])
      expect(await matches(tpl, line), line).toBe(false);
  });

  test('no template for a path of a type it does not list', () => {
    expect(template([['id', 'VARCHAR'], ['m', 'MAP(VARCHAR, BIGINT)']], ['id'])).toBeUndefined();
  });
});
