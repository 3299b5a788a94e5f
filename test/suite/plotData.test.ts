import { describe, expect, test } from 'vitest';
import { fieldDistributions, histogramPair, sequenceLengths } from '../../src/suite/_internal/plotData.js';

describe('histogramPair', () => {
  test('counts both samples on shared equal-width bins, every finite value once', () => {
    const h = histogramPair('x', [0, 1, 2, 3, 10], [5, 5, 10, NaN], 5)!;
    expect(h.edges).toEqual([0, 2, 4, 6, 8, 10]);
    expect(h.legacy).toEqual([2, 2, 0, 0, 1]);
    expect(h.shadow).toEqual([0, 0, 2, 0, 1]);
  });

  test('small integer ranges get one bin per value', () => {
    const h = histogramPair('n', [1, 2, 2, 3], [3, 3], 30)!;
    expect(h.edges).toEqual([1, 2, 3, 4]);
    expect(h.legacy).toEqual([1, 2, 1]);
    expect(h.shadow).toEqual([0, 0, 2]);
  });

  test('no finite value: no histogram', () => {
    expect(histogramPair('x', [NaN], [])).toBeUndefined();
  });
});

describe('fieldDistributions and sequenceLengths', () => {
  test('numeric top-level fields only, key fields left out; events per entity per side', () => {
    const l = [{ id: 1, u: 'a', p: 1, s: 'x' }, { id: 2, u: 'a', p: 2, s: 'y' }, { id: 3, u: 'b', p: 3, s: 'z' }];
    const s = [{ id: 1, u: 'a', p: 1, s: 'x' }, { id: 3, u: 'b', p: 4, s: 'z' }];
    expect(fieldDistributions(l, s, new Set(['id'])).map((h) => h.name)).toEqual(['p']);
    const h = sequenceLengths(l, s, 'u')!;
    expect(h.edges).toEqual([1, 2, 3]);
    expect(h.legacy).toEqual([1, 1]); // b has 1, a has 2
    expect(h.shadow).toEqual([2, 0]);
  });
});
