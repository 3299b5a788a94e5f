import { describe, expect, test } from 'vitest';
import { renderMarkdown } from '../../src/plugin/renderMarkdown.js';
import { sampleRun } from './_run.js';

describe('renderMarkdown', () => {
  test('an event type × tier table of verdicts, then the failing reasons', () => {
    expect(renderMarkdown(sampleRun())).toMatchInlineSnapshot(`
      "## Shadow validation: 2 failing, 1 inconclusive (4 checks)

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
});
