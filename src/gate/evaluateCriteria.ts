import type { HistoryRecord, HistoryVerdict } from '../history/types.js';
import { runsOf, type Run } from './_internal/runs.js';
import { REGRESSION_METRICS, type KnownDifference, type StageCriteria } from './types.js';

/**
 * One criterion judged over the runs.
 * @example
 * const failing = evaluation.criteria.filter((c: CriterionResult) => !c.holds).map((c) => `${c.criterion}: ${c.evidence}`);
 */
export interface CriterionResult {
  /** Stable id: `consecutiveCleanRuns`, `tiers`, `minRowsPerRun`, `maxRegression.landingMs`, `customChecks`, `queries`. */
  criterion: string;
  /** The requirement in words, e.g. `landing latency at most +10.0% over legacy`. */
  requirement: string;
  holds: boolean;
  /** What was observed: the run ids it holds on, or per failing run what does not hold. */
  evidence: string;
  /** Runs on which it does not hold. */
  failingRuns: string[];
}

/** One judged run. @example evaluation.judged.filter((r: RunSummary) => !r.clean).map((r) => r.runId) */
export interface RunSummary {
  runId: string;
  timestamp: string;
  clean: boolean;
  /** What does not hold on this run, one line per criterion. */
  problems: string[];
}

/** The outcome of {@link evaluateCriteria}. @example const e: CriteriaEvaluation = evaluateCriteria(records, { consecutiveCleanRuns: 3 }); e.streak; */
export interface CriteriaEvaluation {
  /** Every criterion holds on each of the last `consecutiveCleanRuns` runs. */
  holds: boolean;
  criteria: CriterionResult[];
  /** The runs judged (the latest `consecutiveCleanRuns`), oldest first. */
  judged: RunSummary[];
  /** Consecutive clean runs counted back from the latest. */
  streak: number;
  /** Which runs counted: forward shadow runs, or reverse runs (stage EXEC). */
  direction: 'forward' | 'reverse';
  /** How many runs of that direction the history holds. */
  available: number;
}

/** Options of {@link evaluateCriteria}. @example const o: EvaluateCriteriaOptions = { direction: 'reverse', queries: ['daily_clicks'] }; */
export interface EvaluateCriteriaOptions {
  /**
   * Judge reverse-shadow runs (leaving EXEC) or forward runs.
   * @defaultValue 'forward'
   */
  direction?: 'forward' | 'reverse';
  /**
   * Query names (a consumer's own queries) whose `queries`-tier records must pass in every judged run.
   * @defaultValue none
   */
  queries?: string[];
}

