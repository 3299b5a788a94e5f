/**
 * The nightly history shared by the reporter (which appends) and the cutover gate and CLI (which read).
 *
 * One JSON line per event type, tier and run, in `${historyDir}/${safeName(eventType)}.jsonl`.
 * The format is versioned (`version: 1`); readers refuse other versions line by line.
 */

/**
 * What one pipeline cost to produce the judged partition, as supplied by the user from job metadata.
 *
 * @example
 * const legacy: PipelineMetrics = { landingMs: 3_600_000, cpuSeconds: 5400, memoryMb: 8192, cost: 4.2 };
 */
export interface PipelineMetrics {
  /** Milliseconds from the end of the partition to the data landing (freshness). */
  landingMs?: number;
  /** CPU seconds spent by the pipeline on the partition. */
  cpuSeconds?: number;
  /** Peak memory in MiB. */
  memoryMb?: number;
  /** Cost in the user's currency. */
  cost?: number;
}

/** The verdicts a history record can carry: a Report's verdict, or `error` when the tier did not run to a verdict. @example const v: HistoryVerdict = 'error'; */
export type HistoryVerdict = 'pass' | 'fail' | 'inconclusive' | 'error';

/** The verdicts, in a fixed order. @example HISTORY_VERDICTS.includes('pass') // => true */
export const HISTORY_VERDICTS: readonly HistoryVerdict[] = ['pass', 'fail', 'inconclusive', 'error'];

/** The record format version written by {@link appendHistory}. @example HISTORY_VERSION // => 1 */
export const HISTORY_VERSION = 1 as const;

/**
 * One tier's outcome for one event type in one nightly run.
 *
 * @example
 * const record: HistoryRecord = {
 *   version: 1, runId: 'nightly-2026-12-05', timestamp: '2026-12-06T02:10:00Z',
 *   eventType: 'search', tier: 'events', verdict: 'pass', reasons: [],
 *   figures: { matchRate: 0.9991 }, rows: { legacy: 120_000, shadow: 120_004 }, partition: '2026-12-05',
 * };
 */
export interface HistoryRecord {
  version: 1;
  /** One id per nightly run, shared by all records of that run. */
  runId: string;
  /** ISO 8601, when the run ended. */
  timestamp: string;
  eventType: string;
  /** 'events' | 'sequences' | 'tiers' | 'outputs' | 'profiles' | 'bytes' | 'queries' | ... */
  tier: string;
  /** Full Vitest test name. */
  test?: string;
  verdict: HistoryVerdict;
  /** The failing or inconclusive reasons: the first 10 in full, then one entry per further code (see recordReasons). */
  reasons: { code: string; message: string }[];
  /** Key figures, e.g. matchRate, missingRate, extraRate. */
  figures: Record<string, number>;
  rows?: { legacy: number; shadow: number };
  durationMs?: number;
  /** What data the run judged, e.g. '2026-12-05'. */
  partition?: string;
  /** Git commit of the shadow pipeline or tests. */
  commit?: string;
  /** Reverse shadow (stage EXEC): the shadow side is the reference. */
  reverse?: boolean;
  pipelines?: { legacy?: PipelineMetrics; shadow?: PipelineMetrics };
  /** Relative path of the full Report JSON. */
  reportFile?: string;
}

/**
 * A line of a history file that could not be read as a record (torn by a crashed writer, edited by hand,
 * another version): the other lines are still read.
 *
 * @example
 * const p: HistoryProblem = { file: 'history/search.jsonl', line: 12, message: 'not valid JSON (Unexpected end of JSON input)' };
 */
export interface HistoryProblem {
  file: string;
  /** 1-based line number. */
  line: number;
  message: string;
}
