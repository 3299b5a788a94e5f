/**
 * Event-tier benchmark: 1,000,000 legacy vs 1,000,000 shadow events in memory, 7 fields including
 * a nested object and an array, with realistic noise (float jitter, clock skew, reordered tags,
 * a few missing/extra/changed events). Times compareEvents only (inputs are built in setup).
 */
import { compareEvents, type CompareEventsOptions } from '../src/index.js';
import type { DatasetInput } from '../src/dataset/toRows.js';
import type { BenchCase } from './_lib.js';
import { seededFloats } from './_rng.js';

const TYPES = ['click', 'save', 'search'];
const CITIES = ['Paris', 'Lyon', 'Berlin', 'Madrid', 'Oslo'];

export function makeEvents(n: number, seed: number) {
  const rnd = seededFloats(seed);
  const legacy = new Array(n);
  const shadow: Record<string, unknown>[] = [];
  for (let i = 0; i < n; i++) {
    const e = {
      eventId: `e${i}`,
      userId: `u${(rnd() * 50_000) | 0}`,
      type: TYPES[(rnd() * 3) | 0],
      ts: 1_700_000_000_000 + i * 37,
      price: Math.round(rnd() * 10_000) / 100,
      geo: { city: CITIES[(rnd() * 5) | 0], lat: 40 + rnd() * 20 },
      tags: rnd() < 0.5 ? ['a', 'b'] : ['c'],
    };
    legacy[i] = e;
    const r = rnd();
    if (r < 0.001) continue; // missing in shadow
    const s = {
      ...e,
      ts: e.ts + ((rnd() * 1500) | 0), // clock skew under 2 s
      price: e.price + (rnd() - 0.5) * 1e-9, // float noise
      geo: { city: e.geo.city, lat: e.geo.lat },
      tags: e.tags.length > 1 ? [e.tags[1], e.tags[0]] : e.tags,
    };
    if (r > 0.999) s.price = e.price * 1.1; // a real fault on 0.1 %
    shadow.push(s);
  }
  for (let i = 0; i < n / 1000; i++) shadow.push({ ...legacy[i], eventId: `x${i}` }); // extra
  return { legacy, shadow };
}

/** A seeded Fisher–Yates shuffle: two pipelines rarely write rows in the same order. */
export function shuffle<T>(rows: readonly T[], seed: number): T[] {
  const rnd = seededFloats(seed);
  const out = rows.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = (rnd() * (i + 1)) | 0;
    const t = out[i];
    out[i] = out[j];
    out[j] = t;
  }
  return out;
}

export const benchEventOptions: CompareEventsOptions = {
  key: 'eventId',
  fields: { ts: { time: '2s' }, price: { abs: 1e-6 }, 'geo.lat': { abs: 1e-9 }, tags: { unordered: true } },
  minMatchRate: 0.99,
  maxMissingRate: 0.01,
  maxExtraRate: 0.01,
};

/**
 * Runs compareEvents and keeps the CPU time it took (user + system, both threads: the GC's
 * helper included), since wall time on a shared machine says more about the neighbours.
 */
function timed(legacy: DatasetInput, shadow: DatasetInput, options: CompareEventsOptions) {
  const c0 = process.cpuUsage();
  const report = compareEvents(legacy, shadow, options);
  const c = process.cpuUsage(c0);
  return { report, cpuMs: (c.user + c.system) / 1000 };
}

const cpu = (r: { cpuMs: number }) => `${r.cpuMs.toFixed(0)} ms CPU (last run)`;

export const eventsCases: BenchCase[] = [
  {
    name: 'events: compareEvents 1M × 1M, 7 fields',
    work: { count: 2_000_000, unit: 'events' },
    setup: () => makeEvents(1_000_000, 42),
    run: ({ legacy, shadow }) => timed(legacy, shadow, benchEventOptions),
    describe: ({ report: r, ...t }) => `verdict ${r.verdict}: equal ${r.counts.equal}, missing ${r.counts.missing}, extra ${r.counts.extra}, price mismatches ${r.fields.find((f: { field: string }) => f.field === 'price')?.mismatches}; ${cpu(t)}`,
  },
  {
    // The same row objects in a shuffled array (seed 7): memory order stays the legacy order.
    name: 'events: compareEvents 1M × 1M shuffled shadow (seed 7)',
    work: { count: 2_000_000, unit: 'events' },
    setup: () => {
      const { legacy, shadow } = makeEvents(1_000_000, 42);
      return { legacy, shadow: shuffle(shadow, 7) };
    },
    run: ({ legacy, shadow }) => timed(legacy, shadow, benchEventOptions),
    describe: ({ report: r, ...t }) => `verdict ${r.verdict}: equal ${r.counts.equal}, missing ${r.counts.missing}, extra ${r.counts.extra}, price mismatches ${r.fields.find((f: { field: string }) => f.field === 'price')?.mismatches}; ${cpu(t)}`,
  },
  {
    // As a loader leaves a shuffled file: rows allocated in their shuffled order, so the shadow
    // side is sequential in memory and pairing it with legacy is the random access.
    name: 'events: compareEvents 1M × 1M shuffled shadow, reloaded',
    work: { count: 2_000_000, unit: 'events' },
    setup: () => {
      const { legacy, shadow } = makeEvents(1_000_000, 42);
      return { legacy, shadow: shuffle(shadow, 7).map((row) => structuredClone(row)) };
    },
    run: ({ legacy, shadow }) => timed(legacy, shadow, benchEventOptions),
    describe: ({ report: r, ...t }) => `verdict ${r.verdict}: equal ${r.counts.equal}, missing ${r.counts.missing}, extra ${r.counts.extra}; ${cpu(t)}`,
  },
  {
    name: 'events: compareEvents 1M × 1M, composite key [userId, eventId]',
    work: { count: 2_000_000, unit: 'events' },
    setup: () => makeEvents(1_000_000, 43),
    run: ({ legacy, shadow }) => timed(legacy, shadow, { ...benchEventOptions, key: ['userId', 'eventId'] }),
    describe: ({ report: r, ...t }) => `verdict ${r.verdict}: matched ${r.counts.matched}; ${cpu(t)}`,
  },
];
