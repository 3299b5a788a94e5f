import { ShadowOptionError, assertKnownKeys, assertNumber, assertOneOf, assertPlainObject, describeValue } from '../_internal/options.js';
import type { CompareSequencesOptions } from '../sequences/compareSequences.js';
import { ABS_BUCKETS, REL_LABELS } from '../sequences/_internal/classOrder.js';
import { COMPUTED, NOT_COMPUTED, SQL_CLASSES, literal, resolveSqlSequence } from './_internal/sequenceOptions.js';
import type { EmitSqlOptions, SqlDialect } from './emitComparisonSql.js';
import { DIALECTS, agreeSql, epochMsOf, num, pathOn, type Dialect } from './_internal/dialects.js';

/**
 * The sequence comparison the plan computes: compareSequences' options for flat events, with the
 * entity and the identity as columns (SQL groups and joins on them). Fields listed in `fields` are
 * compared (as `compare: 'declared'`); with none, two events are the same when their ids are.
 *
 * @example
 * const c: SqlSequenceComparison = { entity: 'userId', orderBy: 'ts', id: 'eventId', fields: { price: { abs: 0.01 } }, window: { last: 50 } };
 */
export interface SqlSequenceComparison extends Omit<CompareSequencesOptions, 'entity' | 'id' | 'hybrid'> {
  /** The entity column, or columns (a tuple). */
  entity: string | readonly string[];
  /** The event identity column, or columns: SQL pairs events by it (the whole-event identity has no SQL form). */
  id: string | readonly string[];
}

/**
 * A metric of the sequence report the SQL plan does not compute, and why.
 *
 * @example
 * const x: NotComputedInSql = { metric: 'metrics.rbo', why: 'not written in SQL here' };
 */
export interface NotComputedInSql {
  /** The report path: `metrics.meanEditDistance`, `classes.reordered.events`, ... */
  metric: string;
  why: string;
}

/**
 * The sequence plan: two queries, the compared fields, and what SQL computes and what it cannot.
 *
 * @example
 * const plan: SequenceSql = emitSequenceSql({ entity: 'user', orderBy: 'ts', id: 'id' }, { dialect: 'trino' });
 * plan.notComputed.map((x) => x.metric); // => ['metrics.meanEditDistance', 'metrics.precision', ...]
 */
export interface SequenceSql {
  kind: 'sequences';
  dialect: SqlDialect;
  /**
   * One row of counts (see docs/sql.md for every column): rows and what reading left out per side,
   * the window's drops per side, entity counts, exact and differing entities, length deltas, the
   * Kendall tau sum, entities and events per difference class, the first-divergence histograms,
   * and mismatches_<field> per compared field.
   */
  counts: string;
  /** Up to `sample` differing entities by entity: the entity columns (named as in the data), lengths, common events, per-class events, first divergence. */
  examples: string;
  /** The compared fields in column order, with the column-name suffix, rule, and whether the field is the time field. */
  fields: { field: string; column: string; rule: string; time: boolean }[];
  /** The report's metrics the counts row gives. */
  computed: string[];
  /** The report's metrics SQL cannot give here, named with the reason: never silently dropped. */
  notComputed: NotComputedInSql[];
  /** The comparison the plan was written for (read back by reportFromSqlSequenceCounts). */
  comparison: SqlSequenceComparison;
}

const FN = 'emitSequenceSql';

