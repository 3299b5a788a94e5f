/**
 * Sorts a Float64Array ascending in place with an LSD radix sort (four 16-bit passes over the
 * IEEE-754 bits mapped to unsigned order), O(n), the same order as `Float64Array.prototype.sort`
 * for finite values (−0 before +0). Below 4,096 values the native sort is faster and is used.
 */
export function sortFloat64(x: Float64Array): Float64Array {
  const n = x.length;
  if (n < 4096) return x.sort();
  const words = new Uint32Array(x.buffer, x.byteOffset, 2 * n); // little-endian: [lo, hi] per value
  let lo = new Uint32Array(n);
  let hi = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const h = words[2 * i + 1];
    const l = words[2 * i];
    // negative: flip every bit; positive: flip the sign bit
    if (h & 0x80000000) {
      hi[i] = ~h >>> 0;
      lo[i] = ~l >>> 0;
    } else {
      hi[i] = (h | 0x80000000) >>> 0;
      lo[i] = l;
    }
  }
  let lo2 = new Uint32Array(n);
  let hi2 = new Uint32Array(n);
  const count = new Uint32Array(65536);
  for (let pass = 0; pass < 4; pass++) {
    const key = pass < 2 ? lo : hi;
    const shift = (pass & 1) * 16;
    count.fill(0);
    for (let i = 0; i < n; i++) count[(key[i] >>> shift) & 0xffff]++;
    // skip a pass whose digit is the same for every value
    if (count[(key[0] >>> shift) & 0xffff] === n) continue;
    let sum = 0;
    for (let d = 0; d < 65536; d++) {
      const c = count[d];
      count[d] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const d = (key[i] >>> shift) & 0xffff;
      const j = count[d]++;
      lo2[j] = lo[i];
      hi2[j] = hi[i];
    }
    [lo, lo2] = [lo2, lo];
    [hi, hi2] = [hi2, hi];
  }
  for (let i = 0; i < n; i++) {
    const h = hi[i];
    if (h & 0x80000000) {
      words[2 * i + 1] = (h & 0x7fffffff) >>> 0;
      words[2 * i] = lo[i];
    } else {
      words[2 * i + 1] = ~h >>> 0;
      words[2 * i] = ~lo[i] >>> 0;
    }
  }
  return x;
}
