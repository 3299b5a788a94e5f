/**
 * Cutover gate benchmark: a year of nightly history (365 runs × 20 event types × 5 tiers = 36,500 records)
 * appended, read back, and a pull request moving all 20 types one stage decided on a 30-night window.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appendHistory } from '../src/history/appendHistory.js';
import { readHistory } from '../src/history/readHistory.js';
import type { HistoryRecord } from '../src/history/types.js';
import { decideGate } from '../src/gate/decideGate.js';
import type { CutoverManifest } from '../src/gate/types.js';
import { createRng } from '../src/stats/_internal/prng.js';
import type { BenchCase } from './_lib.js';

const TYPES = Array.from({ length: 20 }, (_, i) => `type${String(i).padStart(2, '0')}`);
const TIERS = ['events', 'sequences', 'tiers', 'outputs:ctr', 'profiles'];
const NIGHTS = 365;

function year(): HistoryRecord[] {
  const r = createRng(13);
  const out: HistoryRecord[] = [];
  for (let n = 0; n < NIGHTS; n++) {
    const timestamp = new Date(Date.UTC(2026, 0, 1 + n, 2)).toISOString();
    for (const eventType of TYPES) {
      const landing = 3_600_000 * (1 + r.nextFloat() * 0.05);
      for (const tier of TIERS) {
        const fail = r.nextFloat() < 0.01;
        out.push({
          version: 1, runId: `n${n}`, timestamp, eventType, tier, test: `${eventType} > ${tier}`,
          verdict: fail ? 'fail' : 'pass',
          reasons: fail ? [{ code: 'MATCH_RATE_BELOW_MIN', message: 'match rate 99.1%, 99.9% required' }] : [],
          figures: { matchRate: fail ? 0.991 : 0.9995 }, rows: { legacy: 1_000_000, shadow: 1_000_000 },
          partition: timestamp.slice(0, 10), pipelines: { legacy: { landingMs: 3_600_000 }, shadow: { landingMs: landing } },
        });
      }
    }
  }
  return out;
}

const manifest = (stage: 'SHADOW' | 'COMPARISON'): CutoverManifest => ({
  version: 1,
  defaults: { criteria: { SHADOW: { consecutiveCleanRuns: 30, minRowsPerRun: 100_000, tiers: { events: 'pass', sequences: 'pass', outputs: 'pass' }, maxRegression: { landingMs: 0.1 } } } },
  eventTypes: Object.fromEntries(TYPES.map((t) => [t, { stage }])),
});

export const gateCases: BenchCase[] = [
  {
    name: 'gate: appendHistory 365 nights × 20 types × 5 tiers',
    work: { count: NIGHTS * TYPES.length * TIERS.length, unit: 'records' },
    runs: 3,
    setup: () => year(),
    run: async (records: HistoryRecord[]) => {
      const dir = mkdtempSync(join(tmpdir(), 'bench-history-'));
      for (let n = 0; n < NIGHTS; n++) await appendHistory(dir, records.slice(n * TYPES.length * TIERS.length, (n + 1) * TYPES.length * TIERS.length));
      rmSync(dir, { recursive: true, force: true });
      return NIGHTS;
    },
    describe: (n: number) => `${n} appends (one per night, one write per event type)`,
  },
  {
    name: 'gate: readHistory + decideGate (20 types, 30-night window)',
    work: { count: NIGHTS * TYPES.length * TIERS.length, unit: 'records' },
    runs: 3,
    setup: async () => {
      const dir = mkdtempSync(join(tmpdir(), 'bench-history-'));
      await appendHistory(dir, year());
      return dir;
    },
    run: async (dir: string) => {
      const { records } = await readHistory(dir);
      const d = decideGate(manifest('SHADOW'), manifest('COMPARISON'), records);
      return d;
    },
    describe: (d: ReturnType<typeof decideGate>) => `${d.items.filter((i) => i.allowed).length} of ${d.items.length} advances allowed`,
  },
];
