import { describe, expect, it } from 'vitest';
import { compareBytes, compareProfile, ansiColors, renderReport } from '../../src/index.js';
import { keyFigures } from '../../src/groups/keyFigures.js';
import { table } from '../../src/report/format.js';

describe('keyFigures of the dataset tiers', () => {
  it('bytes: the bytes-match rate and the differing count, counted from injected differences', () => {
    const legacy = Array.from({ length: 10 }, (_, i) => ({ id: i, v: i }));
    const shadow = legacy.map((r) => (r.id < 3 ? { ...r, v: r.v + 100 } : r)); // 3 of 10 differ
    const r = compareBytes(legacy, shadow, { key: 'id' });
    expect(keyFigures(r)).toEqual({ bytesMatchRate: 0.7, differing: 3, legacyRows: 10, shadowRows: 10 });
  });

  it('profile: the relative row delta and the columns that failed a check', () => {
    const legacy = Array.from({ length: 400 }, (_, i) => ({ x: i % 10, c: i % 2 ? 'a' : 'b' }));
    const shadow = legacy.slice(0, 300).map((r) => ({ ...r, x: r.x + 50 })); // 25 % fewer rows, x shifted
    const r = compareProfile(legacy, shadow);
    const f = keyFigures(r);
    expect(f.rowDelta).toBeCloseTo(-0.25, 12);
    expect(f.failingColumns).toBe(r.columns.filter((c) => c.failed > 0).length);
    expect(r.columns.find((c) => c.column === 'x')!.failed).toBeGreaterThan(0);
    expect(f).toMatchObject({ legacyRows: 400, shadowRows: 300 });
  });

  it('a grouped bytes report lists each group with its figures, its columns aligned under colour codes', () => {
    const legacy = Array.from({ length: 8 }, (_, i) => ({ id: i, type: i % 2 ? 'click' : 'save', v: i }));
    const shadow = legacy.map((r) => (r.type === 'save' && r.id < 4 ? { ...r, v: -1 } : r));
    const r = compareBytes(legacy, shadow, { key: 'id', by: 'type' });
    const text = renderReport(r, { colors: ansiColors });
    expect(text).toContain('bytesMatchRate 50');
    const rows = text.split('\n').filter((l) => /^ {2}(group|click|save)\b/.test(l.replace(/\x1b\[[0-9;]*m/g, '')));
    expect(rows).toHaveLength(3);
    // The key-figures column starts at the same printed column on every line, after a coloured verdict.
    const at = rows.map((l) => l.replace(/\x1b\[[0-9;]*m/g, '').search(/key figures|bytesMatchRate/));
    expect(at[0]).toBeGreaterThan(0);
    expect(new Set(at).size).toBe(1);
  });
});

describe('table', () => {
  it('pads by printed width, so coloured and plain cells line up', () => {
    const lines = table(['a', 'b'], [[ansiColors.red('fail'), 'x'], ['pass', 'y']]).map((l) => l.replace(/\x1b\[[0-9;]*m/g, ''));
    expect(lines).toEqual(['  a     b', '  fail  x', '  pass  y']);
  });
});
