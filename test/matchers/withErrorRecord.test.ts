import { chai, describe, expect, test, type MatcherState } from 'vitest';
import { withErrorRecord } from '../../matchers/withErrorRecord.js';

function stateOn(task: object): MatcherState {
  const assertion = chai.expect(1);
  chai.util.flag(assertion, 'vitest-test', task);
  return { assertion } as unknown as MatcherState;
}

describe('withErrorRecord', () => {
  test('records the matcher and its label on the running test when it throws, and rethrows the error unchanged', () => {
    const task = { type: 'test', meta: {} as Record<string, unknown>, result: { retryCount: 1, repeatCount: 0 } };
    const boom = new TypeError('bad receiver');
    const m = withErrorRecord('toApproximatelyMatch', function (this: MatcherState, ..._args: unknown[]) {
      throw boom;
    });
    expect(() => m.call(stateOn(task), [], [], { key: 'id', label: 'clicks' })).toThrow(boom);
    expect(task.meta.shadowErrors).toEqual([{ matcher: 'toApproximatelyMatch', label: 'clicks', attempt: { retry: 1, repeat: 0 } }]);
  });

  test('records a rejected comparison too, and nothing when the matcher returns', async () => {
    const task = { type: 'test', meta: {} as Record<string, unknown> };
    const rejects = withErrorRecord('toApproximatelyMatch', function (this: MatcherState, ..._args: unknown[]) {
      return Promise.reject(new Error('shadow file s.jsonl does not exist'));
    });
    await expect(rejects.call(stateOn(task), 's.jsonl', 'l.jsonl', { key: 'id' })).rejects.toThrow('does not exist');
    expect(task.meta.shadowErrors).toEqual([{ matcher: 'toApproximatelyMatch', attempt: { retry: 0, repeat: 0 } }]);
    const ok = withErrorRecord('toApproximatelyMatch', function (this: MatcherState, ..._args: unknown[]) {
      return { pass: true, message: () => '' };
    });
    const other = { type: 'test', meta: {} as Record<string, unknown> };
    expect(ok.call(stateOn(other), [], [], { label: 'x' })).toMatchObject({ pass: true });
    expect(other.meta.shadowErrors).toBeUndefined();
  });
});
