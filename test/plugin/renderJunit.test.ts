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
});
