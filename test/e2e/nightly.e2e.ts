/**
 * The nightly workflow end to end: a generated consumer project (three event types, three simulated
 * nights with injected faults) runs under Vitest with shadowPlugin; the JSON, Markdown, JUnit and
 * history it leaves are checked against the injected faults, the HTML opens in headless Chromium
 * with its numbers equal to the JSON's and its plots drawn, and bad input fails only its event type.
 *
 * By default the project imports this repository's sources and runs this repository's Vitest (4.1,
 * Node 20). With SHADOW_E2E_CONSUMER=<dir> (a folder whose node_modules holds the packed
 * vitest-shadow and a Vitest) and SHADOW_E2E_NODE=<node binary>, it imports the package by name and
 * runs that Vitest on that Node: .ci/run does so for Vitest 5 on Node 22 and Vitest 4.1 on Node 20.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readHistory } from '../../src/history/readHistory.js';
import { badPartitions } from '../../src/history/badPartitions.js';
import type { RunFile } from '../../src/plugin/types.js';
import { stripAnsi } from '../_helpers/stripAnsi.js';
import { INJECTED, NIGHTS, PACKAGE_IMPORTS, PITFALLS_EXPECTED, PER_TYPE, TIERS, TYPES, expectedVerdict, writeProject, writeReadmeExample } from './nightly/project.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const consumer = process.env.SHADOW_E2E_CONSUMER;
const nodeBin = process.env.SHADOW_E2E_NODE ?? process.execPath;
const modules = consumer ? join(consumer, 'node_modules') : join(repo, 'node_modules');
const vitestEntry = join(modules, 'vitest', 'vitest.mjs');
const dir = mkdtempSync(join(tmpdir(), 'vitest-shadow-nightly-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(env: Record<string, string>, cwd = dir, args: string[] = []): Promise<{ code: number | null; output: string }> {
  const e: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', CI: '1', ...env };
  for (const k of Object.keys(e)) if (k.startsWith('VITEST') || k === 'NODE_OPTIONS' || k === 'TEST') delete e[k];
  delete e.GITHUB_STEP_SUMMARY;
  return new Promise((resolve, reject) => {
    const child = spawn(nodeBin, [vitestEntry, 'run', ...args], { cwd, env: e, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output: stripAnsi(output) }));
  });
}

const runs: Record<string, { code: number | null; output: string }> = {};
let readmeFiles: string[] = [];
const json: Record<string, RunFile> = {};
const read = (night: string, file: string) => readFileSync(join(dir, `out-${night}`, file), 'utf8');

beforeAll(async () => {
  writeProject(
    dir,
    consumer ? PACKAGE_IMPORTS : { suite: join(repo, 'matchers/suite.ts'), plugin: join(repo, 'src/plugin/index.ts'), setup: join(repo, 'matchers/setup.ts') },
  );
  symlinkSync(modules, join(dir, 'node_modules'), 'dir');
  // The nights run one after the other: each appends to the history the next one's trends read.
  for (const night of NIGHTS) {
    runs[night] = await run({ NIGHT: night, OUT_DIR: `out-${night}` });
    json[night] = JSON.parse(read(night, 'shadow-report.json')) as RunFile;
  }
  // The README's 30-second example, as pasted (in source mode its package imports point at the sources).
  const readmeDir = join(dir, 'readme');
  const toSources = (code: string) =>
    consumer ? code : code.replace("'vitest-shadow/setup'", `'${join(repo, 'matchers/setup.ts')}'`).replace("from 'vitest-shadow'", `from '${join(repo, 'src/index.ts')}'`);
  readmeFiles = writeReadmeExample(readmeDir, readFileSync(join(repo, 'README.md'), 'utf8'), join(repo, 'fixtures', 'sample'), toSources);
  symlinkSync(modules, join(readmeDir, 'node_modules'), 'dir');
  const [bad, unwritable, readme, pitfalls, zero] = await Promise.all([
    run({ SPEC: 'bad.test.ts', OUT_DIR: 'out-bad', NO_HISTORY: '1' }),
    run({ SPEC: 'bad.test.ts', OUT_DIR: 'package.json/reports', NO_HISTORY: '1' }),
    run({}, readmeDir),
    run({ SPEC: 'pitfalls.test.ts', OUT_DIR: 'out-pitfalls', HISTORY_DIR: 'history-pitfalls' }),
    // a -t filter that matches no test: every test skipped, no check ran
    run({ SPEC: 'pitfalls.test.ts', OUT_DIR: 'out-zero', NO_HISTORY: '1' }, dir, ['-t', 'no test has this name']),
  ]);
  runs.bad = bad;
  runs.unwritable = unwritable;
  runs.readme = readme;
  runs.pitfalls = pitfalls;
  runs.zero = zero;
  json.bad = JSON.parse(readFileSync(join(dir, 'out-bad', 'shadow-report.json'), 'utf8')) as RunFile;
  json.pitfalls = JSON.parse(read('pitfalls', 'shadow-report.json')) as RunFile;
  json.zero = JSON.parse(read('zero', 'shadow-report.json')) as RunFile;
});

const verdictOf = (r: RunFile, type: string, tier: string) => r.entries.find((e) => e.eventType === type && e.tier === tier);

describe('nightly suite with shadowPlugin over three simulated nights', () => {
  test('each night fails exactly the event types and tiers where faults were injected', () => {
    for (const night of NIGHTS) {
      const r = json[night];
      const got = TYPES.flatMap((t) => TIERS.map((tier) => `${t}/${tier}: ${verdictOf(r, t, tier)?.verdict}`));
      const want = TYPES.flatMap((t) => TIERS.map((tier) => `${t}/${tier}: ${expectedVerdict(night, t, tier)}`));
      expect(got, `${night}\n${runs[night].output}`).toEqual(want);
      expect(r.partition).toBe(night);
      expect(r.runId).toBe(`night-${night}`);
      expect(r.commit).toBe('e2e0000000000000000000000000000000000000');
      expect(runs[night].code).toBe(night === NIGHTS[0] ? 0 : 1);
    }
  });

  test('ran on the intended Vitest major and Node', () => {
    const version = (JSON.parse(readFileSync(join(modules, 'vitest', 'package.json'), 'utf8')) as { version: string }).version;
    if (process.env.SHADOW_E2E_VITEST) expect(version).toBe(process.env.SHADOW_E2E_VITEST);
    expect(runs[NIGHTS[0]].output).toMatch(new RegExp(`RUN\\s+v${version.replace(/\./g, '\\.')}`));
    // source maps ship with their sources: no "points to missing source files" warning
    for (const night of NIGHTS) expect(runs[night].output).not.toMatch(/missing source|Sourcemap for/i);
    const node = spawnSync(nodeBin, ['--version'], { encoding: 'utf8' }).stdout.trim();
    if (process.env.SHADOW_E2E_NODE_MAJOR) expect(node).toMatch(new RegExp(`^v${process.env.SHADOW_E2E_NODE_MAJOR}\\.`));
  });

  test('the JSON counts back the injected faults', () => {
    const [n1, n2, n3] = NIGHTS.map((n) => json[n]);
    const ev = (r: RunFile, t: string, tier = 'events') => verdictOf(r, t, tier)!.report as unknown as Record<string, any>;
    expect(ev(n1, 'click').counts).toMatchObject({ legacy: PER_TYPE, shadow: PER_TYPE, equal: PER_TYPE });
    expect(ev(n2, 'search').counts.equal).toBe(PER_TYPE - INJECTED.searchPriceFaults['2026-12-02']);
    expect(ev(n2, 'search').fields.find((f: { field: string }) => f.field === 'price').mismatches).toBe(5);
    expect(ev(n2, 'search').thresholds.minMatchRate).toBe(0.99);
    expect(ev(n2, 'click').thresholds.minMatchRate).toBe(1);
    expect(verdictOf(n3, 'search', 'events')!.figures.matchRate).toBe((PER_TYPE - 1) / PER_TYPE);
    expect(ev(n2, 'purchase').counts.missing).toBe(INJECTED.purchaseMissing);
    expect(verdictOf(n2, 'purchase', 'events')!.rows).toEqual({ legacy: PER_TYPE, shadow: PER_TYPE - 3 });
    expect(ev(n3, 'click', 'sequences').counts.differing).toBe(INJECTED.clickReordered);
    const dist = ev(n3, 'purchase', 'outputs:score');
    expect(dist.metrics[0].statistic).toBe(1); // every shadow score is 1 above every legacy score
    for (const e of n1.entries) {
      expect(e.durations!.compareMs).toBeGreaterThanOrEqual(0);
      expect(e.engine).toBe('memory');
    }
  });

  test('the Markdown summary has the event type × tier table and the failing reasons', () => {
    const md = read('2026-12-02', 'shadow-summary.md');
    expect(md).toContain('## Shadow validation: ❌ 3 failing, 0 inconclusive (9 checks)');
    expect(md).toContain('| event type | events | sequences | outputs:score |');
    expect(md).toMatch(/\| purchase \| ❌ fail matchRate 98\.50% \| ❌ fail exactRate [\d.]+% \| ✅ pass/);
    expect(md).toMatch(/\| search \| ❌ fail matchRate 97\.50% \| ✅ pass/);
    expect(md).toContain('- **search / events** — fail (200 legacy, 200 shadow rows)');
    expect(md).toContain('`MATCH_RATE_BELOW_MIN` 97.50% of legacy events match within tolerance, 99.00% required');
    expect(read('2026-12-01', 'shadow-summary.md')).toContain('## Shadow validation: all checks pass (9 checks)');
  });

  test('the JUnit XML has one testsuite per event type and a failure per failing check', () => {
    const xml = read('2026-12-03', 'shadow-junit.xml');
    expect(xml).toMatch(/<testsuites name="vitest-shadow" tests="9" failures="2" errors="0"/);
    expect(xml).toMatch(/<testsuite name="click" tests="3" failures="1" errors="0"/);
    expect(xml).toMatch(/<testsuite name="search" tests="3" failures="0" errors="0"/);
    expect(xml).toMatch(/<testcase classname="click" name="sequences" time="[\d.]+">\n\s+<failure message="[^"]+" type="fail">/);
  });

  test('history holds one record per night, event type and tier, and marks the failing partitions bad', async () => {
    const { records, problems } = await readHistory(join(dir, 'shadow-history'));
    expect(problems).toEqual([]);
    expect(records).toHaveLength(NIGHTS.length * TYPES.length * TIERS.length);
    const search2 = records.find((r) => r.eventType === 'search' && r.tier === 'events' && r.partition === '2026-12-02')!;
    expect(search2).toMatchObject({ runId: 'night-2026-12-02', verdict: 'fail', rows: { legacy: 200, shadow: 200 }, reportFile: 'runs/night-2026-12-02.json' });
    expect(search2.pipelines).toEqual({ legacy: { landingMs: 1000, cpuSeconds: 10 }, shadow: { landingMs: 900, cpuSeconds: 12 } });
    expect(search2.durationMs).toBeGreaterThan(0);
    const want = NIGHTS.flatMap((n) => TYPES.flatMap((t) => TIERS.filter((tier) => expectedVerdict(n, t, tier) === 'fail').map((tier) => `${t} ${n} ${tier}`)));
    expect(badPartitions(records).map((b) => `${b.eventType} ${b.partition} ${b.tier}`).sort()).toEqual(want.sort());
  });

  test('the HTML opens in headless Chromium offline, its numbers equal the JSON and its plots render', () => {
    const chromium = ['chromium', 'chromium-browser'].find((c) => spawnSync('which', [c]).status === 0);
    expect(chromium, 'headless Chromium is needed: apt-get install -y chromium').toBeDefined();
    const html = join(dir, 'out-2026-12-03', 'shadow-report.html');
    const profile = mkdtempSync(join(tmpdir(), 'chromium-'));
    const args = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', `--user-data-dir=${profile}`];
    const dom = spawnSync(chromium!, [...args, '--virtual-time-budget=5000', '--dump-dom', `file://${html}`], { encoding: 'utf8', timeout: 60_000 });
    const shot = process.env.SHADOW_E2E_SCREENSHOT;
    if (shot) spawnSync(chromium!, [...args, '--window-size=1280,2400', '--hide-scrollbars', `--screenshot=${shot}`, `file://${html}`], { timeout: 60_000 });
    rmSync(profile, { recursive: true, force: true });
    expect(dom.status, dom.stderr).toBe(0);
    const out = dom.stdout;
    const r = json['2026-12-03'];
    // every key figure of every check, as the page shows it, equals the JSON's
    for (const [i, e] of r.entries.entries()) {
      const section = out.slice(out.indexOf(`data-entry="${i}"`), out.indexOf('</section>', out.indexOf(`data-entry="${i}"`)));
      expect(section).toContain(`data-verdict="${e.verdict}"`);
      for (const [k, v] of Object.entries(e.figures)) expect(section, `${e.eventType}/${e.tier} ${k}`).toContain(`data-figure="${k}" data-value="${v}"`);
    }
    // plots: per check a distribution overlay (events: numeric fields; outputs: the score), mismatch rates,
    // sequence lengths and first divergence (sequences), and a trend over the three nights
    const plots = [...out.matchAll(/<div class="plot" data-plot="(\w+)" data-rendered="1">/g)].map((m) => m[1]);
    const count = (k: string) => plots.filter((p) => p === k).length;
    expect(Number(/data-plots-rendered="(\d+)"/.exec(out)?.[1])).toBe(plots.length);
    expect(count('trend')).toBe(9);
    expect(count('mismatch')).toBe(3);
    expect(count('divergence')).toBe(1); // only click's sequences differ on night 3
    expect(count('distribution')).toBe(3 * 2 + 3 * 1 + 3 * 1); // events: price and score; sequences: lengths; outputs: score
    expect((out.match(/<canvas/g) ?? []).length).toBe(plots.length);
    expect(out).not.toMatch(/<script[^>]+src=|<link[^>]+href=/);
  });
});

describe('bad input and an unwritable output directory', () => {
  test('a missing file, an empty glob and a type with no rows fail their own event type, naming it; the others run', () => {
    const r = json.bad;
    const byType = Object.fromEntries(r.entries.map((e) => [e.eventType, e]));
    expect(byType.click?.verdict, JSON.stringify(r.entries.map((e) => [e.eventType, e.tier, e.verdict, e.reasons]))).toBe('pass');
    expect(byType.ghost).toMatchObject({ verdict: 'error', tier: 'events' });
    expect(byType.ghost.reasons[0].message).toBe("legacy file data/nowhere/legacy.jsonl does not exist (event type 'ghost')");
    expect(byType.globbed.reasons[0].message).toBe("legacy glob 'data/*/nothing-*.jsonl' matched no file (event type 'globbed')");
    expect(byType.refund.reasons[0].message).toBe("no rows of event type 'refund' in shadow (data/2026-12-01/shadow-refund.jsonl)");
    expect(runs.bad.output).toMatch(/Tests\s+3 failed \| 2 passed \(5\)/);
  });

  test('an unwritable output directory is a clear error naming it', () => {
    expect(runs.unwritable.code).toBe(1);
    expect(runs.unwritable.output).toContain('vitest-shadow: outputDir');
    expect(runs.unwritable.output).toMatch(/package\.json\/reports is not writable \(E[A-Z]+\)/);
    expect(existsSync(join(dir, 'out-bad', 'shadow-report.html'))).toBe(true);
  });
});

