import type { RunFile } from './types.js';

/**
 * Text fit for an XML 1.0 attribute or element: `&<>"` escaped, and every character XML 1.0 cannot
 * carry dropped — control characters other than tab, LF and CR, U+FFFE and U+FFFF, and lone
 * (unpaired) surrogates.
 */
const xml = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '');

/**
 * Renders a run as JUnit XML: one `<testsuite>` per event type, one `<testcase>` per check
 * (classname = event type, name = tier), `<failure>` for fail and inconclusive (the reasons as
 * text), `<error>` for a check that errored before its report. A run where no check ran is not a
 * clean pass: it has one `<testcase name="no checks ran">` with a `<failure type="NO_CHECKS">`; each
 * unhandled error of the run is a `<testcase>` with an `<error type="UNHANDLED_ERROR">`. Both sit in a
 * `<testsuite name="(run)">`.
 *
 * @example
 * writeFileSync('junit.xml', renderJunit(run));
 */
export function renderJunit(run: RunFile): string {
  const types = [...new Set(run.entries.map((e) => e.eventType))].sort();
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const s = run.summary;
  const runCases: string[] = [];
  if (s.checks === 0) {
    const why = 'no checks ran: no test recorded a shadow Report (no tests, all skipped, or a -t filter that matched none)';
    runCases.push(`    <testcase classname="(run)" name="no checks ran" time="0.000">`, `      <failure message="${xml(why)}" type="NO_CHECKS">${xml(why)}</failure>`, '    </testcase>');
  }
  const unhandled = run.unhandledErrors ?? [];
  for (const [i, u] of unhandled.entries()) {
    runCases.push(`    <testcase classname="(run)" name="unhandled error ${i + 1}" time="0.000">`, `      <error message="${xml(u)}" type="UNHANDLED_ERROR">${xml(u)}</error>`, '    </testcase>');
  }
  const runFailures = s.checks === 0 ? 1 : 0;
  out.push(
    `<testsuites name="vitest-shadow" tests="${s.checks + runFailures + unhandled.length}" failures="${s.fail + s.inconclusive + runFailures}" errors="${s.error + unhandled.length}" time="${(run.durationMs / 1000).toFixed(3)}">`,
  );
  if (runCases.length > 0) {
    out.push(`  <testsuite name="(run)" tests="${runFailures + unhandled.length}" failures="${runFailures}" errors="${unhandled.length}" time="0.000" timestamp="${run.timestamp}">`, ...runCases, '  </testsuite>');
  }
  for (const t of types) {
    const es = run.entries.filter((e) => e.eventType === t);
    const failures = es.filter((e) => e.verdict === 'fail' || e.verdict === 'inconclusive').length;
    const errors = es.filter((e) => e.verdict === 'error').length;
    const time = es.reduce((a, e) => a + (e.durationMs ?? 0), 0) / 1000;
    out.push(`  <testsuite name="${xml(t)}" tests="${es.length}" failures="${failures}" errors="${errors}" time="${time.toFixed(3)}" timestamp="${run.timestamp}">`);
    for (const e of es) {
      const open = `    <testcase classname="${xml(t)}" name="${xml(e.tier)}" time="${((e.durationMs ?? 0) / 1000).toFixed(3)}"`;
      const text = xml(e.reasons.map((r) => `${r.code}: ${r.message}`).join('\n'));
      const first = xml(e.reasons[0]?.message ?? e.verdict);
      if (e.verdict === 'pass') out.push(`${open}/>`);
      else if (e.verdict === 'error') out.push(`${open}>`, `      <error message="${first}" type="TEST_ERROR">${text}</error>`, '    </testcase>');
      else out.push(`${open}>`, `      <failure message="${first}" type="${e.verdict}">${text}</failure>`, '    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
}
