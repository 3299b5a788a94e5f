import {
  ShadowOptionError,
  assertKnownKeys,
  assertNumber,
  assertOneOf,
  assertPlainObject,
  assertRate,
  describeValue,
} from '../../_internal/options.js';
import { resolveDefaults } from './resolveDefaults.js';
import { compileKey, type CompiledKey } from '../../join/keys.js';
import { compileFieldRule, type FieldRule } from '../../tolerance/compileFieldRule.js';
import type { CompareEventsOptions, ValueType } from '../compareEvents.js';

/** The function name every compareEvents message starts with. */
export const FN = 'compareEvents';

const OPTION_KEYS = [
  'key',
  'fields',
  'compare',
  'defaults',
  'duplicateKeys',
  'ignoreFieldCase',
  'rename',
  'nullEqualsMissing',
  'minMatchRate',
  'maxMissingRate',
  'maxExtraRate',
  'maxDuplicateKeys',
  'maxMissingKeyRows',
  'maxExamples',
  'label',
  'noise',
  'noiseAlpha',
  'maxNoiseExcess',
  'ledger',
  'today',
] as const;


/** {@link CompareEventsOptions} validated, with every default filled in. */
export interface ResolvedEventOptions {
  key: CompiledKey;
  fields: Map<string, FieldRule>;
  compare: 'all' | 'common' | 'declared';
  defaults: Map<ValueType, FieldRule>;
  duplicateKeys: 'exclude' | 'inOrder';
  ignoreFieldCase: boolean;
  rename: Map<string, string>;
  nullEqualsMissing: boolean;
  minMatchRate: number;
  maxMissingRate: number;
  maxExtraRate: number;
  maxDuplicateKeys: number;
  maxMissingKeyRows: number;
  maxExamples: number;
  label?: string;
}

/** Step 1 of compareEvents: validates the options eagerly and fills in the defaults. */
export function resolveEventOptions(options: unknown): ResolvedEventOptions {
  if (options === undefined) throw new ShadowOptionError(`${FN}: options are required; pass at least { key: 'id' }`);
  assertPlainObject(FN, 'options', options);
  assertKnownKeys(FN, '', options, OPTION_KEYS);
  const o = options as Partial<CompareEventsOptions>;
  if (o.key === undefined) throw new ShadowOptionError(`${FN}: options.key is required: the field (or fields) that identify an event, e.g. { key: 'eventId' }`);
  const key = compileKey(FN, o.key);
  const fields = new Map<string, FieldRule>();
  if (o.fields !== undefined) {
    assertPlainObject(FN, 'fields', o.fields);
    for (const path of Object.keys(o.fields)) {
      if (!path || path.split('.').some((s) => !s)) throw new ShadowOptionError(`${FN}: fields has an invalid path ${JSON.stringify(path)}`);
      fields.set(path, o.fields[path]);
    }
  }
  const rename = new Map<string, string>();
  if (o.rename !== undefined) {
    assertPlainObject(FN, 'rename', o.rename);
    for (const [from, to] of Object.entries(o.rename)) {
      if (typeof to !== 'string' || !to) throw new ShadowOptionError(`${FN}: rename.${from} must be the shadow field path (a string), got ${describeValue(to)}`);
      rename.set(from, to);
    }
  }
  const compare = o.compare ?? 'all';
  assertOneOf(FN, 'compare', compare, ['all', 'common', 'declared'] as const);
  const defaults = resolveDefaults(FN, o.defaults, (path, rule) => compileFieldRule(FN, path, rule));
  const duplicateKeys = o.duplicateKeys ?? 'exclude';
  assertOneOf(FN, 'duplicateKeys', duplicateKeys, ['exclude', 'inOrder'] as const);
  const ignoreFieldCase = o.ignoreFieldCase ?? false;
  if (typeof ignoreFieldCase !== 'boolean') throw new ShadowOptionError(`${FN}: ignoreFieldCase must be true or false, got ${describeValue(ignoreFieldCase)}`);
  if (compare === 'declared' && fields.size === 0) {
    throw new ShadowOptionError(`${FN}: compare is 'declared' but fields is empty, so nothing would be compared; declare fields or use compare: 'all'`);
  }
  const nullEqualsMissing = o.nullEqualsMissing ?? false;
  if (typeof nullEqualsMissing !== 'boolean') throw new ShadowOptionError(`${FN}: nullEqualsMissing must be true or false, got ${describeValue(nullEqualsMissing)}`);
  const r: ResolvedEventOptions = {
    key,
    fields,
    compare,
    defaults,
    duplicateKeys,
    ignoreFieldCase,
    rename,
    nullEqualsMissing,
    minMatchRate: o.minMatchRate ?? 1,
    maxMissingRate: o.maxMissingRate ?? 0,
    maxExtraRate: o.maxExtraRate ?? 0,
    maxDuplicateKeys: o.maxDuplicateKeys ?? 0,
    maxMissingKeyRows: o.maxMissingKeyRows ?? 0,
    maxExamples: o.maxExamples ?? 5,
    label: o.label,
  };
  assertRate(FN, 'minMatchRate', r.minMatchRate);
  assertRate(FN, 'maxMissingRate', r.maxMissingRate);
  assertRate(FN, 'maxExtraRate', r.maxExtraRate);
  assertNumber(FN, 'maxDuplicateKeys', r.maxDuplicateKeys, { min: 0, integer: true });
  assertNumber(FN, 'maxMissingKeyRows', r.maxMissingKeyRows, { min: 0, integer: true });
  assertNumber(FN, 'maxExamples', r.maxExamples, { min: 0, max: 1000, integer: true });
  if (r.label !== undefined && typeof r.label !== 'string') throw new ShadowOptionError(`${FN}: label must be a string, got ${describeValue(r.label)}`);
  return r;
}
