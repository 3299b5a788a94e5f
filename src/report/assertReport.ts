import { renderReport, type RenderOptions } from './renderReport.js';
import type { ReportBase } from './types.js';

/**
 * Error thrown by {@link assertReport}; carries the Report it was rendered from.
 */
export class ShadowAssertionError extends Error {
  override name = 'ShadowAssertionError';
  constructor(
    message: string,
    /** The Report whose verdict was not `pass`. */
    readonly report: ReportBase,
  ) {
    super(message);
  }
}

/**
 * Throws a {@link ShadowAssertionError} with the same message the matchers print unless the
 * report's verdict is `pass`. Use it outside Vitest (scripts, other test runners, CI jobs).
 *
 * @example
 * const report = compareEvents(legacy, shadow, { key: 'id', fields: { price: { rel: 1e-6 } } });
 * assertReport(report); // throws when the shadow output differs beyond the thresholds
 */
export function assertReport(report: ReportBase, options?: RenderOptions): void {
  if (report.verdict === 'pass') return;
  throw new ShadowAssertionError(renderReport(report, options), report);
}
