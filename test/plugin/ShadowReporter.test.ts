import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test, vi } from 'vitest';
import { ShadowReporter, OUTPUT_FILES } from '../../src/plugin/ShadowReporter.js';
import { shadowPlugin } from '../../src/plugin/shadowPlugin.js';
import { collectEntries, type TestCaseLike } from '../../src/plugin/_internal/collectEntries.js';
import { readHistory } from '../../src/history/readHistory.js';
import { compareEvents } from '../../src/events/compareEvents.js';
import type { RunFile } from '../../src/plugin/types.js';
import { clone, makeEvents } from '../_helpers/events.js';

const root = mkdtempSync(join(tmpdir(), 'reporter-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function testCase(name: string, meta: Record<string, unknown>, state: 'passed' | 'failed' | 'skipped', error?: string): TestCaseLike {
  return {
    name,
    fullName: `shadow > ${name}`,
    module: { moduleId: join(root, 'nightly.test.ts') },
    parent: { type: 'suite', name: 'search' },
    meta: () => meta,
    result: () => ({ state, errors: error ? [{ message: error }] : [] }),
    diagnostic: () => ({ duration: 250 }),
  };
}

const legacy = makeEvents(100, 2);
const shadow = clone(legacy);
shadow[4].price += 1;
const failing = compareEvents(legacy, shadow, { key: 'id', label: 'search' });
const suiteMeta = (tier: string) => ({ eventType: 'search', tier, engine: 'memory', files: { legacy: [], shadow: [] }, bytes: 10, rows: { legacy: 100, shadow: 100 }, durations: { loadMs: 5, compareMs: 7 }, timeoutMs: 30000 });
const cases = [
  testCase('events', { shadowSuite: suiteMeta('events'), shadowReports: [{ matcher: 'defineShadowSuite', report: failing }] }, 'failed'),
  testCase('sequences', { shadowSuite: { ...suiteMeta('sequences'), rows: { legacy: 0, shadow: 0 } } }, 'failed', "ShadowDataError: no rows of event type 'search' in shadow (s.jsonl)\n  at x"),
  testCase('a matcher test', { shadowReports: [{ matcher: 'toApproximatelyMatch', report: compareEvents(legacy, legacy, { key: 'id' }) }] }, 'passed'),
  testCase('an ordinary test', {}, 'passed'),
  testCase('a skipped one', { shadowSuite: suiteMeta('events') }, 'skipped'),
];
const modules = [{ children: { allTests: () => cases } }];

describe('collectEntries', () => {
  test('one entry per recorded report; an error entry for a suite test that failed without one; nothing for the rest', () => {
    const got = cases.flatMap((c) => collectEntries(c, root)).map((e) => [e.eventType, e.tier, e.verdict, e.figures.matchRate ?? null]);
    expect(got).toEqual([
      ['search', 'events', 'fail', 0.99],
      ['search', 'sequences', 'error', null],
      ['search', 'events', 'pass', 1], // a matcher's report: the parent describe names the event type
    ]);
    expect(collectEntries(cases[1], root)[0].reasons).toEqual([{ code: 'TEST_ERROR', message: "ShadowDataError: no rows of event type 'search' in shadow (s.jsonl)" }]);
  });
});

describe('ShadowReporter', () => {
  test('writes the JSON, Markdown, JUnit and HTML, appends history and $GITHUB_STEP_SUMMARY', async () => {
    const summary = join(root, 'step-summary.md');
    writeFileSync(summary, 'before\n');
    vi.stubEnv('GITHUB_STEP_SUMMARY', summary);
    const r = new ShadowReporter({ outputDir: 'out', historyDir: 'hist', partition: '2026-12-04', runId: 'r1', commit: 'abc', progress: false, pipelines: { search: { shadow: { cost: 3 } } } });
    const log = vi.fn();
    r.onInit({ config: { root }, logger: { log, error: log } });
    await r.onTestRunEnd(modules);
    vi.unstubAllEnvs();
    for (const f of Object.values(OUTPUT_FILES)) expect(existsSync(join(root, 'out', f)), f).toBe(true);
    const run = JSON.parse(readFileSync(join(root, 'out', OUTPUT_FILES.json), 'utf8')) as RunFile;
    expect(run).toMatchObject({ runId: 'r1', partition: '2026-12-04', commit: 'abc', summary: { checks: 3, pass: 1, fail: 1, inconclusive: 0, error: 1 } });
    expect(readFileSync(join(root, 'out', 'runs', 'r1.json'), 'utf8')).toBe(readFileSync(join(root, 'out', OUTPUT_FILES.json), 'utf8'));
    expect(readFileSync(summary, 'utf8')).toBe(`before\n${readFileSync(join(root, 'out', OUTPUT_FILES.markdown), 'utf8')}`);
    const { records } = await readHistory(join(root, 'hist'));
    expect(records.map((x) => [x.tier, x.verdict, x.partition, x.runId])).toEqual([
      ['events', 'fail', '2026-12-04', 'r1'],
      ['sequences', 'error', '2026-12-04', 'r1'],
      ['events', 'pass', '2026-12-04', 'r1'],
    ]);
    expect(records[0]).toMatchObject({ pipelines: { shadow: { cost: 3 } }, rows: { legacy: 100, shadow: 100 }, durationMs: 250, reportFile: 'runs/r1.json', figures: { matchRate: 0.99 } });
    expect(log).toHaveBeenCalledWith('vitest-shadow: 3 checks (1 pass, 1 fail, 0 inconclusive, 1 error) → out/shadow-report.html');
  });

  test('an unwritable output directory is an error naming it, before any test runs', () => {
    writeFileSync(join(root, 'a-file'), '');
    const r = new ShadowReporter({ outputDir: 'a-file/reports' });
    expect(() => r.onInit({ config: { root } })).toThrow(/^vitest-shadow: outputDir .*a-file\/reports is not writable \(ENOTDIR\); set shadowPlugin\(\{ outputDir: \.\.\. \}\) to a directory this run can write$/);
  });

  test('shadowPlugin adds the reporter beside the configured ones', () => {
    const reporters: unknown[] = [['default', {}]];
    shadowPlugin({ outputDir: 'x' }).configureVitest({ vitest: { config: { reporters } } });
    expect(reporters).toHaveLength(2);
    expect(reporters[1]).toBeInstanceOf(ShadowReporter);
  });
});

describe('progress', () => {
  test('with progress on, each finished test prints rows per second and an ETA; off, nothing', () => {
    const writes: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => (writes.push(String(s)), true));
    const on = new ShadowReporter({ outputDir: 'out', progress: true });
    on.onInit({ config: { root } });
    on.onTestModuleCollected(modules[0]);
    on.onTestCaseResult(cases[0]);
    const off = new ShadowReporter({ outputDir: 'out', progress: false });
    off.onInit({ config: { root } });
    off.onTestCaseResult(cases[0]);
    spy.mockRestore();
    expect(writes).toHaveLength(1);
    // 200 rows (100 legacy + 100 shadow) in the test's 250 ms: 800 rows/s; 1 of 5 tests done
    expect(writes[0]).toMatch(/^ {2}shadow ▸ search\/events: 200 rows in 0\.3 s · 800 rows\/s · 1\/5 tests · ETA \d+ s\n$/);
  });

  test("'auto' is quiet in CI", () => {
    vi.stubEnv('CI', '1');
    const writes: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => (writes.push(String(s)), true));
    const r = new ShadowReporter({ outputDir: 'out' });
    r.onInit({ config: { root } });
    r.onTestCaseResult(cases[0]);
    spy.mockRestore();
    vi.unstubAllEnvs();
    expect(writes).toEqual([]);
  });
});

describe('a matcher run with by', () => {
  test('its grouped report becomes one check per group, the group as the event type', () => {
    const mixed = makeEvents(90, 5);
    const off = clone(mixed);
    off[1].price += 1; // index 1 is a save event
    const grouped = compareEvents(mixed, off, { key: 'id', by: 'type' });
    const tc = testCase('by type', { shadowReports: [{ matcher: 'toApproximatelyMatch', report: JSON.parse(JSON.stringify(grouped)) }] }, 'failed');
    expect(collectEntries(tc, root).map((e) => [e.eventType, e.tier, e.verdict, e.rows])).toEqual([
      ['click', 'events', 'pass', { legacy: 30, shadow: 30 }],
      ['save', 'events', 'fail', { legacy: 30, shadow: 30 }],
      ['search', 'events', 'pass', { legacy: 30, shadow: 30 }],
    ]);
  });
});
