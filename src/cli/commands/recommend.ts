import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { recommendCutover } from '../../gate/recommendCutover.js';
import { EXIT, required, type Command } from '../command.js';
import { loadHistory, loadManifest, problemLines } from '../_internal/load.js';

/** `vitest-shadow recommend`: what is ready to advance and what must go back, as a manifest patch. */
export const recommend: Command = {
  name: 'recommend',
  summary: 'event types ready to advance and those to demote after a failure in EXEC/ON, as a JSON Patch (exit 1 when a demotion is due)',
  usage: [
    'vitest-shadow recommend --manifest cutover.json --history DIR [--patch FILE] [--json]',
    '',
    '  --manifest FILE  the cutover manifest',
    '  --history DIR    the nightly history',
    '  --patch FILE     write the RFC 6902 JSON Patch to FILE',
    '  --json           print { recommendations, patch } as JSON instead of Markdown',
    '',
    'Exit 0: nothing to demote; 1: a demotion is recommended (alert on it); 2: error.',
  ].join('\n'),
  options: {
    manifest: { type: 'string' },
    history: { type: 'string' },
    patch: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run(args, io) {
    const manifestPath = required(args, 'manifest');
    const manifest = await loadManifest(io, manifestPath);
    const { records, problems } = await loadHistory(io, required(args, 'history'));
    const result = recommendCutover(manifest, records);
    if (args.values.patch) await writeFile(resolve(io.cwd, args.values.patch as string), JSON.stringify(result.patch, null, 2) + '\n');
    if (args.values.json) io.stdout(JSON.stringify({ ...result, problems }, null, 2) + '\n');
    else {
      const lines = ['## Cutover recommendations', ''];
      if (result.recommendations.length === 0) lines.push('Nothing to advance or demote.');
      for (const r of result.recommendations) {
        const head =
          r.kind === 'demote' ? `⬇️ demote ${r.eventType}: ${r.from} → ${r.to}` :
          r.kind === 'switch' ? `🔀 switch ${r.eventType} consumers to shadow: ${r.consumers!.join(', ')}` :
          `⬆️ advance ${r.eventType}: ${r.from} → ${r.to}`;
        lines.push(`- ${head}: ${r.because}${r.kind === 'demote' && r.consumers?.length ? `; consumers back to legacy: ${r.consumers.join(', ')}` : ''}`);
      }
      if (result.patch.length) lines.push('', `Manifest patch (RFC 6902) for ${manifestPath}:`, '', '```json', JSON.stringify(result.patch, null, 2), '```');
      lines.push(...problemLines(problems));
      io.stdout(lines.join('\n') + '\n');
    }
    if (problems.length) return EXIT.error;
    return result.recommendations.some((r) => r.kind === 'demote') ? EXIT.blocked : EXIT.ok;
  },
};
