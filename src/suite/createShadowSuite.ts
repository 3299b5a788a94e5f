import { relative } from 'node:path';
import { ShadowOptionError, assertPlainObject, describeValue, nearest } from '../_internal/options.js';
import { compileGetter, isPlainObject } from '../_internal/path.js';
import type { Row } from '../dataset/toRows.js';
import { ShadowDataError } from '../errors.js';
import { compareEvents, type CompareEventsOptions, type EventReport } from '../events/compareEvents.js';
import type { GroupedReport } from '../groups/types.js';
import { compareSequences, type CompareSequencesOptions } from '../sequences/compareSequences.js';
import { compareEquivalence } from '../outputs/compareEquivalence.js';
import { compareDistribution } from '../outputs/compareDistribution.js';
import { compareAgreement } from '../outputs/compareAgreement.js';
import { assertReport } from '../report/assertReport.js';
import type { ReportBase } from '../report/types.js';
import { mergeOptions } from '../groups/_internal/mergeOptions.js';
import { compareResolved, duckdbCan, duckdbPath, loadSide, DEFAULT_DUCKDB_ABOVE } from './compareEventSources.js';
import { columnTypesOf } from '../events/_internal/columnTypeDifferences.js';
import { loadDataset } from '../dataset/loadDataset.js';
import { fieldDistributions, histogramPair, numbersAt, sequenceLengths } from './_internal/plotData.js';
import { resolveSources, type ResolvedSource } from './_internal/resolveSources.js';
import { sampleEntities, type SampleRecord } from './_internal/sampleEntities.js';
import { timeoutFor } from './_internal/timeoutFor.js';
import type { ModelCheck, ShadowSuiteOptions, SuiteRecord } from './types.js';

const FN = 'defineShadowSuite';

/** A test function as `test.extend` returns it: (name, body, timeout). */
export type SuiteTestFn = (name: string, body: (context: any) => Promise<void>, timeout?: number) => void; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * The parts of Vitest's API a suite is declared with. `vitest-shadow/suite` binds them to Vitest's own
 * `describe` and `test`; the engine folder never imports Vitest.
 */
export interface SuiteApi {
  describe(name: string, body: () => void): void;
  test: { extend(fixtures: Record<string, unknown>): SuiteTestFn };
}
const KEYS = ['eventTypes', 'legacy', 'shadow', 'legacyReplay', 'typeField', 'events', 'sequences', 'models', 'overrides', 'sample', 'engine', 'duckdbAboveBytes', 'timeout', 'name'];

interface Side {
  rows: Row[];
  loadMs: number;
}

/** A fixture's `use`. */
type Use = (value?: unknown) => Promise<void>;

interface TaskLike {
  meta: Record<string, unknown>;
}

