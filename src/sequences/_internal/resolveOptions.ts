import {
  ShadowOptionError,
  assertKnownKeys,
  assertNumber,
  assertOneOf,
  assertPlainObject,
  assertRate,
  describeValue,
} from '../../_internal/options.js';
import { compileGetter, type Getter } from '../../_internal/path.js';
import type { FieldRule } from '../../tolerance/compileFieldRule.js';
import { parseDuration } from '../../tolerance/parseDuration.js';
import { toEpochMs, type EpochUnit } from '../../tolerance/toEpochMs.js';
import { compileKey, type CompiledKey } from '../../join/keys.js';
import type { CompareSequencesOptions, DedupRule, SequenceThresholds, TieRule } from '../compareSequences.js';

export const FN = 'compareSequences';

export const OPTION_KEYS = [
  'entity',
  'orderBy',
  'ties',
  'assembled',
  'time',
  'id',
  'fields',
  'compare',
  'nullEqualsMissing',
  'window',
  'dedup',
  'reorderWithinMs',
  'rboP',
  'minExactRate',
  'maxMeanEditDistance',
  'minKendallTau',
  'minPrecision',
  'minRecall',
  'minRbo',
  'maxMissingEntityRate',
  'maxExtraEntityRate',
  'maxExamples',
  'label',
] as const;

const WINDOW_KEYS = ['last', 'first', 'asOf', 'within', 'types', 'typePath'] as const;
const ORDER_KEYS = ['path', 'direction'] as const;
const ASSEMBLED_KEYS = ['events'] as const;

export interface OrderKey {
  path: string;
  get: Getter;
  desc: boolean;
}

/** Options after validation, with getters compiled. */
export interface ResolvedSequenceOptions {
  entity: CompiledKey;
  entityDescription: string;
  /** Pre-assembled input: the path of the events array on each row. */
  assembled: { path: string; get: Getter } | null;
  orderBy: OrderKey[];
  ties: TieRule;
  time: { path: string; get: Getter; unit: EpochUnit } | null;
  id: CompiledKey | null;
  fields: Map<string, FieldRule>;
  compare: 'all' | 'declared';
  nullEqualsMissing: boolean;
  window: {
    last?: number;
    first?: number;
    asOfMs?: number;
    asOf?: string;
    withinMs?: number;
    types?: Set<unknown>;
    typeGet?: Getter;
    typePath: string;
  };
  dedup: DedupRule;
  reorderWithinMs: number;
  rboP: number;
  thresholds: Required<Pick<SequenceThresholds, 'minExactRate' | 'maxMissingEntityRate' | 'maxExtraEntityRate'>> &
    Pick<SequenceThresholds, 'maxMeanEditDistance' | 'minKendallTau' | 'minPrecision' | 'minRecall' | 'minRbo'>;
  maxExamples: number;
  label?: string;
}

function isPath(v: unknown): v is string {
  return typeof v === 'string' && v.length > 0 && !v.split('.').some((s) => s.length === 0);
}

function assertPath(fn: string, where: string, v: unknown, example: string): asserts v is string {
  if (!isPath(v)) throw new ShadowOptionError(`${fn}: ${where} must be a field path like '${example}', got ${describeValue(v)}`);
}

