/**
 * The Report: plain, versioned, JSON-serialisable data that every comparison returns and every
 * front door (matchers, harness, reporter, CLI) consumes. Messages are rendered from it.
 */

/** The outcome of a check. `inconclusive` is never a pass: the evidence could not decide. */
export type Verdict = 'pass' | 'fail' | 'inconclusive';

/** The version of the Report format; bumped on any breaking change to a Report's shape. */
export const REPORT_VERSION = 1 as const;

/** A JSON-serialisable scalar used for a reason's `expected` and `received`. */
export type Scalar = string | number | boolean | null;

/**
 * Why a verdict was reached. Problems are data: `code` is stable, the message is derived
 * from `subject`, `expected` and `received`.
 *
 * @example
 * const reason: Reason = {
 *   code: 'MATCH_RATE_BELOW_MIN', severity: 'fail', subject: 'matchRate',
 *   expected: '>= 0.99', received: 0.962,
 *   message: '96.20% of legacy events match, 99.00% required',
 * };
 */
export interface Reason {
  /** Stable machine-readable code, e.g. `MATCH_RATE_BELOW_MIN`. */
  code: string;
  /** `fail` and `inconclusive` decide the verdict; `info` explains without deciding. */
  severity: 'fail' | 'inconclusive' | 'info';
  /** What the reason is about: an option name, a field path, a side. */
  subject: string;
  /** The requirement, e.g. `'>= 0.99'`. */
  expected: Scalar;
  /** What was observed. */
  received: Scalar;
  /** One sentence, derived from the fields above. */
  message: string;
}

/**
 * Fields common to every Report.
 *
 * @example
 * if (report.verdict !== 'pass') console.log(report.reasons.map((r) => r.message));
 */
export interface ReportBase<K extends string = string> {
  /** Which check produced the report, e.g. `'events'`, `'sequences'`, `'equivalence'`. */
  kind: K;
  /** The Report format version. */
  version: typeof REPORT_VERSION;
  verdict: Verdict;
  /** Every reason, deciding ones (`fail`, `inconclusive`) first. */
  reasons: Reason[];
  /** The seed of any stochastic step, so a failure replays. */
  seed?: number;
  /** A label given by the caller (e.g. the event type), carried to reporters. */
  label?: string;
}

/** Any Report. Each tier's report extends ReportBase with its evidence. */
export type AnyReport = ReportBase & Record<string, unknown>;

/**
 * Derives the verdict from reasons: any `fail` fails; else any `inconclusive` is inconclusive.
 *
 * @example
 * verdictOf([]) // => 'pass'
 */
export function verdictOf(reasons: readonly Reason[]): Verdict {
  let verdict: Verdict = 'pass';
  for (const r of reasons) {
    if (r.severity === 'fail') return 'fail';
    if (r.severity === 'inconclusive') verdict = 'inconclusive';
  }
  return verdict;
}

/** Orders reasons: fail, then inconclusive, then info (stable within each). */
export function sortReasons(reasons: Reason[]): Reason[] {
  const rank = { fail: 0, inconclusive: 1, info: 2 } as const;
  return reasons
    .map((r, i) => [r, i] as const)
    .sort((a, b) => rank[a[0].severity] - rank[b[0].severity] || a[1] - b[1])
    .map(([r]) => r);
}
