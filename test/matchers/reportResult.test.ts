import { chai, describe, expect, test, type MatcherState } from 'vitest';
import { recordReport } from '../../matchers/reportResult.js';
import { compareEvents } from '../../src/events/compareEvents.js';

const rows = [{ id: 'a', price: 1 }];
const report = compareEvents(rows, rows, { key: 'id' });

describe('recordReport', () => {
  test('fails loudly when Vitest has no running test to record on (global expect in a concurrent test, a hook)', () => {
    // an assertion without the 'vitest-test' flag: what the global expect makes once no test is current
    const state = { assertion: chai.expect(1) } as unknown as MatcherState;
    expect(() => recordReport(state, 'toApproximatelyMatch', report)).toThrow(
      /^toApproximatelyMatch: no running test to record this passing check on, so the shadow report would lose it\. In test\.concurrent tests use the test context's expect/,
    );
  });

  test("records on the running test, tagged with the test's attempt", () => {
    const assertion = chai.expect(1);
    const task = { type: 'test', meta: {} as { shadowReports?: unknown[] }, result: { retryCount: 2, repeatCount: 1 } };
    chai.util.flag(assertion, 'vitest-test', task);
    recordReport({ assertion } as unknown as MatcherState, 'toApproximatelyMatch', report);
    expect(task.meta.shadowReports).toEqual([{ matcher: 'toApproximatelyMatch', report: JSON.parse(JSON.stringify(report)), attempt: { retry: 2, repeat: 1 } }]);
  });
});
