import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCli } from '../../src/cli/runCli.js';
import { commands } from '../../src/cli/commands/index.js';
import { appendHistory } from '../../src/history/appendHistory.js';
import { nights } from '../gate/_nights.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'runcli-'));
  await appendHistory(join(dir, 'h'), nights('search', 1, 3));
  await writeFile(join(dir, 'm.json'), JSON.stringify({ version: 1, eventTypes: { search: { stage: 'SHADOW', criteria: { SHADOW: { consecutiveCleanRuns: 2 } } } } }));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), cwd: dir });
  return { code, stdout, stderr };
}

describe('runCli', () => {
  test('fails with exit 2 and the command list when no command is given or it is unknown', async () => {
    const none = await run();
    expect(none.code).toBe(2);
    for (const c of commands) expect(none.stderr).toContain(`  ${c.name}`);
    const typo = await run('stauts');
    expect(typo.code).toBe(2);
    expect(typo.stderr.split('\n')[0]).toBe("vitest-shadow: unknown command 'stauts'; did you mean 'status'?");
  });

  test('fails with exit 2 and the usage on a missing or unknown option or a stray argument', async () => {
    const missing = await run('gate', '--manifest', 'm.json');
    expect(missing.code).toBe(2);
    expect(missing.stderr.split('\n')[0]).toBe('vitest-shadow gate: --history is required');
    const unknown = await run('status', '--histroy', 'h');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.split('\n')[0]).toBe('vitest-shadow status: unknown option --histroy; did you mean --history?');
    const stray = await run('recommend', 'extra', '--manifest', 'm.json', '--history', 'h');
    expect(stray.code).toBe(2);
    expect(stray.stderr.split('\n')[0]).toBe("vitest-shadow recommend: takes no positional arguments, got 'extra'");
    const noFile = await run('record', '--history', 'h');
    expect(noFile.stderr.split('\n')[0]).toBe('vitest-shadow record: takes 1 file argument, got 0');
  });

  test('--help prints a command usage with exit 0', async () => {
    const help = await run('status', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--bad-partitions');
  });

  test('recommend in process: the ready type advances, exit 0 with no demotion; record refuses a file that is not JSON', async () => {
    const rec = await run('recommend', '--manifest', 'm.json', '--history', 'h', '--json');
    expect(rec.code).toBe(0);
    expect(JSON.parse(rec.stdout).patch).toEqual([{ op: 'replace', path: '/eventTypes/search/stage', value: 'COMPARISON' }]);
    await writeFile(join(dir, 'bad.json'), '{"kind":');
    const bad = await run('record', 'bad.json', '--history', 'h');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^vitest-shadow record: bad\.json: not valid JSON/);
    await writeFile(join(dir, 'empty.json'), '[]');
    expect((await run('record', 'empty.json', '--history', 'h')).stderr).toBe('vitest-shadow record: empty.json: no records in the file (an empty report is never recorded)\n');
  });
});

describe('record of a shadowPlugin run file', () => {
  test('turns every entry into a record of the run, with the partition and commit of the file', async () => {
    const run = {
      version: 1, runId: 'r-2026-11-03', timestamp: '2026-11-03T02:00:00Z', partition: '2026-11-02', commit: 'abc', durationMs: 10,
      summary: { checks: 2, pass: 1, fail: 1, inconclusive: 0, error: 0 },
      entries: [
        { test: 'n > ads > events', file: 'n.ts', eventType: 'ads', tier: 'events', verdict: 'pass', reasons: [], figures: { matchRate: 1 }, rows: { legacy: 5, shadow: 5 }, durationMs: 3, report: { kind: 'events' } },
        { test: 'n > ads > outputs:ctr', file: 'n.ts', eventType: 'ads', tier: 'outputs:ctr', verdict: 'fail', reasons: [{ code: 'NOT_EQUIVALENT', message: 'm' }], figures: {} },
      ],
    };
    await writeFile(join(dir, 'run.json'), JSON.stringify(run));
    const out = await run_('record', 'run.json', '--history', 'h2', '--reverse');
    expect(out).toEqual({ code: 0, stdout: 'recorded 2 records (ads) into h2\n', stderr: '' });
    const { readHistory } = await import('../../src/history/readHistory.js');
    const { records } = await readHistory(join(dir, 'h2'));
    expect(records.map((r) => [r.runId, r.tier, r.verdict, r.partition, r.commit, r.reverse])).toEqual([
      ['r-2026-11-03', 'events', 'pass', '2026-11-02', 'abc', true],
      ['r-2026-11-03', 'outputs:ctr', 'fail', '2026-11-02', 'abc', true],
    ]);
    // an outputs:<model> record counts under the outputs tier of a criterion
    const { evaluateCriteria } = await import('../../src/gate/evaluateCriteria.js');
    expect(evaluateCriteria(records, { tiers: { outputs: 'pass' } }, { direction: 'reverse' }).criteria[1].evidence).toBe('r-2026-11-03: outputs:ctr (n > ads > outputs:ctr) fail [NOT_EQUIVALENT]');
  });
});
const run_ = (...argv: string[]) => {
  let stdout = '';
  let stderr = '';
  return runCli(argv, { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), cwd: dir }).then((code) => ({ code, stdout, stderr }));
};

describe('bad manifests through the CLI', () => {
  test('exit 2 naming each problem: a consumer reading a side that does not exist at its stage, a criterion naming an unknown tier', async () => {
    await writeFile(
      join(dir, 'bad.json'),
      JSON.stringify({
        version: 1,
        eventTypes: {
          search: { stage: 'OFF', consumers: [{ name: 'dash', reads: 'shadow', order: 1 }] },
          ads: { stage: 'SHADOW', criteria: { SHADOW: { tiers: { model: 'pass' } } } },
        },
      }),
    );
    const out = await run('status', '--manifest', 'bad.json', '--history', 'h');
    expect(out.code).toBe(2);
    expect(out.stdout).toBe('');
    expect(out.stderr).toMatchInlineSnapshot(`
      "vitest-shadow status: bad.json: invalid cutover manifest (2 problems):
        - eventTypes.search.consumers.dash.reads: 'shadow' does not exist at stage OFF (the new pipeline does not run); at OFF a consumer reads legacy
        - eventTypes.ads.criteria.SHADOW.tiers: unknown tier 'model'; valid: events, sequences, tiers, outputs, profiles, bytes, queries, replay, custom
      "
    `);
  });
});
