import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { ShadowOptionError, assertKnownKeys, assertNumber, assertOneOf, assertPlainObject, assertRate, describeValue, nearest } from '../../_internal/options.js';
import type { CompareEventsOptions, EventCounts, EventReport, FieldReport, MismatchGroup } from '../compareEvents.js';
import { ShapeAccumulator } from '../_internal/deltaShape.js';
import { eventReasons } from '../_internal/eventReasons.js';
import { REPORT_VERSION, sortReasons, verdictOf, type Reason } from '../../report/types.js';
import type { FieldRule, FieldRuleObject } from '../../tolerance/compileFieldRule.js';
import { parseDuration } from '../../tolerance/parseDuration.js';
import { flattenColumns, typeClass, type Column } from './_internal/columns.js';

/**
 * Options of {@link compareEventFiles}: those of compareEvents that a SQL engine can execute.
 * Rules with functions (`equals`, function normalisers) need the in-memory engine.
 *
 * @example
 * const options: CompareEventFilesOptions = { key: 'eventId', fields: { ts: { time: '2s' }, price: { abs: 0.01 } } };
 */
export interface CompareEventFilesOptions extends Omit<CompareEventsOptions, 'key' | 'nullEqualsMissing'> {
  /** A column path or an array of column paths (a tuple). Functions need the in-memory engine. */
  key: string | readonly string[];
  /**
   * Limit on DuckDB's memory; beyond it DuckDB spills to a temporary directory on disk.
   * @defaultValue DuckDB's default (80 % of RAM)
   */
  memoryLimit?: string;
  /**
   * Mismatching pairs per field read back to name the shape of its differences (the first by key).
   * @defaultValue 10000
   */
  shapeSample?: number;
}

const FN = 'compareEventFiles';
const OPTION_KEYS = [
  'key', 'fields', 'compare', 'rename', 'minMatchRate', 'maxMissingRate', 'maxExtraRate', 'maxDuplicateKeys',
  'maxMissingKeyRows', 'maxExamples', 'label', 'memoryLimit', 'shapeSample',
] as const;

const q = (name: string) => `"${name.replaceAll('"', '""')}"`;
const lit = (s: string) => `'${s.replaceAll("'", "''")}'`;
const colRef = (alias: string, path: string) => `${alias}.${path.split('.').map(q).join('.')}`;

function reader(fn: string, side: string, path: string): string {
  if (typeof path !== 'string' || !path) throw new ShadowOptionError(`${fn}: ${side} must be a file path, got ${describeValue(path)}`);
  const p = path.toLowerCase().replace(/\.(gz|zst)$/, '');
  if (p.endsWith('.parquet')) return `read_parquet(${lit(path)})`;
  if (p.endsWith('.csv') || p.endsWith('.tsv')) return `read_csv_auto(${lit(path)})`;
  if (p.endsWith('.jsonl') || p.endsWith('.ndjson')) return `read_json_auto(${lit(path)}, format = 'newline_delimited')`;
  if (p.endsWith('.json')) return `read_json_auto(${lit(path)})`;
  throw new ShadowOptionError(`${fn}: cannot tell the format of ${side} file ${path}; use .parquet, .csv, .jsonl/.ndjson or .json (optionally .gz)`);
}

type SqlRule =
  | { kind: 'exact' }
  | { kind: 'numeric'; abs: number; rel: number }
  | { kind: 'time'; ms: number; unit: number }
  | { kind: 'unordered' }
  | { kind: 'normalize'; steps: string[] };

