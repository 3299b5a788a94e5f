/** Byte-level benchmark: compareBytes on 1,000,000 × 1,000,000 records (target ≤ 2 s on 2 cores). */
import { compareBytes } from '../src/bytes/compareBytes.js';
import { createRng } from '../src/stats/_internal/prng.js';
import type { BenchCase } from './_lib.js';

function records(n: number) {
  const r = createRng(3);
  const legacy = Array.from({ length: n }, (_, i) => ({ id: i, ts: 1_700_000_000_000 + i * 37, type: ['click', 'view'][i % 2], price: Math.round(r.nextFloat() * 1e4) / 100, user: `u${r.nextInt(50_000)}`, tags: ['a', 'b'] }));
  // ISO timestamps in 1 % of shadow records.
  const shadow = legacy.map((e, i) => (i % 100 === 7 ? { ...e, ts: new Date(e.ts).toISOString() } : { ...e }));
  return { legacy, shadow };
}

export const bytesCases: BenchCase[] = [
  {
    name: 'bytes: compareBytes 1M × 1M records (RFC 8785 + NFC)',
    work: { count: 1_000_000, unit: 'records' },
    setup: () => records(1_000_000),
    run: ({ legacy, shadow }) => compareBytes(legacy, shadow, { key: 'id', minMatchRate: 0.98 }),
    describe: (r) => `${r.verdict}, bytes-match ${(r.rates.bytesMatch * 100).toFixed(2)}%, ${r.counts.differing} differing (field ${r.fields[0]?.field})`,
  },
  {
    // Shadow in legacy order with 2 % of records lost: the merge join.
    name: 'bytes: compareBytes 1M × 0.98M records, 2 % lost',
    work: { count: 1_000_000, unit: 'records' },
    setup: () => {
      const { legacy, shadow } = records(1_000_000);
      return { legacy, shadow: shadow.filter((_, i) => i % 50 !== 11) };
    },
    run: ({ legacy, shadow }) => compareBytes(legacy, shadow, { key: 'id', minMatchRate: 0.97 }),
    describe: (r) => `${r.verdict}, bytes-match ${(r.rates.bytesMatch * 100).toFixed(2)}%, ${r.counts.missing} missing, ${r.counts.differing} differing`,
  },
  {
    // Shadow in another order: the hash join instead of the in-order one.
    name: 'bytes: compareBytes 1M × 1M records, shadow shuffled',
    work: { count: 1_000_000, unit: 'records' },
    setup: () => {
      const { legacy, shadow } = records(1_000_000);
      const r = createRng(4);
      for (let i = shadow.length - 1; i > 0; i--) {
        const j = r.nextInt(i + 1);
        [shadow[i], shadow[j]] = [shadow[j], shadow[i]];
      }
      return { legacy, shadow };
    },
    run: ({ legacy, shadow }) => compareBytes(legacy, shadow, { key: 'id', minMatchRate: 0.98 }),
    describe: (r) => `${r.verdict}, bytes-match ${(r.rates.bytesMatch * 100).toFixed(2)}%, ${r.counts.differing} differing (field ${r.fields[0]?.field})`,
  },
];
