import { describe, expect, test } from 'vitest';
import { renderJunit } from '../../src/plugin/renderJunit.js';
import { sampleRun } from './_run.js';

describe('renderJunit', () => {
  test('one testsuite per event type, failure for fail and inconclusive, error for error, text escaped', () => {
    expect(renderJunit(sampleRun())).toMatchInlineSnapshot(`
      "<?xml version="1.0" encoding="UTF-8"?>
      <testsuites name="vitest-shadow" tests="4" failures="2" errors="1" time="4.200">
        <testsuite name="click" tests="1" failures="0" errors="0" time="0.120" timestamp="2026-12-05T03:00:00.000Z">
          <testcase classname="click" name="events" time="0.120"/>
        </testsuite>
        <testsuite name="refund" tests="1" failures="0" errors="1" time="0.000" timestamp="2026-12-05T03:00:00.000Z">
          <testcase classname="refund" name="events" time="0.000">
            <error message="no rows of event type 'refund' in shadow (x.jsonl)" type="TEST_ERROR">TEST_ERROR: no rows of event type 'refund' in shadow (x.jsonl)</error>
          </testcase>
        </testsuite>
        <testsuite name="search" tests="2" failures="2" errors="0" time="0.300" timestamp="2026-12-05T03:00:00.000Z">
          <testcase classname="search" name="events" time="0.300">
            <failure message="97.50% of legacy events match within tolerance, 99.00% required" type="fail">MATCH_RATE_BELOW_MIN: 97.50% of legacy events match within tolerance, 99.00% required</failure>
          </testcase>
          <testcase classname="search" name="outputs:ctr" time="0.000">
            <failure message="a &lt;b&gt;|c&lt;/b&gt; &amp; d" type="inconclusive">TOO_FEW: a &lt;b&gt;|c&lt;/b&gt; &amp; d</failure>
          </testcase>
        </testsuite>
      </testsuites>
      "
    `);
  });

  test('drops the characters XML 1.0 cannot carry: U+FFFE, U+FFFF, control characters, lone surrogates', () => {
    const run = sampleRun();
    run.entries[1].eventType = 'non\uFFFEchar\u0001';
    run.entries[1].reasons = [{ code: 'X', message: 'bad \uFFFF \uD800x \uDC00y ok \uD83D\uDE00' }];
    const xml = renderJunit(run);
    expect(xml).toContain('<testsuite name="nonchar"');
    expect(xml).toContain('message="bad  x y ok \uD83D\uDE00"');
    // eslint-disable-next-line no-control-regex
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
  });

  test('fails a run where no check ran, and carries unhandled errors as errors: never a clean pass', () => {
    const run = sampleRun();
    run.entries = [];
    run.summary = { checks: 0, pass: 0, fail: 0, inconclusive: 0, error: 0 };
    run.unhandledErrors = ['Error: crashed <late>'];
    const xml = renderJunit(run);
    expect(xml).toContain('<testsuites name="vitest-shadow" tests="2" failures="1" errors="1"');
    expect(xml).toContain('<testcase classname="(run)" name="no checks ran" time="0.000">');
    expect(xml).toMatch(/<failure message="no checks ran: [^"]+" type="NO_CHECKS">/);
    expect(xml).toContain('<error message="Error: crashed &lt;late&gt;" type="UNHANDLED_ERROR">');
  });
});