function sqlRule(path: string, rule: FieldRule | undefined): SqlRule | 'ignore' {
  if (rule === undefined || rule === 'exact') return { kind: 'exact' };
  if (rule === 'ignore') return 'ignore';
  assertPlainObject(FN, `fields.${path}`, rule);
  const r = rule as FieldRuleObject;
  assertKnownKeys(FN, `fields.${path}`, r, ['abs', 'rel', 'time', 'epochUnit', 'unordered', 'normalize', 'minMatchRate']);
  if (r.minMatchRate !== undefined) assertRate(FN, `fields.${path}.minMatchRate`, r.minMatchRate);
  if (r.time !== undefined) {
    const unit = { s: 1000, ms: 1, us: 1e-3, ns: 1e-6 }[r.epochUnit ?? 'ms'];
    if (unit === undefined) assertOneOf(FN, `fields.${path}.epochUnit`, r.epochUnit, ['s', 'ms', 'us', 'ns'] as const);
    return { kind: 'time', ms: parseDuration(FN, `fields.${path}.time`, r.time), unit };
  }
  if (r.abs !== undefined || r.rel !== undefined) {
    assertNumber(FN, `fields.${path}.abs`, r.abs ?? 0, { min: 0 });
    assertNumber(FN, `fields.${path}.rel`, r.rel ?? 0, { min: 0 });
    return { kind: 'numeric', abs: r.abs ?? 0, rel: r.rel ?? 0 };
  }
  if (r.unordered) return { kind: 'unordered' };
  if (r.normalize !== undefined) {
    const steps = (Array.isArray(r.normalize) ? r.normalize : [r.normalize]) as unknown[];
    for (const [i, s] of steps.entries()) {
      if (typeof s === 'function') {
        throw new ShadowOptionError(`${FN}: fields.${path}.normalize[${i}] is a function, which the SQL engine cannot run; use compareEvents on rows loaded in memory`);
      }
      assertOneOf(FN, `fields.${path}.normalize`, s, ['trim', 'casefold', 'nfc', 'nfkc'] as const);
    }
    return { kind: 'normalize', steps: steps as string[] };
  }
  return { kind: 'exact' };
}

/** SQL that is true when the legacy and shadow values agree (never NULL). */
function agreeSql(rule: SqlRule, l: string | null, s: string | null, lt: Column | undefined, st: Column | undefined): string {
  if (l === null) return `(${s} IS NULL)`;
  if (s === null) return `(${l} IS NULL)`;
  const same = `(${l} IS NOT DISTINCT FROM ${s})`;
  const lc = typeClass(lt!.type);
  const sc = typeClass(st!.type);
  const bothNull = `(${l} IS NULL AND ${s} IS NULL)`;
  switch (rule.kind) {
    case 'time': {
      const ms = (x: string, c: string) => (c === 'number' ? `(${x} * ${rule.unit})` : `epoch_ms(TRY_CAST(${x} AS TIMESTAMPTZ))`);
      return `coalesce(abs(${ms(l, lc)} - ${ms(s, sc)}) <= ${rule.ms}, ${lc === sc ? same : bothNull})`;
    }
    case 'numeric':
      if (lc !== 'number' || sc !== 'number') return lc === sc ? same : bothNull;
      return `(${same} OR coalesce(abs(${l} - ${s}) <= greatest(${rule.abs}, ${rule.rel} * greatest(abs(${l}), abs(${s}))), false))`;
    case 'unordered':
      if (lc !== 'list' || sc !== 'list') return lc === sc ? same : bothNull;
      return `(list_sort(${l}) IS NOT DISTINCT FROM list_sort(${s}))`;
    case 'normalize': {
      if (lc !== 'string' || sc !== 'string') return lc === sc ? same : bothNull;
      const norm = (x: string) =>
        rule.steps.reduce((acc, st2) => (st2 === 'trim' ? `trim(${acc})` : st2 === 'casefold' ? `lower(${acc})` : `nfc_normalize(${acc})`), x);
      return `(${norm(l)} IS NOT DISTINCT FROM ${norm(s)})`;
    }
    default:
      // A number never equals its string form: differently typed columns agree only when both are null.
      return lc === sc ? same : bothNull;
  }
}

function numericDeltaSql(rule: SqlRule, l: string | null, s: string | null, lt?: Column, st?: Column): string {
  if (!l || !s) return 'NULL::DOUBLE';
  const lc = typeClass(lt!.type);
  const sc = typeClass(st!.type);
  if (rule.kind === 'time') {
    const ms = (x: string, c: string) => (c === 'number' ? `(${x} * ${rule.unit})` : `epoch_ms(TRY_CAST(${x} AS TIMESTAMPTZ))`);
    return `(${ms(s, sc)} - ${ms(l, lc)})::DOUBLE`;
  }
  if (lc === 'number' && sc === 'number' && (rule.kind === 'numeric' || rule.kind === 'exact')) return `(${s} - ${l})::DOUBLE`;
  return 'NULL::DOUBLE';
}