const pct = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`;
const METRIC_WORDS: Record<string, string> = { landingMs: 'landing latency', cpuSeconds: 'CPU time', memoryMb: 'memory', cost: 'cost' };

/** Report kinds a matcher records as its tier, and the criterion tier they count under. */
const TIER_ALIASES: Record<string, string> = {
  profile: 'profiles', equivalence: 'outputs', distribution: 'outputs', auc: 'outputs', agreement: 'outputs',
};

/**
 * The tier a record counts under: `outputs:<model>` (one record per model) counts as `outputs`, and a matcher's
 * record named after its report kind counts under its tier (`profile` → `profiles`; `equivalence`,
 * `distribution`, `auc`, `agreement` → `outputs`).
 * @example tierOf({ ...record, tier: 'outputs:ctr' }) // => 'outputs'
 */
export function tierOf(record: HistoryRecord): string {
  return criterionTier(record.tier);
}

/**
 * tierOf for a tier as written (a record's, or `record --tier`'s).
 * @example criterionTier('outputs:ctr') // => 'outputs'
 */
export function criterionTier(written: string): string {
  const i = written.indexOf(':');
  const tier = i < 0 ? written : written.slice(0, i);
  return TIER_ALIASES[tier] ?? tier;
}

function isKnown(record: HistoryRecord, known: readonly KnownDifference[]): boolean {
  return (
    record.reasons.length > 0 &&
    record.reasons.every((reason) => known.some((k) => k.code === reason.code && (k.tier === undefined || k.tier === tierOf(record))))
  );
}

/** A record's verdict once known differences are accepted: a failure made only of known reasons counts as a pass. */
function effective(record: HistoryRecord, known: readonly KnownDifference[]): HistoryVerdict {
  return record.verdict === 'fail' && isKnown(record, known) ? 'pass' : record.verdict;
}

/** A run's records that compared no rows on a side: no evidence, whatever their verdict says. */
function vacuous(run: Run): string[] {
  return run.records.filter((r) => r.rows !== undefined && Math.min(r.rows.legacy, r.rows.shadow) === 0).map((r) => `${describeRecord(r)} compared no rows on a side (legacy ${r.rows!.legacy}, shadow ${r.rows!.shadow})`);
}

/**
 * The runs that count as evidence, oldest first: the runs of one partition are judged as one run
 * (a rerun of one night's data is not another night, and rerunning until green does not erase a
 * failure: every record of every run of the partition is judged), and only runs after the latest
 * failing run of the other direction count (a clean window from before a reverse-shadow failure,
 * or a forward one, is stale). `cut` is the failing run that cut the window, if any.
 */
function evidenceRuns(records: readonly HistoryRecord[], direction: 'forward' | 'reverse', known: readonly KnownDifference[]): { runs: Run[]; cut?: Run; reruns: number } {
  const other = runsOf(records, direction === 'forward' ? 'reverse' : 'forward');
  const failed = other.filter((run) => run.records.some((r) => r.verdict === 'error' || effective(r, known) === 'fail'));
  const cut = failed[failed.length - 1];
  let runs = runsOf(records, direction);
  if (cut) runs = runs.filter((run) => Date.parse(run.timestamp) > Date.parse(cut.timestamp));
  const byPartition = new Map<string, Run>();
  const out: Run[] = [];
  for (const run of runs) {
    const parts = new Set(run.records.map((r) => r.partition));
    const part = parts.size === 1 ? [...parts][0] : undefined;
    const earlier = part === undefined ? undefined : byPartition.get(part);
    if (earlier) {
      // The latest run names the partition's run; the earlier runs' records are judged with it.
      earlier.runId = run.runId;
      earlier.timestamp = run.timestamp;
      earlier.records.push(...run.records);
      continue;
    }
    const own = { ...run, records: [...run.records] };
    if (part !== undefined) byPartition.set(part, own);
    out.push(own);
  }
  // A merged partition takes the place of its latest run in time order.
  out.sort((a, b) => Date.parse(a.timestamp) - Date.parse(b.timestamp));
  return { runs: out, cut, reruns: runs.length - out.length };
}

function describeRecord(r: HistoryRecord): string {
  const codes = [...new Set(r.reasons.map((x) => x.code))];
  return `${r.tier}${r.test ? ` (${r.test})` : ''} ${r.verdict}${codes.length ? ` [${codes.join(', ')}]` : ''}`;
}

/**
 * A record's full Vitest test name matches a named check when equal to it or ending with ` > name` (the name of
 * the test inside its describe blocks, as `defineShadowSuite` nests them).
 */
function testMatches(test: string | undefined, name: string): boolean {
  return test !== undefined && (test === name || test.endsWith(` > ${name}`));
}

type Check = { criterion: string; requirement: string; onRun: (run: Run) => string | undefined };

function checksOf(criteria: StageCriteria, queries: readonly string[]): Check[] {
  const known = criteria.knownDifferences ?? [];
  const knownNote = known.length ? ` (known differences accepted: ${known.map((k) => k.code).join(', ')})` : '';
  const checks: Check[] = [];
  if (criteria.tiers) {
    const tiers = Object.entries(criteria.tiers) as [string, string | string[]][];
    checks.push({
      criterion: 'tiers',
      requirement: tiers.map(([t, v]) => `${t} ${Array.isArray(v) ? v.join('/') : v}`).join(', ') + knownNote,
      onRun: (run) => {
        const bad: string[] = [];
        for (const [tier, v] of tiers) {
          const allowed = Array.isArray(v) ? v : [v];
          const recs = run.records.filter((r) => tierOf(r) === tier);
          if (recs.length === 0) bad.push(`no ${tier} record`);
          for (const r of recs) if (!allowed.includes(effective(r, known))) bad.push(describeRecord(r));
        }
        // Allowed verdicts alone (inconclusive, say) show nothing: a run needs a record that passes.
        if (bad.length === 0 && !run.records.some((r) => effective(r, known) === 'pass')) bad.push('no record passes');
        bad.push(...vacuous(run));
        return bad.length ? bad.join('; ') : undefined;
      },
    });
  } else {
    checks.push({
      criterion: 'tiers',
      requirement: `every record passes${knownNote}`,
      onRun: (run) => {
        const bad = [...run.records.filter((r) => effective(r, known) !== 'pass').map(describeRecord), ...vacuous(run)];
        return bad.length ? bad.join('; ') : undefined;
      },
    });
  }
  if (criteria.minRowsPerRun !== undefined) {
    const min = criteria.minRowsPerRun;
    checks.push({
      criterion: 'minRowsPerRun',
      requirement: `at least ${min.toLocaleString('en-US')} rows per side`,
      onRun: (run) => {
        const counted = run.records.filter((r) => r.rows !== undefined);
        if (counted.length === 0) return 'no row counts recorded';
        const least = Math.min(...counted.map((r) => Math.min(r.rows!.legacy, r.rows!.shadow)));
        return least < min ? `${least.toLocaleString('en-US')} rows` : undefined;
      },
    });
  }
  for (const metric of REGRESSION_METRICS) {
    const bound = criteria.maxRegression?.[metric];
    if (bound === undefined) continue;
    checks.push({
      criterion: `maxRegression.${metric}`,
      requirement: `${METRIC_WORDS[metric]} at most ${pct(bound)} over legacy`,
      onRun: (run) => {
        const pairs = run.records
          .map((r) => [r.pipelines?.legacy?.[metric], r.pipelines?.shadow?.[metric]] as const)
          .filter((p): p is readonly [number, number] => p[0] !== undefined && p[1] !== undefined);
        if (pairs.length === 0) return `no ${metric} recorded for both pipelines`;
        const [legacy, shadow] = pairs[0];
        const regression = legacy === 0 ? (shadow === 0 ? 0 : Infinity) : shadow / legacy - 1;
        // 1e-9 absorbs floating-point noise: 1100 / 1000 - 1 is 0.10000000000000009, within a bound of 0.1
        return regression > bound + 1e-9 ? `${pct(regression)} (legacy ${legacy}, shadow ${shadow})` : undefined;
      },
    });
  }
  const named = (criterion: string, label: string, names: readonly string[], tier?: string): Check => ({
    criterion,
    requirement: `${label} pass: ${names.join(', ')}`,
    onRun: (run) => {
      const bad: string[] = [];
      for (const name of names) {
        const recs = run.records.filter((r) => testMatches(r.test, name) && (tier === undefined || tierOf(r) === tier));
        if (recs.length === 0) bad.push(`${name} did not run`);
        else for (const r of recs) if (effective(r, known) !== 'pass') bad.push(`${name} ${r.verdict}`);
      }
      return bad.length ? bad.join('; ') : undefined;
    },
  });
  if (criteria.customChecks?.length) checks.push(named('customChecks', 'custom checks', criteria.customChecks));
  if (queries.length) checks.push(named('queries', "the consumer's queries reconcile", queries, 'queries'));
  return checks;
}

/**
 * Judges one event type's history against the criteria to leave a stage: each criterion on each of the
 * latest `consecutiveCleanRuns` runs (default 1) of the given direction, plus the streak of clean runs.
 * Vacuous evidence never holds: too few runs, a required tier with no record, a bounded metric not recorded, a
 * record that compared no rows on a side, a run with no passing record. Stale evidence does not count: only runs
 * after the latest failing run of the other direction, and the runs of one partition as one run (see evidenceRuns).
 *
 * @example
 * const evaluation = evaluateCriteria(records.filter((r) => r.eventType === 'search'), { consecutiveCleanRuns: 3 });
 * evaluation.holds; // true when the last 3 runs are clean
 */
export function evaluateCriteria(
  records: readonly HistoryRecord[],
  criteria: StageCriteria,
  options: EvaluateCriteriaOptions = {},
): CriteriaEvaluation {
  const direction = options.direction ?? 'forward';
  const { runs, cut, reruns } = evidenceRuns(records, direction, criteria.knownDifferences ?? []);
  const checks = checksOf(criteria, options.queries ?? []);
  const verdicts = runs.map((run) => checks.map((c) => c.onRun(run)));
  const clean = verdicts.map((v) => v.every((p) => p === undefined));
  let streak = 0;
  for (let i = runs.length - 1; i >= 0 && clean[i]; i--) streak++;

  const need = criteria.consecutiveCleanRuns ?? 1;
  const from = Math.max(0, runs.length - need);
  const judgedIdx = runs.map((_, i) => i).slice(from);
  const judged: RunSummary[] = judgedIdx.map((i) => ({
    runId: runs[i].runId,
    timestamp: runs[i].timestamp,
    clean: clean[i],
    problems: checks.flatMap((c, j) => (verdicts[i][j] === undefined ? [] : [`${c.criterion}: ${verdicts[i][j]}`])),
  }));
  const ids = (idx: number[]) => idx.map((i) => runs[i].runId).join(', ');
  const kind = direction === 'reverse' ? 'reverse-shadow' : 'shadow';

  const results: CriterionResult[] = [];
  const unclean = judgedIdx.filter((i) => !clean[i]);
  const otherKind = direction === 'reverse' ? 'shadow' : 'reverse-shadow';
  const window = [
    cut ? `runs before the failing ${otherKind} run ${cut.runId} (${cut.timestamp}) do not count` : '',
    reruns ? `${reruns} rerun${reruns === 1 ? '' : 's'} of a partition judged with ${reruns === 1 ? 'it' : 'them'} as one run` : '',
  ].filter(Boolean);
  const windowNote = window.length ? ` (${window.join('; ')})` : '';
  results.push({
    criterion: 'consecutiveCleanRuns',
    requirement: `${need} consecutive clean ${kind} run${need === 1 ? '' : 's'}`,
    holds: runs.length >= need && unclean.length === 0,
    evidence:
      (runs.length < need
        ? `only ${runs.length} ${kind} run${runs.length === 1 ? '' : 's'} in the history${runs.length ? ` (${ids(judgedIdx)})` : ''}; streak ${streak}`
        : unclean.length
          ? `streak ${streak}; not clean: ${ids(unclean)}`
          : `streak ${streak}: ${ids(judgedIdx)}`) + windowNote,
    failingRuns: unclean.map((i) => runs[i].runId),
  });
  checks.forEach((c, j) => {
    const failing = judgedIdx.filter((i) => verdicts[i][j] !== undefined);
    results.push({
      criterion: c.criterion,
      requirement: c.requirement,
      holds: judgedIdx.length > 0 && failing.length === 0,
      evidence:
        judgedIdx.length === 0
          ? `no ${kind} runs in the history`
          : failing.length
            ? failing.map((i) => `${runs[i].runId}: ${verdicts[i][j]}`).join('; ')
            : `holds on ${ids(judgedIdx)}`,
      failingRuns: failing.map((i) => runs[i].runId),
    });
  });
  return { holds: results.every((r) => r.holds), criteria: results, judged, streak, direction, available: runs.length };
}
