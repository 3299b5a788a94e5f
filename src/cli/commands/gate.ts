import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { decideGate } from '../../gate/decideGate.js';
import { renderGateMarkdown } from '../../gate/renderGateMarkdown.js';
import { parseManifest } from '../../gate/validateManifest.js';
import { EXIT, required, type Command } from '../command.js';
import { gitShow } from '../_internal/gitShow.js';
import { loadHistory, loadManifest, problemLines } from '../_internal/load.js';

/** `vitest-shadow gate`: decides a change of the cutover manifest on the nightly history. */
export const gate: Command = {
  name: 'gate',
  summary: 'decide a change of cutover.json on the history (exit 0 allowed, 1 blocked, 2 error)',
  usage: [
    'vitest-shadow gate --manifest cutover.json --history DIR [--base REF] [--output FILE] [--json]',
    '',
    '  --manifest FILE  the manifest in the working tree (the change)',
    '  --history DIR    the nightly history (one JSONL file per event type)',
    '  --base REF       the git revision to compare with (default: origin/$GITHUB_BASE_REF in a GitHub pull request,',
    '                   else HEAD); a manifest absent at REF starts every type at OFF',
    '  --output FILE    also write the Markdown verdict to FILE (for a pull-request comment)',
    '  --json           print the decision as JSON instead of Markdown',
  ].join('\n'),
  options: {
    manifest: { type: 'string' },
    history: { type: 'string' },
    base: { type: 'string' },
    output: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run(args, io) {
    const manifestPath = required(args, 'manifest');
    const historyDir = required(args, 'history');
    // In a pull request's checkout HEAD already holds the change: comparing with it would find nothing to decide.
    const ref = (args.values.base as string | undefined) ?? (process.env.GITHUB_BASE_REF ? `origin/${process.env.GITHUB_BASE_REF}` : 'HEAD');
    const guessedHead = args.values.base === undefined && !process.env.GITHUB_BASE_REF;
    const head = await loadManifest(io, manifestPath);
    const { text: baseText, commit } = await gitShow(resolve(io.cwd, manifestPath), ref);
    const base = baseText === undefined ? undefined : parseManifest(baseText, `${ref}:${manifestPath}`);
    const { records, problems } = await loadHistory(io, historyDir);
    const decision = decideGate(base, head, records);
    // A history with unreadable lines decides nothing (exit 2): the headline says so, not "allowed".
    const rendered = renderGateMarkdown(decision);
    const markdown =
      (problems.length
        ? rendered.replace(/^## Cutover gate: .*$/m, `## Cutover gate: ⚠️ not decided (the history has ${problems.length} unreadable line${problems.length === 1 ? '' : 's'}; repair ${problems.length === 1 ? 'it' : 'them'} and rerun)`)
        : rendered) +
      `\n<sub>${manifestPath} compared with ${ref} (${commit.slice(0, 12)}); history: ${historyDir}, ${records.length} records.</sub>\n` +
      (base === undefined ? `\n> ${manifestPath} does not exist at ${ref}: every event type is taken to start at OFF.\n` : '') +
      (guessedHead ? `\n> ⚠️ compared with HEAD (no --base, and not a GitHub pull request): a change already committed is not seen. Pass --base with the branch the change merges into (e.g. --base origin/main).\n` : '') +
      (problems.length ? problemLines(problems).join('\n') + '\n' : '');
    if (args.values.output) {
      const out = resolve(io.cwd, args.values.output as string);
      await mkdir(dirname(out), { recursive: true });
      await writeFile(out, markdown);
    }
    io.stdout(args.values.json ? JSON.stringify({ base: ref, ...decision, ...(problems.length ? { allowed: false, decided: false } : {}), problems }, null, 2) + '\n' : markdown);
    if (guessedHead) io.stderr('vitest-shadow gate: warning: compared with HEAD (no --base, not a GitHub pull request); a change already committed is not seen: pass --base\n');
    if (problems.length) {
      io.stderr(`vitest-shadow gate: the history has ${problems.length} unreadable line(s); repair them (see above): exit 2\n`);
      return EXIT.error;
    }
    return decision.allowed ? EXIT.ok : EXIT.blocked;
  },
};
