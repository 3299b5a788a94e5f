import { chai, type MatcherState } from 'vitest';
import { renderReport } from '../src/report/renderReport.js';
import type { ReportBase } from '../src/report/types.js';
import type { Colors } from '../src/report/format.js';

/** What a matcher records for reporters on `task.meta.shadowReports`. */
export interface RecordedReport {
  matcher: string;
  report: ReportBase;
  /**
   * The attempt of the test that recorded it: Vitest's `retryCount` and `repeatCount` at the time.
   * A retried or repeated test keeps every attempt's reports on the same task; the reporter keeps
   * only those of the attempt whose result Vitest reports.
   */
  attempt?: { retry: number; repeat: number };
  /** Used with `.not`: a negative control, which holds when the Report does not pass. */
  negated?: true;
}

declare module 'vitest' {
  interface TaskMeta {
    /** Reports recorded by vitest-shadow matchers during the test, in call order. */
    shadowReports?: RecordedReport[];
  }
}

interface Task {
  meta: { shadowReports?: RecordedReport[] };
  result?: { retryCount?: number; repeatCount?: number };
}

/** Colours from Vitest's matcher utils, so messages look like the built-in matchers'. */
function colorsOf(state: MatcherState): Colors {
  const u = state.utils;
  const id = (s: string) => s;
  return { red: u.RECEIVED_COLOR ?? id, green: u.EXPECTED_COLOR ?? id, yellow: id, dim: u.DIM_COLOR ?? id, bold: u.BOLD_WEIGHT ?? id };
}

/**
 * Stores the report on the running test's meta (serialised to reporters by Vitest), tagged with the
 * test's attempt. Inside Vitest with no running test to store it on — the global `expect` in a
 * `test.concurrent` test after another test ended, or a matcher in `beforeAll`/`afterAll` — it throws
 * instead of dropping the report (a dropped failing check would leave the run looking clean).
 */
export function recordReport(state: MatcherState, matcher: string, report: ReportBase): void {
  const assertion = (state as { assertion?: object }).assertion;
  if (!assertion) return; // not Vitest's expect (called directly): nothing to record on
  const test = chai.util.flag(assertion, 'vitest-test') as Task | undefined;
  if (!test?.meta || (test as { type?: string }).type === 'suite') {
    throw new Error(
      `${matcher}: no running test to record this ${report.verdict === 'pass' ? 'passing' : 'failing'} check on, so the shadow report would lose it. ` +
        'In test.concurrent tests use the test context\'s expect: `test.concurrent(name, async ({ expect }) => { expect(shadow).' +
        `${matcher}(legacy, options) })\`; a check in beforeAll/afterAll or outside a test cannot be recorded, so move it into a test.`,
    );
  }
  const attempt = { retry: test.result?.retryCount ?? 0, repeat: test.result?.repeatCount ?? 0 };
  (test.meta.shadowReports ??= []).push({ matcher, report: JSON.parse(JSON.stringify(report)) as ReportBase, attempt, ...(state.isNot ? { negated: true as const } : {}) });
}

/**
 * Turns a Report into Vitest's `{ pass, message }`. The message is a thunk and never carries
 * the datasets as `actual`/`expected` (Vitest would print a giant diff).
 *
 * - `.not` fails when the report passes, with the same rendered evidence.
 * - An inconclusive report never satisfies `.not`: the evidence proves neither side.
 * - `refuseNot` makes `.not` a TypeError (statistical-equivalence matchers).
 */
export function reportResult(
  state: MatcherState,
  matcher: string,
  report: ReportBase,
  { refuseNot = false, notReason = '' }: { refuseNot?: boolean; notReason?: string } = {},
): { pass: boolean; message: () => string } {
  if (state.isNot && refuseNot) {
    throw new TypeError(`.not.${matcher}() is not supported: ${notReason}`);
  }
  recordReport(state, matcher, report);
  const hint = state.utils.matcherHint(matcher, 'shadow', 'legacy', {
    isNot: state.isNot,
    promise: state.promise,
    secondArgument: 'options',
  });
  if (state.isNot && report.verdict === 'inconclusive') {
    throw new TypeError(
      `.not.${matcher}(): the comparison was inconclusive, which proves neither a match nor a difference\n\n` +
        renderReport(report),
    );
  }
  const pass = report.verdict === 'pass';
  return {
    pass,
    message: () => {
      const body = renderReport(report, { colors: colorsOf(state) });
      if (state.isNot) return `${hint}\n\nExpected shadow NOT to match legacy, but it does.\n\n${body}`;
      return `${hint}\n\n${body}`;
    },
  };
}