/**
 * Writes a sequence comparison (compareSequences on flat events) as SQL for a warehouse engine:
 * per entity, the events are ordered (`orderBy`, ties by id), windowed (types, time window,
 * dedup, first/last N) on both sides alike, paired by identity (the k-th occurrence in legacy
 * with the k-th in shadow) and compared under the field rules. One query returns the report's
 * counts (rows, what reading left out, the window's drops, entities, exact, differing, missing and
 * extra entities), the Kendall tau sum, the difference classes, the first-divergence histograms
 * and mismatches per field; one returns a bounded sample of differing entities. Metrics SQL cannot
 * compute (edit distance, LCS precision and recall, RBO, events moved by a reordering) are named
 * in `notComputed`, never dropped silently. Run it where the data lives and read the row back with
 * reportFromSqlSequenceCounts. See docs/sql.md for the semantics that carry over and those that
 * do not (tie order, NULL ordering, collation, time zones, NaN).
 *
 * @param comparison - compareSequences' options, with entity and id as columns
 * @param options - the dialect and the two relations
 * @example
 * const plan = emitSequenceSql(
 *   { entity: 'userId', orderBy: 'ts', id: 'eventId', fields: { price: { abs: 0.01 } }, window: { last: 50 } },
 *   { dialect: 'spark', legacy: 'prod.events_v1', shadow: 'prod.events_v2' },
 * );
 * console.log(plan.counts);
 */
