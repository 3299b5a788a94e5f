import { describe, expect, test } from 'vitest';
import { renderMarkdown } from '../../src/plugin/renderMarkdown.js';
import { sampleRun } from './_run.js';

describe('renderMarkdown', () => {
  test('an event type × tier table of verdicts, then the failing reasons', () => {
    expect(renderMarkdown(sampleRun())).toMatchInlineSnapshot(`
      "## Shadow validation: ❌ 2 failing, 1 inconclusive (4 checks)

      run \`night-1\` · partition \`2026-12-04\` · commit \`0123456789ab\` · 4.2 s

      | event type | events | outputs:ctr |
      |---|---|---|
      | click | ✅ pass matchRate 100.00% | — |
      | refund | 💥 error | — |
      | search | ❌ fail matchRate 97.50% | ⚠️ inconclusive ks 0.01235 |

      ### Failing and inconclusive checks

      - **search / events** — fail (200 legacy, 200 shadow rows)
        - \`MATCH_RATE_BELOW_MIN\` 97.50% of legacy events match within tolerance, 99.00% required
      - **search / outputs:ctr** — inconclusive
        - \`TOO_FEW\` a &lt;b&gt;\\|c&lt;/b&gt; &amp; d
      - **refund / events** — error
        - \`TEST_ERROR\` no rows of event type 'refund' in shadow (x.jsonl)
      "
    `);
  });

  test('says so when every check passes', () => {
    const run = sampleRun();
    run.entries = run.entries.slice(0, 1);
    run.summary = { checks: 1, pass: 1, fail: 0, inconclusive: 0, error: 0 };
    expect(renderMarkdown(run).split('\n')[0]).toBe('## Shadow validation: all checks pass (1 checks)');
    expect(renderMarkdown(run)).not.toContain('### Failing');
  });

  test('fails to say "all checks pass" when no check ran: a warning headline that says so', () => {
    const run = sampleRun();
    run.entries = [];
    run.summary = { checks: 0, pass: 0, fail: 0, inconclusive: 0, error: 0 };
    const md = renderMarkdown(run);
    expect(md.split('\n')[0]).toBe('## Shadow validation: ⚠️ no checks ran (0 checks)');
    expect(md).not.toContain('all checks pass');
    expect(md).not.toContain('| event type |');
  });

  test('says the run failed when Vitest reported an unhandled error, even if every check passed', () => {
    const run = sampleRun();
    run.entries = run.entries.slice(0, 1);
    run.summary = { checks: 1, pass: 1, fail: 0, inconclusive: 0, error: 0 };
    run.reason = 'failed';
    run.unhandledErrors = ['Error: shadow writer | crashed'];
    const md = renderMarkdown(run);
    expect(md.split('\n')[0]).toBe('## Shadow validation: ❌ run failed: 1 unhandled error · 1 checks pass (1 checks)');
    expect(md).toContain('- 💥 unhandled error: Error: shadow writer \\| crashed');
  });

  test('escapes tier and model names in the table header, and the run id and partition in the meta line', () => {
    const run = sampleRun();
    run.runId = 'r`1';
    run.partition = '`p|x';
    run.entries[2].tier = 'outputs:ctr|v2 <b>';
    const md = renderMarkdown(run);
    expect(md).toContain('| event type | events | outputs:ctr\\|v2 &lt;b&gt; |');
    expect(md).toContain('run ``r`1`` · partition `` `p|x `` ·');
    // every table row has as many cells as the header
    const rows = md.split('\n').filter((l) => l.startsWith('|')).map((l) => l.replace(/\\\|/g, '').split('|').length);
    expect(new Set(rows).size).toBe(1);
  });
});
