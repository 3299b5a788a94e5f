import { relative } from 'node:path';
import { keyFigures } from '../../groups/keyFigures.js';
import type { ReportBase } from '../../report/types.js';
import type { SuiteRecord } from '../../suite/types.js';
import type { GroupedReport } from '../../groups/types.js';
import type { RunEntry } from '../types.js';

/** The parts of Vitest's reported TestCase this reads (the same in Vitest 4.1 and 5). */
export interface TestCaseLike {
  name: string;
  fullName: string;
  module: { moduleId: string };
  parent: { type: string; name?: string };
  meta(): Record<string, unknown>;
  result(): { state: string; errors?: readonly { message?: string }[] };
  diagnostic(): { duration: number } | undefined;
}

const reasonsOf = (r: ReportBase) => r.reasons.filter((x) => x.severity !== 'info').slice(0, 10).map((x) => ({ code: x.code, message: x.message }));

/**
 * Turns one finished test into run entries: one per Report it recorded (defineShadowSuite tests
 * and matchers; a matcher's grouped report, `by: 'type'`, is one entry per group, the group as the
 * event type), or one `error` entry when the test failed without a Report (bad input, a thrown
 * option error). Passing tests without a Report, and skipped tests, are not shadow checks.
 */
export function collectEntries(tc: TestCaseLike, root: string): RunEntry[] {
  const meta = tc.meta() as { shadowReports?: { matcher: string; report: ReportBase }[]; shadowSuite?: SuiteRecord };
  const result = tc.result();
  if (result.state === 'skipped' || result.state === 'pending') return [];
  const suite = meta.shadowSuite;
  const reports = meta.shadowReports ?? [];
  const file = relative(root, tc.module.moduleId);
  const durationMs = tc.diagnostic()?.duration;
  const parentName = tc.parent.type === 'suite' ? tc.parent.name : undefined;
  // A grouped report (`by: 'type'`) is one check per group: the group is the event type.
  const flat = reports.flatMap(({ report }) =>
    report.kind === 'grouped' && !suite
      ? ((report as unknown as GroupedReport).groups.map((g) => ({ report: g.report, group: g.group, rows: g.rows })) as { report: ReportBase; group?: string; rows?: { legacy: number; shadow: number } }[])
      : [{ report }],
  );
  const entries: RunEntry[] = flat.map(({ report, group, rows }) => {
    const e: RunEntry = {
      test: tc.fullName,
      file,
      eventType: suite?.eventType ?? group ?? report.label ?? parentName ?? '(none)',
      tier: suite?.tier ?? report.kind,
      verdict: report.verdict,
      reasons: reasonsOf(report),
      figures: keyFigures(report),
      report,
    };
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
  if (entries.length === 0 && result.state === 'failed' && (suite || reports.length === 0)) {
    if (!suite) return [];
    const msg = result.errors?.map((x) => x.message ?? '').filter(Boolean).join('; ') || 'the test failed before producing a report';
    entries.push({
      test: tc.fullName,
      file,
      eventType: suite.eventType,
      tier: suite.tier,
      verdict: 'error',
      reasons: [{ code: 'TEST_ERROR', message: msg.split('\n')[0].slice(0, 500) }],
      figures: {},
      ...(durationMs !== undefined ? { durationMs } : {}),
    });
  }
  return entries;
}
