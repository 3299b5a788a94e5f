import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCli } from '../../src/cli/runCli.js';
import { commands } from '../../src/cli/commands/index.js';
import { appendHistory } from '../../src/history/appendHistory.js';
import { nights } from '../gate/_nights.js';
import { readHistory } from '../../src/history/readHistory.js';
import { decideGate } from '../../src/gate/decideGate.js';
import type { CutoverManifest } from '../../src/gate/types.js';

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

describe('record and gate: what could clear the gate by accident (each case failed before its fix)', () => {
  test('a failure with more than 10 reasons keeps every code: a known difference cannot hide the 11th, unknown reason', async () => {
    // A Report failing on 10 fields (a known difference) and, 11th, on unparseable times (not known).
    const reasons = [
      ...Array.from({ length: 10 }, (_, i) => ({ code: 'FIELD_MATCH_RATE_BELOW_MIN', severity: 'fail', subject: `f${i}`, message: `f${i} below` })),
      { code: 'TIME_UNPARSEABLE', severity: 'fail', subject: 'ts', message: 'ts unparseable' },
    ];
    await writeFile(join(dir, 'many.json'), JSON.stringify({ kind: 'events', version: 1, verdict: 'fail', reasons, counts: { legacy: 10, shadow: 10 } }));
    expect((await run('record', 'many.json', '--history', 'h11', '--event-type', 'search', '--run-id', 'r1', '--timestamp', '2026-11-10T02:00:00Z')).code).toBe(0);
    const { records } = await readHistory(join(dir, 'h11'));
    expect(records[0].reasons.map((r) => r.code)).toEqual([...Array(10).fill('FIELD_MATCH_RATE_BELOW_MIN'), 'TIME_UNPARSEABLE']);
    const criteria = { SHADOW: { consecutiveCleanRuns: 1, knownDifferences: [{ code: 'FIELD_MATCH_RATE_BELOW_MIN' }] } };
    const at = (stage: 'SHADOW' | 'COMPARISON'): CutoverManifest => ({ version: 1, eventTypes: { search: { stage, criteria } } });
    const d = decideGate(at('SHADOW'), at('COMPARISON'), records);
    expect(d.allowed).toBe(false);
    expect(d.items[0].evaluation!.judged[0].problems[0]).toContain('TIME_UNPARSEABLE');
  });

  test('a timestamp without a zone, not ISO 8601, or in the future is refused', async () => {
    await writeFile(join(dir, 'one.json'), JSON.stringify({ kind: 'events', version: 1, verdict: 'pass', reasons: [], counts: { legacy: 10, shadow: 10 } }));
    const rec = (t: string) => run('record', 'one.json', '--history', 'hts', '--event-type', 'search', '--run-id', 'r1', '--timestamp', t);
    expect((await rec('2026-11-05T02:00:00')).stderr).toMatch(/--timestamp must be an ISO 8601 date and time with a zone \(2026-12-06T02:10:00Z\), got "2026-11-05T02:00:00"/);
    expect((await rec('March 7, 2026')).code).toBe(2);
    expect((await rec('2099-01-01T00:00:00Z')).stderr).toMatch(/--timestamp 2099-01-01T00:00:00Z lies in the future \(now is .*\): a runner's clock is wrong/);
    expect((await rec('2026-11-05T02:00:00+01:00')).code).toBe(0);
  });

  test('a misspelt --tier is refused, naming the tiers the gate counts: a run recorded under it would count in no decision', async () => {
    await writeFile(join(dir, 'tier.json'), JSON.stringify({ kind: 'events', version: 1, verdict: 'pass', reasons: [], counts: { legacy: 10, shadow: 10 } }));
    const rec = (tier: string) => run('record', 'tier.json', '--history', 'htier', '--event-type', 'search', '--run-id', 'r1', '--timestamp', '2026-11-05T02:00:00Z', '--tier', tier);
    const typo = await rec('event');
    expect(typo.code).toBe(2);
    expect(typo.stderr.split('\n')[0]).toBe("vitest-shadow record: --tier: unknown tier 'event'; did you mean 'events'? (one of events, sequences, tiers, outputs, profiles, bytes, queries, replay, custom, or one of them with ':NAME', e.g. outputs:ctr)");
    expect((await rec('outptus:ctr')).stderr).toContain("unknown tier 'outptus:ctr'; did you mean 'outputs'?");
    expect((await readHistory(join(dir, 'htier')).catch(() => ({ records: [] }))).records).toHaveLength(0);
    // The tiers the gate counts, one model's outputs and a report kind it counts under its tier are recorded.
    for (const tier of ['sequences', 'outputs:ctr', 'profile']) expect((await rec(tier)).code).toBe(0);
    expect((await readHistory(join(dir, 'htier'))).records.map((r) => r.tier)).toEqual(['sequences', 'outputs:ctr', 'profile']);
  });

  test('options a history record or a run file would ignore are refused, not dropped', async () => {
    const [r] = nights('search', 1, 1);
    await writeFile(join(dir, 'rec.json'), JSON.stringify(r));
    const other = await run('record', 'rec.json', '--history', 'hig', '--event-type', 'ads');
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('rec.json: --event-type ads would be ignored: a history record carries eventType "search"; leave the option out, or edit the file');
    expect((await run('record', 'rec.json', '--history', 'hig', '--reverse')).stderr).toContain('--reverse would be ignored');
    expect((await run('record', 'rec.json', '--history', 'hig', '--event-type', 'search')).code).toBe(0);
    await writeFile(join(dir, 'runfile.json'), JSON.stringify({ runId: 'w1', timestamp: '2026-11-05T02:00:00Z', entries: [{ eventType: 'search', tier: 'events', verdict: 'pass', reasons: [], figures: {} }] }));
    expect((await run('record', 'runfile.json', '--history', 'hig', '--run-id', 'zzz')).stderr).toContain('runfile.json: --run-id zzz would be ignored: a run file carries runId "w1"; leave the option out, or edit the file');
    expect((await run('record', 'runfile.json', '--history', 'hig', '--event-type', 'ads')).stderr).toContain("--event-type ads would be ignored: a run file's entries carry their own eventType");
  });
});