async function rows(c: DuckDBConnection, sql: string): Promise<Record<string, unknown>[]> {
  const r = await c.runAndReadAll(sql);
  return r.getRowObjectsJS() as Record<string, unknown>[];
}

const toNum = (v: unknown) => (typeof v === 'bigint' ? Number(v) : (v as number));
/** DuckDB values to the JS values the in-memory engine would have read from JSON. */
function plain(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return v.map(plain);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  return v;
}

/**
 * compareEvents executed by embedded DuckDB on files (Parquet, CSV, JSON Lines, JSON; gzip
 * allowed), for data larger than memory or too slow to parse into JS: the join, the per-field
 * agreement, the counts and the |delta| quantiles run in SQL and spill to disk past
 * `memoryLimit`; only the examples and up to `shapeSample` mismatching pairs per field come back
 * to JS. Returns the same EventReport (with the same renderer and matchers).
 *
 * Differences from the in-memory engine, by design of columnar files: a missing key and a null
 * are the same (NULL); nested objects are STRUCT columns compared per leaf; shapes are named from
 * the first `shapeSample` mismatches by key; `segments` are not computed; rules with functions
 * are refused with a TypeError.
 *
 * @example
 * const report = await compareEventFiles('legacy/click.parquet', 'shadow/click.parquet', {
 *   key: 'eventId',
 *   fields: { ts: { time: '2s' }, price: { abs: 0.01 }, tags: { unordered: true } },
 *   memoryLimit: '2GB',
 * });
 * assertReport(report);
 */
