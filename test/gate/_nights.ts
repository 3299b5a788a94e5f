// Builds nightly history records for gate tests: one record per tier, the run's pipeline metrics on each.
import type { HistoryRecord, HistoryVerdict } from '../../src/history/types.js';

export interface NightSpec {
  eventType: string;
  /** 1-based night number: run id `${prefix}${night}`, ends at 02:00 UTC on 2026-11-(night), judges the day before. */
  night: number;
  tiers?: Record<string, HistoryVerdict>;
  /** Reason codes of failing tiers. */
  codes?: Record<string, string[]>;
  rows?: number;
  landing?: { legacy: number; shadow: number };
  reverse?: boolean;
  tests?: Record<string, HistoryVerdict>;
  prefix?: string;
}

export function night(spec: NightSpec): HistoryRecord[] {
  const { eventType, night: n, rows = 100_000, landing = { legacy: 3_600_000, shadow: 3_500_000 }, prefix = 'n' } = spec;
  const tiers = spec.tiers ?? { events: 'pass', sequences: 'pass' };
  const base = {
    version: 1 as const,
    runId: `${prefix}${n}`,
    timestamp: new Date(Date.UTC(2026, 10, n, 2)).toISOString(),
    eventType,
    partition: new Date(Date.UTC(2026, 10, n - 1)).toISOString().slice(0, 10),
    rows: { legacy: rows, shadow: rows },
    pipelines: { legacy: { landingMs: landing.legacy }, shadow: { landingMs: landing.shadow } },
    ...(spec.reverse ? { reverse: true } : {}),
  };
  const out: HistoryRecord[] = Object.entries(tiers).map(([tier, verdict]) => ({
    ...base,
    tier,
    verdict,
    reasons: verdict === 'pass' ? [] : (spec.codes?.[tier] ?? ['MATCH_RATE_BELOW_MIN']).map((code) => ({ code, message: `${code} on ${tier}` })),
    figures: { matchRate: verdict === 'pass' ? 1 : 0.9 },
  }));
  for (const [test, verdict] of Object.entries(spec.tests ?? {})) {
    out.push({ ...base, tier: 'custom', test, verdict, reasons: [], figures: {} });
  }
  return out;
}

/** Nights `from..to` of one event type, with per-night overrides. */
export function nights(eventType: string, from: number, to: number, over: (n: number) => Partial<NightSpec> = () => ({})): HistoryRecord[] {
  const out: HistoryRecord[] = [];
  for (let n = from; n <= to; n++) out.push(...night({ eventType, night: n, ...over(n) }));
  return out;
}
