import { count, pct, table, type Colors } from '../report/format.js';
import type { BytesReport } from './compareBytes.js';

/**
 * Renders a {@link BytesReport}: verdict with the bytes-match rate and normalisation id; counts;
 * fields holding the first differing byte; up to 5 differing records with offset and excerpts;
 * known differences; hints.
 *
 * @example
 * console.log(renderBytesReport(compareBytes(legacy, shadow, { key: 'id' }), plainColors).join('\n'));
 */
export function renderBytesReport(r: BytesReport, c: Colors): string[] {
  const label = r.label ? `[${r.label}] ` : '';
  const lines: string[] = [];
  const head = `${pct(r.rates.bytesMatchWithKnown)} of legacy records byte-equal after normalisation ${r.normalization.id} (${pct(r.minMatchRate)} required)`;
  lines.push(`${label}${r.verdict === 'pass' ? c.green('Bytes match') : c.red('Bytes differ')}: ${head}`);
  for (const x of r.reasons.filter((y) => y.severity === 'fail' && y.code !== 'BYTES_MATCH_RATE_BELOW_MIN')) lines.push(`  ${c.red('✗')} ${x.message}`);
  const k = r.counts;
  lines.push(`  records: legacy ${count(k.legacy)}, shadow ${count(k.shadow)}, matched ${count(k.matched)}, equal ${count(k.equal)}, differing ${count(k.differing)}${k.known ? ` (${count(k.known)} known)` : ''}, missing ${count(k.missing)}, extra ${count(k.extra)}${k.unpaired && (k.unpaired.legacy || k.unpaired.shadow) ? `, with a duplicated key ${count(k.unpaired.legacy)}/${count(k.unpaired.shadow)}` : ''}${k.missingKey ? `, without a key ${count(k.missingKey)}` : ''}`);
  lines.push(`  bytes per record: legacy ${r.bytes.perRecord.legacy.toFixed(1)}, shadow ${r.bytes.perRecord.shadow.toFixed(1)}`);
  if (r.fields.length) {
    lines.push('', 'Field holding the first differing byte:');
    lines.push(...table(['field', 'records', 'known'], r.fields.slice(0, 8).map((f) => [f.field || '(record)', count(f.records), count(f.known)])));
  }
  if (r.examples.length) {
    lines.push('', 'Examples (normalised bytes from just before the first difference):');
    for (const e of r.examples) {
      lines.push(`  key ${JSON.stringify(e.key)}: byte ${e.offset} in ${e.field || '(record)'}`);
      lines.push(`    legacy …${e.excerpt.legacy}…`);
      lines.push(`    shadow …${e.excerpt.shadow}…`);
    }
  }
  for (const x of r.reasons.filter((y) => y.severity === 'info').slice(0, 4)) lines.push(c.dim(`  · ${x.message}`));
  for (const h of r.hints) lines.push(`Hint: ${h}`);
  return lines;
}
