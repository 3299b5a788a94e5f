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