/** Validates `options` eagerly: unknown keys, bad values and missing requirements throw, naming the option. */
export function resolveSequenceOptions(options: unknown, fn = FN): ResolvedSequenceOptions {
  if (options === undefined) {
    throw new ShadowOptionError(`${fn}: options are required; pass at least { entity: 'userId', orderBy: 'ts', id: 'eventId' }`);
  }
  assertPlainObject(fn, 'options', options);
  assertKnownKeys(fn, '', options, OPTION_KEYS);
  const o = options as Partial<CompareSequencesOptions>;

  if (o.entity === undefined) {
    throw new ShadowOptionError(`${fn}: options.entity is required: the field (or fields, or a function) naming whose sequence an event belongs to, e.g. { entity: 'userId' }`);
  }
  const entity = compileKey(fn, o.entity, 'entity');

  let assembled: ResolvedSequenceOptions['assembled'] = null;
  if (o.assembled !== undefined && o.assembled !== false) {
    if (o.assembled === true) assembled = { path: 'events', get: compileGetter('events') };
    else {
      assertPlainObject(fn, 'assembled', o.assembled);
      assertKnownKeys(fn, 'assembled', o.assembled, ASSEMBLED_KEYS);
      const path = o.assembled.events ?? 'events';
      assertPath(fn, 'assembled.events', path, 'events');
      assembled = { path, get: compileGetter(path) };
    }
  }

  const orderBy: OrderKey[] = [];
  if (o.orderBy !== undefined) {
    const list = Array.isArray(o.orderBy) ? o.orderBy : [o.orderBy];
    if (list.length === 0) throw new ShadowOptionError(`${fn}: orderBy must name at least one field, e.g. orderBy: 'ts'`);
    list.forEach((spec: unknown, i: number) => {
      const where = Array.isArray(o.orderBy) ? `orderBy[${i}]` : 'orderBy';
      if (typeof spec === 'string') {
        assertPath(fn, where, spec, 'ts');
        orderBy.push({ path: spec, get: compileGetter(spec), desc: false });
        return;
      }
      assertPlainObject(fn, where, spec);
      assertKnownKeys(fn, where, spec, ORDER_KEYS);
      const s = spec as { path?: unknown; direction?: unknown };
      assertPath(fn, `${where}.path`, s.path, 'ts');
      const direction = s.direction ?? 'asc';
      assertOneOf(fn, `${where}.direction`, direction, ['asc', 'desc'] as const);
      orderBy.push({ path: s.path, get: compileGetter(s.path), desc: direction === 'desc' });
    });
  } else if (!assembled) {
    throw new ShadowOptionError(
      `${fn}: options.orderBy is required for flat events: the field (or fields) that order a sequence, e.g. { orderBy: 'ts' }; for sequences already assembled by the pipelines, set assembled: true`,
    );
  }

  const ties = o.ties ?? 'any';
  assertOneOf(fn, 'ties', ties, ['any', 'by-id', 'stable'] as const);

  const fields = new Map<string, FieldRule>();
  if (o.fields !== undefined) {
    assertPlainObject(fn, 'fields', o.fields);
    for (const path of Object.keys(o.fields)) {
      if (!isPath(path)) throw new ShadowOptionError(`${fn}: fields has an invalid path ${JSON.stringify(path)}`);
      fields.set(path, o.fields[path]);
    }
  }
  const compare = o.compare ?? 'all';
  assertOneOf(fn, 'compare', compare, ['all', 'declared'] as const);
  if (compare === 'declared' && ![...fields.values()].some((r) => r !== 'ignore')) {
    throw new ShadowOptionError(`${fn}: compare is 'declared' but fields declares no compared field; declare fields or use compare: 'all'`);
  }
  const nullEqualsMissing = o.nullEqualsMissing ?? false;
  if (typeof nullEqualsMissing !== 'boolean') {
    throw new ShadowOptionError(`${fn}: nullEqualsMissing must be true or false, got ${describeValue(nullEqualsMissing)}`);
  }

  const timePath = o.time ?? orderBy[0]?.path;
  if (o.time !== undefined) assertPath(fn, 'time', o.time, 'ts');
  let unit: EpochUnit = 'ms';
  const timeRule = timePath !== undefined ? fields.get(timePath) : undefined;
  if (timeRule && typeof timeRule === 'object' && timeRule.epochUnit !== undefined) unit = timeRule.epochUnit;
  const time = timePath !== undefined ? { path: timePath, get: compileGetter(timePath), unit } : null;

  const id = o.id === undefined ? null : compileKey(fn, o.id, 'id');

  // ── window ──
  const window: ResolvedSequenceOptions['window'] = { typePath: 'type' };
  if (o.window !== undefined) {
    assertPlainObject(fn, 'window', o.window);
    assertKnownKeys(fn, 'window', o.window, WINDOW_KEYS);
    const w = o.window;
    if (w.last !== undefined) {
      assertNumber(fn, 'window.last', w.last, { min: 1, integer: true });
      window.last = w.last;
    }
    if (w.first !== undefined) {
      assertNumber(fn, 'window.first', w.first, { min: 1, integer: true });
      window.first = w.first;
    }
    if (window.last !== undefined && window.first !== undefined) {
      throw new ShadowOptionError(`${fn}: window.last and window.first cannot both be set; keep the events at one end of the sequence`);
    }
    if (w.within !== undefined) {
      window.withinMs = parseDuration(fn, 'window.within', w.within);
      if (window.withinMs <= 0) throw new ShadowOptionError(`${fn}: window.within must be a positive duration, got ${describeValue(w.within)}`);
      if (w.asOf === undefined) {
        throw new ShadowOptionError(`${fn}: window.within needs window.asOf, the time the window ends at (an epoch number, a Date or an ISO string), e.g. { within: '7d', asOf: '2026-11-01T00:00:00Z' }`);
      }
    }
    if (w.asOf !== undefined) {
      const ms = toEpochMs(w.asOf, unit);
      if (!Number.isFinite(ms)) throw new ShadowOptionError(`${fn}: window.asOf must be a time (an epoch number, a Date or an ISO string), got ${describeValue(w.asOf)}`);
      window.asOfMs = ms;
      window.asOf = new Date(ms).toISOString();
    }
    if ((window.asOfMs !== undefined || window.withinMs !== undefined) && time === null) {
      throw new ShadowOptionError(`${fn}: a time window needs the events' time field: set time (e.g. time: 'ts') or orderBy`);
    }
    if (w.typePath !== undefined) {
      assertPath(fn, 'window.typePath', w.typePath, 'type');
      window.typePath = w.typePath;
    }
    if (w.types !== undefined) {
      if (!Array.isArray(w.types) || w.types.length === 0) {
        throw new ShadowOptionError(`${fn}: window.types must be a non-empty array of event types, e.g. ['click', 'save'], got ${describeValue(w.types)}`);
      }
      window.types = new Set(w.types);
      window.typeGet = compileGetter(window.typePath);
    }
  }

  const dedup = o.dedup ?? 'none';
  assertOneOf(fn, 'dedup', dedup, ['none', 'by-id', 'consecutive'] as const);

  const reorderWithinMs = o.reorderWithinMs === undefined ? 0 : parseDuration(fn, 'reorderWithinMs', o.reorderWithinMs);
  if (reorderWithinMs > 0 && time === null) {
    throw new ShadowOptionError(`${fn}: reorderWithinMs needs the events' time field: set time (e.g. time: 'ts') or orderBy`);
  }

  const rboP = o.rboP ?? 0.9;
  assertNumber(fn, 'rboP', rboP, { min: 0, max: 1 });
  if (rboP <= 0 || rboP >= 1) throw new ShadowOptionError(`${fn}: rboP must be strictly between 0 and 1, got ${describeValue(rboP)}`);

  const thresholds: ResolvedSequenceOptions['thresholds'] = {
    minExactRate: o.minExactRate ?? 1,
    maxMissingEntityRate: o.maxMissingEntityRate ?? 0,
    maxExtraEntityRate: o.maxExtraEntityRate ?? 0,
  };
  assertRate(fn, 'minExactRate', thresholds.minExactRate);
  assertRate(fn, 'maxMissingEntityRate', thresholds.maxMissingEntityRate);
  assertRate(fn, 'maxExtraEntityRate', thresholds.maxExtraEntityRate);
  if (o.maxMeanEditDistance !== undefined) {
    assertRate(fn, 'maxMeanEditDistance', o.maxMeanEditDistance);
    thresholds.maxMeanEditDistance = o.maxMeanEditDistance;
  }
  if (o.minKendallTau !== undefined) {
    assertNumber(fn, 'minKendallTau', o.minKendallTau, { min: -1, max: 1 });
    thresholds.minKendallTau = o.minKendallTau;
  }
  for (const k of ['minPrecision', 'minRecall', 'minRbo'] as const) {
    if (o[k] !== undefined) {
      assertRate(fn, k, o[k]);
      thresholds[k] = o[k];
    }
  }

  const maxExamples = o.maxExamples ?? 5;
  assertNumber(fn, 'maxExamples', maxExamples, { min: 0, max: 1000, integer: true });
  if (o.label !== undefined && typeof o.label !== 'string') throw new ShadowOptionError(`${fn}: label must be a string, got ${describeValue(o.label)}`);

  const r: ResolvedSequenceOptions = {
    entity,
    entityDescription: entity.description,
    assembled,
    orderBy,
    ties,
    time,
    id,
    fields,
    compare,
    nullEqualsMissing,
    window,
    dedup,
    reorderWithinMs,
    rboP,
    thresholds,
    maxExamples,
  };
  if (o.label !== undefined) r.label = o.label;
  return r;
}
