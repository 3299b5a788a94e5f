/**
 * Type-level test of the matcher augmentation, checked by `npm run typecheck` (tsconfig includes
 * test/): the `@ts-expect-error` lines fail the typecheck if the call they mark ever compiles,
 * and the calls without one fail it if the augmentation stops reaching `expect`. At run time the
 * same calls show the matcher is registered and that the rejected calls also throw TypeErrors.
 */
import { describe, expect, expectTypeOf, test } from 'vitest';
import type { CompareEventsOptions, DatasetInput, GroupOptions } from '../../src/index.js';
import type { CompareEventSourcesOptions } from '../../src/suite/index.js';

const legacy = [{ id: 1, price: 10, tags: ['a'] }];
const shadow = [{ id: 1, price: 10.004, tags: ['a'] }];

describe('toApproximatelyMatch types', () => {
  test('expect(rows).toApproximatelyMatch(legacy, options) compiles and runs', () => {
    expect(typeof expect(shadow).toApproximatelyMatch).toBe('function');
    expect(shadow).toApproximatelyMatch(legacy, { key: 'id', fields: { price: { abs: 0.01 } } });
    expect(shadow).not.toApproximatelyMatch(legacy, { key: 'id' });
    expect.soft(shadow).toApproximatelyMatch(legacy, { key: ['id'], fields: { price: { rel: 1e-3 }, tags: { unordered: true } } });
  });

  test('the parameters are the dataset (or file paths) and CompareEventsOptions (or file/grouped options)', () => {
    expectTypeOf(expect(shadow).toApproximatelyMatch).parameter(0).toEqualTypeOf<DatasetInput | string | readonly string[]>();
    expectTypeOf(expect(shadow).toApproximatelyMatch).parameter(1).toEqualTypeOf<
      CompareEventsOptions | CompareEventSourcesOptions | (CompareEventsOptions & GroupOptions<CompareEventsOptions>)
    >();
  });

  test('works as an asymmetric matcher inside toEqual', () => {
    expect({ out: shadow }).toEqual({ out: expect.toApproximatelyMatch(legacy, { key: 'id', fields: { price: { abs: 0.01 } } }) });
  });

  test('a wrong option type is a type error, and a TypeError at run time', () => {
    expect(() =>
      // @ts-expect-error minMatchRate must be a number
      expect(shadow).toApproximatelyMatch(legacy, { key: 'id', minMatchRate: '0.9' }),
    ).toThrow(TypeError);
    expect(() =>
      // @ts-expect-error abs must be a number
      expect(shadow).toApproximatelyMatch(legacy, { key: 'id', fields: { price: { abs: '0.01' } } }),
    ).toThrow(TypeError);
  });

  test('a missing options argument is a type error, and a TypeError at run time', () => {
    expect(() =>
      // @ts-expect-error the options (at least { key }) are required
      expect(shadow).toApproximatelyMatch(legacy),
    ).toThrow(TypeError);
    expect(() =>
      // @ts-expect-error key is required
      expect(shadow).toApproximatelyMatch(legacy, { fields: {} }),
    ).toThrow(TypeError);
  });
});
