import { chai, type MatcherState } from 'vitest';
import { renderReport } from '../src/report/renderReport.js';
import type { ReportBase } from '../src/report/types.js';
import type { Colors } from '../src/report/format.js';

/** What a matcher records for reporters on `task.meta.shadowReports`. */
export interface RecordedReport {
  matcher: string;
  report: ReportBase;
}

declare module 'vitest' {
  interface TaskMeta {
    /** Reports recorded by vitest-shadow matchers during the test, in call order. */
    shadowReports?: RecordedReport[];
  }
}

interface Task {
  meta: { shadowReports?: RecordedReport[] };
}

/** Colours from Vitest's matcher utils, so messages look like the built-in matchers'. */
function colorsOf(state: MatcherState): Colors {
  const u = state.utils;
  const id = (s: string) => s;
  return { red: u.RECEIVED_COLOR ?? id, green: u.EXPECTED_COLOR ?? id, yellow: id, dim: u.DIM_COLOR ?? id, bold: u.BOLD_WEIGHT ?? id };
}

/** Stores the report on the running test's meta (serialised to reporters by Vitest). */
export function recordReport(state: MatcherState, matcher: string, report: ReportBase): void {
  const assertion = (state as { assertion?: object }).assertion;
  const test = assertion ? (chai.util.flag(assertion, 'vitest-test') as Task | undefined) : undefined;
  if (!test?.meta) return;
  (test.meta.shadowReports ??= []).push({ matcher, report: JSON.parse(JSON.stringify(report)) as ReportBase });
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
