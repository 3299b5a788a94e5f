/**
 * Noise in the file engine: compareEventFiles takes a calibration from calibrateNoise and judges
 * each field's excess over it exactly as compareEvents does (the same counts, judgements, reasons
 * and equal count), on JSONL and Parquet. Ground truth: `price` is nondeterministic in a seeded
 * 2 % of a legacy replay; one shadow redraws it in about 2 % of rows (noise: passes), another in
 * about 6 % (a real excess: fails), and 7 rows also lose their city in both shadows.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { calibrateNoise, compareEvents, type EventReport } from '../../../src/index.js';
import { compareEventFiles } from '../../../src/duckdb/index.js';
import { clone, makeEvents, pickIndices, rng } from '../../_helpers/events.js';

const dir = mkdtempSync(join(tmpdir(), 'shadow-noise-files-'));
const file = (name: string) => join(dir, name);
const jsonl = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';

const N = 3000;
const legacy = makeEvents(N, 61);
/** Redraws price (+0.01) in a seeded share of rows: the backend's nondeterminism. */
function jitter(rows: typeof legacy, share: number, seed: number) {
  const r = rng(seed);
  const out = clone(rows);
  let n = 0;
  for (const e of out) if (r() < share) (e.price += 0.01, n++);
  return { rows: out, n };
}
const replay = jitter(legacy, 0.02, 62);
const quiet = jitter(legacy, 0.02, 63);
const loud = jitter(legacy, 0.06, 64);
const cityIdx = pickIndices(N, 7, 65);
for (const s of [quiet.rows, loud.rows]) for (const i of cityIdx) s[i].geo.city = 'Berlin';

const options = { key: 'id', fields: { ts: { time: '1s' }, tags: { unordered: true } } } as const;
const calibration = calibrateNoise(legacy, replay.rows, { key: 'id', fields: ['price'], date: '2026-12-06' });

/** What both engines must agree on. */
const view = (r: EventReport) => ({
  verdict: r.verdict,
  counts: r.counts,
  rates: r.rates,
  noise: r.noise,
  reasons: r.reasons.map((x) => [x.code, x.severity, x.subject, x.message]),
  fields: r.fields.map((f) => [f.field, f.mismatches]),
});

beforeAll(async () => {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  for (const [name, rows] of [['legacy', legacy], ['quiet', quiet.rows], ['loud', loud.rows]] as const) {
    writeFileSync(file(`${name}.jsonl`), jsonl(rows));
    await c.run(`COPY (SELECT * FROM read_json_auto('${file(`${name}.jsonl`)}')) TO '${file(`${name}.parquet`)}' (FORMAT parquet)`);
  }
  c.closeSync();
  db.closeSync();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('compareEventFiles with noise', () => {
  test('the calibration measured the injected replay noise', () => {
    expect(calibration.verdict).toBe('pass');
    expect(calibration.fields.price.rate).toBeCloseTo(replay.n / N, 12);
  });

  for (const format of ['jsonl', 'parquet'] as const) {
    test(`${format}: within noise passes, with every price difference absorbed; the same report as in memory`, async () => {
      const mem = compareEvents(legacy, quiet.rows, { ...options, noise: calibration });
      const files = await compareEventFiles(file(`legacy.${format}`), file(`quiet.${format}`), { ...options, noise: calibration });
      expect(view(files)).toEqual(view(mem));
      // Ground truth: only the 7 city changes remain unequal; price differs where it was redrawn.
      expect(files.fields.find((f) => f.field === 'price')!.mismatches).toBe(quiet.n);
      expect(files.counts.equal).toBe(N - cityIdx.length);
      expect(files.noise!.map((j) => [j.field, j.fails])).toEqual([['price', false]]);
      expect(files.reasons.map((r) => r.code)).toContain('NOISE_ABSORBED');
    });

    test(`${format}: an excess over noise fails with NOISE_EXCESS; the same report as in memory`, async () => {
      const mem = compareEvents(legacy, loud.rows, { ...options, noise: calibration, minMatchRate: 0.9 });
      const files = await compareEventFiles(file(`legacy.${format}`), file(`loud.${format}`), { ...options, noise: calibration, minMatchRate: 0.9 });
      expect(view(files)).toEqual(view(mem));
      expect(files.verdict).toBe('fail');
      expect(files.reasons.filter((r) => r.severity === 'fail').map((r) => r.code)).toEqual(['NOISE_EXCESS']);
      expect(files.fields.find((f) => f.field === 'price')!.mismatches).toBe(loud.n);
    });
  }

  // A calibration per type was refused on files: by was refused too, so no run counted per type.
  for (const format of ['jsonl', 'parquet'] as const) {
    test(`${format}: a calibration per type, with by the same type, judges each type's noise as compareEvents does`, async () => {
      const byType = calibrateNoise(legacy, replay.rows, { key: 'id', fields: ['price'], by: 'type', date: '2026-12-06' });
      expect(Object.keys(byType.byGroup!)).toEqual(['click', 'save', 'search']);
      for (const [shadow, rows] of [['quiet', quiet.rows], ['loud', loud.rows]] as const) {
        const o = { ...options, by: 'type', noise: byType };
        const mem = compareEvents(legacy, rows, o);
        const files = await compareEventFiles(file(`legacy.${format}`), file(`${shadow}.${format}`), o);
        expect(files.groups.map((g) => [g.group, view(g.report)])).toEqual(mem.groups.map((g) => [g.group, view(g.report)]));
        expect(files.verdict).toBe(mem.verdict);
        // Ground truth: each type's own price noise judged; the loud shadow's 6 % is an excess in some type.
        expect(files.groups.every((g) => g.report.noise?.every((j) => j.group === g.group && j.field === 'price'))).toBe(true);
        expect(files.groups.some((g) => g.report.reasons.some((r) => r.code === 'NOISE_EXCESS'))).toBe(shadow === 'loud');
      }
    });
  }

  test('a calibration per group without by (or by another path), and noiseAlpha without noise, are refused naming the option', async () => {
    const byType = calibrateNoise(legacy, replay.rows, { key: 'id', fields: ['price'], by: 'type', date: '2026-12-06' });
    await expect(compareEventFiles(file('legacy.jsonl'), file('quiet.jsonl'), { ...options, noise: byType })).rejects.toThrow(
      "compareEventFiles: noise is calibrated per type, which the file engine counts only per group of by: pass by: 'type' (or calibrate without by)",
    );
    await expect(compareEventFiles(file('legacy.jsonl'), file('quiet.jsonl'), { ...options, by: 'geo.city', noise: byType })).rejects.toThrow(
      "noise is calibrated per type, which the file engine counts only per group of by: pass by: 'type'",
    );
    await expect(compareEventFiles(file('legacy.jsonl'), file('quiet.jsonl'), { ...options, noiseAlpha: 0.01 })).rejects.toThrow(
      'compareEventFiles: noiseAlpha and maxNoiseExcess need noise (a calibration from calibrateNoise)',
    );
  });
});
