import type { SensitivityReport, SensitivityRow } from './sensitivity.js';
import { type Colors, num, pct, table } from '../report/format.js';

function magnitude(x: number | null, unit: SensitivityRow['unit'], none: string): string {
  if (x === null) return none;
  if (unit === 'share') return pct(x);
  if (unit === 'ms') return `${x >= 1000 ? Math.round(x).toLocaleString('en-US') : num(x, 3)} ms`;
  return num(x, 3);
}

/**
 * Renders a sensitivity report: a verdict sentence, one table row per check × fault class
 * (smallest detected magnitude, largest tolerated, what the options declare), the flags, and the
 * replay seed.
 *
 * @example
 * console.log(renderSensitivityReport(sensitivity({ checks }), plainColors).join('\n'));
 */
export function renderSensitivityReport(report: SensitivityReport, c: Colors): string[] {
  const flags = report.reasons.filter((r) => r.severity === 'fail');
  const lines = [
    flags.length === 0
      ? `${c.green('Sensitivity:')} every configured check detects every measured fault class`
      : `${c.red('Sensitivity:')} ${flags.length} fault class${flags.length === 1 ? '' : 'es'} can slip through the configured checks`,
    c.dim(`  the smallest fault detected on every one of ${report.numRuns} generated datasets per probe, and the largest passing on all`),
    '',
  ];
  const rows = report.rows.map((r) => {
    // A rate fault moves whole events: say so when detection starts at the first affected event.
    const firstEvent = r.unit === 'share' && r.detectedFrom !== null && r.detectedFrom * r.events.max < 1.5;
    const noneTolerated = r.unit === 'share' && r.toleratedUpTo !== null && r.toleratedUpTo * r.events.max < 0.5;
    return [
      r.check,
      r.fault,
      r.outOfTier
        ? 'out of tier'
        : r.neverDetected
          ? `never (≤ ${magnitude(r.probedUpTo, r.unit, '')})`
          : firstEvent
            ? 'any (1 event)'
            : magnitude(r.detectedFrom, r.unit, `> ${magnitude(r.probedUpTo, r.unit, '')}`),
      r.outOfTier || noneTolerated ? (r.outOfTier ? 'any' : 'none') : magnitude(r.toleratedUpTo, r.unit, 'none'),
      r.declared[0] ?? '',
    ];
  });
  lines.push(...table(['check', 'fault', 'detected from', 'tolerated up to', 'declared'], rows));
  const shown = report.reasons.filter((r) => r.severity !== 'info' || r.code === 'FAULT_OUT_OF_TIER');
  const outOfTier = shown.filter((r) => r.code === 'FAULT_OUT_OF_TIER');
  if (shown.length > 0) lines.push('');
  for (const r of shown.filter((x) => x.code !== 'FAULT_OUT_OF_TIER')) lines.push(`  ${c.red('✗')} ${r.message}`);
  if (outOfTier.length > 0) {
    lines.push(`  · reorder: out of tier for ${outOfTier.map((r) => r.subject.split('.')[0]).join(', ')}: compareEvents matches by key, so order faults need the sequence tier (compareSequences)`);
  }
  lines.push(c.dim(`Replay: seed ${report.seed}`));
  for (const r of report.reasons.filter((x) => x.code === 'FAULT_HIDDEN')) {
    const [check, fault] = r.subject.split('.');
    if (fault === 'drop') lines.push(`Hint: ${check}: lower maxMissingRate or raise minMatchRate to catch smaller drops`);
    else if (fault === 'duplicate') lines.push(`Hint: ${check}: lower maxDuplicateKeys or raise minMatchRate to catch duplicate delivery`);
    else lines.push(`Hint: ${check}: raise minMatchRate (or the field's own minMatchRate) to catch ${fault} at a lower rate`);
  }
  return lines;
}