export function emitSequenceSql(comparison: SqlSequenceComparison, options: EmitSqlOptions): SequenceSql {
  assertPlainObject(FN, 'options', options as unknown);
  assertKnownKeys(FN, '', options, ['dialect', 'legacy', 'shadow', 'sample', 'timeType'] as const);
  assertOneOf(FN, 'dialect', options.dialect, ['duckdb', 'spark', 'trino'] as const);
  if (options.timeType !== undefined) assertOneOf(FN, 'timeType', options.timeType, ['timestamp', 'epoch-ms'] as const);
  const d: Dialect = DIALECTS[options.dialect];
  const epochMs = epochMsOf(d, options.timeType);
  const { o, entity, id } = resolveSqlSequence(FN, comparison);
  const sample = options.sample ?? 20;
  assertNumber(FN, 'sample', sample, { min: 0, integer: true });
  for (const side of ['legacy', 'shadow'] as const) {
    const v = options[side];
    if (v !== undefined && (typeof v !== 'string' || v.trim() === '')) throw new ShadowOptionError(`${FN}: ${side} must be a table name or SQL relation, got ${describeValue(v)}`);
  }
  const rel = { l: options.legacy ?? 'legacy', s: options.shadow ?? 'shadow' };

  // ── column aliases ──
  const E = entity.map((_, i) => `__e${i}`);
  const I = id.map((_, i) => `__i${i}`);
  const O = o.orderBy.map((_, i) => `__o${i}`);
  const fields: SequenceSql['fields'] = [];
  const rules: { l: string; s: string; sql: string }[] = [];
  const timePath = o.time?.path;
  [...o.fields].forEach(([field, rule]) => {
    if (rule === 'ignore') return;
    const col = `__f${fields.length}`;
    const a = agreeSql(FN, d, field, `l.${col}`, `s.${col}`, rule, epochMs);
    fields.push({ field, column: field, rule: a.rule, time: timePath !== undefined && (field === timePath || field.startsWith(`${timePath}.`)) });
    rules.push({ l: `l.${col}`, s: `s.${col}`, sql: a.sql });
  });
  const F = fields.map((_, i) => `__f${i}`);
  const w = o.window;
  const hasType = w.types !== undefined;
  const hasTime = w.asOfMs !== undefined;
  const cols = [...E, ...I, ...O, ...(hasType ? ['__ty'] : []), ...(hasTime ? ['__tm'] : []), ...F];
  const list = (xs: readonly string[], alias?: string) => xs.map((x) => (alias ? `${alias}.${x}` : x)).join(', ');
  const eq = (xs: readonly string[], a: string, b: string) => xs.map((x) => `${a}.${x} = ${b}.${x}`).join(' AND ');
  const anyNull = (xs: readonly string[]) => xs.map((x) => `${x} IS NULL`).join(' OR ');
  const allNotNull = (xs: readonly string[]) => xs.map((x) => `${x} IS NOT NULL`).join(' AND ');
  const order = [...O.map((c, i) => `${c} ${o.orderBy[i].desc ? 'DESC' : 'ASC'}`), ...I.map((c) => `${c} ASC NULLS LAST`)].join(', ');
  const byE = `PARTITION BY ${list(E)}`;
  const sum = (cond: string) => `COALESCE(SUM(CASE WHEN ${cond} THEN 1 ELSE 0 END), 0)`;
  const cnt = (t: string) => `(SELECT COUNT(*) FROM ${t})`;

  const ctes: string[] = [];
  const sideCounts: Record<'l' | 's', string[]> = { l: [], s: [] };
  for (const x of ['l', 's'] as const) {
    const name = x === 'l' ? 'legacy' : 'shadow';
    const sel = [
      ...entity.map((p, i) => `${pathOn(d, 't', p)} AS ${E[i]}`),
      ...id.map((p, i) => `${pathOn(d, 't', p)} AS ${I[i]}`),
      ...o.orderBy.map((k, i) => `${pathOn(d, 't', k.path)} AS ${O[i]}`),
      ...(hasType ? [`${pathOn(d, 't', w.typePath)} AS __ty`] : []),
      ...(hasTime ? [`${epochMs(pathOn(d, 't', o.time!.path))} AS __tm`] : []),
      ...fields.map((f, i) => `${pathOn(d, 't', f.field)} AS ${F[i]}`),
    ];
    ctes.push(`${x}0 AS (SELECT ${sel.join(', ')} FROM ${rel[x]} t)`);
    ctes.push(`${x}1 AS (SELECT ${list(cols)} FROM ${x}0 WHERE ${allNotNull([...E, ...O])})`);
    let cur = `${x}1`;
    const drops = { type: '0', time: '0', noTime: '0', dedup: '0', truncated: '0' };
    if (hasType) {
      ctes.push(`${x}2 AS (SELECT ${list(cols)} FROM ${cur} WHERE __ty IN (${[...w.types!].map((t) => literal(FN, t)).join(', ')}))`);
      drops.type = `${cnt(cur)} - ${cnt(`${x}2`)}`;
      cur = `${x}2`;
    }
    if (hasTime) {
      const from = w.withinMs !== undefined ? ` AND __tm > ${num(w.asOfMs! - w.withinMs)}` : '';
      ctes.push(`${x}3 AS (SELECT ${list(cols)} FROM ${cur} WHERE __tm IS NOT NULL${from} AND __tm <= ${num(w.asOfMs!)})`);
      drops.noTime = `(SELECT COUNT(*) FROM ${cur} WHERE __tm IS NULL)`;
      drops.time = `${cnt(cur)} - ${cnt(`${x}3`)} - ${drops.noTime}`;
      cur = `${x}3`;
    }
    if (o.dedup === 'by-id') {
      ctes.push(`${x}4a AS (SELECT ${list(cols)}, ROW_NUMBER() OVER (PARTITION BY ${list([...E, ...I])} ORDER BY ${order}) AS __d FROM ${cur})`);
      ctes.push(`${x}4 AS (SELECT ${list(cols)} FROM ${x}4a WHERE ${anyNull(I)} OR __d = 1)`);
      drops.dedup = `${cnt(cur)} - ${cnt(`${x}4`)}`;
      cur = `${x}4`;
    } else if (o.dedup === 'consecutive') {
      ctes.push(`${x}4a AS (SELECT ${list(cols)}, ${I.map((c, i) => `LAG(${c}) OVER (${byE} ORDER BY ${order}) AS __pi${i}`).join(', ')} FROM ${cur})`);
      ctes.push(`${x}4 AS (SELECT ${list(cols)} FROM ${x}4a WHERE NOT COALESCE(${I.map((c, i) => `__pi${i} = ${c}`).join(' AND ')}, FALSE))`);
      drops.dedup = `${cnt(cur)} - ${cnt(`${x}4`)}`;
      cur = `${x}4`;
    }
    // The windowed sequence: 0-based position p in sequence order (after a first/last N cut, from
    // the same row number: one sort fewer).
    if (w.last !== undefined || w.first !== undefined) {
      ctes.push(`${x}5a AS (SELECT ${list(cols)}, ROW_NUMBER() OVER (${byE} ORDER BY ${order}) AS __r, COUNT(*) OVER (${byE}) AS __len FROM ${cur})`);
      const keep = w.last !== undefined ? `__r > __len - ${w.last}` : `__r <= ${w.first}`;
      const p = w.last !== undefined ? `__r - 1 - GREATEST(__len - ${w.last}, 0)` : '__r - 1';
      ctes.push(`${x}w AS (SELECT ${list([...E, ...I, ...F])}, ${p} AS __p FROM ${x}5a WHERE ${keep})`);
      drops.truncated = `${cnt(cur)} - ${cnt(`${x}w`)}`;
    } else {
      ctes.push(`${x}w AS (SELECT ${list([...E, ...I, ...F])}, ROW_NUMBER() OVER (${byE} ORDER BY ${order}) - 1 AS __p FROM ${cur})`);
    }
    // Occurrences of each identity per entity, to pair the k-th in legacy with the k-th in shadow.
    ctes.push(`${x}c AS (SELECT ${list([...E, ...I])}, COUNT(*) AS __c FROM ${x}w WHERE ${allNotNull(I)} GROUP BY ${list([...E, ...I])})`);
    sideCounts[x] = [
      `(SELECT COUNT(*) FROM ${x}0) AS ${name}_rows`,
      `(SELECT ${sum(anyNull(E))} FROM ${x}0) AS ${name}_missing_entity`,
      `(SELECT ${sum(anyNull(I))} FROM ${x}0) AS ${name}_missing_id`,
      `(SELECT ${sum(anyNull(O))} FROM ${x}0) AS ${name}_missing_order`,
      `${drops.type} AS ${name}_drop_type`,
      `${drops.time} AS ${name}_drop_time`,
      `${drops.noTime} AS ${name}_drop_no_time`,
      `${drops.dedup} AS ${name}_drop_dedup`,
      `${drops.truncated} AS ${name}_drop_truncated`,
    ];
  }
  // kind: 0 paired, 1 absent from the other side (or no id), 2 an extra copy of an identity the other side has.
  for (const [x, y] of [['l', 's'], ['s', 'l']] as const) {
    ctes.push(
      `${x}k AS (SELECT ${list([...E, ...I, ...F, '__p'], 'w')}, ROW_NUMBER() OVER (PARTITION BY ${list([...E, ...I], 'w')} ORDER BY w.__p) AS __occ, COALESCE(c.__c, 0) AS __oc FROM ${x}w w LEFT JOIN ${y}c c ON ${eq(E, 'w', 'c')} AND ${eq(I, 'w', 'c')})`,
    );
    ctes.push(`${x}x AS (SELECT ${list([...E, ...I, ...F, '__p'])}, CASE WHEN ${anyNull(I)} OR __oc = 0 THEN 1 WHEN __occ <= __oc THEN 0 ELSE 2 END AS __kind FROM ${x}k)`);
  }
  const agreeAll = rules.length ? rules.map((r) => `(${r.sql})`).join(' AND ') : 'TRUE';
  const timeRules = rules.filter((_, i) => fields[i].time);
  const otherRules = rules.filter((_, i) => !fields[i].time);
  const differs = (rs: typeof rules) => (rs.length ? `NOT (${rs.map((r) => `(${r.sql})`).join(' AND ')})` : 'FALSE');
  ctes.push(
    `pr AS (SELECT ${list(E, 'l')}, l.__p AS __lp, s.__p AS __sp, ${rules.map((r, i) => `${r.sql} AS __a${i}`).concat([`${agreeAll} AS __ok`, `${differs(timeRules)} AS __td`, `${differs(otherRules)} AS __od`]).join(', ')} FROM lk l JOIN sk s ON ${eq(E, 'l', 's')} AND ${eq(I, 'l', 's')} AND l.__occ = s.__occ)`,
  );
  ctes.push(
    `pe AS (SELECT ${list(E)}, COUNT(*) AS __k, ${sum('__lp <> __sp')} AS __mv, ${sum('NOT __ok')} AS __bad, ${sum('__td')} AS __ts, ${sum('__od')} AS __ch FROM pr GROUP BY ${list(E)})`,
  );
  // Inversions (Kendall tau), only where some pair moved: with every pair at the same position there are none.
  ctes.push(`pm AS (SELECT ${list(E, 'pr')}, pr.__lp, pr.__sp FROM pr JOIN pe ON ${eq(E, 'pr', 'pe')} WHERE pe.__mv > 0)`);
  ctes.push(`inv AS (SELECT ${list(E, 'a')}, COUNT(*) AS __inv FROM pm a JOIN pm b ON ${eq(E, 'a', 'b')} AND a.__lp < b.__lp AND a.__sp > b.__sp GROUP BY ${list(E, 'a')})`);
  for (const x of ['l', 's'] as const) {
    ctes.push(
      `${x}n AS (SELECT ${list(E)}, COUNT(*) AS __n, ${sum('__kind = 1')} AS __u1, ${sum('__kind = 2')} AS __u2, MIN(CASE WHEN __kind <> 1 THEN __p END) AS __h, MAX(CASE WHEN __kind <> 1 THEN __p END) AS __t FROM ${x}x GROUP BY ${list(E)})`,
    );
  }
  // First divergence: the first position where the legacy event is not paired with an unchanged shadow event of the same identity there.
  ctes.push(
    `fp AS (SELECT ${list(E, 'l')}, MIN(CASE WHEN l.__kind = 0 AND s.__kind = 0 AND ${eq(I, 'l', 's')} AND COALESCE(pr.__ok, FALSE) THEN NULL ELSE l.__p END) AS __fd FROM lx l JOIN sx s ON ${eq(E, 'l', 's')} AND l.__p = s.__p LEFT JOIN pr ON ${eq(E, 'pr', 's')} AND pr.__sp = s.__p GROUP BY ${list(E, 'l')})`,
  );
  ctes.push(
    `en AS (SELECT ${E.map((c) => `COALESCE(ln.${c}, sn.${c}) AS ${c}`).join(', ')}, COALESCE(ln.__n, 0) AS n, COALESCE(sn.__n, 0) AS m, COALESCE(ln.__u1, 0) AS lu1, COALESCE(sn.__u1, 0) AS su1, COALESCE(ln.__u2, 0) + COALESCE(sn.__u2, 0) AS dup, ln.__h AS hl, sn.__h AS hs, COALESCE(ln.__n, 0) - 1 - ln.__t AS tl, COALESCE(sn.__n, 0) - 1 - sn.__t AS ts FROM ln FULL OUTER JOIN sn ON ${eq(E, 'ln', 'sn')})`,
  );
  ctes.push(
    `ee AS (SELECT en.*, COALESCE(pe.__k, 0) AS k, COALESCE(pe.__mv, 0) AS mv, COALESCE(pe.__bad, 0) AS bad, COALESCE(pe.__ts, 0) AS tsh, COALESCE(pe.__ch, 0) AS chg, COALESCE(inv.__inv, 0) AS inv, fp.__fd AS fd FROM en LEFT JOIN pe ON ${eq(E, 'en', 'pe')} LEFT JOIN inv ON ${eq(E, 'en', 'inv')} LEFT JOIN fp ON ${eq(E, 'en', 'fp')})`,
  );
  // Cuts: a run of one side's unmatched events at an end where the other side has none.
  const cutL = (h: string, o2: string) => `CASE WHEN k > 0 AND ${h} > 0 AND ${o2} = 0 THEN ${h} ELSE 0 END`;
  ctes.push(
    `ec AS (SELECT ee.*, n = m AND k = n AND mv = 0 AND bad = 0 AS exact, ${cutL('hl', 'hs')} AS chl, ${cutL('hs', 'hl')} AS chs, ${cutL('tl', 'ts')} AS ctl, ${cutL('ts', 'tl')} AS cts FROM ee)`,
  );
  ctes.push(
    `ef AS (SELECT ec.*, chl + chs AS cut_head, ctl + cts AS cut_tail, lu1 - chl - ctl AS missing_events, su1 - chs - cts AS extra_events, COALESCE(fd, LEAST(n, m)) AS fdiv, GREATEST(n, m) AS mx FROM ec)`,
  );
  const classEvents: Record<string, string | null> = {
    cut_head: 'cut_head', cut_tail: 'cut_tail', reordered: null, duplicated: 'dup', missing: 'missing_events', extra: 'extra_events', time_shifted: 'tsh', changed: 'chg',
  };
  const classCond = (stem: string) => (stem === 'reordered' ? 'inv > 0' : `${classEvents[stem]} > 0`);
  const diff = 'NOT exact';
  const agg = [
    `COUNT(*) AS entities`,
    `${sum('n > 0')} AS legacy_entities`,
    `${sum('m > 0')} AS shadow_entities`,
    `${sum('exact')} AS exact`,
    `${sum(diff)} AS differing`,
    `${sum('m = 0')} AS missing_entities`,
    `${sum('n = 0')} AS extra_entities`,
    `COALESCE(SUM(n), 0) AS legacy_compared`,
    `COALESCE(SUM(m), 0) AS shadow_compared`,
    `COALESCE(SUM(m - n), 0) AS length_delta`,
    `${sum('m > n')} AS shadow_longer`,
    `${sum('m < n')} AS shadow_shorter`,
    `${sum('k >= 2')} AS kendall_entities`,
    `COALESCE(SUM(CASE WHEN k >= 2 THEN 1.0E0 - CAST(4 * inv AS DOUBLE) / CAST(k * (k - 1) AS DOUBLE) END), 0) AS kendall_sum`,
    ...SQL_CLASSES.flatMap(([, stem]) => [
      `${sum(`${diff} AND ${classCond(stem)}`)} AS class_${stem}_entities`,
      ...(classEvents[stem] ? [`COALESCE(SUM(CASE WHEN ${diff} THEN ${classEvents[stem]} ELSE 0 END), 0) AS class_${stem}_events`] : []),
    ]),
    ...ABS_BUCKETS.map(([a, b], i) => `${sum(`${diff} AND fdiv >= ${a}${b === Infinity ? '' : ` AND fdiv <= ${b}`}`)} AS first_divergence_abs_${i}`),
    ...REL_LABELS.map((_, i) => `${sum(`${diff} AND LEAST(${REL_LABELS.length - 1}, FLOOR(CAST(fdiv AS DOUBLE) / CAST(mx AS DOUBLE) * ${REL_LABELS.length})) = ${i}`)} AS first_divergence_rel_${i}`),
  ];
  ctes.push(`agg AS (SELECT ${agg.join(', ')} FROM ef)`);
  ctes.push(`fm AS (SELECT ${['COUNT(*) AS pairs', ...fields.map((f, i) => `${sum(`NOT __a${i}`)} AS ${d.q(`mismatches_${f.column}`)}`)].join(', ')} FROM pr)`);
  const counts = [
    `WITH ${ctes.join(',\n  ')}`,
    'SELECT',
    [...sideCounts.l, ...sideCounts.s, 'agg.*', ...fields.map((f) => `fm.${d.q(`mismatches_${f.column}`)}`)].map((x) => `  ${x}`).join(',\n'),
    'FROM agg CROSS JOIN fm',
  ].join('\n');
  const examples = [
    `WITH ${ctes.join(',\n  ')}`,
    `SELECT ${E.map((c, i) => `${c} AS ${d.q(entity[i])}`).join(', ')}, n AS legacy_length, m AS shadow_length, k AS common, fdiv AS first_divergence, ${SQL_CLASSES.map(([, stem]) => (classEvents[stem] ? `${classEvents[stem]} AS ${stem}` : `inv AS reordered_inversions`)).join(', ')}`,
    `FROM ef WHERE NOT exact`,
    `ORDER BY ${list(E)}`,
    `LIMIT ${sample}`,
  ].join('\n');
  return {
    kind: 'sequences',
    dialect: options.dialect,
    counts,
    examples,
    fields: fields.map(({ field, column, rule, time }) => ({ field, column, rule, time })),
    computed: [...COMPUTED],
    notComputed: NOT_COMPUTED.map((x) => ({ ...x })),
    comparison: structuredClone(comparison),
  };
}