function validate(o: ShadowSuiteOptions): void {
  assertPlainObject(FN, 'options', o);
  for (const k of Object.keys(o)) {
    if (!KEYS.includes(k)) {
      const guess = nearest(k, KEYS);
      throw new ShadowOptionError(`${FN}: unknown option '${k}'${guess ? `; did you mean '${guess}'?` : ''}`);
    }
  }
  if (!Array.isArray(o.eventTypes) || o.eventTypes.length === 0 || o.eventTypes.some((t) => typeof t !== 'string' || !t)) {
    throw new ShadowOptionError(`${FN}: eventTypes must be a non-empty array of event type names, got ${describeValue(o.eventTypes)}`);
  }
  const dup = o.eventTypes.find((t, i) => o.eventTypes.indexOf(t) !== i);
  if (dup) throw new ShadowOptionError(`${FN}: eventTypes lists '${dup}' twice`);
  for (const side of ['legacy', 'shadow'] as const) {
    if (o[side] === undefined) throw new ShadowOptionError(`${FN}: ${side} is required: a path, a glob, a list of them, or (type) => path`);
  }
  if (!o.events && !o.sequences && !(o.models && Object.keys(o.models).length)) {
    throw new ShadowOptionError(`${FN}: nothing to check: give events, sequences or models options`);
  }
  if (o.overrides !== undefined) {
    assertPlainObject(FN, 'overrides', o.overrides);
    for (const t of Object.keys(o.overrides)) {
      if (!o.eventTypes.includes(t)) {
        const guess = nearest(t, o.eventTypes);
        throw new ShadowOptionError(`${FN}: overrides.${t} names no event type of eventTypes${guess ? `; did you mean '${guess}'?` : ''}`);
      }
      for (const k of Object.keys(o.overrides[t])) {
        if (!['events', 'sequences', 'models', 'timeout'].includes(k)) throw new ShadowOptionError(`${FN}: overrides.${t}.${k} is not an option; use events, sequences, models or timeout`);
      }
    }
  }
  if (o.sample !== undefined) {
    assertPlainObject(FN, 'sample', o.sample);
    if (!(Number.isInteger(o.sample.maxRows) && o.sample.maxRows >= 1)) throw new ShadowOptionError(`${FN}: sample.maxRows must be an integer >= 1, got ${describeValue(o.sample.maxRows)}`);
    if (typeof o.sample.entity !== 'string' || !o.sample.entity) throw new ShadowOptionError(`${FN}: sample.entity must name the entity field, so whole entities are sampled, got ${describeValue(o.sample.entity)}`);
    if (o.sample.seed !== undefined && !Number.isInteger(o.sample.seed)) throw new ShadowOptionError(`${FN}: sample.seed must be an integer, got ${describeValue(o.sample.seed)}`);
  }
  if (o.models !== undefined) {
    assertPlainObject(FN, 'models', o.models);
    for (const [name, m] of Object.entries(o.models)) {
      if (!isPlainObject(m) || !['equivalence', 'distribution', 'agreement'].includes(m.check as string)) {
        throw new ShadowOptionError(`${FN}: models.${name}.check must be 'equivalence', 'distribution' or 'agreement', got ${describeValue(isPlainObject(m) ? m.check : m)}`);
      }
    }
  }
  if (o.engine !== undefined && !['auto', 'memory', 'duckdb'].includes(o.engine)) throw new ShadowOptionError(`${FN}: engine must be 'auto', 'memory' or 'duckdb', got ${describeValue(o.engine)}`);
  if (o.timeout !== undefined && !(typeof o.timeout === 'number' && o.timeout > 0)) throw new ShadowOptionError(`${FN}: timeout must be a number of ms > 0, got ${describeValue(o.timeout)}`);
}

/** The tier a suite test judges, from its name. */
function tierOf(name: string): string {
  if (name === 'legacy replay') return 'replay';
  if (name.startsWith('outputs: ')) return `outputs:${name.slice(9)}`;
  return name;
}

function merge<T>(base: T, override: unknown): T {
  if (!isPlainObject(override)) return base;
  return mergeOptions(base as Record<string, unknown>, override).options as T;
}

function record(task: TaskLike, report: ReportBase, meta: SuiteRecord): void {
  const plain = JSON.parse(JSON.stringify(report)) as ReportBase;
  ((task.meta.shadowReports ??= []) as unknown[]).push({ matcher: FN, report: plain });
  task.meta.shadowSuite = JSON.parse(JSON.stringify(meta)) as SuiteRecord;
}

/**
 * Binds `defineShadowSuite` to a Vitest API (`describe` and `test`). `vitest-shadow/suite` exports
 * the one bound to Vitest's own; this factory keeps the engine folder free of any Vitest import.
 *
 * @example
 * import { describe, test } from 'vitest';
 * const defineShadowSuite = createShadowSuite({ describe, test } as unknown as SuiteApi);
 */
export function createShadowSuite(api: SuiteApi): (options: ShadowSuiteOptions) => void {
  return (options) => declareSuite(api, options);
}

