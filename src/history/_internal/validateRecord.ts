import { HISTORY_VERDICTS, type HistoryRecord } from '../types.js';

const KEYS = [
  'version', 'runId', 'timestamp', 'eventType', 'tier', 'test', 'verdict', 'reasons', 'figures', 'rows',
  'durationMs', 'partition', 'commit', 'reverse', 'pipelines', 'reportFile',
];
const METRIC_KEYS = ['landingMs', 'cpuSeconds', 'memoryMb', 'cost'];

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** ISO 8601 date and time with a zone (`Z` or `±hh:mm`): a time without one would be read in the machine's zone. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** How far past the reader's clock a record's time may lie (clocks of different machines drift). */
export const FUTURE_SLACK_MS = 24 * 3600 * 1000;

/**
 * What is wrong with a record's `timestamp`, or undefined: an ISO 8601 instant with a zone, not
 * more than a day past `now` (a runner whose clock is wrong would otherwise be "the latest run" for years).
 */
export function timestampProblem(t: string, now = Date.now()): string | undefined {
  if (!ISO_INSTANT.test(t) || Number.isNaN(Date.parse(t))) return `timestamp must be an ISO 8601 date and time with a zone (2026-12-06T02:10:00Z), got ${JSON.stringify(t)}`;
  if (Date.parse(t) > now + FUTURE_SLACK_MS) return `timestamp ${t} lies in the future (now is ${new Date(now).toISOString()}): a runner's clock is wrong; fix the clock, or the record`;
  return undefined;
}
const nonEmpty = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * What is wrong with `value` as a {@link HistoryRecord}, or undefined when it is one. The first problem
 * only, phrased as `field must be ..., got ...`.
 */
export function recordProblem(value: unknown): string | undefined {
  if (!isObj(value)) return `a record must be an object, got ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}`;
  for (const k of Object.keys(value)) if (!KEYS.includes(k)) return `unknown field '${k}'`;
  if (value.version !== 1) return `version must be 1, got ${JSON.stringify(value.version)}`;
  for (const k of ['runId', 'timestamp', 'eventType', 'tier'] as const) {
    if (!nonEmpty(value[k])) return `${k} must be a non-empty string, got ${JSON.stringify(value[k])}`;
  }
  const when = timestampProblem(value.timestamp as string);
  if (when) return when;
  if (!HISTORY_VERDICTS.includes(value.verdict as never)) {
    return `verdict must be one of ${HISTORY_VERDICTS.join(', ')}, got ${JSON.stringify(value.verdict)}`;
  }
  if (!Array.isArray(value.reasons) || value.reasons.some((r) => !isObj(r) || typeof r.code !== 'string' || typeof r.message !== 'string')) {
    return 'reasons must be an array of { code, message } strings';
  }
  if (!isObj(value.figures) || Object.values(value.figures).some((v) => !finite(v))) return 'figures must be an object of finite numbers';
  if (value.rows !== undefined) {
    const r = value.rows;
    if (!isObj(r) || !finite(r.legacy) || !finite(r.shadow) || r.legacy < 0 || r.shadow < 0) {
      return 'rows must be { legacy, shadow } counts >= 0';
    }
  }
  if (value.durationMs !== undefined && !(finite(value.durationMs) && value.durationMs >= 0)) return 'durationMs must be a finite number >= 0';
  for (const k of ['test', 'partition', 'commit', 'reportFile'] as const) {
    if (value[k] !== undefined && typeof value[k] !== 'string') return `${k} must be a string, got ${JSON.stringify(value[k])}`;
  }
  if (value.reverse !== undefined && typeof value.reverse !== 'boolean') return 'reverse must be a boolean';
  if (value.pipelines !== undefined) {
    if (!isObj(value.pipelines)) return 'pipelines must be { legacy?, shadow? }';
    for (const [side, m] of Object.entries(value.pipelines)) {
      if (side !== 'legacy' && side !== 'shadow') return `pipelines.${side} is not a side; use legacy or shadow`;
      if (m === undefined) continue;
      if (!isObj(m)) return `pipelines.${side} must be an object`;
      for (const [k, v] of Object.entries(m)) {
        if (!METRIC_KEYS.includes(k)) return `pipelines.${side}.${k} is not a metric; use ${METRIC_KEYS.join(', ')}`;
        if (v !== undefined && !(finite(v) && v >= 0)) return `pipelines.${side}.${k} must be a finite number >= 0`;
      }
    }
  }
  return undefined;
}

/** Narrowing form of {@link recordProblem}. */
export function isHistoryRecord(value: unknown): value is HistoryRecord {
  return recordProblem(value) === undefined;
}
