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

/** Mixes one 32-bit unit into both lanes of a fingerprint in progress. */
function mix(h: Int32Array, c: number): void {
  h[0] = Math.imul(h[0] ^ c, 0x01000193);
  h[1] = Math.imul(h[1] ^ c, 0x5bd1e995) ^ (h[1] >>> 15);
}

const lanes = new Int32Array(2);

/**
 * The fingerprint of a composite key read part by part from its row (`parts`: the key's part
 * getters), without building the key's text: each part contributes a type tag, then a string's
 * length and code units or a number's mixed IEEE halves (0 and -0 as one). Returns false, and
 * writes nothing, for a row this cannot take (a part that is absent, NaN, a Date, a bigint or
 * another type): the caller then reads that row's key as text. Equal keys always take the same
 * way (they have the same part types) and get the same fingerprint.
 */
export function fingerprintTuple(parts: readonly ((row: unknown) => unknown)[], row: unknown, out: Int32Array): boolean {
  const h = lanes;
  h[0] = 0x6c62272e;
  h[1] = 0x2f5a8c3d ^ parts.length;
  for (let p = 0; p < parts.length; p++) {
    const v = parts[p](row);
    if (typeof v === 'string') {
      mix(h, 0x73000000 ^ v.length);
      for (let i = 0; i < v.length; i++) mix(h, v.charCodeAt(i));
    } else if (typeof v === 'number') {
      if (v !== v) return false;
      f64[0] = v === 0 ? 0 : v;
      const lo = u32[0];
      const hi = u32[1];
      mix(h, 0x6e000000);
      mix(h, fmix32(lo ^ 0x6a09e667));
      mix(h, fmix32(hi ^ lo));
    } else if (typeof v === 'boolean') {
      mix(h, v ? 0x74000001 : 0x66000002);
    } else return false;
  }
  out[0] = fmix32(h[0] ^ 0x3c6ef372);
  out[1] = fmix32(h[1] ^ 0x510e527f);
  return true;
}
