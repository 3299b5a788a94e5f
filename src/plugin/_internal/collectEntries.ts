import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { keyFigures } from '../../groups/keyFigures.js';
import type { ReportBase } from '../../report/types.js';
import type { SuiteRecord } from '../../suite/types.js';
import type { GroupedReport } from '../../groups/types.js';
import type { RunEntry } from '../types.js';
import { recordReasons } from '../../history/_internal/recordReasons.js';

/** The parts of Vitest's reported TestCase this reads (the same in Vitest 4.1 and 5). */
export interface TestCaseLike {
  name: string;
  fullName: string;
  module: { moduleId: string };
  parent: { type: string; name?: string };
  meta(): Record<string, unknown>;
  result(): { state: string; errors?: readonly { message?: string; name?: string }[] };
  diagnostic(): { duration: number; retryCount?: number; repeatCount?: number } | undefined;
  /** `fails: true` for `test.fails`: the test passes when its body fails. */
  options?: { fails?: boolean };
}

/** What a matcher records on `task.meta.shadowReports` (matchers/reportResult.ts). */
interface Recorded {
  matcher: string;
  report: ReportBase;
  /** The attempt of the test that recorded it (Vitest's retryCount and repeatCount at the time). */
  attempt?: { retry: number; repeat: number };
  /** Recorded under `.not`: a negative control (see collectEntries). */
  negated?: true;
}

/** The tier of an `error` entry for a test, hook or file that failed without producing a Report. */
export const NO_REPORT_TIER = '(no report)';

/** The tier of each matcher's Report (its `kind`), for the `error` entry of a matcher that threw before one. */
const MATCHER_TIER: Record<string, string> = {
  toApproximatelyMatch: 'events', toMatchSequences: 'sequences', toMatchTiers: 'tiers', toBeEquivalentTo: 'equivalence',
  toMatchDistribution: 'distribution', toHaveEquivalentAuc: 'auc', toAgreeWith: 'agreement', toMatchProfile: 'profile',
  toMatchBytes: 'bytes', toReconcileQueries: 'queries',
};

/** What a matcher records on `task.meta.shadowErrors` when it throws before its Report (matchers/withErrorRecord.ts). */
interface RecordedError {
  matcher: string;
  label?: string;
  attempt?: { retry: number; repeat: number };
}

/**
 * The names by which a test file uses vitest-shadow: every matcher of `shadowMatchers`, the suite
 * functions and the package name. Kept in step with matchers/index.ts by test/plugin/ShadowReporter.test.ts.
 */
export const SHADOW_NAMES: readonly string[] = [...Object.keys(MATCHER_TIER), 'defineShadowSuite', 'createShadowSuite', 'vitest-shadow'];
const SHADOW_RE = new RegExp(`\\b(?:${SHADOW_NAMES.map((n) => n.replace(/[-]/g, '\\-')).join('|')})\\b`);
const usesCache = new Map<string, boolean>();

/** Forgets what {@link fileUsesShadow} read: the reporter calls it as each run starts (watch mode edits files). */
export function forgetShadowFiles(): void {
  usesCache.clear();
}

/**
 * Whether the test file at `moduleId` uses vitest-shadow: its source names one of
 * {@link SHADOW_NAMES}. Read once per file; an unreadable file counts as not using it.
 */
export function fileUsesShadow(moduleId: string): boolean {
  let v = usesCache.get(moduleId);
  if (v === undefined) {
    try {
      v = SHADOW_RE.test(readFileSync(moduleId, 'utf8'));
    } catch {
      v = false;
    }
    usesCache.set(moduleId, v);
  }
  return v;
}

/** The first line of each error, joined: what an `error` entry says. */
export function errorText(errors: readonly { message?: string; name?: string }[] | undefined, fallback: string): string {
  const msg = (errors ?? []).map((x) => (x.message ?? '').split('\n')[0]).filter(Boolean).join('; ');
  return (msg || fallback).slice(0, 500);
}

const isShadowError = (errors: readonly { message?: string; name?: string }[] | undefined) =>
  (errors ?? []).some((x) => /^Shadow\w*Error$/.test(x.name ?? '') || /^Shadow\w*Error: /.test(x.message ?? ''));

const reasonsOf = (r: ReportBase) => recordReasons(r.reasons.filter((x) => x.severity !== 'info'));

/** A label that names something: a non-empty string after trimming. */
const named = (s: string | undefined) => (typeof s === 'string' && s.trim() !== '' ? s : undefined);

