import { chai, type MatcherState } from 'vitest';

/** What a matcher records on `task.meta.shadowErrors` when it throws before its Report. */
export interface RecordedError {
  matcher: string;
  /** The `label` option the matcher was given, if any (the event type the check was for). */
  label?: string;
  /** The attempt of the test (Vitest's `retryCount` and `repeatCount` at the time). */
  attempt: { retry: number; repeat: number };
}

declare module 'vitest' {
  interface TaskMeta {
    /** Matchers of vitest-shadow that threw before producing a Report (bad input, bad options). */
    shadowErrors?: RecordedError[];
  }
}

interface Task {
  type?: string;
  meta?: { shadowErrors?: RecordedError[] };
  result?: { retryCount?: number; repeatCount?: number };
}

function record(state: MatcherState, matcher: string, options: unknown): void {
  const assertion = (state as { assertion?: object }).assertion;
  const test = assertion ? (chai.util.flag(assertion, 'vitest-test') as Task | undefined) : undefined;
  if (!test?.meta || test.type === 'suite') return;
  const label = options && typeof options === 'object' ? (options as { label?: unknown }).label : undefined;
  (test.meta.shadowErrors ??= []).push({
    matcher,
    ...(typeof label === 'string' && label.trim() !== '' ? { label } : {}),
    attempt: { retry: test.result?.retryCount ?? 0, repeat: test.result?.repeatCount ?? 0 },
  });
}

/**
 * Wraps a matcher so that when it throws before its Report (a ShadowDataError for a missing file,
 * a ShadowOptionError, a wrong receiver), or its promise rejects, the running test's meta names the
 * matcher and its `label` option: the reporter then records the failed test as an `error` check of
 * that event type and tier rather than `(none)` / `(no report)`. The error itself is rethrown
 * unchanged.
 *
 * @example
 * expect.extend({ toApproximatelyMatch: withErrorRecord('toApproximatelyMatch', toApproximatelyMatch) });
 */
export function withErrorRecord<F extends (this: MatcherState, ...args: never[]) => unknown>(matcher: string, fn: F): F {
  const wrapped = function (this: MatcherState, ...args: Parameters<F>) {
    const options = (args as unknown[])[2]; // (received, legacy, options)
    let out: unknown;
    try {
      out = fn.apply(this, args);
    } catch (e) {
      record(this, matcher, options);
      throw e;
    }
    if (out && typeof (out as Promise<unknown>).then === 'function') {
      return (out as Promise<unknown>).then(undefined, (e: unknown) => {
        record(this, matcher, options);
        throw e;
      });
    }
    return out;
  };
  return wrapped as unknown as F;
}
