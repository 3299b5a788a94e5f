import { describe, expect, test } from 'vitest';
import { stripAnsi } from '../_helpers/stripAnsi.js';

const legacy = Array.from({ length: 300 }, (_, i) => ({ id: i, day: `2026-11-0${1 + (i % 3)}`, price: (i % 17) + 0.5 }));
const perDay = { name: 'revenue per day', consumer: 'finance', sql: 'SELECT day, sum(price) AS revenue FROM data GROUP BY day', fields: { revenue: { abs: 1e-9 } } };

const rejection = async (p: Promise<unknown>) => stripAnsi(((await p.catch((e: unknown) => e)) as Error).message);

describe('.toReconcileQueries', () => {
  test('passes when every consumer query sees the same result', async () => {
    await expect([...legacy].reverse()).toReconcileQueries(legacy, { queries: [perDay] });
  });

  test('fails naming the query, the consumer and the differing day', async () => {
    // One event of 2026-11-02 (id 1) is dropped: that day's revenue falls by its price, 1.5.
    const shadow = legacy.filter((e) => e.id !== 1);
    expect(await rejection(expect(shadow).toReconcileQueries(legacy, { queries: [perDay] }))).toMatchInlineSnapshot(`
      "expect(shadow).toReconcileQueries(legacy, options)

      fail: 1 of 1 consumer query sees a different result on shadow

      ✗ finance: revenue per day · rows legacy 3, shadow 3 · paired on day

      ✗ query 'revenue per day' of consumer 'finance' sees a different result: 1 group with other values (day="2026-11-02": revenue 839 → 837.5)"
    `);
  });

  test('needs queries', async () => {
    await expect(expect(legacy).toReconcileQueries(legacy, {} as never)).rejects.toThrow(TypeError);
  });
});

describe('.not.toReconcileQueries', () => {
  test('passes when a query sees a difference', async () => {
    await expect(legacy.slice(1)).not.toReconcileQueries(legacy, { queries: [perDay] });
  });
});