/**
 * Turns one finished test into run entries. Nothing that Vitest reports as failed becomes a `pass`:
 *
 * - One entry per Report the test recorded in its final attempt (retries and repeats: only the
 *   reports of the attempt whose result Vitest reports). defineShadowSuite tests and matchers.
 * - A matcher's grouped report (`by: 'type'`) is one entry per group, the group as the event type,
 *   plus one entry for its reasons that belong to no group (an override or a field rule naming
 *   nothing, no rows at all: `OVERRIDE_GROUP_ABSENT`, `DECLARED_FIELD_ABSENT`, `NO_GROUPS`), with
 *   the grouped report's label (else `(by <field>)`) as its event type.
 * - When the test failed although every Report it recorded passed, each of its entries becomes
 *   `error` (code `TEST_ERROR`, the test's error): the test failed for another reason (a later
 *   `expect`, `.not` on equal data, an unawaited comparison). When one of its Reports did not pass,
 *   that Report explains the failure and every entry keeps its own verdict.
 * - A test that failed without a Report is one `error` entry when it is a shadow check: a
 *   defineShadowSuite test (its event type and tier), a test where a matcher threw before its Report
 *   (the matcher's `label` as event type, its tier), a test whose error is a vitest-shadow error
 *   (`Shadow…Error`), or any test of a file that uses
 *   vitest-shadow ({@link fileUsesShadow}: its source names a matcher, a suite function or the package).
 *   Otherwise its event type is the enclosing `describe` (else `(none)`) and its tier `(no report)`.
 *
 * Passing tests without a Report, failed tests of files that do not use vitest-shadow, and skipped
 * tests are not shadow checks. A matcher under `.not`, or in a `test.fails` test, is a negative
 * control: tier `control:<tier>`, passing when its Report does not pass.
 */
