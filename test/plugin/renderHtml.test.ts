import { describe, expect, test } from 'vitest';
import { renderHtml } from '../../src/plugin/renderHtml.js';
import { uplotAssets } from '../../src/plugin/_internal/uplotAssets.js';
import type { HistoryRecord } from '../../src/history/types.js';
import { sampleRun } from './_run.js';

const past: HistoryRecord = {
  version: 1, runId: 'night-0', timestamp: '2026-12-04T03:00:00.000Z', eventType: 'search', tier: 'events',
  verdict: 'pass', reasons: [], figures: { matchRate: 1, missingRate: 0 },
};

describe('renderHtml', () => {
  const assets = uplotAssets();
  const html = renderHtml(sampleRun(), [past], assets);

  test('is self-contained: uPlot inlined, no external script or stylesheet, a CSP that forbids fetching', () => {
    expect(html).toContain(assets.js.slice(0, 200));
    // the only URL is the one in uPlot's licence comment
    expect(html.match(/https?:\/\/[^\s"'<)]+/g)).toEqual(['https://github.com/leeoniya/uPlot']);
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=/);
    expect(html).toContain(`content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:"`);
  });

  test('shows every key figure with its exact value, and escapes text', () => {
    expect(html).toContain('<td data-figure="matchRate" data-value="0.975">97.50%</td>');
    expect(html).toContain('<td data-figure="ks" data-value="0.0123456">0.01235</td>');
    expect(html).toContain('a &lt;b&gt;|c&lt;/b&gt; &amp; d');
    expect(html).not.toContain('<b>|c</b>');
  });

  test('embeds the plot data and a trend only where two nights exist', () => {
    const data = JSON.parse(/<script type="application\/json" id="shadow-data">(.*?)<\/script>/s.exec(html)![1]);
    expect(Object.keys(data.trends)).toEqual(['search\u0000events']);
    expect(data.trends['search\u0000events'].points.map((p: { run: string; bad: boolean }) => [p.run, p.bad])).toEqual([['night-0', false], ['night-1', true]]);
    expect(data.entries[1].plots.distributions[0].name).toBe('price');
    expect(data.entries[1].report.fields).toEqual([{ field: 'price', mismatchRate: 0.025 }]);
  });

  test('data that contains </script> cannot close the data element', () => {
    const run = sampleRun();
    run.entries[1].plots!.distributions![0].name = '</script><script>alert(1)</script>';
    const out = renderHtml(run, [], assets);
    expect(out.match(/<\/script>/g)).toHaveLength(3);
  });

  test('fails to headline "all checks pass" when no check ran or Vitest reported an unhandled error', () => {
    const zero = sampleRun();
    zero.entries = [];
    zero.summary = { checks: 0, pass: 0, fail: 0, inconclusive: 0, error: 0 };
    expect(renderHtml(zero, [], assets)).toContain('<h1 id="headline" class="h-warn" data-level="warn">Shadow validation: no checks ran</h1>');
    const leaked = sampleRun();
    leaked.entries = leaked.entries.slice(0, 1);
    leaked.summary = { checks: 1, pass: 1, fail: 0, inconclusive: 0, error: 0 };
    leaked.unhandledErrors = ['Error: <crash>'];
    const out = renderHtml(leaked, [], assets);
    expect(out).toContain('<h1 id="headline" class="h-fail" data-level="fail">Shadow validation: run failed: 1 unhandled error · 1 checks pass</h1>');
    expect(out).toContain('<li><code>UNHANDLED_ERROR</code> Error: &lt;crash&gt;</li>');
  });
});
