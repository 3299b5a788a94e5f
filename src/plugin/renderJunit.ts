import type { RunFile } from './types.js';

const xml = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    // characters XML 1.0 cannot carry
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

/**
 * Renders a run as JUnit XML: one `<testsuite>` per event type, one `<testcase>` per check
 * (classname = event type, name = tier), `<failure>` for fail and inconclusive (the reasons as
 * text), `<error>` for a check that errored before its report.
 *
 * @example
 * writeFileSync('junit.xml', renderJunit(run));
 */
export function renderJunit(run: RunFile): string {
  const types = [...new Set(run.entries.map((e) => e.eventType))].sort();
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const s = run.summary;
  out.push(`<testsuites name="vitest-shadow" tests="${s.checks}" failures="${s.fail + s.inconclusive}" errors="${s.error}" time="${(run.durationMs / 1000).toFixed(3)}">`);
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