export function collectEntries(tc: TestCaseLike, root: string): RunEntry[] {
  const meta = tc.meta() as { shadowReports?: Recorded[]; shadowErrors?: RecordedError[]; shadowSuite?: SuiteRecord };
  const result = tc.result();
  if (result.state === 'skipped' || result.state === 'pending') return [];
  const suite = meta.shadowSuite;
  const diag = tc.diagnostic();
  const last = { retry: diag?.retryCount ?? 0, repeat: diag?.repeatCount ?? 0 };
  // Retries and repeats run the test again on the same task: keep only the final attempt's reports.
  const final = (r: { attempt?: { retry: number; repeat: number } }) => !r.attempt || (r.attempt.retry === last.retry && r.attempt.repeat === last.repeat);
  // In `test.fails` a check is expected to fail: a negative control, as under `.not` (both: neither).
  const expectFail = tc.options?.fails === true;
  const reports = (meta.shadowReports ?? []).filter(final).map((r) => ({ ...r, negated: (r.negated === true) !== expectFail ? (true as const) : undefined }));
  const thrown = (meta.shadowErrors ?? []).filter(final).at(-1);
  const file = relative(root, tc.module.moduleId);
  const durationMs = diag?.duration;
  const parentName = named(tc.parent.type === 'suite' ? tc.parent.name : undefined);
  type Flat = { report: ReportBase; group?: string; rows?: { legacy: number; shadow: number }; ungrouped?: true; negated?: true };
  // A grouped report (`by: 'type'`) is one check per group (the group is the event type), and one
  // more for the reasons that belong to no group.
  const flat: Flat[] = reports.flatMap(({ report, negated }): Flat[] => {
    // A negative control is one check, whole: `.not` holds or not on the report's own verdict.
    if (negated) return [{ report, negated }];
    if (report.kind !== 'grouped' || suite) return [{ report }];
    const g = report as unknown as GroupedReport;
    const out: Flat[] = g.groups.map((x) => ({ report: x.report, group: x.group, rows: x.rows }));
    const own = g.reasons.filter((r) => r.severity !== 'info' && r.code !== 'GROUP_FAILED' && r.code !== 'GROUP_INCONCLUSIVE');
    if (own.length > 0) {
      const verdict = own.some((r) => r.severity === 'fail') ? 'fail' : 'inconclusive';
      out.push({
        report: { ...g, verdict, reasons: own, groups: [] } as unknown as ReportBase,
        group: named(g.label) ?? `(by ${g.by})`,
        rows: { legacy: g.counts.legacy, shadow: g.counts.shadow },
        ungrouped: true,
      });
    }
    return out;
  });
  const entries: RunEntry[] = flat.map(({ report, group, rows, ungrouped, negated }) => {
    const tier = suite?.tier ?? (ungrouped ? (report as unknown as GroupedReport).tier.replace(/^compare([A-Z])/, (_, c: string) => c.toLowerCase()) : report.kind);
    const e: RunEntry = {
      test: tc.fullName,
      file,
      eventType: suite?.eventType ?? group ?? named(report.label) ?? parentName ?? '(none)',
      // a grouped report without groups names its tier by its function (compareEvents → events)
      tier,
      verdict: report.verdict,
      reasons: reasonsOf(report),
      figures: ungrouped ? {} : keyFigures(report),
      report,
    };
    if (negated) {
      // A negative control (`.not`): it holds when the check found the difference. Filed under
      // `control:<tier>`, so it is never taken for the shadow's own verdict on the event type.
      e.tier = `control:${tier}`;
      e.verdict = report.verdict === 'pass' ? 'fail' : report.verdict === 'fail' ? 'pass' : report.verdict;
      e.reasons = report.verdict === 'pass' ? [{ code: 'CONTROL_NOT_CAUGHT', message: 'a negative control (.not) found no difference: the check no longer catches this fault' }] : [];
    }
    if (durationMs !== undefined) e.durationMs = durationMs;
    if (suite) {
      e.rows = suite.rows;
      e.durations = suite.durations;
      e.engine = suite.engine;
      if (suite.sample) e.sample = suite.sample;
      if (suite.plots) e.plots = suite.plots;
    } else if (rows) {
      e.rows = rows;
    } else {
      const c = (report as { counts?: { legacy?: unknown; shadow?: unknown } }).counts;
      if (typeof c?.legacy === 'number' && typeof c.shadow === 'number') e.rows = { legacy: c.legacy, shadow: c.shadow };
    }
    return e;
  });
  if (result.state !== 'failed') return entries;
  const msg = errorText(result.errors, 'the test failed');
  // The test failed and no Report of it explains why (all passed): another `expect`, `.not` on
  // equal data or an unawaited comparison failed it, so none of its checks is a pass.
  if (entries.some((e) => e.verdict !== 'pass')) return entries;
  for (const e of entries) {
    if (e.verdict !== 'pass') continue;
    e.verdict = 'error';
    e.reasons = [{ code: 'TEST_ERROR', message: `the test failed after this check passed: ${msg}` }];
  }
  if (entries.length === 0 && (suite || thrown || isShadowError(result.errors) || fileUsesShadow(tc.module.moduleId))) {
    entries.push({
      test: tc.fullName,
      file,
      // a matcher that threw before its Report named its label and tier (matchers/withErrorRecord.ts)
      eventType: suite?.eventType ?? thrown?.label ?? parentName ?? '(none)',
      tier: suite?.tier ?? (thrown ? (MATCHER_TIER[thrown.matcher] ?? NO_REPORT_TIER) : NO_REPORT_TIER),
      verdict: 'error',
      reasons: [{ code: 'TEST_ERROR', message: errorText(result.errors, 'the test failed before producing a report') }],
      figures: {},
      ...(durationMs !== undefined ? { durationMs } : {}),
    });
  }
  return entries;
}

/** The parts of Vitest's reported TestSuite/TestModule this reads. */
export interface FailedTaskLike {
  /** `TestSuite.fullName`; a module has none. */
  fullName?: string;
  name?: string;
  moduleId?: string;
  module?: { moduleId: string };
  errors(): readonly { message?: string; name?: string }[];
}

/**
 * An `error` entry for a describe block or a test file that failed outside any test (a failing
 * `beforeAll`/`afterAll`, including a matcher in it; a file that failed to load, such as
 * defineShadowSuite throwing on bad options), when the file uses vitest-shadow or the error is a
 * vitest-shadow error. Its tests ran no check (Vitest reports them skipped), so without this entry
 * the run would show nothing at all.
 */
export function collectTaskError(task: FailedTaskLike, root: string): RunEntry | undefined {
  const errors = task.errors();
  if (errors.length === 0) return undefined;
  const moduleId = task.moduleId ?? task.module?.moduleId ?? '';
  if (!isShadowError(errors) && !fileUsesShadow(moduleId)) return undefined;
  const file = relative(root, moduleId);
  return {
    test: task.fullName ?? file,
    file,
    eventType: named(task.moduleId ? undefined : task.name) ?? '(none)',
    tier: NO_REPORT_TIER,
    verdict: 'error',
    reasons: [{ code: 'TEST_ERROR', message: errorText(errors, 'failed outside a test') }],
    figures: {},
  };
}
