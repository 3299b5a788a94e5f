/**
 * A 32-bit hash of a JSON scalar for the HyperLogLog: FNV-1a over the UTF-16 code units (strings)
 * or the two 32-bit halves of the float64 (numbers), finished with MurmurHash3's fmix32 so every
 * output bit depends on every input bit. The type is mixed in, so 1 and '1' hash apart.
 */
import { fmix32 } from '../../_internal/fmix32.js';

const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);

/** Hash of a string, number or boolean (other values hash their JSON text). */
export function hashValue(v: unknown): number {
  if (typeof v === 'number') {
    F64[0] = v === 0 ? 0 : v; // -0 and 0 are one value
    let h = Math.imul(0x811c9dc5 ^ 0x6e, 0x01000193);
    h = Math.imul(h ^ U32[0], 0x01000193);
    h = Math.imul(h ^ U32[1], 0x01000193);
    return fmix32(h) >>> 0;
  }
  const s = typeof v === 'string' ? v : typeof v === 'boolean' ? (v ? '\u0001true' : '\u0001false') : `\u0002${JSON.stringify(v)}`;
  let h = Math.imul(0x811c9dc5 ^ 0x73, 0x01000193);
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return fmix32(h ^ s.length) >>> 0;
}
