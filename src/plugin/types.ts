/** Types of `vitest-shadow/plugin`: its options and the run file it writes. */
import type { PipelineMetrics } from '../history/types.js';
import type { ReportBase } from '../report/types.js';
import type { PlotData, SampleRecord } from '../suite/types.js';

/**
 * Options of {@link shadowPlugin}.
 *
 * @example
 * shadowPlugin({ outputDir: 'shadow-reports', historyDir: '.shadow-history', partition: process.env.PARTITION });
 */
export interface ShadowPluginOptions {
  /** Where the run's JSON, Markdown, JUnit and HTML files go. @defaultValue 'shadow-reports' */
  outputDir?: string;
  /** Where history records are appended (one JSON Lines file per event type); absent: no history. @defaultValue none */
  historyDir?: string;
  /** What data the run judged, e.g. the data date `'2026-12-05'`. @defaultValue $SHADOW_PARTITION, else none */
  partition?: string;
  /** One id for this run, shared by all its records. @defaultValue $SHADOW_RUN_ID, else the end time and a random suffix */
  runId?: string;
  /** The git commit recorded. @defaultValue $SHADOW_COMMIT, else `git rev-parse HEAD` in the root, else none */
  commit?: string;
  /** Pipeline metrics from job metadata, per event type or one function of it; recorded in history. @defaultValue none */
  pipelines?: Record<string, { legacy?: PipelineMetrics; shadow?: PipelineMetrics }> | ((eventType: string) => { legacy?: PipelineMetrics; shadow?: PipelineMetrics } | undefined);
  /** Whether this run is a reverse shadow (shadow is the reference), recorded in history. @defaultValue false */
  reverse?: boolean;
  /** Progress lines (rows/s, ETA): `'auto'` on a terminal outside CI only. @defaultValue 'auto' */
  progress?: 'auto' | boolean;
  /** Stored nights shown in the HTML trend plots. @defaultValue 30 */
  trendNights?: number;
}

/**
 * One judged check of the run: a Report with where it came from, or a test that errored before one.
 *
 * @example
 * const failing = run.entries.filter((e: RunEntry) => e.verdict !== 'pass').map((e) => `${e.eventType}/${e.tier}`);
 */
export interface RunEntry {
  /** Full Vitest test name. */
  test: string;
  /** Test file, relative to the root. */
  file: string;
  /** The suite's event type, the group of a grouped report, the report's label, the enclosing `describe`, else `'(none)'`. */
  eventType: string;
  /** The suite's tier, else the report's kind; `'(no report)'` for a test, hook or file that failed without a Report. */
  tier: string;
  /** `error`: the test failed without a Report, or failed although every Report it recorded passed. */
  verdict: 'pass' | 'fail' | 'inconclusive' | 'error';
  /** Deciding reasons (fail, inconclusive) or the error: the first 10, then one entry per further code. */
  reasons: { code: string; message: string }[];
  figures: Record<string, number>;
  rows?: { legacy: number; shadow: number };
  /** The test's duration. */
  durationMs?: number;
  durations?: { loadMs: number; compareMs: number };
  engine?: 'memory' | 'duckdb';
  sample?: SampleRecord;
  plots?: PlotData;
  /** The full Report (absent for an error). */
  report?: ReportBase;
}

/**
 * The JSON file of a run (`shadow-report.json`).
 *
 * @example
 * const run = JSON.parse(readFileSync('shadow-reports/shadow-report.json', 'utf8')) as RunFile;
 * run.summary.fail; // => 1
 */
export interface RunFile {
  version: 1;
  runId: string;
  /** ISO 8601, when the run ended. */
  timestamp: string;
  partition?: string;
  commit?: string;
  durationMs: number;
  summary: { checks: number; pass: number; fail: number; inconclusive: number; error: number };
  entries: RunEntry[];
  /** How Vitest ended the run (its `onTestRunEnd` reason); absent in runs written before it was recorded. */
  reason?: 'passed' | 'failed' | 'interrupted';
  /**
   * Errors Vitest reported outside any test (an uncaught exception, an unhandled rejection): the
   * first line of each. Any of them makes the headline say the run failed, whatever the checks say.
   */
  unhandledErrors?: string[];
}
