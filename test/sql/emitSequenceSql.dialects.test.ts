/**
 * The sequence plan in Spark SQL and Trino, pinned by snapshot (no Spark or Trino engine is
 * installable from the registries reachable here, so these are not executed), and the bad input
 * the emitter refuses, with the option named and the fix.
 */
import { describe, expect, test } from 'vitest';
import { emitSequenceSql, type SqlSequenceComparison } from '../../src/sql/emitSequenceSql.js';
import { reportFromSqlSequenceCounts } from '../../src/sql/reportFromSqlSequenceCounts.js';
import { ShadowOptionError } from '../../src/_internal/options.js';

const small: SqlSequenceComparison = { entity: 'user', orderBy: 'ts', id: 'id', fields: { price: { abs: 0.01 } }, window: { last: 50 } };

describe('emitSequenceSql, Spark and Trino dialects (snapshots)', () => {
  test('spark', () => {
    const plan = emitSequenceSql(small, { dialect: 'spark', legacy: 'prod.events_v1', shadow: 'prod.events_v2', sample: 10 });
    expect(plan.counts).toMatchInlineSnapshot(`
      "WITH l0 AS (SELECT t.\`user\` AS __e0, t.\`id\` AS __i0, t.\`ts\` AS __o0, t.\`price\` AS __f0 FROM prod.events_v1 t),
        l1 AS (SELECT __e0, __i0, __o0, __f0 FROM l0 WHERE __e0 IS NOT NULL AND __o0 IS NOT NULL),
        l5a AS (SELECT __e0, __i0, __o0, __f0, ROW_NUMBER() OVER (PARTITION BY __e0 ORDER BY __o0 ASC, __i0 ASC NULLS LAST) AS __r, COUNT(*) OVER (PARTITION BY __e0) AS __len FROM l1),
        lw AS (SELECT __e0, __i0, __f0, __r - 1 - GREATEST(__len - 50, 0) AS __p FROM l5a WHERE __r > __len - 50),
        lc AS (SELECT __e0, __i0, COUNT(*) AS __c FROM lw WHERE __i0 IS NOT NULL GROUP BY __e0, __i0),
        s0 AS (SELECT t.\`user\` AS __e0, t.\`id\` AS __i0, t.\`ts\` AS __o0, t.\`price\` AS __f0 FROM prod.events_v2 t),
        s1 AS (SELECT __e0, __i0, __o0, __f0 FROM s0 WHERE __e0 IS NOT NULL AND __o0 IS NOT NULL),
        s5a AS (SELECT __e0, __i0, __o0, __f0, ROW_NUMBER() OVER (PARTITION BY __e0 ORDER BY __o0 ASC, __i0 ASC NULLS LAST) AS __r, COUNT(*) OVER (PARTITION BY __e0) AS __len FROM s1),
        sw AS (SELECT __e0, __i0, __f0, __r - 1 - GREATEST(__len - 50, 0) AS __p FROM s5a WHERE __r > __len - 50),
        sc AS (SELECT __e0, __i0, COUNT(*) AS __c FROM sw WHERE __i0 IS NOT NULL GROUP BY __e0, __i0),
        lk AS (SELECT w.__e0, w.__i0, w.__f0, w.__p, ROW_NUMBER() OVER (PARTITION BY w.__e0, w.__i0 ORDER BY w.__p) AS __occ, COALESCE(c.__c, 0) AS __oc FROM lw w LEFT JOIN sc c ON w.__e0 = c.__e0 AND w.__i0 = c.__i0),
        lx AS (SELECT __e0, __i0, __f0, __p, CASE WHEN __i0 IS NULL OR __oc = 0 THEN 1 WHEN __occ <= __oc THEN 0 ELSE 2 END AS __kind FROM lk),
        sk AS (SELECT w.__e0, w.__i0, w.__f0, w.__p, ROW_NUMBER() OVER (PARTITION BY w.__e0, w.__i0 ORDER BY w.__p) AS __occ, COALESCE(c.__c, 0) AS __oc FROM sw w LEFT JOIN lc c ON w.__e0 = c.__e0 AND w.__i0 = c.__i0),
        sx AS (SELECT __e0, __i0, __f0, __p, CASE WHEN __i0 IS NULL OR __oc = 0 THEN 1 WHEN __occ <= __oc THEN 0 ELSE 2 END AS __kind FROM sk),
        pr AS (SELECT l.__e0, l.__p AS __lp, s.__p AS __sp, COALESCE(l.__f0 <=> s.__f0 OR (isnan(l.__f0) AND isnan(s.__f0)) OR ((abs(l.__f0 - s.__f0) < CAST('Infinity' AS DOUBLE)) AND abs(l.__f0 - s.__f0) <= 0.01), FALSE) AS __a0, (COALESCE(l.__f0 <=> s.__f0 OR (isnan(l.__f0) AND isnan(s.__f0)) OR ((abs(l.__f0 - s.__f0) < CAST('Infinity' AS DOUBLE)) AND abs(l.__f0 - s.__f0) <= 0.01), FALSE)) AS __ok, FALSE AS __td, NOT ((COALESCE(l.__f0 <=> s.__f0 OR (isnan(l.__f0) AND isnan(s.__f0)) OR ((abs(l.__f0 - s.__f0) < CAST('Infinity' AS DOUBLE)) AND abs(l.__f0 - s.__f0) <= 0.01), FALSE))) AS __od FROM lk l JOIN sk s ON l.__e0 = s.__e0 AND l.__i0 = s.__i0 AND l.__occ = s.__occ),
        pe AS (SELECT __e0, COUNT(*) AS __k, COALESCE(SUM(CASE WHEN __lp <> __sp THEN 1 ELSE 0 END), 0) AS __mv, COALESCE(SUM(CASE WHEN NOT __ok THEN 1 ELSE 0 END), 0) AS __bad, COALESCE(SUM(CASE WHEN __td THEN 1 ELSE 0 END), 0) AS __ts, COALESCE(SUM(CASE WHEN __od THEN 1 ELSE 0 END), 0) AS __ch FROM pr GROUP BY __e0),
        pm AS (SELECT pr.__e0, pr.__lp, pr.__sp FROM pr JOIN pe ON pr.__e0 = pe.__e0 WHERE pe.__mv > 0),
        inv AS (SELECT a.__e0, COUNT(*) AS __inv FROM pm a JOIN pm b ON a.__e0 = b.__e0 AND a.__lp < b.__lp AND a.__sp > b.__sp GROUP BY a.__e0),
        ln AS (SELECT __e0, COUNT(*) AS __n, COALESCE(SUM(CASE WHEN __kind = 1 THEN 1 ELSE 0 END), 0) AS __u1, COALESCE(SUM(CASE WHEN __kind = 2 THEN 1 ELSE 0 END), 0) AS __u2, MIN(CASE WHEN __kind <> 1 THEN __p END) AS __h, MAX(CASE WHEN __kind <> 1 THEN __p END) AS __t FROM lx GROUP BY __e0),
        sn AS (SELECT __e0, COUNT(*) AS __n, COALESCE(SUM(CASE WHEN __kind = 1 THEN 1 ELSE 0 END), 0) AS __u1, COALESCE(SUM(CASE WHEN __kind = 2 THEN 1 ELSE 0 END), 0) AS __u2, MIN(CASE WHEN __kind <> 1 THEN __p END) AS __h, MAX(CASE WHEN __kind <> 1 THEN __p END) AS __t FROM sx GROUP BY __e0),
        fp AS (SELECT l.__e0, MIN(CASE WHEN l.__kind = 0 AND s.__kind = 0 AND l.__i0 = s.__i0 AND COALESCE(pr.__ok, FALSE) THEN NULL ELSE l.__p END) AS __fd FROM lx l JOIN sx s ON l.__e0 = s.__e0 AND l.__p = s.__p LEFT JOIN pr ON pr.__e0 = s.__e0 AND pr.__sp = s.__p GROUP BY l.__e0),
        en AS (SELECT COALESCE(ln.__e0, sn.__e0) AS __e0, COALESCE(ln.__n, 0) AS n, COALESCE(sn.__n, 0) AS m, COALESCE(ln.__u1, 0) AS lu1, COALESCE(sn.__u1, 0) AS su1, COALESCE(ln.__u2, 0) + COALESCE(sn.__u2, 0) AS dup, ln.__h AS hl, sn.__h AS hs, COALESCE(ln.__n, 0) - 1 - ln.__t AS tl, COALESCE(sn.__n, 0) - 1 - sn.__t AS ts FROM ln FULL OUTER JOIN sn ON ln.__e0 = sn.__e0),
        ee AS (SELECT en.*, COALESCE(pe.__k, 0) AS k, COALESCE(pe.__mv, 0) AS mv, COALESCE(pe.__bad, 0) AS bad, COALESCE(pe.__ts, 0) AS tsh, COALESCE(pe.__ch, 0) AS chg, COALESCE(inv.__inv, 0) AS inv, fp.__fd AS fd FROM en LEFT JOIN pe ON en.__e0 = pe.__e0 LEFT JOIN inv ON en.__e0 = inv.__e0 LEFT JOIN fp ON en.__e0 = fp.__e0),
        ec AS (SELECT ee.*, n = m AND k = n AND mv = 0 AND bad = 0 AS exact, CASE WHEN k > 0 AND hl > 0 AND hs = 0 THEN hl ELSE 0 END AS chl, CASE WHEN k > 0 AND hs > 0 AND hl = 0 THEN hs ELSE 0 END AS chs, CASE WHEN k > 0 AND tl > 0 AND ts = 0 THEN tl ELSE 0 END AS ctl, CASE WHEN k > 0 AND ts > 0 AND tl = 0 THEN ts ELSE 0 END AS cts FROM ee),
        ef AS (SELECT ec.*, chl + chs AS cut_head, ctl + cts AS cut_tail, lu1 - chl - ctl AS missing_events, su1 - chs - cts AS extra_events, COALESCE(fd, LEAST(n, m)) AS fdiv, GREATEST(n, m) AS mx FROM ec),
        agg AS (SELECT COUNT(*) AS entities, COALESCE(SUM(CASE WHEN n > 0 THEN 1 ELSE 0 END), 0) AS legacy_entities, COALESCE(SUM(CASE WHEN m > 0 THEN 1 ELSE 0 END), 0) AS shadow_entities, COALESCE(SUM(CASE WHEN exact THEN 1 ELSE 0 END), 0) AS exact, COALESCE(SUM(CASE WHEN NOT exact THEN 1 ELSE 0 END), 0) AS differing, COALESCE(SUM(CASE WHEN m = 0 THEN 1 ELSE 0 END), 0) AS missing_entities, COALESCE(SUM(CASE WHEN n = 0 THEN 1 ELSE 0 END), 0) AS extra_entities, COALESCE(SUM(n), 0) AS legacy_compared, COALESCE(SUM(m), 0) AS shadow_compared, COALESCE(SUM(m - n), 0) AS length_delta, COALESCE(SUM(CASE WHEN m > n THEN 1 ELSE 0 END), 0) AS shadow_longer, COALESCE(SUM(CASE WHEN m < n THEN 1 ELSE 0 END), 0) AS shadow_shorter, COALESCE(SUM(CASE WHEN k >= 2 THEN 1 ELSE 0 END), 0) AS kendall_entities, COALESCE(SUM(CASE WHEN k >= 2 THEN 1.0E0 - CAST(4 * inv AS DOUBLE) / CAST(k * (k - 1) AS DOUBLE) END), 0) AS kendall_sum, COALESCE(SUM(CASE WHEN NOT exact AND cut_head > 0 THEN 1 ELSE 0 END), 0) AS class_cut_head_entities, COALESCE(SUM(CASE WHEN NOT exact THEN cut_head ELSE 0 END), 0) AS class_cut_head_events, COALESCE(SUM(CASE WHEN NOT exact AND cut_tail > 0 THEN 1 ELSE 0 END), 0) AS class_cut_tail_entities, COALESCE(SUM(CASE WHEN NOT exact THEN cut_tail ELSE 0 END), 0) AS class_cut_tail_events, COALESCE(SUM(CASE WHEN NOT exact AND inv > 0 THEN 1 ELSE 0 END), 0) AS class_reordered_entities, COALESCE(SUM(CASE WHEN NOT exact AND dup > 0 THEN 1 ELSE 0 END), 0) AS class_duplicated_entities, COALESCE(SUM(CASE WHEN NOT exact THEN dup ELSE 0 END), 0) AS class_duplicated_events, COALESCE(SUM(CASE WHEN NOT exact AND missing_events > 0 THEN 1 ELSE 0 END), 0) AS class_missing_entities, COALESCE(SUM(CASE WHEN NOT exact THEN missing_events ELSE 0 END), 0) AS class_missing_events, COALESCE(SUM(CASE WHEN NOT exact AND extra_events > 0 THEN 1 ELSE 0 END), 0) AS class_extra_entities, COALESCE(SUM(CASE WHEN NOT exact THEN extra_events ELSE 0 END), 0) AS class_extra_events, COALESCE(SUM(CASE WHEN NOT exact AND tsh > 0 THEN 1 ELSE 0 END), 0) AS class_time_shifted_entities, COALESCE(SUM(CASE WHEN NOT exact THEN tsh ELSE 0 END), 0) AS class_time_shifted_events, COALESCE(SUM(CASE WHEN NOT exact AND chg > 0 THEN 1 ELSE 0 END), 0) AS class_changed_entities, COALESCE(SUM(CASE WHEN NOT exact THEN chg ELSE 0 END), 0) AS class_changed_events, COALESCE(SUM(CASE WHEN NOT exact AND fdiv >= 0 AND fdiv <= 0 THEN 1 ELSE 0 END), 0) AS first_divergence_abs_0, COALESCE(SUM(CASE WHEN NOT exact AND fdiv >= 1 AND fdiv <= 1 THEN 1 ELSE 0 END), 0) AS first_divergence_abs_1, COALESCE(SUM(CASE WHEN NOT exact AND fdiv >= 2 AND fdiv <= 4 THEN 1 ELSE 0 END), 0) AS first_divergence_abs_2, COALESCE(SUM(CASE WHEN NOT exact AND fdiv >= 5 AND fdiv <= 9 THEN 1 ELSE 0 END), 0) AS first_divergence_abs_3, COALESCE(SUM(CASE WHEN NOT exact AND fdiv >= 10 AND fdiv <= 19 THEN 1 ELSE 0 END), 0) AS first_divergence_abs_4, COALESCE(SUM(CASE WHEN NOT exact AND fdiv >= 20 AND fdiv <= 49 THEN 1 ELSE 0 END), 0) AS first_divergence_abs_5, COALESCE(SUM(CASE WHEN NOT exact AND fdiv >= 50 AND fdiv <= 99 THEN 1 ELSE 0 END), 0) AS first_divergence_abs_6, COALESCE(SUM(CASE WHEN NOT exact AND fdiv >= 100 THEN 1 ELSE 0 END), 0) AS first_divergence_abs_7, COALESCE(SUM(CASE WHEN NOT exact AND LEAST(4, FLOOR(CAST(fdiv AS DOUBLE) / CAST(mx AS DOUBLE) * 5)) = 0 THEN 1 ELSE 0 END), 0) AS first_divergence_rel_0, COALESCE(SUM(CASE WHEN NOT exact AND LEAST(4, FLOOR(CAST(fdiv AS DOUBLE) / CAST(mx AS DOUBLE) * 5)) = 1 THEN 1 ELSE 0 END), 0) AS first_divergence_rel_1, COALESCE(SUM(CASE WHEN NOT exact AND LEAST(4, FLOOR(CAST(fdiv AS DOUBLE) / CAST(mx AS DOUBLE) * 5)) = 2 THEN 1 ELSE 0 END), 0) AS first_divergence_rel_2, COALESCE(SUM(CASE WHEN NOT exact AND LEAST(4, FLOOR(CAST(fdiv AS DOUBLE) / CAST(mx AS DOUBLE) * 5)) = 3 THEN 1 ELSE 0 END), 0) AS first_divergence_rel_3, COALESCE(SUM(CASE WHEN NOT exact AND LEAST(4, FLOOR(CAST(fdiv AS DOUBLE) / CAST(mx AS DOUBLE) * 5)) = 4 THEN 1 ELSE 0 END), 0) AS first_divergence_rel_4 FROM ef),
        fm AS (SELECT COUNT(*) AS pairs, COALESCE(SUM(CASE WHEN NOT __a0 THEN 1 ELSE 0 END), 0) AS \`mismatches_price\` FROM pr)
      SELECT
        (SELECT COUNT(*) FROM l0) AS legacy_rows,
        (SELECT COALESCE(SUM(CASE WHEN __e0 IS NULL THEN 1 ELSE 0 END), 0) FROM l0) AS legacy_missing_entity,
        (SELECT COALESCE(SUM(CASE WHEN __i0 IS NULL THEN 1 ELSE 0 END), 0) FROM l0) AS legacy_missing_id,
        (SELECT COALESCE(SUM(CASE WHEN __o0 IS NULL THEN 1 ELSE 0 END), 0) FROM l0) AS legacy_missing_order,
        0 AS legacy_drop_type,
        0 AS legacy_drop_time,
        0 AS legacy_drop_no_time,
        0 AS legacy_drop_dedup,
        (SELECT COUNT(*) FROM l1) - (SELECT COUNT(*) FROM lw) AS legacy_drop_truncated,
        (SELECT COUNT(*) FROM s0) AS shadow_rows,
        (SELECT COALESCE(SUM(CASE WHEN __e0 IS NULL THEN 1 ELSE 0 END), 0) FROM s0) AS shadow_missing_entity,
        (SELECT COALESCE(SUM(CASE WHEN __i0 IS NULL THEN 1 ELSE 0 END), 0) FROM s0) AS shadow_missing_id,
        (SELECT COALESCE(SUM(CASE WHEN __o0 IS NULL THEN 1 ELSE 0 END), 0) FROM s0) AS shadow_missing_order,
        0 AS shadow_drop_type,
        0 AS shadow_drop_time,
        0 AS shadow_drop_no_time,
        0 AS shadow_drop_dedup,
        (SELECT COUNT(*) FROM s1) - (SELECT COUNT(*) FROM sw) AS shadow_drop_truncated,
        agg.*,
        fm.\`mismatches_price\`
      FROM agg CROSS JOIN fm"
    `);
    expect(plan.examples.split('\n').slice(-4).join('\n')).toMatchInlineSnapshot(`
      "SELECT __e0 AS \`user\`, n AS legacy_length, m AS shadow_length, k AS common, fdiv AS first_divergence, cut_head AS cut_head, cut_tail AS cut_tail, inv AS reordered_inversions, dup AS duplicated, missing_events AS missing, extra_events AS extra, tsh AS time_shifted, chg AS changed
      FROM ef WHERE NOT exact
      ORDER BY __e0
      LIMIT 10"
    `);
  });

  test('trino', () => {
    const plan = emitSequenceSql({ ...small, entity: ['tenant', 'user'], orderBy: [{ path: 'ts', direction: 'desc' }], window: { types: ['click'], asOf: '2026-11-01T00:00:00Z', within: '7d' }, dedup: 'consecutive' }, { dialect: 'trino', legacy: 'hive.web.events_v1', shadow: 'hive.web.events_v2' });
    expect(plan.counts).toMatchInlineSnapshot(`
      "WITH l0 AS (SELECT t."tenant" AS __e0, t."user" AS __e1, t."id" AS __i0, t."ts" AS __o0, t."type" AS __ty, to_unixtime(t."ts") * 1000 AS __tm, t."price" AS __f0 FROM hive.web.events_v1 t),
        l1 AS (SELECT __e0, __e1, __i0, __o0, __ty, __tm, __f0 FROM l0 WHERE __e0 IS NOT NULL AND __e1 IS NOT NULL AND __o0 IS NOT NULL),
        l2 AS (SELECT __e0, __e1, __i0, __o0, __ty, __tm, __f0 FROM l1 WHERE __ty IN ('click')),
        l3 AS (SELECT __e0, __e1, __i0, __o0, __ty, __tm, __f0 FROM l2 WHERE __tm IS NOT NULL AND __tm > 1792886400000 AND __tm <= 1793491200000),
        l4a AS (SELECT __e0, __e1, __i0, __o0, __ty, __tm, __f0, LAG(__i0) OVER (PARTITION BY __e0, __e1 ORDER BY __o0 DESC, __i0 ASC NULLS LAST) AS __pi0 FROM l3),
        l4 AS (SELECT __e0, __e1, __i0, __o0, __ty, __tm, __f0 FROM l4a WHERE NOT COALESCE(__pi0 = __i0, FALSE)),
        lw AS (SELECT __e0, __e1, __i0, __f0, ROW_NUMBER() OVER (PARTITION BY __e0, __e1 ORDER BY __o0 DESC, __i0 ASC NULLS LAST) - 1 AS __p FROM l4),
        lc AS (SELECT __e0, __e1, __i0, COUNT(*) AS __c FROM lw WHERE __i0 IS NOT NULL GROUP BY __e0, __e1, __i0),
        s0 AS (SELECT t."tenant" AS __e0, t."user" AS __e1, t."id" AS __i0, t."ts" AS __o0, t."type" AS __ty, to_unixtime(t."ts") * 1000 AS __tm, t."price" AS __f0 FROM hive.web.events_v2 t),
        s1 AS (SELECT __e0, __e1, __i0, __o0, __ty, __tm, __f0 FROM s0 WHERE __e0 IS NOT NULL AND __e1 IS NOT NULL AND __o0 IS NOT NULL),
        s2 AS (SELECT __e0, __e1, __i0, __o0, __ty, __tm, __f0 FROM s1 WHERE __ty IN ('click')),
        s3 AS (SELECT __e0, __e1, __i0, __o0, __ty, __tm, __f0 FROM s2 WHERE __tm IS NOT NULL AND __tm > 1792886400000 AND __tm <= 1793491200000),
        s4a AS (SELECT __e0, __e1, __i0, __o0, __ty, __tm, __f0, LAG(__i0) OVER (PARTITION BY __e0, __e1 ORDER BY __o0 DESC, __i0 ASC NULLS LAST) AS __pi0 FROM s3),
        s4 AS (SELECT __e0, __e1, __i0, __o0, __ty, __tm, __f0 FROM s4a WHERE NOT COALESCE(__pi0 = __i0, FALSE)),
        sw AS (SELECT __e0, __e1, __i0, __f0, ROW_NUMBER() OVER (PARTITION BY __e0, __e1 ORDER BY __o0 DESC, __i0 ASC NULLS LAST) - 1 AS __p FROM s4),
        sc AS (SELECT __e0, __e1, __i0, COUNT(*) AS __c FROM sw WHERE __i0 IS NOT NULL GROUP BY __e0, __e1, __i0),
        lk AS (SELECT w.__e0, w.__e1, w.__i0, w.__f0, w.__p, ROW_NUMBER() OVER (PARTITION BY w.__e0, w.__e1, w.__i0 ORDER BY w.__p) AS __occ, COALESCE(c.__c, 0) AS __oc FROM lw w LEFT JOIN sc c ON w.__e0 = c.__e0 AND w.__e1 = c.__e1 AND w.__i0 = c.__i0),
        lx AS (SELECT __e0, __e1, __i0, __f0, __p, CASE WHEN __i0 IS NULL OR __oc = 0 THEN 1 WHEN __occ <= __oc THEN 0 ELSE 2 END AS __kind FROM lk),
        sk AS (SELECT w.__e0, w.__e1, w.__i0, w.__f0, w.__p, ROW_NUMBER() OVER (PARTITION BY w.__e0, w.__e1, w.__i0 ORDER BY w.__p) AS __occ, COALESCE(c.__c, 0) AS __oc FROM sw w LEFT JOIN lc c ON w.__e0 = c.__e0 AND w.__e1 = c.__e1 AND w.__i0 = c.__i0),
        sx AS (SELECT __e0, __e1, __i0, __f0, __p, CASE WHEN __i0 IS NULL OR __oc = 0 THEN 1 WHEN __occ <= __oc THEN 0 ELSE 2 END AS __kind FROM sk),
        pr AS (SELECT l.__e0, l.__e1, l.__p AS __lp, s.__p AS __sp, COALESCE(l.__f0 IS NOT DISTINCT FROM s.__f0 OR (is_nan(l.__f0) AND is_nan(s.__f0)) OR (is_finite(l.__f0 - s.__f0) AND abs(l.__f0 - s.__f0) <= 0.01), FALSE) AS __a0, (COALESCE(l.__f0 IS NOT DISTINCT FROM s.__f0 OR (is_nan(l.__f0) AND is_nan(s.__f0)) OR (is_finite(l.__f0 - s.__f0) AND abs(l.__f0 - s.__f0) <= 0.01), FALSE)) AS __ok, FALSE AS __td, NOT ((COALESCE(l.__f0 IS NOT DISTINCT FROM s.__f0 OR (is_nan(l.__f0) AND is_nan(s.__f0)) OR (is_finite(l.__f0 - s.__f0) AND abs(l.__f0 - s.__f0) <= 0.01), FALSE))) AS __od FROM lk l JOIN sk s ON l.__e0 = s.__e0 AND l.__e1 = s.__e1 AND l.__i0 = s.__i0 AND l.__occ = s.__occ),
        pe AS (SELECT __e0, __e1, COUNT(*) AS __k, COALESCE(SUM(CASE WHEN __lp <> __sp THEN 1 ELSE 0 END), 0) AS __mv, COALESCE(SUM(CASE WHEN NOT __ok THEN 1 ELSE 0 END), 0) AS __bad, COALESCE(SUM(CASE WHEN __td THEN 1 ELSE 0 END), 0) AS __ts, COALESCE(SUM(CASE WHEN __od THEN 1 ELSE 0 END), 0) AS __ch FROM pr GROUP BY __e0, __e1),
        pm AS (SELECT pr.__e0, pr.__e1, pr.__lp, pr.__sp FROM pr JOIN pe ON pr.__e0 = pe.__e0 AND pr.__e1 = pe.__e1 WHERE pe.__mv > 0),
        inv AS (SELECT a.__e0, a.__e1, COUNT(*) AS __inv FROM pm a JOIN pm b ON a.__e0 = b.__e0 AND a.__e1 = b.__e1 AND a.__lp < b.__lp AND a.__sp > b.__sp GROUP BY a.__e0, a.__e1),
        ln AS (SELECT __e0, __e1, COUNT(*) AS __n, COALESCE(SUM(CASE WHEN __kind = 1 THEN 1 ELSE 0 END), 0) AS __u1, COALESCE(SUM(CASE WHEN __kind = 2 THEN 1 ELSE 0 END), 0) AS __u2, MIN(CASE WHEN __kind <> 1 THEN __p END) AS __h, MAX(CASE WHEN __kind <> 1 THEN __p END) AS __t FROM lx GROUP BY __e0, __e1),
        sn AS (SELECT __e0, __e1, COUNT(*) AS __n, COALESCE(SUM(CASE WHEN __kind = 1 THEN 1 ELSE 0 END), 0) AS __u1, COALESCE(SUM(CASE WHEN __kind = 2 THEN 1 ELSE 0 END), 0) AS __u2, MIN(CASE WHEN __kind <> 1 THEN __p END) AS __h, MAX(CASE WHEN __kind <> 1 THEN __p END) AS __t FROM sx GROUP BY __e0, __e1),
        fp AS (SELECT l.__e0, l.__e1, MIN(CASE WHEN l.__kind = 0 AND s.__kind = 0 AND l.__i0 = s.__i0 AND COALESCE(pr.__ok, FALSE) THEN NULL ELSE l.__p END) AS __fd FROM lx l JOIN sx s ON l.__e0 = s.__e0 AND l.__e1 = s.__e1 AND l.__p = s.__p LEFT JOIN pr ON pr.__e0 = s.__e0 AND pr.__e1 = s.__e1 AND pr.__sp = s.__p GROUP BY l.__e0, l.__e1),
        en AS (SELECT COALESCE(ln.__e0, sn.__e0) AS __e0, COALESCE(ln.__e1, sn.__e1) AS __e1, COALESCE(ln.__n, 0) AS n, COALESCE(sn.__n, 0) AS m, COALESCE(ln.__u1, 0) AS lu1, COALESCE(sn.__u1, 0) AS su1, COALESCE(ln.__u2, 0) + COALESCE(sn.__u2, 0) AS dup, ln.__h AS hl, sn.__h AS hs, COALESCE(ln.__n, 0) - 1 - ln.__t AS tl, COALESCE(sn.__n, 0) - 1 - sn.__t AS ts FROM ln FULL OUTER JOIN sn ON ln.__e0 = sn.__e0 AND ln.__e1 = sn.__e1),
        ee AS (SELECT en.*, COALESCE(pe.__k, 0) AS k, COALESCE(pe.__mv, 0) AS mv, COALESCE(pe.__bad, 0) AS bad, COALESCE(pe.__ts, 0) AS tsh, COALESCE(pe.__ch, 0) AS chg, COALESCE(inv.__inv, 0) AS inv, fp.__fd AS fd FROM en LEFT JOIN pe ON en.__e0 = pe.__e0 AND en.__e1 = pe.__e1 LEFT JOIN inv ON en.__e0 = inv.__e0 AND en.__e1 = inv.__e1 LEFT JOIN fp ON en.__e0 = fp.__e0 AND en.__e1 = fp.__e1),
        ec AS (SELECT ee.*, n = m AND k = n AND mv = 0 AND bad = 0 AS exact, CASE WHEN k > 0 AND hl > 0 AND hs = 0 THEN hl ELSE 0 END AS chl, CASE WHEN k > 0 AND hs > 0 AND hl = 0 THEN hs ELSE 0 END AS chs, CASE WHEN k > 0 AND tl > 0 AND ts = 0 THEN tl ELSE 0 END AS ctl, CASE WHEN k > 0 AND ts > 0 AND tl = 0 THEN ts ELSE 0 END AS cts FROM ee),
        ef AS (SELECT ec.*, chl + chs AS cut_head, ctl + cts AS cut_tail, lu1 - chl - ctl AS missing_events, su1 - chs - cts AS extra_events, COALESCE(fd, LEAST(n, m)) AS fdiv, GREATEST(n, m) AS mx FROM ec),
        agg AS (SELECT COUNT(*) AS entities, COALESCE(SUM(CASE WHEN n > 0 THEN 1 ELSE 0 END), 0) AS legacy_entities, COALESCE(SUM(CASE WHEN m > 0 THEN 1 ELSE 0 END), 0) AS shadow_entities, COALESCE(SUM(CASE WHEN exact THEN 1 ELSE 0 END), 0) AS exact, COALESCE(SUM(CASE WHEN NOT exact THEN 1 ELSE 0 END), 0) AS differing, COALESCE(SUM(CASE WHEN m = 0 THEN 1 ELSE 0 END), 0) AS missing_entities, COALESCE(SUM(CASE WHEN n = 0 THEN 1 ELSE 0 END), 0) AS extra_entities, COALESCE(SUM(n), 0) AS legacy_compared, COALESCE(SUM(m), 0) AS shadow_compared, COALESCE(SUM(m - n), 0) AS length_delta, COALESCE(SUM(CASE WHEN m > n THEN 1 ELSE 0 END), 0) AS shadow_longer, COALESCE(SUM(CASE WHEN m < n THEN 1 ELSE 0 END), 0) AS shadow_shorter, COALESCE(SUM(CASE WHEN k >= 2 THEN 1 ELSE 0 END), 0) AS kendall_entities, COALESCE(SUM(CASE WHEN k >= 2 THEN 1.0E0 - CAST(4 * inv AS DOUBLE) / CAST(k * (k - 1) AS DOUBLE) END), 0) AS kendall_sum, COALESCE(SUM(CASE WHEN NOT exact AND cut_head > 0 THEN 1 ELSE 0 END), 0) AS class_cut_head_entities, COALESCE(SUM(CASE WHEN NOT exact THEN cut_head ELSE 0 END), 0) AS class_cut_head_events, COALESCE(SUM(CASE WHEN NOT exact AND cut_tail > 0 THEN 1 ELSE 0 END), 0) AS class_cut_tail_entities, COALESCE(SUM(CASE WHEN NOT exact THEN cut_tail ELSE 0 END), 0) AS class_cut_tail_events, COALESCE(SUM(CASE WHEN NOT exact AND inv > 0 THEN 1 ELSE 0 END), 0) AS class_reordered_entities, COALESCE(SUM(CASE WHEN NOT exact AND dup > 0 THEN 1 ELSE 0 END), 0) AS class_duplicated_entities, COALESCE(SUM(CASE WHEN NOT exact THEN dup ELSE 0 END), 0) AS class_duplicated_events, COALESCE(SUM(CASE WHEN NOT exact AND missing_events > 0 THEN 1 ELSE 0 END), 0) AS class_missing_entities, COALESCE(SUM(CASE WHEN NOT exact THEN missing_events ELSE 0 END), 0) AS class_missing_events, COALESCE(SUM(CASE WHEN NOT exact AND extra_events > 0 THEN 1 ELSE 0 END), 0) AS class_extra_entities, COALESCE(SUM(CASE WHEN NOT exact THEN extra_events ELSE 0 END), 0) AS class_extra_events, COALESCE(SUM(CASE WHEN NOT exact AND tsh > 0 THEN 1 ELSE 0 END), 0) AS class_time_shifted_entities, COALESCE(SUM(CASE WHEN NOT exact THEN tsh ELSE 0 END), 0) AS class_time_shifted_events, COALESCE(SUM(CASE WHEN NOT exact AND chg > 0 THEN 1 ELSE 0 END), 0) AS class_changed_entities, COALESCE(SUM(CASE WHEN NOT exact THEN chg ELSE 0 END), 0) AS class_changed_events, COALESCE(SUM(CASE WHEN NOT exact AND fdiv >= 0 AND fdiv <= 0 THEN 1 ELSE 0 END), 0) AS first_divergence_abs_0, COALESCE(SUM(CASE WHEN NOT exact AND fdiv >= 1 AND fdiv <= 1 THEN 1 ELSE 0 END), 0) AS first_divergence_abs_1, COALESCE(SUM(CASE WHEN NOT exact AND fdiv >= 2 AND fdiv <= 4 THEN 1 ELSE 0 END), 0) AS first_divergence_abs_2, COALESCE(SUM(CASE WHEN NOT exact AND fdiv >= 5 AND fdiv <= 9 THEN 1 ELSE 0 END), 0) AS first_divergence_abs_3, COALESCE(SUM(CASE WHEN NOT exact AND fdiv >= 10 AND fdiv <= 19 THEN 1 ELSE 0 END), 0) AS first_divergence_abs_4, COALESCE(SUM(CASE WHEN NOT exact AND fdiv >= 20 AND fdiv <= 49 THEN 1 ELSE 0 END), 0) AS first_divergence_abs_5, COALESCE(SUM(CASE WHEN NOT exact AND fdiv >= 50 AND fdiv <= 99 THEN 1 ELSE 0 END), 0) AS first_divergence_abs_6, COALESCE(SUM(CASE WHEN NOT exact AND fdiv >= 100 THEN 1 ELSE 0 END), 0) AS first_divergence_abs_7, COALESCE(SUM(CASE WHEN NOT exact AND LEAST(4, FLOOR(CAST(fdiv AS DOUBLE) / CAST(mx AS DOUBLE) * 5)) = 0 THEN 1 ELSE 0 END), 0) AS first_divergence_rel_0, COALESCE(SUM(CASE WHEN NOT exact AND LEAST(4, FLOOR(CAST(fdiv AS DOUBLE) / CAST(mx AS DOUBLE) * 5)) = 1 THEN 1 ELSE 0 END), 0) AS first_divergence_rel_1, COALESCE(SUM(CASE WHEN NOT exact AND LEAST(4, FLOOR(CAST(fdiv AS DOUBLE) / CAST(mx AS DOUBLE) * 5)) = 2 THEN 1 ELSE 0 END), 0) AS first_divergence_rel_2, COALESCE(SUM(CASE WHEN NOT exact AND LEAST(4, FLOOR(CAST(fdiv AS DOUBLE) / CAST(mx AS DOUBLE) * 5)) = 3 THEN 1 ELSE 0 END), 0) AS first_divergence_rel_3, COALESCE(SUM(CASE WHEN NOT exact AND LEAST(4, FLOOR(CAST(fdiv AS DOUBLE) / CAST(mx AS DOUBLE) * 5)) = 4 THEN 1 ELSE 0 END), 0) AS first_divergence_rel_4 FROM ef),
        fm AS (SELECT COUNT(*) AS pairs, COALESCE(SUM(CASE WHEN NOT __a0 THEN 1 ELSE 0 END), 0) AS "mismatches_price" FROM pr)
      SELECT
        (SELECT COUNT(*) FROM l0) AS legacy_rows,
        (SELECT COALESCE(SUM(CASE WHEN __e0 IS NULL OR __e1 IS NULL THEN 1 ELSE 0 END), 0) FROM l0) AS legacy_missing_entity,
        (SELECT COALESCE(SUM(CASE WHEN __i0 IS NULL THEN 1 ELSE 0 END), 0) FROM l0) AS legacy_missing_id,
        (SELECT COALESCE(SUM(CASE WHEN __o0 IS NULL THEN 1 ELSE 0 END), 0) FROM l0) AS legacy_missing_order,
        (SELECT COUNT(*) FROM l1) - (SELECT COUNT(*) FROM l2) AS legacy_drop_type,
        (SELECT COUNT(*) FROM l2) - (SELECT COUNT(*) FROM l3) - (SELECT COUNT(*) FROM l2 WHERE __tm IS NULL) AS legacy_drop_time,
        (SELECT COUNT(*) FROM l2 WHERE __tm IS NULL) AS legacy_drop_no_time,
        (SELECT COUNT(*) FROM l3) - (SELECT COUNT(*) FROM l4) AS legacy_drop_dedup,
        0 AS legacy_drop_truncated,
        (SELECT COUNT(*) FROM s0) AS shadow_rows,
        (SELECT COALESCE(SUM(CASE WHEN __e0 IS NULL OR __e1 IS NULL THEN 1 ELSE 0 END), 0) FROM s0) AS shadow_missing_entity,
        (SELECT COALESCE(SUM(CASE WHEN __i0 IS NULL THEN 1 ELSE 0 END), 0) FROM s0) AS shadow_missing_id,
        (SELECT COALESCE(SUM(CASE WHEN __o0 IS NULL THEN 1 ELSE 0 END), 0) FROM s0) AS shadow_missing_order,
        (SELECT COUNT(*) FROM s1) - (SELECT COUNT(*) FROM s2) AS shadow_drop_type,
        (SELECT COUNT(*) FROM s2) - (SELECT COUNT(*) FROM s3) - (SELECT COUNT(*) FROM s2 WHERE __tm IS NULL) AS shadow_drop_time,
        (SELECT COUNT(*) FROM s2 WHERE __tm IS NULL) AS shadow_drop_no_time,
        (SELECT COUNT(*) FROM s3) - (SELECT COUNT(*) FROM s4) AS shadow_drop_dedup,
        0 AS shadow_drop_truncated,
        agg.*,
        fm."mismatches_price"
      FROM agg CROSS JOIN fm"
    `);
  });

  test('the plan names what it computes and what SQL cannot', () => {
    const plan = emitSequenceSql(small, { dialect: 'trino' });
    expect(plan.notComputed.map((x) => x.metric)).toEqual(['metrics.meanEditDistance', 'metrics.precision', 'metrics.recall', 'metrics.rbo', 'classes.reordered.events', 'examples (identities around the first divergence)']);
    expect(plan.fields).toEqual([{ field: 'price', column: 'price', rule: 'abs 0.01', time: false }]);
  });
});

