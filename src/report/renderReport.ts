import type { AnyReport, ReportBase } from './types.js';
import { plainColors, type Colors } from './format.js';
import { renderEventReport } from '../events/renderEventReport.js';
import type { EventReport } from '../events/compareEvents.js';
import { renderSequenceReport } from '../sequences/renderSequenceReport.js';
import type { SequenceReport } from '../sequences/compareSequences.js';
import { renderTierReport } from '../tiers/renderTierReport.js';
import type { TierReport } from '../tiers/compareTiers.js';
import { renderSensitivityReport } from '../arbitraries/renderSensitivityReport.js';
import type { SensitivityReport } from '../arbitraries/sensitivity.js';
import { renderStatsReport } from '../outputs/renderStatsReport.js';
import { renderGroupedReport } from '../groups/renderGroupedReport.js';
import type { GroupedReport } from '../groups/types.js';
import { renderProfileReport } from '../profiles/renderProfileReport.js';
import type { ProfileReport } from '../profiles/compareProfile.js';
import { renderBytesReport } from '../bytes/renderBytesReport.js';
import type { BytesReport } from '../bytes/compareBytes.js';
import { renderNoiseReport } from '../noise/renderNoiseReport.js';
import type { NoiseCalibration } from '../noise/types.js';
import { renderLedgerChangeReport } from '../ledger/renderLedgerChangeReport.js';
import type { LedgerChangeReport } from '../ledger/checkLedgerShrank.js';
import { renderQueryReport } from '../queries/renderQueryReport.js';
import type { QueryReport } from '../queries/compareQueries.js';

/** Options for {@link renderReport}. */
export interface RenderOptions {
  /**
   * Colour functions for the terminal or the matcher.
   * @defaultValue no colours
   */
  colors?: Colors;
}

/**
 * Renders any Report as the one-screen explanation used by the matchers and the CLI:
 * verdict sentence, observed vs required, worst-N table, a few concrete examples, replay line, hints.
 *
 * @example
 * const report = compareEvents(legacy, shadow, { key: 'id' });
 * console.log(renderReport(report));
 */
export function renderReport(report: ReportBase, options: RenderOptions = {}): string {
  const c = options.colors ?? plainColors;
  switch (report.kind) {
    case 'events':
      return renderEventReport(report as EventReport, c).join('\n');
    case 'sequences':
      return renderSequenceReport(report as SequenceReport, c).join('\n');
    case 'tiers':
      return renderTierReport(report as TierReport, c).join('\n');
    case 'sensitivity':
      return renderSensitivityReport(report as SensitivityReport, c).join('\n');
    case 'equivalence':
    case 'distribution':
    case 'auc':
    case 'agreement':
      return renderStatsReport(report, c).join('\n');
    case 'grouped':
      return renderGroupedReport(report as GroupedReport, c, (sub, sc) => renderReport(sub, { colors: sc })).join('\n');
    case 'profile':
      return renderProfileReport(report as ProfileReport, c).join('\n');
    case 'bytes':
      return renderBytesReport(report as BytesReport, c).join('\n');
    case 'noise':
      return renderNoiseReport(report as NoiseCalibration, c).join('\n');
    case 'ledger-change':
      return renderLedgerChangeReport(report as LedgerChangeReport, c).join('\n');
    case 'queries':
      return renderQueryReport(report as QueryReport, c).join('\n');
    // Each tier adds its case here.
    default:
      return renderGenericReport(report as AnyReport, c).join('\n');
  }
}

/** Fallback rendering: verdict and reasons, for report kinds without a dedicated renderer. */
export function renderGenericReport(report: AnyReport, c: Colors): string[] {
  const lines = [`${report.kind} check: ${report.verdict === 'pass' ? c.green('pass') : c.red(report.verdict)}`];
  for (const r of report.reasons) lines.push(`  ${r.severity === 'info' ? '·' : '✗'} ${r.message}`);
  if (report.seed !== undefined) lines.push(c.dim(`Replay: seed ${report.seed}`));
  return lines;
}
