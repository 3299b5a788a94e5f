import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ShadowDataError } from '../../errors.js';
import { nearest } from '../../_internal/options.js';
import { criterionTier } from '../../gate/evaluateCriteria.js';
import { KNOWN_TIERS } from '../../gate/types.js';
import { appendHistory } from '../../history/appendHistory.js';
import { CliUsageError, EXIT, required, type Command } from '../command.js';
import { reportToRecords } from '../_internal/reportToRecords.js';
import { timestampProblem } from '../../history/_internal/validateRecord.js';

/** `vitest-shadow record`: adds a report produced elsewhere to the history. */
export const record: Command = {
  name: 'record',
  summary: 'add a report produced elsewhere (a shadowPlugin run file, history records, or a bare Report) to the history',
  usage: [
    'vitest-shadow record REPORT.json --history DIR [--event-type T --run-id ID] [--tier T] [--partition P] [--timestamp ISO] [--commit SHA] [--reverse]',
    '',
    '  REPORT.json        a shadowPlugin run file (shadow-report.json), a history record, an array of them, { records: [...] },\n                     or a bare Report ({ kind, verdict, reasons, ... })',
    '  --history DIR      the history to append to (created when missing)',
    '  --event-type T     for a bare Report: its event type (default: the report label)',
    '  --run-id ID        for a bare Report: the nightly run it belongs to',
    `  --tier T           for a bare Report: its tier (default from its kind), one of ${KNOWN_TIERS.join(', ')},\n                     or T:NAME (outputs:ctr, one model's outputs)`,
    '  --partition P      for a bare Report: the data it judged, e.g. 2026-12-05',
    '  --timestamp ISO    for a bare Report: when the run ended (default now)',
    '  --commit SHA       for a bare Report: the commit of the shadow pipeline',
    '  --reverse          for a run file or a bare Report: a reverse-shadow run (stage EXEC)',
  ].join('\n'),
  options: {
    history: { type: 'string' },
    'event-type': { type: 'string' },
    'run-id': { type: 'string' },
    tier: { type: 'string' },
    partition: { type: 'string' },
    timestamp: { type: 'string' },
    commit: { type: 'string' },
    reverse: { type: 'boolean' },
  },
  positionals: { min: 1, max: 1 },
  async run(args, io) {
    const history = required(args, 'history');
    const file = args.positionals[0];
    let value: unknown;
    try {
      value = JSON.parse(await readFile(resolve(io.cwd, file), 'utf8'));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new ShadowDataError(`${file}: ${code === 'ENOENT' ? 'no such file' : e instanceof SyntaxError ? `not valid JSON (${e.message})` : (e as Error).message}`);
    }
    const tier = args.values.tier as string | undefined;
    if (tier !== undefined) assertTier(tier);
    const timestamp = (args.values.timestamp as string | undefined) ?? new Date().toISOString();
    const when = timestampProblem(timestamp);
    if (when) throw new ShadowDataError(`--${when}`);
    const records = reportToRecords(value, {
      source: file,
      eventType: args.values['event-type'] as string | undefined,
      tier,
      runId: args.values['run-id'] as string | undefined,
      partition: args.values.partition as string | undefined,
      commit: args.values.commit as string | undefined,
      reverse: args.values.reverse === true,
      timestamp,
    });
    await appendHistory(resolve(io.cwd, history), records);
    const types = [...new Set(records.map((r) => r.eventType))].join(', ');
    io.stdout(`recorded ${records.length} record${records.length === 1 ? '' : 's'} (${types}) into ${history}\n`);
    return EXIT.ok;
  },
};

/**
 * Refuses a --tier the gate would never count: its criteria and known differences name the tiers
 * of KNOWN_TIERS (a manifest naming another is refused), so a run recorded under a misspelt tier
 * (`event`) would be missing from every decision, and the gate would block on it with no hint why.
 */
function assertTier(tier: string): void {
  if ((KNOWN_TIERS as readonly string[]).includes(criterionTier(tier))) return;
  const guess = nearest(tier.split(':')[0], KNOWN_TIERS);
  throw new CliUsageError(`--tier: unknown tier '${tier}'${guess ? `; did you mean '${guess}'?` : ''} (one of ${KNOWN_TIERS.join(', ')}, or one of them with ':NAME', e.g. outputs:ctr)`);
}
