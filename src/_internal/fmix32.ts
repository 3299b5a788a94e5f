/**
 * MurmurHash3's 32-bit finaliser: every input bit moves every output bit. Returns a signed
 * int32 (`>>> 0` for the unsigned value). Used by the join's key fingerprints and the profiles'
 * HyperLogLog hash.
 */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}