describe('emitSequenceSql, bad input', () => {
  const err = (c: unknown, o: unknown = { dialect: 'duckdb' }) => {
    try {
      emitSequenceSql(c as SqlSequenceComparison, o as { dialect: 'duckdb' });
    } catch (e) {
      expect(e).toBeInstanceOf(ShadowOptionError);
      expect(e).toBeInstanceOf(TypeError);
      return (e as Error).message;
    }
    throw new Error('no error thrown');
  };

  test('an unknown timeType names the two', () => {
    expect(err(small, { dialect: 'spark', timeType: 'unix' })).toMatchInlineSnapshot(`"emitSequenceSql: timeType must be one of 'timestamp', 'epoch-ms', got "unix""`);
  });

  test('an unknown dialect names the dialects', () => {
    expect(err(small, { dialect: 'postgres' })).toMatchInlineSnapshot(`"emitSequenceSql: dialect must be one of 'duckdb', 'spark', 'trino', got "postgres""`);
  });

  test('a missing entity, order or id column names the option and an example', () => {
    expect(err({ orderBy: 'ts', id: 'id' })).toMatchInlineSnapshot(`"emitSequenceSql: comparison.entity is required: the column (or columns) whose sequence an event belongs to, e.g. entity: 'userId'"`);
    expect(err({ entity: 'user', id: 'id' })).toMatchInlineSnapshot(`"emitSequenceSql: comparison.orderBy is required: the column (or columns) that order a sequence, e.g. orderBy: 'ts'"`);
    expect(err({ entity: 'user', orderBy: 'ts' })).toMatchInlineSnapshot(`"emitSequenceSql: comparison.id is required for SQL: the event identity column (or columns) that pairs legacy and shadow events, e.g. id: 'eventId' (the whole-event identity of compareSequences has no SQL form)"`);
    expect(err({ ...small, entity: (r: { user: string }) => r.user })).toMatchInlineSnapshot(`"emitSequenceSql: entity must be a column or a non-empty array of columns (SQL groups on it), e.g. entity: 'userId', got a function; a function needs compareSequences on loaded rows"`);
  });

  test('rules and options SQL cannot translate are refused, with the way out', () => {
    expect(err({ ...small, fields: { name: { normalize: 'trim' } } })).toMatchInlineSnapshot(`"emitSequenceSql: fields.name.normalize has no SQL translation here; the plan supports 'exact', 'ignore', { abs, rel } and { time } (run the in-memory engine for the rest)"`);
    expect(err({ ...small, ties: 'stable' })).toMatchInlineSnapshot(`"emitSequenceSql: ties: 'stable' keeps the input row order among tied events, which a SQL table does not have; use ties: 'any' or 'by-id' (ties ordered by id), or run compareSequenceFiles"`);
    expect(err({ ...small, reorderWithinMs: '500ms' })).toMatchInlineSnapshot(`"emitSequenceSql: reorderWithinMs "500ms" has no SQL translation (tolerated swaps are an iterative per-entity pass); set reorderWithinMs: 0 or run compareSequenceFiles"`);
    expect(err({ ...small, assembled: true })).toMatchInlineSnapshot(`"emitSequenceSql: assembled sequences (arrays per row) have no SQL plan here; give the flat events table (one row per event) and set assembled: false, or run compareSequenceFiles"`);
    expect(err({ ...small, compare: 'all' })).toMatchInlineSnapshot(`"emitSequenceSql: compare: 'all' compares every field found on either side, which SQL cannot list; declare the compared columns in fields and set compare: 'declared' (or omit compare)"`);
    expect(err({ ...small, maxMeanEditDistance: 0.01 })).toMatchInlineSnapshot(`"emitSequenceSql: maxMeanEditDistance checks the edit distance, which the SQL plan cannot compute (see docs/sql.md); drop maxMeanEditDistance or run compareSequenceFiles"`);
    expect(err({ ...small, window: { types: ['click', null] } })).toMatchInlineSnapshot(`"emitSequenceSql: window.types must hold strings, finite numbers or booleans for SQL (IN never matches NULL), got null"`);
  });

  test("compareSequences' own validation applies (unknown keys, bad windows)", () => {
    expect(err({ ...small, windw: { last: 5 } })).toMatchInlineSnapshot(`"emitSequenceSql: unknown option 'comparison.windw'; did you mean 'window'?"`);
    expect(err({ ...small, window: { last: 0 } })).toMatchInlineSnapshot(`"emitSequenceSql: window.last must be an integer >= 1, got 0"`);
  });

  test('reportFromSqlSequenceCounts refuses a plan it did not get and thresholds SQL cannot check', () => {
    const plan = emitSequenceSql(small, { dialect: 'duckdb' });
    expect(() => reportFromSqlSequenceCounts({ counts: '' } as never, {})).toThrowErrorMatchingInlineSnapshot(`[ShadowOptionError: reportFromSqlSequenceCounts: plan must be the result of emitSequenceSql]`);
    expect(() => reportFromSqlSequenceCounts(plan, {}, { minRbo: 0.9 } as never)).toThrowErrorMatchingInlineSnapshot(`[ShadowOptionError: reportFromSqlSequenceCounts: unknown option 'thresholds.minRbo'; valid options are 'minExactRate', 'minKendallTau', 'maxMissingEntityRate', 'maxExtraEntityRate', 'label']`);
  });
});