export async function compareEventFiles(legacyPath: string, shadowPath: string, options: CompareEventFilesOptions): Promise<EventReport> {
  if (options === undefined) throw new ShadowOptionError(`${FN}: options are required; pass at least { key: 'id' }`);
  assertPlainObject(FN, 'options', options);
  assertKnownKeys(FN, '', options, OPTION_KEYS);
  const o = options;
  if (o.key === undefined) throw new ShadowOptionError(`${FN}: options.key is required: the column (or columns) that identify an event`);
  const keyPaths = typeof o.key === 'string' ? [o.key] : Array.isArray(o.key) ? [...o.key] : [];
  if (keyPaths.length === 0 || !keyPaths.every((k) => typeof k === 'string' && k)) {
    throw new ShadowOptionError(`${FN}: key must be a column path or an array of column paths (functions need compareEvents in memory), got ${describeValue(o.key)}`);
  }
  const th = {
    minMatchRate: o.minMatchRate ?? 1,
    maxMissingRate: o.maxMissingRate ?? 0,
    maxExtraRate: o.maxExtraRate ?? 0,
    maxDuplicateKeys: o.maxDuplicateKeys ?? 0,
    maxMissingKeyRows: o.maxMissingKeyRows ?? 0,
  };
  assertRate(FN, 'minMatchRate', th.minMatchRate);
  assertRate(FN, 'maxMissingRate', th.maxMissingRate);
  assertRate(FN, 'maxExtraRate', th.maxExtraRate);
  assertNumber(FN, 'maxDuplicateKeys', th.maxDuplicateKeys, { min: 0, integer: true });
  assertNumber(FN, 'maxMissingKeyRows', th.maxMissingKeyRows, { min: 0, integer: true });
  const maxExamples = o.maxExamples ?? 5;
  assertNumber(FN, 'maxExamples', maxExamples, { min: 0, max: 1000, integer: true });
  const shapeSample = o.shapeSample ?? 10_000;
  assertNumber(FN, 'shapeSample', shapeSample, { min: 1, integer: true });
  const compare = o.compare ?? 'all';
  assertOneOf(FN, 'compare', compare, ['all', 'declared'] as const);
  const declared = new Map(Object.entries(o.fields ?? {}));
  const rules = new Map([...declared].map(([p, r]) => [p, sqlRule(p, r)]));
  const rename = new Map(Object.entries(o.rename ?? {}));
  const reverse = new Map([...rename].map(([a, b]) => [b, a]));
  const lread = reader(FN, 'legacy', legacyPath);
  const sread = reader(FN, 'shadow', shadowPath);

  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  try {
    await c.run(`SET TimeZone = 'UTC'`);
    if (o.memoryLimit) await c.run(`SET memory_limit = ${lit(o.memoryLimit)}`);
    for (const [alias, src, side, path] of [['l', lread, 'legacy', legacyPath], ['s', sread, 'shadow', shadowPath]] as const) {
      try {
        await c.run(`CREATE TEMP TABLE ${alias}_cols AS SELECT * FROM (DESCRIBE SELECT * FROM ${src})`);
        await c.run(`CREATE TEMP VIEW ${alias} AS SELECT * FROM ${src}`);
      } catch (e) {
        throw new ShadowOptionError(`${FN}: cannot read ${side} file ${path}: ${(e as Error).message}`);
      }
    }
    const lcols = flattenColumns(await rows(c, 'SELECT column_name, column_type FROM l_cols'));
    const scols = flattenColumns(await rows(c, 'SELECT column_name, column_type FROM s_cols'));
    const lmap = new Map(lcols.map((x) => [x.path, x]));
    const smap = new Map(scols.map((x) => [x.path, x.path === x.path ? x : x]));
    const shadowName = (p: string) => {
      for (const [from, to] of rename) if (p === from || p.startsWith(`${from}.`)) return to + p.slice(from.length);
      return p;
    };
    const legacyName = (p: string) => {
      for (const [to, from] of reverse) if (p === to || p.startsWith(`${to}.`)) return from + p.slice(to.length);
      return p;
    };
    for (const k of keyPaths) {
      if (!lmap.has(k)) throw new ShadowOptionError(`${FN}: key column '${k}' is not in the legacy file ${legacyPath}${nearest(k, [...lmap.keys()]) ? `; did you mean '${nearest(k, [...lmap.keys()])}'?` : ''}`);
      if (!smap.has(shadowName(k))) throw new ShadowOptionError(`${FN}: key column '${shadowName(k)}' is not in the shadow file ${shadowPath}`);
    }
    const reasons: Reason[] = [];
    const leafNames = new Set([...lcols.map((x) => x.path), ...scols.map((x) => legacyName(x.path))]);
    for (const d of declared.keys()) {
      if (!leafNames.has(d)) {
        const guess = nearest(d, [...leafNames]);
        reasons.push({ code: 'DECLARED_FIELD_ABSENT', severity: 'fail', subject: `fields.${d}`, expected: 'present on at least one side', received: 'absent on both sides', message: `fields.${d} has a rule but neither file has the column${guess ? `; did you mean '${guess}'?` : ''}` });
      }
    }
    const names = [...(compare === 'all' ? new Set([...leafNames, ...declared.keys()]) : new Set(declared.keys()))]
      .filter((n) => !keyPaths.includes(n) || declared.has(n))
      .filter((n) => leafNames.has(n))
      .sort();
    const ignoredFields: string[] = [];
    const fields: { name: string; shadow: string; rule: SqlRule; l: string | null; s: string | null; lt?: Column; st?: Column; desc: string; minMatchRate?: number }[] = [];
    for (const name of names) {
      const r = rules.get(name) ?? { kind: 'exact' as const };
      if (r === 'ignore') {
        ignoredFields.push(name);
        continue;
      }
      const sname = shadowName(name);
      const lt = lmap.get(name);
      const st = smap.get(sname);
      const declaredRule = declared.get(name);
      const desc =
        r.kind === 'numeric' ? [`abs ${r.abs}`, `rel ${r.rel}`].join(', ') : r.kind === 'time' ? `time ±${r.ms}ms` : r.kind === 'normalize' ? `normalize ${r.steps.join('+')}` : r.kind;
      fields.push({
        name, shadow: sname, rule: r, lt, st, desc,
        l: lt ? colRef('l', name) : null,
        s: st ? colRef('s', sname) : null,
        minMatchRate: typeof declaredRule === 'object' ? declaredRule.minMatchRate : undefined,
      });
    }
    const F = fields.length;
    const lk = keyPaths.map((k) => colRef('l', k));
    const sk = keyPaths.map((k) => colRef('s', shadowName(k)));
    const kcols = keyPaths.map((_, i) => `__k${i}`);
    const notNull = (ks: string[]) => ks.map((k) => `${k} IS NOT NULL`).join(' AND ');
    await c.run(`CREATE TEMP TABLE lk AS SELECT ${lk.map((k, i) => `${k} AS __k${i}`).join(', ')}, count(*) AS __n FROM l WHERE ${notNull(lk)} GROUP BY ALL`);
    await c.run(`CREATE TEMP TABLE sk AS SELECT ${sk.map((k, i) => `${k} AS __k${i}`).join(', ')}, count(*) AS __n FROM s WHERE ${notNull(sk)} GROUP BY ALL`);
    const using = `USING (${kcols.join(', ')})`;
    await c.run(`CREATE TEMP TABLE mk AS SELECT ${kcols.join(', ')} FROM lk ANTI JOIN sk ${using} WHERE lk.__n = 1`);
    await c.run(`CREATE TEMP TABLE xk AS SELECT ${kcols.join(', ')} FROM sk ANTI JOIN lk ${using} WHERE sk.__n = 1`);
    // One scan per side for row counts, keyless rows and per-column presence.
    const presence = (alias: 'l' | 's', side: 'l' | 's') =>
      fields.map((f, i) => `${(side === 'l' ? f.l : f.s) ? `count(${side === 'l' ? f.l : f.s})` : '0'} AS c${i}`).join(', ');
    const [pl] = await rows(c, `SELECT count(*) AS n, count(*) FILTER (WHERE NOT (${notNull(lk)})) AS mk${F ? ', ' : ''}${presence('l', 'l')} FROM l`);
    const [ps] = await rows(c, `SELECT count(*) AS n, count(*) FILTER (WHERE NOT (${notNull(sk)})) AS mk${F ? ', ' : ''}${presence('s', 's')} FROM s`);
    const [cnt] = await rows(
      c,
      `SELECT ${toNum(pl.n)} AS legacy, ${toNum(ps.n)} AS shadow, ${toNum(pl.mk)} AS lmk, ${toNum(ps.mk)} AS smk,
        (SELECT count(*) FROM lk WHERE __n > 1) AS ldk, (SELECT coalesce(sum(__n), 0) FROM lk WHERE __n > 1) AS ldr,
        (SELECT count(*) FROM sk WHERE __n > 1) AS sdk, (SELECT coalesce(sum(__n), 0) FROM sk WHERE __n > 1) AS sdr,
        (SELECT count(*) FROM mk) AS missing, (SELECT count(*) FROM xk) AS extra,
        (SELECT count(*) FROM lk JOIN sk ${using} WHERE lk.__n = 1 AND sk.__n > 1) AS ambiguous`,
    );
    const n = Object.fromEntries(Object.entries(cnt).map(([k, v]) => [k, toNum(v)])) as Record<string, number>;

    // The one-to-one pairs, narrow: keys, a mismatch flag and a signed delta per field.
    const on = (alias: 'l' | 's', ks: string[]) => ks.map((k, i) => `${k} = u.__k${i}`).join(' AND ');
    const flagCols = fields.map((f, i) => `NOT ${agreeSql(f.rule, f.l, f.s, f.lt, f.st)} AS __m${i}`);
    const deltaCols = fields.map((f, i) => `${numericDeltaSql(f.rule, f.l, f.s, f.lt, f.st)} AS __d${i}`);
    await c.run(
      `CREATE TEMP TABLE p AS SELECT ${kcols.map((k) => `u.${k}`).join(', ')}${F ? ', ' : ''}${[...flagCols, ...deltaCols].join(', ')}
       FROM (SELECT ${kcols.join(', ')} FROM lk JOIN sk ${using} WHERE lk.__n = 1 AND sk.__n = 1) u
       JOIN l ON ${on('l', lk)} JOIN s ON ${on('s', sk)}`,
    );
    const anyMismatch = F ? fields.map((_, i) => `__m${i}`).join(' OR ') : 'false';
    const aggCols = [
      'count(*) AS matched',
      `count(*) FILTER (WHERE NOT (${anyMismatch})) AS equal`,
      ...fields.flatMap((_, i) => [
        `count(*) FILTER (WHERE __m${i}) AS mm${i}`,
        `count(__d${i}) AS dn${i}`,
        `max(abs(__d${i})) AS dmax${i}`,
        `avg(abs(__d${i})) AS dmean${i}`,
        `quantile_cont(abs(__d${i}), [0.5, 0.99]) AS dq${i}`,
      ]),
    ];
    const [agg] = await rows(c, `SELECT ${aggCols.join(', ')} FROM p`);
    const matched = toNum(agg.matched);
    const equal = toNum(agg.equal);
    const order = kcols.join(', ');

    // Examples and shapes: the first mismatches by key, values read back by joining the keys.
    const fieldReports: FieldReport[] = [];
    for (let i = 0; i < F; i++) {
      const f = fields[i];
      const mism = toNum(agg[`mm${i}`]);
      const fr: FieldReport = {
        field: f.name,
        rule: f.desc,
        mismatches: mism,
        mismatchRate: matched ? mism / matched : 0,
        presence: { legacy: 0, shadow: 0 },
        examples: [],
      };
      if (f.shadow !== f.name) fr.shadowField = f.shadow;
      if (f.minMatchRate !== undefined) fr.minMatchRate = f.minMatchRate;
      const dn = toNum(agg[`dn${i}`]);
      if (dn > 0) {
        const [p50, p99] = (agg[`dq${i}`] as unknown[]).map(toNum);
        fr.delta = { n: dn, maxAbs: toNum(agg[`dmax${i}`]), meanAbs: toNum(agg[`dmean${i}`]), p50Abs: p50, p99Abs: p99 };
      }
      if (mism > 0) {
        const sample = await rows(
          c,
          `SELECT ${kcols.map((k) => `x.${k}`).join(', ')}, ${f.l ?? 'NULL'} AS lv, ${f.s ?? 'NULL'} AS sv, x.__d${i} AS d
           FROM (SELECT * FROM p WHERE __m${i} ORDER BY ${order} LIMIT ${shapeSample}) x
           JOIN l ON ${on('l', lk).replaceAll('u.', 'x.')} JOIN s ON ${on('s', sk).replaceAll('u.', 'x.')} ORDER BY ${kcols.map((k) => `x.${k}`).join(', ')}`,
        );
        const acc = new ShapeAccumulator(f.rule.kind === 'time');
        for (const r of sample) acc.add(plain(r.lv), plain(r.sv), r.d === null ? NaN : toNum(r.d));
        const shape = acc.shape();
        if (shape) fr.shape = shape;
        fr.examples = sample.slice(0, maxExamples).map((r) => ({
          key: keyPaths.length === 1 ? plain(r.__k0) : kcols.map((k) => plain(r[k])),
          legacy: plain(r.lv),
          shadow: plain(r.sv),
        }));
      }
      fieldReports.push(fr);
    }
    fieldReports.forEach((fr, i) => (fr.presence = { legacy: toNum(pl[`c${i}`]), shadow: toNum(ps[`c${i}`]) }));
    fieldReports.sort((a, b) => b.mismatches - a.mismatches || (a.field < b.field ? -1 : 1));

    const groups: MismatchGroup[] = [];
    if (F && matched > equal) {
      const gs = await rows(c, `SELECT ${fields.map((_, i) => `__m${i}`).join(', ')}, count(*) AS n FROM p WHERE ${anyMismatch} GROUP BY ALL ORDER BY n DESC LIMIT 20`);
      for (const g of gs) {
        const idx = fields.map((_, i) => i).filter((i) => g[`__m${i}`] === true);
        const where = fields.map((_, i) => `${g[`__m${i}`] ? '' : 'NOT '}__m${i}`).join(' AND ');
        const ex = await rows(
          c,
          `SELECT ${kcols.map((k) => `x.${k}`).join(', ')}, ${idx.map((i) => `${fields[i].l ?? 'NULL'} AS l${i}, ${fields[i].s ?? 'NULL'} AS s${i}`).join(', ')}
           FROM (SELECT * FROM p WHERE ${where} ORDER BY ${order} LIMIT ${maxExamples}) x
           JOIN l ON ${on('l', lk).replaceAll('u.', 'x.')} JOIN s ON ${on('s', sk).replaceAll('u.', 'x.')} ORDER BY ${kcols.map((k) => `x.${k}`).join(', ')}`,
        );
        groups.push({
          fields: idx.map((i) => fields[i].name),
          count: toNum(g.n),
          examples: ex.map((r) => ({
            key: keyPaths.length === 1 ? plain(r.__k0) : kcols.map((k) => plain(r[k])),
            values: idx.map((i) => ({ field: fields[i].name, legacy: plain(r[`l${i}`]), shadow: plain(r[`s${i}`]) })),
          })),
        });
      }
      groups.sort((a, b) => b.count - a.count || (a.fields.join() < b.fields.join() ? -1 : 1));
    }
    const keyList = async (sql: string) => (await rows(c, sql)).map((r) => (keyPaths.length === 1 ? plain(r.__k0) : kcols.map((k) => plain(r[k]))));
    const missingEx = await keyList(`SELECT ${kcols.join(', ')} FROM mk ORDER BY ${order} LIMIT ${maxExamples}`);
    const extraEx = await keyList(`SELECT ${kcols.join(', ')} FROM xk ORDER BY ${order} LIMIT ${maxExamples}`);
    const dups: EventReport['examples']['duplicates'] = [];
    for (const [side, t] of [['legacy', 'lk'], ['shadow', 'sk']] as const) {
      for (const r of await rows(c, `SELECT ${kcols.join(', ')}, __n FROM ${t} WHERE __n > 1 ORDER BY ${order} LIMIT ${maxExamples}`)) {
        dups.push({ side, key: keyPaths.length === 1 ? plain(r.__k0) : kcols.map((k) => plain(r[k])), rows: toNum(r.__n) });
      }
    }

    const L = n.legacy;
    const S = n.shadow;
    const counts: EventCounts = {
      legacy: L, shadow: S, matched, equal, missing: n.missing, extra: n.extra,
      legacyMissingKey: n.lmk, shadowMissingKey: n.smk, legacyDuplicateKeys: n.ldk, shadowDuplicateKeys: n.sdk,
      legacyDuplicateRows: n.ldr, shadowDuplicateRows: n.sdr, ambiguous: n.ambiguous,
    };
    const rates = { match: L ? equal / L : 0, missing: L ? n.missing / L : 0, extra: S ? n.extra / S : 0 };
    const onlyInLegacy = lcols.map((x) => x.path).filter((p) => !smap.has(shadowName(p)) && !keyPaths.includes(p)).sort();
    const onlyInShadow = scols.map((x) => x.path).filter((p) => !lmap.has(legacyName(p))).sort();
    reasons.push(...eventReasons(counts, rates, th, fieldReports, keyPaths.length === 1 ? keyPaths[0] : `[${keyPaths.join(', ')}]`, { onlyInLegacy, onlyInShadow }));
    const sorted = sortReasons(reasons);
    const report: EventReport = {
      kind: 'events',
      version: REPORT_VERSION,
      verdict: verdictOf(sorted),
      reasons: sorted,
      key: keyPaths.length === 1 ? keyPaths[0] : `[${keyPaths.join(', ')}]`,
      thresholds: th,
      counts,
      rates,
      fields: fieldReports,
      ignoredFields,
      groups,
      segments: [],
      schema: { onlyInLegacy, onlyInShadow },
      examples: { missing: missingEx, extra: extraEx, duplicates: dups, missingKey: [] },
      hints: fieldReports.filter((f) => f.shape?.kind === 'whole-hours').map((f) => `${f.field} shifts by whole hours: usually a time-zone bug, not noise; fix it rather than widen the tolerance`),
    };
    if (o.label !== undefined) report.label = o.label;
    return report;
  } finally {
    c.closeSync();
    db.closeSync();
  }
}
