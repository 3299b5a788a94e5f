import { ShadowDataError } from '../../errors.js';
import type { HistoryRecord } from '../../history/types.js';
import { recordProblem } from '../../history/_internal/validateRecord.js';
import { recordReasons } from '../../history/_internal/recordReasons.js';

/** What `record` needs to turn a bare Report into a history record. */
export interface RecordContext {
  source: string;
  eventType?: string;
  tier?: string;
  runId?: string;
  partition?: string;
  timestamp: string;
  commit?: string;
  reverse?: boolean;
}

const TIER_OF_KIND: Record<string, string> = {
  events: 'events', sequences: 'sequences', tiers: 'tiers', equivalence: 'outputs', distribution: 'outputs',
  auc: 'outputs', agreement: 'outputs', profile: 'profiles', profiles: 'profiles', bytes: 'bytes', queries: 'queries',
  // Reports read back from a warehouse's counts row (`vitest-shadow sql --counts`) file under their tier.
  'sql-counts': 'events', 'sql-sequences': 'sequences',
};

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function numbersOf(obj: unknown, prefix = ''): Record<string, number> {
  const out: Record<string, number> = {};
  if (!isObj(obj)) return out;
  for (const [k, v] of Object.entries(obj)) if (typeof v === 'number' && Number.isFinite(v)) out[prefix + k] = v;
  return out;
}

/**
 * The history records in a JSON document given to `vitest-shadow record`: the run file of shadowPlugin
 * (`shadow-report.json`: `{ runId, timestamp, entries }`), a history record, an array of them,
 * `{ records: [...] }`, or a bare Report (`{ kind, version, verdict, reasons }`, e.g. written by a
 * warehouse job) completed by the context (event type, run id; tier from the report's kind).
 */
export function reportToRecords(value: unknown, ctx: RecordContext): HistoryRecord[] {
  if (isObj(value) && Array.isArray(value.entries) && typeof value.runId === 'string') {
    refuseIgnored(ctx, value, 'a run file', ['eventType', 'tier', 'runId']);
    return fromRunFile(value, ctx);
  }
  const list = Array.isArray(value) ? value : isObj(value) && Array.isArray(value.records) ? value.records : [value];
  if (list.length === 0) throw new ShadowDataError(`${ctx.source}: no records in the file (an empty report is never recorded)`);
  return list.map((item, i) => {
    const where = list.length > 1 ? `${ctx.source} item ${i}` : ctx.source;
    if (isObj(item) && typeof item.kind === 'string' && 'verdict' in item && !('eventType' in item)) return fromReport(item, ctx, where);
    const problem = recordProblem(item);
    if (problem) throw new ShadowDataError(`${where}: not a history record or a Report: ${problem}`);
    refuseIgnored({ ...ctx, source: where }, item as Record<string, unknown>, 'a history record', ['eventType', 'tier', 'runId', 'partition', 'commit', 'reverse']);
    return item as unknown as HistoryRecord;
  });
}

const FLAG: Record<string, string> = { eventType: '--event-type', tier: '--tier', runId: '--run-id', partition: '--partition', commit: '--commit', reverse: '--reverse' };

/**
 * Refuses an option of `record` that a file carrying that value of its own would ignore (a
 * history record's event type, a run file's run id): recording under another name than the one
 * asked for would put the run where nobody looks for it.
 */
function refuseIgnored(ctx: RecordContext, carried: Record<string, unknown>, what: string, keys: readonly (keyof typeof FLAG)[]): void {
  for (const k of keys) {
    const asked = k === 'reverse' ? (ctx.reverse ? true : undefined) : ctx[k as 'eventType'];
    if (asked === undefined) continue;
    const flag = k === 'reverse' ? FLAG[k] : `${FLAG[k]} ${String(asked)}`;
    // A run file's entries each carry their event type and tier.
    if (what === 'a run file' && k !== 'runId') throw new ShadowDataError(`${ctx.source}: ${flag} would be ignored: a run file's entries carry their own ${k}; leave the option out, or edit the file`);
    const own = k === 'reverse' ? carried.reverse === true : carried[k];
    if (own !== asked) throw new ShadowDataError(`${ctx.source}: ${flag} would be ignored: ${what} carries ${k} ${JSON.stringify(own ?? null)}; leave the option out, or edit the file`);
  }
}