describe('nothing passes by accident', () => {
  const entries = () => json.pitfalls.entries.map((e) => [e.test.replace(/^hooked > /, ''), e.eventType, e.tier, e.verdict]);

  test('fails each check whose test failed without a passing Report, and keeps only the final attempt of a retried test', () => {
    expect(entries(), runs.pitfalls.output).toEqual(PITFALLS_EXPECTED);
    const by = (name: string) => json.pitfalls.entries.find((e) => e.test === name)!;
    expect(by('grouped, an override names no group').reasons.map((r) => r.code)).toEqual([]);
    expect(json.pitfalls.entries.find((e) => e.eventType === '(by type)')!.reasons[0].code).toBe('OVERRIDE_GROUP_ABSENT');
    expect(by('throws before the matcher').reasons[0].message).toBe('shadow table not found');
    expect(by('bad option').reasons[0].message).toContain("unknown option 'minMatchRat'");
    expect(by('missing shadow file').reasons[0].message).toMatch(/data\/nowhere\/.*does not exist/);
    expect(by('passes, then another expect fails').reasons[0].message).toMatch(/^the test failed after this check passed: expected 2 to be 3/);
    expect(by('concurrent, global expect, slow').reasons[0].message).toMatch(/^toApproximatelyMatch: no running test to record this failing check on.*use the test context's expect/);
    expect(by('hooked').reasons[0].message).toMatch(/^toApproximatelyMatch: no running test/);
  });

  test('an empty label loses no history: every check of the run is stored', async () => {
    const { records, problems } = await readHistory(join(dir, 'history-pitfalls'));
    expect(problems).toEqual([]);
    expect(records.map((r) => [r.eventType, r.tier, r.verdict])).toEqual(
      expect.arrayContaining(PITFALLS_EXPECTED.map(([, type, tier, verdict]) => [type, tier, verdict])),
    );
    expect(records).toHaveLength(PITFALLS_EXPECTED.length);
    expect(existsSync(join(dir, 'out-pitfalls', 'shadow-report.html'))).toBe(true);
  });

  test('an unhandled error fails the headline even where the checks pass', () => {
    expect(json.pitfalls.unhandledErrors).toEqual(['Error: shadow writer crashed']);
    expect(read('pitfalls', 'shadow-summary.md').split('\n')[0]).toMatch(/^## Shadow validation: ❌ run failed: 1 unhandled error · \d+ failing/);
    expect(read('pitfalls', 'shadow-report.html')).toMatch(/<h1 id="headline" class="h-fail" data-level="fail">Shadow validation: run failed: 1 unhandled error/);
  });

  test('a -t filter that matches nothing says no checks ran, in every artefact', () => {
    expect(json.zero.summary.checks, runs.zero.output).toBe(0);
    expect(read('zero', 'shadow-summary.md').split('\n')[0]).toBe('## Shadow validation: ⚠️ no checks ran (0 checks)');
    expect(read('zero', 'shadow-report.html')).toContain('data-level="warn">Shadow validation: no checks ran</h1>');
    expect(read('zero', 'shadow-junit.xml')).toMatch(/<testsuites name="vitest-shadow" tests="1" failures="1" errors="0"[^]*type="NO_CHECKS"/);
    expect(runs.zero.output).toContain('vitest-shadow: 0 checks (0 pass, 0 fail, 0 inconclusive, 0 error) — no checks ran');
  });
});

describe("the README's 30-second example", () => {
  test('runs as pasted: its three files, its imports, and the search events it names pass', () => {
    expect(readmeFiles).toEqual(['vitest.setup.ts', 'vitest.config.ts', 'search.shadow.test.ts']);
    expect(runs.readme.output).toMatch(/Tests\s+1 passed \(1\)/);
    expect(runs.readme.code, runs.readme.output).toBe(0);
  });
});
