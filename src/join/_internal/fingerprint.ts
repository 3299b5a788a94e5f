import { fmix32 } from '../../_internal/fmix32.js';
import type { MapKey } from '../pairRows.js';

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);


/**
 * A 64-bit fingerprint of a key, as two int32 halves written to `out[0]`, `out[1]`. Numbers map
 * to their IEEE bits (0 and -0 as one key, like a Map) mixed with a type tag; strings to two
 * independent multiplicative hashes of their UTF-16 code units, seeded apart from numbers;
 * bigints and booleans through their tagged string form. Equal keys always get equal
 * fingerprints; different keys get different ones except with probability about 2^-64 per
 * pair, and {@link pairRows} verifies every pairing it makes against the keys themselves.
 */
export function fingerprint(k: MapKey, out: Int32Array): void {
  if (typeof k === 'string') {
    let a = 0x811c9dc5 | 0;
    let b = 0x3c6ef372 ^ k.length;
    for (let i = 0; i < k.length; i++) {
      const c = k.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
    }
    out[0] = fmix32(a ^ 0x2545f491);
    out[1] = fmix32(b);
    return;
  }
  if (typeof k === 'number') {
    f64[0] = k === 0 ? 0 : k;
    // Invertible mixes of the two halves: different numbers never share a fingerprint.
    out[0] = fmix32(u32[0] ^ 0x6a09e667) ^ 0x1f83d9ab;
    out[1] = fmix32(u32[1] ^ u32[0]) ^ 0x5be0cd19;
    return;
  }
  fingerprint(`\u0000${typeof k}:${String(k)}`, out);
}
