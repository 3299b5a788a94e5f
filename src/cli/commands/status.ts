import { badPartitions } from '../../history/badPartitions.js';
import { cutoverStatus } from '../../gate/cutoverStatus.js';
import { EXIT, required, type Command } from '../command.js';
import { loadHistory, loadManifest, problemLines } from '../_internal/load.js';

const cell = (s: string) => s.replace(/\|/g, '\\|');

/** `vitest-shadow status`: each event type's stage, streak, last failure and consumers; or the bad partitions. */
export const status: Command = {
  name: 'status',
  summary: "each event type's stage, clean streak, last failure and consumers (--json; --bad-partitions)",
  usage: [
    'vitest-shadow status --manifest cutover.json --history DIR [--json]',
    'vitest-shadow status --history DIR --bad-partitions',
    '',
    '  --manifest FILE    the cutover manifest',
    '  --history DIR      the nightly history',
    '  --json             print JSON instead of Markdown',
    '  --bad-partitions   print (JSON) the partitions a failing run marked: [{ eventType, partition, runId, tier }]',
  ].join('\n'),
  options: {
    manifest: { type: 'string' },
    history: { type: 'string' },
    json: { type: 'boolean' },
    'bad-partitions': { type: 'boolean' },
  },
  async run(args, io) {
    const { records, problems } = await loadHistory(io, required(args, 'history'));
    const fail = () => {
      if (!problems.length) return EXIT.ok;
      io.stderr(problemLines(problems).join('\n').trimStart() + '\n');
      return EXIT.error;
    };
    if (args.values['bad-partitions']) {
      io.stdout(JSON.stringify(badPartitions(records), null, 2) + '\n');
      return fail();
    }
    const manifest = await loadManifest(io, required(args, 'manifest'));
    const result = cutoverStatus(manifest, records);
    if (args.values.json) {
      io.stdout(JSON.stringify({ ...result, problems }, null, 2) + '\n');
      return fail();
    }
    const lines = [
      '## Cutover status',
      '',
      '| event type | stage | clean streak | last run | last failure | consumers |',
      '|---|---|---|---|---|---|',
      ...result.eventTypes.map((t) =>
        [
          '',
          t.eventType,
          t.stage,
          `${t.streak}${t.needed !== undefined ? ` of ${t.needed}${t.ready ? ' ✅ ready' : ''}` : ''}`,
          t.lastRun ? `\`${t.lastRun.runId}\`` : 'no runs',
          t.lastFailure ? `\`${t.lastFailure.runId}\` ${t.lastFailure.tier} ${t.lastFailure.verdict}${t.lastFailure.codes.length ? ` [${t.lastFailure.codes.join(', ')}]` : ''}` : 'none',
          t.consumers.map((c) => `${c.name}: ${c.reads}`).join(', ') || '—',
          '',
        ].map(cell).join(' | ').trim(),
      ),
    ];
    if (result.unlisted.length) lines.push('', `Event types with history but not in the manifest: ${result.unlisted.join(', ')}`);
    io.stdout(lines.join('\n') + '\n');
    return fail();
  },
};
