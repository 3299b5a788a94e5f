import { isAscii } from 'node:buffer';
import { StringDecoder } from 'node:string_decoder';

/**
 * A byte stream as text pieces of about `piece` bytes (UTF-8; ASCII read as latin1, which equals
 * UTF-8 there and decodes several times faster). A character split between two reads is decoded
 * whole. The source is destroyed when the reader stops, early or not.
 */
export async function* decodedText(stream: AsyncIterable<Uint8Array> & { destroy(): void }, piece = 1 << 23): AsyncIterable<string> {
  const dec = new StringDecoder('utf8');
  // ASCII text (most CSV) is read as latin1, which equals UTF-8 there and is several times faster;
  // only while the decoder holds no partial character (the previous piece was ASCII too). Bytes are
  // gathered into pieces of about `piece` bytes first: one decode of 8 MB costs half of eight of 1 MB.
  let ascii = true;
  let held: Buffer[] = [];
  let heldBytes = 0;
  const flush = (): string => {
    const b = held.length === 1 ? held[0] : Buffer.concat(held, heldBytes);
    held = [];
    heldBytes = 0;
    if (ascii && isAscii(b)) return b.toString('latin1');
    ascii = false;
    const text = dec.write(b);
    ascii = isAscii(b);
    return text;
  };
  try {
    for await (const chunk of stream) {
      const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      held.push(b);
      heldBytes += b.length;
      if (heldBytes >= piece) yield flush();
    }
    if (heldBytes > 0) yield flush();
    const tail = dec.end();
    if (tail) yield tail;
  } finally {
    // Leaving early (limit, error) does not destroy the source: release the fd.
    stream.destroy();
  }
}
