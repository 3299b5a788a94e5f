import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { decodedText } from '../../src/dataset/_internal/decodedText.js';

/** The bytes as a stream of reads of `size` bytes. */
function reads(bytes: Buffer, size: number): Readable {
  const parts: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) parts.push(bytes.subarray(i, i + size));
  return Readable.from(parts);
}

async function text(bytes: Buffer, size: number, piece: number): Promise<{ text: string; pieces: number }> {
  let out = '';
  let pieces = 0;
  for await (const p of decodedText(reads(bytes, size), piece)) {
    out += p;
    pieces++;
  }
  return { text: out, pieces };
}

describe('decodedText', () => {
  test('gives back the UTF-8 text whatever the read and piece sizes, characters split across reads included (seed 11, 300 runs)', async () => {
    // ASCII runs, 2-, 3- and 4-byte characters (é, €, 𝄞) and a BOM, so the latin1 fast path and
    // the decoder alternate and characters fall across read boundaries.
    const unit = fc.constantFrom('a', 'b', ',', '\n', '"', 'é', '€', '𝄞', '\uFEFF', '7');
    await fc.assert(
      fc.asyncProperty(fc.string({ unit, maxLength: 40 }), fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 12 }), async (s, size, piece) => {
        expect((await text(Buffer.from(s, 'utf8'), size, piece)).text).toBe(s);
      }),
      { seed: 11, numRuns: 300 },
    );
  });

  test('gathers reads into pieces of at least `piece` bytes (the last may be shorter)', async () => {
    const bytes = Buffer.from('x'.repeat(100));
    expect(await text(bytes, 7, 30)).toEqual({ text: 'x'.repeat(100), pieces: 3 }); // 5 reads (35), 5 reads (35), 5 reads (30)
    expect(await text(bytes, 10, 1)).toEqual({ text: 'x'.repeat(100), pieces: 10 });
  });

  test('decodes invalid UTF-8 as TextDecoder does, a truncated character before ASCII included', async () => {
    const bytes = Buffer.from([0x61, 0xc3, 0x62, 0xe2, 0x82, 0x63, 0xff]);
    const expected = new TextDecoder().decode(bytes); // 'a\uFFFDb\uFFFDc\uFFFD'
    for (const size of [1, 2, 3, 7]) {
      for (const piece of [1, 2, 4, 100]) expect([size, piece, (await text(bytes, size, piece)).text]).toEqual([size, piece, expected]);
    }
  });

  test('destroys the source when the reader stops early', async () => {
    const src = reads(Buffer.from('a'.repeat(50)), 5);
    for await (const _ of decodedText(src, 10)) break;
    expect(src.destroyed).toBe(true);
  });
});