function fromReport(report: Record<string, unknown>, ctx: RecordContext, where: string): HistoryRecord {
  const kind = report.kind as string;
  const eventType = ctx.eventType ?? (typeof report.label === 'string' ? report.label : undefined);
  if (!eventType) throw new ShadowDataError(`${where}: a bare Report needs --event-type (or a label on the report)`);
  if (!ctx.runId) throw new ShadowDataError(`${where}: a bare Report needs --run-id`);
  const tier = ctx.tier ?? TIER_OF_KIND[kind];
  if (!tier) throw new ShadowDataError(`${where}: report kind '${kind}' has no default tier; pass --tier`);
  const reasons = Array.isArray(report.reasons) ? report.reasons : [];
  const counts = isObj(report.counts) ? report.counts : {};
  const legacyRows = counts.legacy ?? counts.legacyRows;
  const shadowRows = counts.shadow ?? counts.shadowRows;
  const record: HistoryRecord = {
    version: 1,
    runId: ctx.runId,
    timestamp: ctx.timestamp,
    eventType,
    tier,
    verdict: report.verdict as HistoryRecord['verdict'],
    reasons: recordReasons(
      reasons.filter((r): r is Record<string, unknown> => isObj(r) && r.severity !== 'info').map((r) => ({ code: String(r.code), message: String(r.message ?? '') })),
    ),
    figures: { ...numbersOf(report.metrics), ...numbersOf(report.figures) },
    ...(typeof legacyRows === 'number' && typeof shadowRows === 'number' ? { rows: { legacy: legacyRows, shadow: shadowRows } } : {}),
    ...(ctx.partition ? { partition: ctx.partition } : {}),
    ...(ctx.commit ? { commit: ctx.commit } : {}),
    ...(ctx.reverse ? { reverse: true } : {}),
    reportFile: ctx.source,
  };
  const problem = recordProblem(record);
  if (problem) throw new ShadowDataError(`${where}: the report does not make a valid history record: ${problem}`);
  return record;
}

/** The records of a shadowPlugin run file (`shadow-report.json`), one per entry; `--reverse` marks them reverse. */
function fromRunFile(run: Record<string, unknown>, ctx: RecordContext): HistoryRecord[] {
  const entries = run.entries as unknown[];
  if (entries.length === 0) throw new ShadowDataError(`${ctx.source}: the run file has no entries (an empty run is never recorded)`);
  return entries.map((e, i) => {
    const where = `${ctx.source} entries[${i}]`;
    if (!isObj(e)) throw new ShadowDataError(`${where}: not an object`);
    const record = {
      version: 1,
      runId: run.runId,
      timestamp: run.timestamp,
      eventType: e.eventType,
      tier: e.tier,
      ...(e.test !== undefined ? { test: e.test } : {}),
      verdict: e.verdict,
      reasons: e.reasons,
      figures: e.figures ?? {},
      ...(e.rows !== undefined ? { rows: e.rows } : {}),
      ...(e.durationMs !== undefined ? { durationMs: e.durationMs } : {}),
      ...(run.partition !== undefined ? { partition: run.partition } : ctx.partition ? { partition: ctx.partition } : {}),
      ...(run.commit !== undefined ? { commit: run.commit } : ctx.commit ? { commit: ctx.commit } : {}),
      ...(ctx.reverse ? { reverse: true } : {}),
      reportFile: ctx.source,
    };
    const problem = recordProblem(record);
    if (problem) throw new ShadowDataError(`${where}: does not make a valid history record: ${problem}`);
    return record as HistoryRecord;
  });
}
