// The done-when end-to-end test: several nights of history for three event types (clean nights, a failing
// night, a latency regression), the `vitest-shadow` bin run as a child process on manifest changes that must
// be allowed, blocked and errors (a temp git repo gives --base), and `recommend` after a failure in EXEC.
import { execFileSync, spawn } from 'node:child_process';
import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { appendHistory } from '../../src/history/appendHistory.js';
import type { CutoverManifest } from '../../src/gate/types.js';
import { nights } from '../gate/_nights.js';

const MAIN = join(import.meta.dirname, '../../src/cli/main.ts');
// tsx resolved from this repository: the child runs in the temp repo, where a bare 'tsx' would not resolve
const TSX = import.meta.resolve('tsx');
let dir: string;
/** The CLI bundled once (esbuild, which tsx itself uses) so each child is a plain `node` start, not a tsx one. */
let bundle: string;

function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bundle, ...args], { cwd: dir, env: { ...process.env, NO_COLOR: '1', GITHUB_BASE_REF: '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

const base: CutoverManifest = {
  version: 1,
  defaults: {
    criteria: {
      SHADOW: { consecutiveCleanRuns: 3, tiers: { events: 'pass', sequences: 'pass' }, minRowsPerRun: 10_000 },
      COMPARISON: { consecutiveCleanRuns: 3, tiers: { events: 'pass', sequences: 'pass' }, maxRegression: { landingMs: 0.1 } },
      EXEC: { consecutiveCleanRuns: 2 },
    },
  },
  eventTypes: {
    search: { stage: 'SHADOW', consumers: [{ name: 'dashboards', reads: 'legacy', order: 1 }] },
    ads: { stage: 'COMPARISON', consumers: [{ name: 'reporting', reads: 'legacy', order: 1 }, { name: 'billing', reads: 'legacy', order: 2 }] },
    feed: { stage: 'EXEC', consumers: [{ name: 'ranking', reads: 'shadow', order: 1 }] },
  },
};
const CASES = ['allowed', 'blocked', 'skip', 'consumer', 'demoted', 'badstage'];
const change = (f: (m: CutoverManifest) => void) => {
  const m = structuredClone(base);
  f(m);
  return JSON.stringify(m, null, 2);
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gate-e2e-'));
  bundle = join(dir, '.cli', 'vitest-shadow.mjs');
  const git = (...a: string[]) => execFileSync('git', a, { cwd: dir, stdio: 'pipe' });
  git('init', '-q');
  git('config', 'user.email', 'e2e@example.com');
  git('config', 'user.name', 'e2e');
  for (const c of CASES) await writeFile(join(dir, `${c}.json`), JSON.stringify(base, null, 2));
  git('add', '.');
  git('commit', '-q', '-m', 'base manifests');
  await build({ entryPoints: [MAIN], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile: bundle, logLevel: 'silent' });
  // the history: search clean but for a failing night 2 (outside its window), ads with a latency regression
  // on night 5, feed forward-clean then reverse shadow from night 4 with a failing night 6
  await appendHistory(join(dir, 'history'), [
    ...nights('search', 1, 6, (n) => (n === 2 ? { tiers: { events: 'fail', sequences: 'pass' }, codes: { events: ['MISSING_EVENTS'] } } : {})),
    ...nights('ads', 1, 6, (n) => (n === 5 ? { landing: { legacy: 3_600_000, shadow: 4_680_000 } } : {})),
    ...nights('feed', 1, 3),
    ...nights('feed', 4, 6, (n) => ({ reverse: true, ...(n === 6 ? { tiers: { events: 'pass', sequences: 'fail' }, codes: { sequences: ['ORDER_MISMATCH'] } } : {}) })),
  ]);
  // the changes under review (working tree)
  await writeFile(join(dir, 'allowed.json'), change((m) => void (m.eventTypes.search.stage = 'COMPARISON')));
  await writeFile(join(dir, 'blocked.json'), change((m) => void (m.eventTypes.ads.stage = 'EXEC')));
  await writeFile(join(dir, 'skip.json'), change((m) => void (m.eventTypes.search.stage = 'EXEC')));
  await writeFile(join(dir, 'consumer.json'), change((m) => void (m.eventTypes.search.consumers![0].reads = 'shadow')));
  await writeFile(join(dir, 'badstage.json'), change((m) => void ((m.eventTypes.ads as { stage: string }).stage = 'EXECUTE')));
}, 30_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const gate = (file: string, ...more: string[]) => cli('gate', '--manifest', file, '--history', 'history', '--base', 'HEAD', ...more);

describe('vitest-shadow gate (child process, temp git repo)', () => {
  test('the development entry runs through tsx as well', async () => {
    const out = await new Promise<{ code: number; stdout: string }>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', TSX, MAIN, 'gate', '--help'], { cwd: dir });
      let stdout = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.on('error', reject);
      child.on('exit', (code) => resolve({ code: code ?? -1, stdout }));
    });
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/^vitest-shadow gate --manifest cutover\.json --history DIR \[--base REF\]/);
  });

  test('exit 0 when an advance is earned, 1 when a criterion does not hold, naming criterion and runs', async () => {
    const [allowed, blocked, skip, consumer] = await Promise.all([gate('allowed.json', '--output', 'comment.md'), gate('blocked.json'), gate('skip.json'), gate('consumer.json')]);
    expect(allowed.code).toBe(0);
    expect(allowed.stdout).toContain('## Cutover gate: ✅ allowed');
    expect(allowed.stdout).toContain('Judged on 3 of 6 shadow runs: `n4`, `n5`, `n6`.');
    expect(await readFile(join(dir, 'comment.md'), 'utf8')).toBe(allowed.stdout);

    expect(blocked.code).toBe(1);
    expect(blocked.stdout).toMatch(/\| maxRegression\.landingMs \| landing latency at most \+10\.0% over legacy \| ⛔ no \| n5: \+30\.0% \(legacy 3600000, shadow 4680000\) \|/);
    expect(blocked.stdout).toContain('| tiers | events pass, sequences pass | ✅ yes | holds on n4, n5, n6 |');

    expect(skip.code).toBe(1);
    expect(skip.stdout).toContain('refused: SHADOW → EXEC skips COMPARISON');
    expect(consumer.code).toBe(1);
    expect(consumer.stdout).toContain('refused: search is still in SHADOW');
  });

  test('--base defaults to origin/$GITHUB_BASE_REF in a GitHub pull request (HEAD there already holds the change)', async () => {
    const out = await new Promise<{ code: number; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [bundle, 'gate', '--manifest', 'allowed.json', '--history', 'history'], { cwd: dir, env: { ...process.env, GITHUB_BASE_REF: 'main' } });
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      child.on('error', reject);
      child.on('exit', (code) => resolve({ code: code ?? -1, stderr }));
    });
    expect(out.code).toBe(2); // the temp repo has no origin/main
    expect(out.stderr).toMatch(/^vitest-shadow gate: --base origin\/main: not a git revision/);
  });

  test('exit 2 on bad input: an unknown stage, a missing history, a corrupt history line, a bad --base', async () => {
    const [badStage, noHistory, badRef] = await Promise.all([
      gate('badstage.json'),
      cli('gate', '--manifest', 'allowed.json', '--history', 'no-such-dir'),
      gate('allowed.json', '--base', 'no-such-ref'),
    ]);
    expect(badStage.code).toBe(2);
    expect(badStage.stderr).toMatchInlineSnapshot(`
      "vitest-shadow gate: badstage.json: invalid cutover manifest (1 problem):
        - eventTypes.ads.stage: unknown stage "EXECUTE"; valid: OFF, SHADOW, COMPARISON, EXEC, ON
      "
    `);
    expect(noHistory.code).toBe(2);
    expect(noHistory.stderr.replace(dir, '<dir>')).toMatchInlineSnapshot(`
      "vitest-shadow gate: readHistory: history directory <dir>/no-such-dir does not exist
      "
    `);
    expect(badRef.code).toBe(2);
    expect(badRef.stderr.replace(dir, '<dir>')).toMatch(/--base no-such-ref: not a git revision/);

    await rm(join(dir, 'history-torn'), { recursive: true, force: true });
    await appendHistory(join(dir, 'history-torn'), nights('search', 1, 6));
    await appendFile(join(dir, 'history-torn', 'search.jsonl'), '{"version":1,"runId":"n7","timest\n');
    const torn = await cli('gate', '--manifest', 'allowed.json', '--history', 'history-torn');
    expect(torn.code).toBe(2);
    // The rest was still read and judged, but a history with an unreadable line decides nothing: never headlined "allowed".
    expect(torn.stdout).toContain('## Cutover gate: ⚠️ not decided (the history has 1 unreadable line; repair it and rerun)');
    expect(torn.stdout).toContain('| search | SHADOW → COMPARISON | ✅ SHADOW → COMPARISON: every criterion to leave SHADOW holds |');
    // No --base outside a GitHub pull request: compared with HEAD, which a committed change already is; said, not silent.
    expect(torn.stdout).toContain('> ⚠️ compared with HEAD (no --base, and not a GitHub pull request): a change already committed is not seen.');
    expect(torn.stderr).toContain('warning: compared with HEAD');
    const json = await cli('gate', '--manifest', 'allowed.json', '--history', 'history-torn', '--json', '--output', 'no/such/dir/gate.md');
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toMatchObject({ allowed: false, decided: false });
    expect(await readFile(join(dir, 'no/such/dir/gate.md'), 'utf8')).toContain('⚠️ not decided');
    expect(torn.stdout.replace(dir, '<dir>')).toContain('- <dir>/history-torn/search.jsonl:13: not valid JSON');
  });

  test('recommend after a failure in EXEC demotes with a manifest patch, and the gate allows applying it', async () => {
    const rec = await cli('recommend', '--manifest', 'demoted.json', '--history', 'history', '--patch', 'patch.json');
    expect(rec.code).toBe(1);
    expect(rec.stdout).toContain('⬇️ demote feed: EXEC → COMPARISON: the latest reverse-shadow run n6 (2026-11-06T02:00:00.000Z) failed: sequences fail [ORDER_MISMATCH]; consumers back to legacy: ranking');
    expect(rec.stdout).toContain('⬆️ advance search: SHADOW → COMPARISON');
    const patch = JSON.parse(await readFile(join(dir, 'patch.json'), 'utf8')) as { op: string; path: string; value: string }[];
    expect(patch).toContainEqual({ op: 'replace', path: '/eventTypes/feed/stage', value: 'COMPARISON' });
    // apply only the demotion (a person applies what they accept)
    const m = structuredClone(base) as unknown as Record<string, unknown>;
    for (const op of patch.filter((p) => p.path.startsWith('/eventTypes/feed/'))) {
      const keys = op.path.slice(1).split('/');
      let at = m as Record<string, unknown>;
      for (const k of keys.slice(0, -1)) at = at[k] as Record<string, unknown>;
      at[keys[keys.length - 1]] = op.value;
    }
    await writeFile(join(dir, 'demoted.json'), JSON.stringify(m, null, 2));
    const after = await gate('demoted.json');
    expect(after.code).toBe(0);
    expect(after.stdout).toContain('moves back EXEC → COMPARISON: moving back is always allowed');
    expect(after.stdout).toContain('consumer `ranking`: shadow → legacy');
  });

  test('status (Markdown, --json, --bad-partitions) and record of a report produced elsewhere', async () => {
    await writeFile(
      join(dir, 'warehouse-report.json'),
      JSON.stringify({ kind: 'events', version: 1, verdict: 'fail', reasons: [{ code: 'MISSING_EVENTS', severity: 'fail', subject: 'shadow', expected: 0, received: 12, message: '12 legacy events missing' }], counts: { legacy: 50_000, shadow: 49_988 } }),
    );
    const recorded = await cli('record', 'warehouse-report.json', '--history', 'history', '--event-type', 'search', '--run-id', 'wh7', '--partition', '2026-11-06', '--timestamp', '2026-11-07T03:00:00Z');
    expect(recorded.code).toBe(0);
    expect(recorded.stdout).toBe('recorded 1 record (search) into history\n');
    const [md, json, bad, noRunId] = await Promise.all([
      cli('status', '--manifest', 'allowed.json', '--history', 'history'),
      cli('status', '--manifest', 'allowed.json', '--history', 'history', '--json'),
      cli('status', '--history', 'history', '--bad-partitions'),
      cli('record', 'warehouse-report.json', '--history', 'history', '--event-type', 'search'),
    ]);
    expect(md.code).toBe(0);
    expect(md.stdout).toMatchInlineSnapshot(`
      "## Cutover status

      | event type | stage | clean streak | last run | last failure | consumers |
      |---|---|---|---|---|---|
      | ads | COMPARISON | 1 of 3 | \`n6\` | none | reporting: legacy, billing: legacy |
      | feed | EXEC | 0 of 2 | \`n6\` | \`n6\` sequences fail [ORDER_MISMATCH] | ranking: shadow |
      | search | COMPARISON | 0 of 3 | \`wh7\` | \`wh7\` events fail [MISSING_EVENTS] | dashboards: legacy |
      "
    `);
    expect(JSON.parse(json.stdout).eventTypes.map((t: { eventType: string; streak: number }) => [t.eventType, t.streak])).toEqual([['ads', 1], ['feed', 0], ['search', 0]]);
    expect(JSON.parse(bad.stdout)).toEqual([
      { eventType: 'feed', partition: '2026-11-05', runId: 'n6', tier: 'sequences' },
      { eventType: 'search', partition: '2026-11-01', runId: 'n2', tier: 'events' },
      { eventType: 'search', partition: '2026-11-06', runId: 'wh7', tier: 'events' },
    ]);
    expect(noRunId.code).toBe(2);
    expect(noRunId.stderr).toBe('vitest-shadow record: warehouse-report.json: a bare Report needs --run-id\n');
  });
});
