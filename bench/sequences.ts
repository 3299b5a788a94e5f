/**
 * Sequence-tier benchmark: 1,000,000 events over 50,000 users per side, assembled here (grouped,
 * sorted by time, windowed) and compared. Realistic noise: clock skew under a second, arrival races
 * that swap neighbours closer than 500 ms, and a few real faults (dropped, extra, reversed users).
 * Times compareSequences only (inputs are built in setup, rows in arrival order, users interleaved,
 * so grouping and sorting do real work).
 */
import { compareSequences, type CompareSequencesOptions } from '../src/index.js';
import type { BenchCase } from './_lib.js';
import { seededFloats } from './_rng.js';

const TYPES = ['click', 'save', 'search'];

export function makeSequenceEvents(users: number, perUser: number, seed: number) {
  const rnd = seededFloats(seed);
  const legacy: Record<string, unknown>[] = [];
  const shadow: Record<string, unknown>[] = [];
  for (let u = 0; u < users; u++) {
    const user = `u${u}`;
    const reversed = rnd() < 0.001; // a real fault: the shadow orders this user's events backwards
    let ts = 1_700_000_000_000 + Math.floor(rnd() * 86_400_000);
    const base: Record<string, unknown>[] = [];
    for (let k = 0; k < perUser; k++) {
      ts += rnd() < 0.05 ? 1 + Math.floor(rnd() * 400) : 60_000 + Math.floor(rnd() * 3_600_000);
      base.push({ eventId: `${user}-${k}`, userId: user, type: TYPES[k % 3], ts, price: Math.round(rnd() * 10_000) / 100 });
    }
    for (const e of base) {
      legacy.push(e);
      const r = rnd();
      if (r < 0.0005) continue; // dropped in shadow
      const s: Record<string, unknown> = { ...e, ts: (e.ts as number) + Math.floor(rnd() * 300) };
      if (reversed) s.ts = 2 * 1_700_000_000_000 - (e.ts as number);
      shadow.push(s);
      if (r > 0.9995) shadow.push({ ...s, eventId: `${e.eventId}-x` }); // an extra event
    }
  }
  // Pipelines write in arrival order (by time, all users interleaved), each its own way (the
  // shadow's clock skew moves rows locally); a loader then allocates each row and its strings in
  // file order, so rows are re-created in that order (array order = memory order, as after
  // loadDataset).
  const arrival = (rows: Record<string, unknown>[]) =>
    JSON.parse(JSON.stringify(rows.sort((a, b) => (a.ts as number) - (b.ts as number)))) as Record<string, unknown>[];
  return { legacy: arrival(legacy), shadow: arrival(shadow) };
}

export const benchSequenceOptions: CompareSequencesOptions = {
  entity: 'userId',
  orderBy: 'ts',
  id: 'eventId',
  fields: { ts: { time: '1s' } },
  reorderWithinMs: 500,
  window: { last: 15 },
  minExactRate: 0.99,
};

export const sequencesCases: BenchCase[] = [
  {
    name: 'sequences: compareSequences 1M × 1M events, 50k users',
    work: { count: 2_000_000, unit: 'events' },
    setup: () => makeSequenceEvents(50_000, 20, 7),
    run: ({ legacy, shadow }) => compareSequences(legacy, shadow, benchSequenceOptions),
    describe: (r) =>
      `verdict ${r.verdict}: ${r.counts.entities} entities, exact ${r.counts.exact}, classes ${r.classes.map((c: { class: string; entities: number }) => `${c.class} ${c.entities}`).join(', ')}, swaps tolerated ${r.counts.toleratedSwaps}`,
  },
  {
    name: 'sequences: pre-assembled 50k × 20 per side',
    work: { count: 2_000_000, unit: 'events' },
    setup: () => {
      const { legacy, shadow } = makeSequenceEvents(50_000, 20, 8);
      const group = (rows: Record<string, unknown>[]) => {
        const m = new Map<unknown, Record<string, unknown>[]>();
        for (const r of rows) {
          const list = m.get(r.userId) ?? [];
          list.push(r);
          m.set(r.userId, list);
        }
        const grouped = [...m].map(([userId, events]) => ({ userId, events: events.sort((a, b) => (a.ts as number) - (b.ts as number)) }));
        return JSON.parse(JSON.stringify(grouped)) as typeof grouped; // as loaded from JSONL: each row's events together in memory
      };
      return { legacy: group(legacy), shadow: group(shadow) };
    },
    run: ({ legacy, shadow }) =>
      compareSequences(legacy, shadow, { entity: 'userId', assembled: true, id: 'eventId', time: 'ts', fields: { ts: { time: '1s' } }, reorderWithinMs: 500 }),
    describe: (r) => `verdict ${r.verdict}: exact ${r.counts.exact} of ${r.counts.entities}`,
  },
];
