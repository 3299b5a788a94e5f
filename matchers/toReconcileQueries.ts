import type { MatcherState } from 'vitest';
import { ShadowOptionError } from '../src/_internal/options.js';
import type { Row } from '../src/dataset/toRows.js';
import { compareQueries, type CompareQueriesOptions, type ConsumerQuery } from '../src/queries/compareQueries.js';
import { reportResult } from './reportResult.js';
import { trackComparison } from './pending.js';

/**
 * Options of {@link toReconcileQueries}: the consumer queries and compareQueries' options.
 *
 * @example
 * const o: ToReconcileQueriesOptions = { queries: [{ name: 'per day', sql: 'SELECT day, count(*) AS n FROM data GROUP BY day' }] };
 */
export interface ToReconcileQueriesOptions extends CompareQueriesOptions {
  /** The consumer queries (SQL over a table named `data`). */
  queries: readonly ConsumerQuery[];
}

/**
 * `await expect(shadow).toReconcileQueries(legacy, { queries })`: passes when every consumer
 * query sees the same result on the shadow output as on the legacy one (see compareQueries).
 * Asynchronous (DuckDB runs the queries): await it. Shadow and legacy are file paths or rows.
 *
 * @example
 * await expect('out/shadow.parquet').toReconcileQueries('out/legacy.parquet', {
 *   queries: [{ name: 'revenue', consumer: 'finance', sql: 'SELECT day, sum(price) AS revenue FROM data GROUP BY day', fields: { revenue: { rel: 1e-9 } } }],
 * });
 */
export function toReconcileQueries(
  this: MatcherState,
  received: string | readonly Row[],
  legacy: string | readonly Row[],
  options: ToReconcileQueriesOptions,
) {
  const reconcile = async () => {
    if (options === null || typeof options !== 'object' || !('queries' in options)) {
      throw new ShadowOptionError(`toReconcileQueries: options.queries is required: the consumer queries, e.g. { queries: [{ name, sql: 'SELECT ... FROM data GROUP BY ...' }] }`);
    }
    const { queries, ...rest } = options;
    const report = await compareQueries(legacy, received, queries, rest);
    return reportResult(this, 'toReconcileQueries', report);
  };
  return trackComparison(reconcile(), this.currentTestName, 'toReconcileQueries');
}
