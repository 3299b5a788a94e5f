import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test, vi } from 'vitest';
import { ShadowReporter, OUTPUT_FILES } from '../../src/plugin/ShadowReporter.js';
import { shadowPlugin } from '../../src/plugin/shadowPlugin.js';
import { collectEntries, collectTaskError, SHADOW_NAMES, type TestCaseLike } from '../../src/plugin/_internal/collectEntries.js';
import { shadowMatchers } from '../../matchers/index.js';
import { readHistory } from '../../src/history/readHistory.js';
import { compareEvents } from '../../src/events/compareEvents.js';
import type { RunFile } from '../../src/plugin/types.js';
import { clone, makeEvents } from '../_helpers/events.js';

const root = mkdtempSync(join(tmpdir(), 'reporter-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function testCase(
  name: string,
  meta: Record<string, unknown>,
  state: 'passed' | 'failed' | 'skipped',
  error?: string,
  { file = 'nightly.test.ts', retryCount = 0, repeatCount = 0 }: { file?: string; retryCount?: number; repeatCount?: number } = {},
): TestCaseLike {
  return {
    name,
    fullName: `shadow > ${name}`,
    module: { moduleId: join(root, file) },
    parent: { type: 'suite', name: 'search' },
    meta: () => meta,
    result: () => ({ state, errors: error ? [{ message: error }] : [] }),
    diagnostic: () => ({ duration: 250, retryCount, repeatCount }),
  };
}

// A test file that uses a matcher, and one that does not use vitest-shadow at all.
writeFileSync(join(root, 'uses.test.ts'), "test('x', () => { expect(s).toApproximatelyMatch(l, { key: 'id' }); });\n");
writeFileSync(join(root, 'plain.test.ts'), "test('x', () => { expect(1).toBe(2); });\n");

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

  test('a rerun (watch mode) counts its own tests and time; a skipped test prints nothing', () => {
    const writes: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => (writes.push(String(s)), true));
    const r = new ShadowReporter({ outputDir: 'out', progress: true });
    r.onInit({ config: { root } });
    for (let run = 0; run < 2; run++) {
      r.onTestRunStart();
      r.onTestModuleCollected(modules[0]);
      r.onTestCaseResult(cases[0]);
      r.onTestCaseResult(testCase('skipped one', {}, 'skipped'));
    }
    spy.mockRestore();
    // Two runs of the same 5-test file: each says 1/5 (before: 3/10 on the rerun); the skipped test printed no line.
    expect(writes.map((w) => / (\d+\/\d+) tests/.exec(w)?.[1])).toEqual(['1/5', '1/5']);
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

describe('nothing that Vitest reports as failed becomes a pass', () => {
  const passing = () => JSON.parse(JSON.stringify(compareEvents(legacy, legacy, { key: 'id', label: 'clicks' })));

  test('fails when a grouped report fails only by reasons that belong to no group: one more failing entry carries them', () => {
    const mixed = makeEvents(90, 5);
    const typo = JSON.parse(JSON.stringify(compareEvents(mixed, clone(mixed), { key: 'id', by: 'type', overrides: { serach: { minMatchRate: 0.5 } } })));
    const got = collectEntries(testCase('typo', { shadowReports: [{ matcher: 'toApproximatelyMatch', report: typo }] }, 'failed'), root);
    expect(got.map((e) => [e.eventType, e.tier, e.verdict])).toEqual([
      ['click', 'events', 'pass'],
      ['save', 'events', 'pass'],
      ['search', 'events', 'pass'],
      ['(by type)', 'events', 'fail'],
    ]);
    expect(got[3].reasons.map((r) => r.code)).toEqual(['OVERRIDE_GROUP_ABSENT']);
    expect(got[3].rows).toEqual({ legacy: 90, shadow: 90 });
    const field = JSON.parse(JSON.stringify(compareEvents(mixed, clone(mixed), { key: 'id', by: 'type', label: 'nightly', fields: { prcie: { abs: 0.01 } } })));
    const f = collectEntries(testCase('field', { shadowReports: [{ matcher: 'toApproximatelyMatch', report: field }] }, 'failed'), root);
    expect(f.at(-1)).toMatchObject({ eventType: 'nightly', tier: 'events', verdict: 'fail', reasons: [{ code: 'DECLARED_FIELD_ABSENT' }] });
  });

  test('fails when a grouped report has no groups at all (no rows): one failing entry, NO_GROUPS', () => {
    const empty = JSON.parse(JSON.stringify(compareEvents([], [], { key: 'id', by: 'type' })));
    const got = collectEntries(testCase('empty', { shadowReports: [{ matcher: 'toApproximatelyMatch', report: empty }] }, 'failed'), root);
    expect(got.map((e) => [e.eventType, e.tier, e.verdict, e.reasons.map((r) => r.code)])).toEqual([['(by type)', 'events', 'fail', ['NO_GROUPS']]]);
  });

  test('a test that failed without a Report in a file that uses a matcher is an error entry; in a file that does not, nothing', () => {
    const thrown = testCase('throws before the matcher', {}, 'failed', 'Error: shadow table not found\n  at x', { file: 'uses.test.ts' });
    expect(collectEntries(thrown, root)).toEqual([
      { test: 'shadow > throws before the matcher', file: 'uses.test.ts', eventType: 'search', tier: '(no report)', verdict: 'error', reasons: [{ code: 'TEST_ERROR', message: 'Error: shadow table not found' }], figures: {}, durationMs: 250 },
    ]);
    expect(collectEntries(testCase('ordinary', {}, 'failed', 'expected 1 to be 2', { file: 'plain.test.ts' }), root)).toEqual([]);
    // a vitest-shadow error counts wherever it comes from
    const opt = collectEntries(testCase('bad option', {}, 'failed', "ShadowOptionError: compareEvents: unknown option 'minMatchRat'", { file: 'plain.test.ts' }), root);
    expect(opt.map((e) => [e.tier, e.verdict])).toEqual([['(no report)', 'error']]);
  });

  test('a matcher that threw before its Report names the event type (its label) and tier of the error entry; only its final attempt counts', () => {
    const meta = { shadowErrors: [{ matcher: 'toMatchSequences', label: 'old', attempt: { retry: 0, repeat: 0 } }, { matcher: 'toApproximatelyMatch', label: 'clicks', attempt: { retry: 1, repeat: 0 } }] };
    const got = collectEntries(testCase('threw', meta, 'failed', "ShadowDataError: shadow file s.jsonl does not exist", { file: 'plain.test.ts', retryCount: 1 }), root);
    expect(got.map((e) => [e.eventType, e.tier, e.verdict, e.reasons[0].message])).toEqual([['clicks', 'events', 'error', 'ShadowDataError: shadow file s.jsonl does not exist']]);
  });

  test('a describe block or file that failed outside its tests (beforeAll) is an error entry when the file uses vitest-shadow', () => {
    const suite = { fullName: 'clicks', name: 'clicks', module: { moduleId: join(root, 'uses.test.ts') }, errors: () => [{ message: 'Error: toApproximatelyMatch: no running test', name: 'Error' }] };
    expect(collectTaskError(suite, root)).toMatchObject({ test: 'clicks', eventType: 'clicks', tier: '(no report)', verdict: 'error', reasons: [{ code: 'TEST_ERROR', message: 'Error: toApproximatelyMatch: no running test' }] });
    expect(collectTaskError({ ...suite, errors: () => [] }, root)).toBeUndefined();
    expect(collectTaskError({ ...suite, module: { moduleId: join(root, 'plain.test.ts') } }, root)).toBeUndefined();
    expect(collectTaskError({ moduleId: join(root, 'uses.test.ts'), errors: () => [{ message: 'SyntaxError: x' }] }, root)).toMatchObject({ test: 'uses.test.ts', eventType: '(none)', verdict: 'error' });
  });

  test('fails when the test failed after its only Report passed: the entry is an error with the test error', () => {
    const got = collectEntries(testCase('pass then fail', { shadowReports: [{ matcher: 'toApproximatelyMatch', report: passing() }] }, 'failed', 'AssertionError: expected 3 to be 4\n  at y'), root);
    expect(got.map((e) => [e.eventType, e.verdict, e.reasons])).toEqual([
      ['clicks', 'error', [{ code: 'TEST_ERROR', message: 'the test failed after this check passed: AssertionError: expected 3 to be 4' }]],
    ]);
    expect(got[0].figures.matchRate).toBe(1);
  });

  test('passes with the Reports of the final attempt only (retries and repeats)', () => {
    const failing = JSON.parse(JSON.stringify(compareEvents(legacy, shadow, { key: 'id', label: 'clicks' })));
    const reports = [
      { matcher: 'toApproximatelyMatch', report: failing, attempt: { retry: 0, repeat: 0 } },
      { matcher: 'toApproximatelyMatch', report: failing, attempt: { retry: 1, repeat: 0 } },
      { matcher: 'toApproximatelyMatch', report: passing(), attempt: { retry: 2, repeat: 0 } },
    ];
    expect(collectEntries(testCase('retried', { shadowReports: reports }, 'passed', undefined, { retryCount: 2 }), root).map((e) => e.verdict)).toEqual(['pass']);
    const repeated = [0, 1, 2].map((repeat) => ({ matcher: 'toApproximatelyMatch', report: passing(), attempt: { retry: 0, repeat } }));
    expect(collectEntries(testCase('repeated', { shadowReports: repeated }, 'passed', undefined, { repeatCount: 2 }), root)).toHaveLength(1);
  });

  test('an empty label is not an event type: the entry falls back to the describe block', () => {
    const r = JSON.parse(JSON.stringify(compareEvents(legacy, legacy, { key: 'id', label: '' })));
    expect(collectEntries(testCase('empty label', { shadowReports: [{ matcher: 'toApproximatelyMatch', report: r }] }, 'passed'), root)[0].eventType).toBe('search');
  });

  test('SHADOW_NAMES names every matcher', () => {
    for (const name of Object.keys(shadowMatchers)) expect(SHADOW_NAMES).toContain(name);
  });
});

describe('a negative control (.not) is a control, not the event type\'s verdict', () => {
  const differ = () => JSON.parse(JSON.stringify(failing));
  const same = () => JSON.parse(JSON.stringify(compareEvents(legacy, legacy, { key: 'id', label: 'search' })));

  test('a control that caught its fault passes as control:events (it was recorded as a failing events check, blocking the gate)', () => {
    const [e] = collectEntries(testCase('catches a dropped event', { shadowReports: [{ matcher: 'toApproximatelyMatch', report: differ(), negated: true }] }, 'passed'), root);
    expect([e.eventType, e.tier, e.verdict, e.reasons]).toEqual(['search', 'control:events', 'pass', []]);
  });

  test('a check in test.fails is a control too (Vitest passes it when the check fails)', () => {
    const tc = { ...testCase('fails on a dropped event', { shadowReports: [{ matcher: 'toApproximatelyMatch', report: differ() }] }, 'passed'), options: { fails: true } };
    const [e] = collectEntries(tc, root);
    expect([e.tier, e.verdict]).toEqual(['control:events', 'pass']);
  });

  test('a control that no longer catches its fault fails, saying so', () => {
    const [e] = collectEntries(testCase('catches a dropped event', { shadowReports: [{ matcher: 'toApproximatelyMatch', report: same(), negated: true }] }, 'failed', 'Error: Expected shadow NOT to match legacy, but it does.'), root);
    expect([e.tier, e.verdict, e.reasons.map((r) => r.code)]).toEqual(['control:events', 'fail', ['CONTROL_NOT_CAUGHT']]);
  });
});

describe('ShadowReporter keeps the run when one record cannot be stored', () => {
  test('bad pipeline metrics for one event type drop only those metrics; the other records and the HTML are written', async () => {
    const dir = mkdtempSync(join(root, 'keep-'));
    const r = new ShadowReporter({ outputDir: 'out', historyDir: 'hist', runId: 'k1', commit: 'c', progress: false, pipelines: (t) => (t === 'search' ? { shadow: { cost: -1 } } : undefined) });
    const errors: string[] = [];
    r.onInit({ config: { root: dir }, logger: { log: () => {}, error: (m: unknown) => errors.push(String(m)) } });
    const other = testCase('other', { shadowReports: [{ matcher: 'toApproximatelyMatch', report: compareEvents(legacy, legacy, { key: 'id', label: 'clicks' }) }] }, 'passed');
    await r.onTestRunEnd([{ children: { allTests: () => [cases[0], other] } }]);
    const { records } = await readHistory(join(dir, 'hist'));
    expect(records.map((x) => [x.eventType, x.verdict, x.pipelines ?? null])).toEqual([
      ['clicks', 'pass', null],
      ['search', 'fail', null],
    ]);
    expect(errors).toEqual(["vitest-shadow: pipelines of 'search' not stored: pipelines.shadow.cost must be a finite number >= 0"]);
    expect(existsSync(join(dir, 'out', OUTPUT_FILES.html))).toBe(true);
  });

  test('unhandled errors and zero checks reach the run file and the closing line', async () => {
    const dir = mkdtempSync(join(root, 'zero-'));
    const r = new ShadowReporter({ outputDir: 'out', runId: 'z1', commit: 'c', progress: false });
    const log = vi.fn();
    r.onInit({ config: { root: dir }, logger: { log, error: log } });
    await r.onTestRunEnd([], [{ name: 'Error', message: 'writer crashed\n at z' }], 'failed');
    const run = JSON.parse(readFileSync(join(dir, 'out', OUTPUT_FILES.json), 'utf8')) as RunFile;
    expect(run).toMatchObject({ reason: 'failed', unhandledErrors: ['Error: writer crashed'], summary: { checks: 0 } });
    expect(log).toHaveBeenCalledWith('vitest-shadow: 0 checks (0 pass, 0 fail, 0 inconclusive, 0 error) — run failed: 1 unhandled error · no checks ran → out/shadow-report.html');
  });
});
