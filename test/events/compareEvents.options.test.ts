import { describe, expect, test } from 'vitest';
import { compareEvents, ShadowOptionError, type CompareEventsOptions } from '../../src/index.js';

const rows = [{ id: 1, price: 1 }];
const run = (o: unknown) => () => compareEvents(rows, rows, o as CompareEventsOptions);

describe('compareEvents options are validated up front', () => {
  test('throws when options are missing', () => {
    expect(run(undefined)).toThrow("compareEvents: options are required; pass at least { key: 'id' }");
  });
  test('throws when key is missing', () => {
    expect(run({})).toThrow("compareEvents: options.key is required: the field (or fields) that identify an event, e.g. { key: 'eventId' }");
  });
  test('suggests the nearest name for an unknown option', () => {
    expect(run({ key: 'id', minMatchRat: 0.9 })).toThrow("compareEvents: unknown option 'minMatchRat'; did you mean 'minMatchRate'?");
  });
  test('rejects a rate outside [0, 1]', () => {
    expect(run({ key: 'id', maxMissingRate: 2 })).toThrow('compareEvents: maxMissingRate must be a finite number in [0, 1], got 2');
  });
  test('rejects a bad key', () => {
    expect(run({ key: 42 })).toThrow(
      "compareEvents: key must be a field path ('id'), an array of paths (['userId', 'seq']) or a function of the row, got 42",
    );
  });
  test("rejects compare: 'declared' without fields", () => {
    expect(run({ key: 'id', compare: 'declared' })).toThrow(/nothing would be compared/);
  });
  test('bad options are TypeErrors (ShadowOptionError), not failed comparisons', () => {
    expect(run({ key: 'id', maxExamples: -1 })).toThrow(ShadowOptionError);
    expect(run({ key: 'id', maxExamples: -1 })).toThrow(TypeError);
  });
  test('a non-dataset input names the side', () => {
    expect(() => compareEvents(rows, 'nope' as never, { key: 'id' })).toThrow(
      'compareEvents: shadow must be an array of rows or a table with objects() (e.g. from loadDataset), got "nope"',
    );
  });
  test('a row that is not an object names the side and index', () => {
    expect(() => compareEvents([{ id: 1 }, 7] as never, rows, { key: 'id' })).toThrow('compareEvents: legacy[1] must be an object (one event), got 7');
  });
  test('a key value that is an object names the key', () => {
    expect(() => compareEvents([{ id: { a: 1 } }], rows, { key: 'id' })).toThrow(
      "compareEvents: key 'id' must be a string, number, bigint, boolean or Date (or an array of those), got an object",
    );
  });
  test('accepts an arquero-like table with objects()', () => {
    const table = { objects: () => rows };
    expect(compareEvents(table, table, { key: 'id' }).verdict).toBe('pass');
  });
});