function declareSuite({ describe, test }: SuiteApi, options: ShadowSuiteOptions): void {
  validate(options);
  const o = options;
  const typeField = o.typeField ?? 'type';
  const typeOf = compileGetter(typeField);
  const engine = o.engine ?? 'auto';
  const duckdbAbove = o.duckdbAboveBytes ?? DEFAULT_DUCKDB_ABOVE;
  const fileCache = new Map<string, Promise<Row[]>>();
  const cachedFile = (f: string) => {
    let p = fileCache.get(f);
    if (!p) fileCache.set(f, (p = loadDataset(f)));
    return p;
  };
  const show = (files: string[]) => files.map((f) => relative(process.cwd(), f) || f).join(', ');
  /**
   * The events tier of every event type in one DuckDB run, where both sides are files shared by
   * the types (one file or glob per side, split on typeField): compareEventFiles with `by` on the
   * type, each type's options as its own test would have them and no rule left out, so that each
   * type's report is compareEvents' on that type's rows. One run per pair of files, shared by the
   * types' tests.
   */
  const sharedRuns = new Map<string, Promise<GroupedReport<EventReport>>>();
  const sharedRun = (l: string, s: string) => {
    const k = JSON.stringify([l, s]);
    let p = sharedRuns.get(k);
    if (!p) {
      const overrides = Object.fromEntries(o.eventTypes.map((t) => [t, { label: t, ...(isPlainObject(o.overrides?.[t]?.events) ? o.overrides![t].events : {}) }]));
      p = (async () => {
        const { compareEventFilesByGroup } = await import('../events/duckdb/compareEventFiles.js');
        return compareEventFilesByGroup(l, s, { ...(o.events as object), by: typeField, overrides } as never, 'auto', { only: o.eventTypes, keepRules: true });
      })();
      sharedRuns.set(k, p);
    }
    return p;
  };

  describe(o.name ?? 'shadow', () => {
    for (const type of o.eventTypes) {
      const ov = o.overrides?.[type] ?? {};
      const src: Record<'legacy' | 'shadow' | 'legacyReplay', ResolvedSource | undefined> = {
        legacy: resolveSources('legacy', o.legacy, type),
        shadow: resolveSources('shadow', o.shadow, type),
        legacyReplay: o.legacyReplay === undefined ? undefined : resolveSources('legacyReplay', o.legacyReplay, type),
      };
      const bytes = (src.legacy?.files ? src.legacy.bytes : 0) + (src.shadow?.files ? src.shadow.bytes : 0);
      const timeoutMs = ov.timeout ?? o.timeout ?? timeoutFor(bytes);

      const loads = new Map<string, Promise<Side>>();
      const load = (side: 'legacy' | 'shadow' | 'legacyReplay'): Promise<Side> => {
        let p = loads.get(side);
        if (p) return p;
        p = (async () => {
          const r = src[side];
          if (!r) throw new ShadowOptionError(`${FN}: the legacyReplay fixture needs the legacyReplay option`);
          if (r.error) throw r.error;
          const t0 = performance.now();
          // One dataset: one file, or the glob its files came from read as loadDataset reads it (a glob of CSV files as one table, as compareEventFiles reads it).
          const all = await loadSide(r.files, r.pattern, cachedFile);
          // Rows of other types are dropped; a type's own files (a function's) may also omit the type field.
          const rows = all.filter((row) => {
            const t = typeOf(row);
            return t === undefined || t === null ? r.perType : String(t) === type;
          });
          // The CSV column types loadDataset read the dataset with go with the type's rows (COLUMN_TYPE_DIFFERS, as the DuckDB runs say it).
          const types = columnTypesOf(all);
          if (types) Object.defineProperty(rows, 'columnTypes', { value: types, enumerable: false });
          if (rows.length === 0) throw new ShadowDataError(`no rows of event type '${type}' in ${side} (${show(r.files)})${r.perType ? '' : `, read by ${typeField}`}`);
          return { rows, loadMs: performance.now() - t0 };
        })();
        loads.set(side, p);
        return p;
      };
      let pairP: Promise<{ legacy: Row[]; shadow: Row[]; sample?: SampleRecord; loadMs: number }> | undefined;
      const pair = () =>
        (pairP ??= (async () => {
          const [l, s] = await Promise.all([load('legacy'), load('shadow')]);
          const sampled = o.sample ? sampleEntities(l.rows, s.rows, { maxRows: o.sample.maxRows, entity: o.sample.entity, seed: o.sample.seed ?? 1 }) : { legacy: l.rows, shadow: s.rows };
          return { ...sampled, loadMs: l.loadMs + s.loadMs };
        })());

      const baseMeta = (tier: string, rows: { legacy: number; shadow: number }, loadMs: number, compareMs: number): SuiteRecord => ({
        eventType: type,
        tier,
        engine: 'memory',
        files: { legacy: src.legacy?.files ?? [], shadow: src.shadow?.files ?? [] },
        bytes,
        rows,
        durations: { loadMs, compareMs },
        timeoutMs,
      });

      const it = test.extend({
        // Runs first for every test: names the event type and tier on task.meta, so a test that fails
        // before its report (a missing file, an event type with no rows) still reaches the reporter.
        shadowStub: [
          async ({ task }: { task: unknown }, use: Use) => {
            const t = task as unknown as TaskLike & { name: string };
            t.meta.shadowSuite ??= baseMeta(tierOf(t.name), { legacy: 0, shadow: 0 }, 0, 0);
            await use();
          },
          { auto: true },
        ],
        // eslint-disable-next-line no-empty-pattern
        legacy: async ({}, use: Use) => {
          await use((await pair()).legacy);
        },
        // eslint-disable-next-line no-empty-pattern
        shadow: async ({}, use: Use) => {
          await use((await pair()).shadow);
        },
        // eslint-disable-next-line no-empty-pattern
        legacyReplay: async ({}, use: Use) => {
          await use((await load('legacyReplay')).rows);
        },
      });

      describe(type, () => {
        const ev = o.events ? merge<CompareEventsOptions>({ ...o.events, label: type }, ov.events) : undefined;
        if (ev) {
          const lf = src.legacy?.files ?? [];
          const sf = src.shadow?.files ?? [];
          const perType = !!src.legacy?.files && src.legacy.perType && !!src.shadow?.files && src.shadow.perType;
          const patterns = { legacy: src.legacy?.pattern, shadow: src.shadow?.pattern };
          const duck = perType && !o.sample && duckdbCan(ev, lf, sf, patterns) && (engine === 'duckdb' || (engine === 'auto' && bytes > duckdbAbove));
          // Files shared by every type (split on typeField): every type's events tier in one DuckDB run with by.
          const shared = !!src.legacy?.files && !src.legacy.perType && !!src.shadow?.files && !src.shadow.perType && !src.legacy.error && !src.shadow.error;
          const duckShared = !duck && shared && !o.sample && duckdbCan({ ...ev, by: typeField } as CompareEventsOptions, lf, sf, patterns) && (engine === 'duckdb' || (engine === 'auto' && bytes > duckdbAbove));
          if (duckShared) {
            it('events', async ({ task }) => {
              const t0 = performance.now();
              const [l, s] = [await duckdbPath(lf, patterns.legacy), await duckdbPath(sf, patterns.shadow)];
              if (l === undefined || s === undefined) throw new ShadowOptionError(`${FN}: engine 'duckdb': DuckDB's glob lists other files than the suite's for ${l === undefined ? patterns.legacy : patterns.shadow}; name the files, or use engine: 'memory'`);
              const group = (await sharedRun(l, s)).groups.find((g) => g.group === type);
              for (const side of ['legacy', 'shadow'] as const) {
                if (!group || group.rows[side] === 0) throw new ShadowDataError(`no rows of event type '${type}' in ${side} (${show(side === 'legacy' ? lf : sf)}), read by ${typeField}`);
              }
              const report = group!.report;
              const meta = baseMeta('events', group!.rows, 0, performance.now() - t0);
              meta.engine = 'duckdb';
              record(task as unknown as TaskLike, report, meta);
              assertReport(report);
            }, timeoutMs);
          } else if (duck) {
            it('events', async ({ task }) => {
              const t0 = performance.now();
              const { report } = await compareResolved(lf, sf, ev, 'duckdb', duckdbAbove, undefined, patterns);
              const meta = baseMeta('events', { legacy: report.counts.legacy, shadow: report.counts.shadow }, 0, performance.now() - t0);
              meta.engine = 'duckdb';
              record(task as unknown as TaskLike, report, meta);
              assertReport(report);
            }, timeoutMs);
          } else {
            it('events', async ({ legacy, shadow, task }) => {
              const p = await pair();
              const t0 = performance.now();
              const report = compareEvents(legacy, shadow, ev);
              const meta = baseMeta('events', { legacy: legacy.length, shadow: shadow.length }, p.loadMs, performance.now() - t0);
              if (p.sample) meta.sample = p.sample;
              const keyFields = new Set(typeof ev.key === 'string' ? [ev.key] : Array.isArray(ev.key) ? ev.key : []);
              meta.plots = { distributions: fieldDistributions(legacy, shadow, keyFields) };
              record(task as unknown as TaskLike, p.sample ? { ...report, sample: p.sample } as ReportBase : report, meta);
              assertReport(report);
            }, timeoutMs);
          }
        }
        const sq = o.sequences ? merge<CompareSequencesOptions>({ ...o.sequences, label: type }, ov.sequences) : undefined;
        if (sq) {
          it('sequences', async ({ legacy, shadow, task }) => {
            const p = await pair();
            const t0 = performance.now();
            const report = compareSequences(legacy, shadow, sq);
            const meta = baseMeta('sequences', { legacy: legacy.length, shadow: shadow.length }, p.loadMs, performance.now() - t0);
            if (p.sample) meta.sample = p.sample;
            if (!sq.assembled && (typeof sq.entity === 'string' || typeof sq.entity === 'function')) {
              const h = sequenceLengths(legacy, shadow, sq.entity as string | ((row: Row) => unknown));
              if (h) meta.plots = { sequenceLengths: h };
            }
            record(task as unknown as TaskLike, p.sample ? { ...report, sample: p.sample } as ReportBase : report, meta);
            assertReport(report);
          }, timeoutMs);
        }
        for (const [name, model] of Object.entries(o.models ?? {})) {
          const m = merge<ModelCheck>({ ...model, label: `${type} ${name}` } as ModelCheck, ov.models?.[name]);
          it(`outputs: ${name}`, async ({ legacy, shadow, task }) => {
            const p = await pair();
            const { check, ...opts } = m;
            const t0 = performance.now();
            const report: ReportBase =
              check === 'equivalence'
                ? compareEquivalence(legacy, shadow, opts as never)
                : check === 'distribution'
                  ? compareDistribution(legacy, shadow, opts as never)
                  : compareAgreement(legacy, shadow, opts as never);
            const meta = baseMeta(`outputs:${name}`, { legacy: legacy.length, shadow: shadow.length }, p.loadMs, performance.now() - t0);
            if (p.sample) meta.sample = p.sample;
            const value = (opts as { value?: string | ((row: Row) => unknown) }).value;
            if (value !== undefined && check !== 'agreement') {
              const h = histogramPair(name, numbersAt(legacy, value), numbersAt(shadow, value));
              if (h) meta.plots = { distributions: [h] };
            }
            record(task as unknown as TaskLike, report, meta);
            assertReport(report);
          }, timeoutMs);
        }
        if (o.legacyReplay !== undefined) {
          const rep = o.events ? merge<CompareEventsOptions>({ ...o.events, label: `${type} replay` }, ov.events) : undefined;
          if (!rep) throw new ShadowOptionError(`${FN}: legacyReplay needs events options (the replay is compared under the event tier's rules)`);
          it('legacy replay', async ({ legacy, legacyReplay, task }) => {
            const t0 = performance.now();
            const report = compareEvents(legacy, legacyReplay, rep);
            const meta = baseMeta('replay', { legacy: legacy.length, shadow: legacyReplay.length }, 0, performance.now() - t0);
            meta.files.shadow = src.legacyReplay?.files ?? [];
            record(task as unknown as TaskLike, report, meta);
            assertReport(report);
          }, timeoutMs);
        }
      });
    }
  });
}
