import { count, pct, table, type Colors } from '../report/format.js';
import type { NoiseCalibration } from './types.js';

/**
 * Renders a {@link NoiseCalibration}: verdict, keys, and the noisiest fields.
 *
 * @example
 * console.log(renderNoiseReport(calibrateNoise(run1, run2, { key: 'id' }), plainColors).join('\n'));
 */
export function renderNoiseReport(r: NoiseCalibration, c: Colors): string[] {
  const label = r.label ? `[${r.label}] ` : '';
  const lines = [`${label}${r.verdict === 'pass' ? c.green('Noise calibrated') : c.red('Noise calibration failed')} on ${r.date}: ${count(r.keys.matched)} records matched by ${r.key}`];
  for (const x of r.reasons.filter((y) => y.severity !== 'info')) lines.push(`  ${c.red('✗')} ${x.message}`);
  if (r.examples.legacyOnly.length || r.examples.replayOnly.length) {
    lines.push(`  keys only in legacy: ${r.examples.legacyOnly.map((k) => JSON.stringify(k)).join(', ') || '-'}; only in the replay: ${r.examples.replayOnly.map((k) => JSON.stringify(k)).join(', ') || '-'}`);
  }
  const rows = Object.entries(r.fields).sort((a, b) => b[1].rate - a[1].rate).slice(0, 8);
  if (rows.length) lines.push(...table(['field', 'disagreements', 'rate'], rows.map(([f, v]) => [f, count(v.disagreements), pct(v.rate)])));
  return lines;
}
