/**
 * File comparisons started by a matcher and not yet settled, by the test that started them. A
 * matcher given file paths returns a promise: without `await` the test ends first and passes
 * whatever the comparison finds. setup.ts fails such a test in afterEach (see unawaitedIn).
 */
const pending = new Map<Promise<unknown>, { test: string | undefined; matcher: string }>();

/** Records `promise` as started by `matcher` in `test` until it settles; returns it. */
export function trackComparison<T>(promise: Promise<T>, test: string | undefined, matcher: string): Promise<T> {
  pending.set(promise, { test, matcher });
  const done = () => pending.delete(promise);
  promise.then(done, done);
  return promise;
}

/**
 * After `test` has ended: the matchers whose comparison it started and had not settled (it was
 * not awaited). They are awaited here, so none outlives its test, and forgotten.
 */
export async function unawaitedIn(test: string | undefined): Promise<string[]> {
  const mine = [...pending].filter(([, p]) => p.test === test);
  for (const [p] of mine) pending.delete(p);
  await Promise.allSettled(mine.map(([p]) => p));
  return mine.map(([, p]) => p.matcher);
}
