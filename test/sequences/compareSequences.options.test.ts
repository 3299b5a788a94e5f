/** compareSequences validates its options eagerly: each bad option throws a TypeError naming it and the fix. */
import { describe, expect, test } from 'vitest';
import { ShadowOptionError, compareSequences, type CompareSequencesOptions } from '../../src/index.js';
import { thrownMessage } from '../_helpers/stripAnsi.js';

const rows = [{ user: 'u', id: 'a', ts: 1 }];
const run = (options: unknown) => () => compareSequences(rows, rows, options as CompareSequencesOptions);

describe('compareSequences options', () => {
  test('throws a ShadowOptionError (a TypeError), not a failed report', () => {
    expect(run({ entity: 'user' })).toThrow(ShadowOptionError);
    expect(run({ entity: 'user' })).toThrow(TypeError);
  });

  test('unknown keys suggest the nearest valid name', () => {
    expect(thrownMessage(run({ entity: 'user', orderBy: 'ts', reorderWithinMS: 5 }))).toMatchInlineSnapshot(
      `"compareSequences: unknown option 'reorderWithinMS'; did you mean 'reorderWithinMs'?"`,
    );
    expect(thrownMessage(run({ entity: 'user', orderBy: 'ts', window: { lst: 5 } }))).toMatchInlineSnapshot(
      `"compareSequences: unknown option 'window.lst'; did you mean 'last'?"`,
    );
    expect(thrownMessage(run({ entity: 'user', orderBy: { path: 'ts', dir: 'asc' } }))).toMatchInlineSnapshot(
      `"compareSequences: unknown option 'orderBy.dir'; valid options are 'path', 'direction'"`,
    );
  });

  test('required options name what they are for', () => {
    expect(thrownMessage(run(undefined))).toMatchInlineSnapshot(
      `"compareSequences: options are required; pass at least { entity: 'userId', orderBy: 'ts', id: 'eventId' }"`,
    );
    expect(thrownMessage(run({ orderBy: 'ts' }))).toMatchInlineSnapshot(
      `"compareSequences: options.entity is required: the field (or fields, or a function) naming whose sequence an event belongs to, e.g. { entity: 'userId' }"`,
    );
    expect(thrownMessage(run({ entity: 'user' }))).toMatchInlineSnapshot(
      `"compareSequences: options.orderBy is required for flat events: the field (or fields) that order a sequence, e.g. { orderBy: 'ts' }; for sequences already assembled by the pipelines, set assembled: true"`,
    );
  });

  test('enumerated options list the valid values and suggest the nearest', () => {
    expect(thrownMessage(run({ entity: 'user', orderBy: 'ts', ties: 'byid' }))).toMatchInlineSnapshot(
      `"compareSequences: ties must be one of 'any', 'by-id', 'stable', got "byid"; did you mean 'by-id'?"`,
    );
    expect(thrownMessage(run({ entity: 'user', orderBy: 'ts', dedup: 'yes' }))).toMatchInlineSnapshot(
      `"compareSequences: dedup must be one of 'none', 'by-id', 'consecutive', got "yes""`,
    );
    expect(thrownMessage(run({ entity: 'user', orderBy: { path: 'ts', direction: 'up' } }))).toMatchInlineSnapshot(
      `"compareSequences: orderBy.direction must be one of 'asc', 'desc', got "up""`,
    );
  });

  test('windows: bad sizes, a time window without asOf, a bad asOf, empty types', () => {
    expect(thrownMessage(run({ entity: 'user', orderBy: 'ts', window: { last: 0 } }))).toMatchInlineSnapshot(
      `"compareSequences: window.last must be an integer >= 1, got 0"`,
    );
    expect(thrownMessage(run({ entity: 'user', orderBy: 'ts', window: { last: 5, first: 5 } }))).toMatchInlineSnapshot(
      `"compareSequences: window.last and window.first cannot both be set; keep the events at one end of the sequence"`,
    );
    expect(thrownMessage(run({ entity: 'user', orderBy: 'ts', window: { within: '7d' } }))).toMatchInlineSnapshot(
      `"compareSequences: window.within needs window.asOf, the time the window ends at (an epoch number, a Date or an ISO string), e.g. { within: '7d', asOf: '2026-11-01T00:00:00Z' }"`,
    );
    expect(thrownMessage(run({ entity: 'user', orderBy: 'ts', window: { within: '7 days', asOf: 0 } }))).toMatchInlineSnapshot(
      `"compareSequences: window.within must be a duration in milliseconds (a finite number >= 0) or a string like '500ms', '2s', '1h', got "7 days""`,
    );
    expect(thrownMessage(run({ entity: 'user', orderBy: 'ts', window: { within: '7d', asOf: 'yesterday' } }))).toMatchInlineSnapshot(
      `"compareSequences: window.asOf must be a time (an epoch number, a Date or an ISO string), got "yesterday""`,
    );
    expect(thrownMessage(run({ entity: 'user', orderBy: 'ts', window: { types: [] } }))).toMatchInlineSnapshot(
      `"compareSequences: window.types must be a non-empty array of event types, e.g. ['click', 'save'], got an array of length 0"`,
    );
    expect(thrownMessage(run({ entity: 'user', assembled: true, window: { within: '1d', asOf: 0 } }))).toMatchInlineSnapshot(
      `"compareSequences: a time window needs the events' time field: set time (e.g. time: 'ts') or orderBy"`,
    );
  });

  test('thresholds and numeric options are range-checked', () => {
    expect(thrownMessage(run({ entity: 'user', orderBy: 'ts', minExactRate: 1.5 }))).toMatchInlineSnapshot(
      `"compareSequences: minExactRate must be a finite number in [0, 1], got 1.5"`,
    );
    expect(thrownMessage(run({ entity: 'user', orderBy: 'ts', minKendallTau: -2 }))).toMatchInlineSnapshot(
      `"compareSequences: minKendallTau must be a finite number in [-1, 1], got -2"`,
    );
    expect(thrownMessage(run({ entity: 'user', orderBy: 'ts', rboP: 1 }))).toMatchInlineSnapshot(
      `"compareSequences: rboP must be strictly between 0 and 1, got 1"`,
    );
    expect(thrownMessage(run({ entity: 'user', orderBy: 'ts', reorderWithinMs: -1 }))).toMatchInlineSnapshot(
      `"compareSequences: reorderWithinMs must be a duration in milliseconds (a finite number >= 0) or a string like '500ms', '2s', '1h', got -1"`,
    );
    expect(thrownMessage(run({ entity: 'user', assembled: true, reorderWithinMs: 100 }))).toMatchInlineSnapshot(
      `"compareSequences: reorderWithinMs needs the events' time field: set time (e.g. time: 'ts') or orderBy"`,
    );
  });

  test('field rules are validated by the event tier with this function named', () => {
    expect(thrownMessage(run({ entity: 'user', orderBy: 'ts', fields: { price: { abs: -1 } } }))).toMatchInlineSnapshot(
      `"compareSequences: fields.price.abs must be a finite number >= 0, got -1"`,
    );
    expect(thrownMessage(run({ entity: 'user', orderBy: 'ts', compare: 'declared' }))).toMatchInlineSnapshot(
      `"compareSequences: compare is 'declared' but fields declares no compared field; declare fields or use compare: 'all'"`,
    );
  });

  test('a bad entity, id or assembled option names the option', () => {
    expect(thrownMessage(run({ entity: 42, orderBy: 'ts' }))).toMatch(/^compareSequences: entity must be a field path/);
    expect(thrownMessage(run({ entity: 'user', orderBy: 'ts', id: [] }))).toMatch(/^compareSequences: id must be a field path/);
    expect(thrownMessage(run({ entity: 'user', assembled: { event: 'items' } }))).toMatchInlineSnapshot(
      `"compareSequences: unknown option 'assembled.event'; did you mean 'events'?"`,
    );
  });
});
