import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { pathAtOffset } from '../../src/bytes/_internal/pathAtOffset.js';

describe('pathAtOffset', () => {
  test('names nested members and array positions, member names with escapes decoded', () => {
    const json = JSON.stringify({ 'a"b': { c: [10, { 'd\\e': 'x' }] }, z: 1 });
    expect(pathAtOffset(json, json.indexOf('10'))).toBe('a"b.c.0');
    expect(pathAtOffset(json, json.indexOf('"x"'))).toBe('a"b.c.1.d\\e');
    expect(pathAtOffset(json, json.lastIndexOf('1'))).toBe('z');
  });

  test('property: the path of the first character of every leaf value is that leaf’s path', () => {
    const key = fc.oneof(fc.constantFrom('a', 'b"q', 'c\\d', 'é', '😀', 'x y'), fc.string({ maxLength: 3 }).filter((k) => k !== '' && !k.includes('.')));
    fc.assert(
      fc.property(fc.dictionary(key, fc.oneof(fc.integer(), fc.string({ maxLength: 4 }), fc.dictionary(key, fc.integer(), { minKeys: 1, maxKeys: 3 })), { minKeys: 1, maxKeys: 4 }), (o) => {
        // Serialise member by member, recording where each leaf starts.
        let text = '{';
        const leaves: [number, string][] = [];
        Object.entries(o).forEach(([k, v], i) => {
          text += `${i ? ',' : ''}${JSON.stringify(k)}:`;
          if (v !== null && typeof v === 'object') {
            text += '{';
            Object.entries(v).forEach(([k2, v2], j) => {
              text += `${j ? ',' : ''}${JSON.stringify(k2)}:`;
              leaves.push([text.length, `${k}.${k2}`]);
              text += JSON.stringify(v2);
            });
            text += '}';
          } else {
            leaves.push([text.length, k]);
            text += JSON.stringify(v);
          }
        });
        text += '}';
        for (const [at, path] of leaves) expect(pathAtOffset(text, at)).toBe(path);
      }),
      { numRuns: 200, seed: 1430 },
    );
  });
});
