/** The sequence SQL plan's option checks and the lists shared by the emitter and the reader. */
import { ShadowOptionError, assertKnownKeys, assertPlainObject, describeValue } from '../../_internal/options.js';
import type { SequenceDiffClass } from '../../sequences/compareSequences.js';
import { resolveSequenceOptions, type ResolvedSequenceOptions } from '../../sequences/_internal/resolveOptions.js';
import type { NotComputedInSql, SqlSequenceComparison } from '../emitSequenceSql.js';
import { num } from './dialects.js';

/** The classes the SQL counts, with the column stem; reordered has entities only (its events are k − LIS). */
export const SQL_CLASSES: readonly [SequenceDiffClass, string][] = [
  ['cut-head', 'cut_head'],
  ['cut-tail', 'cut_tail'],
  ['reordered', 'reordered'],
  ['duplicated', 'duplicated'],
  ['missing', 'missing'],
  ['extra', 'extra'],
  ['time-shifted', 'time_shifted'],
  ['changed', 'changed'],
];

/** The report's parts the SQL plan cannot compute, with the reason (printed by the command, carried to the Report). */
export const NOT_COMPUTED: readonly NotComputedInSql[] = [
  { metric: 'metrics.meanEditDistance', why: 'the Levenshtein distance is a dynamic programme over the two sequences of each entity, which SQL cannot express without recursion' },
  { metric: 'metrics.precision', why: 'the longest common subsequence is a dynamic programme (no SQL form)' },
  { metric: 'metrics.recall', why: 'the longest common subsequence is a dynamic programme (no SQL form)' },
  { metric: 'metrics.rbo', why: 'rank-biased overlap sums a power series per depth over first occurrences; not written in SQL here' },
  { metric: 'classes.reordered.events', why: 'events to move = common − longest increasing subsequence, a per-entity algorithm with no SQL form (the reordered entities are counted)' },
  { metric: 'examples (identities around the first divergence)', why: 'the examples query returns the differing entities with their counts, not the event identities around the divergence' },
];

/** The report's parts the counts row gives. */
export const COMPUTED = [
  'counts (rows, missing entity/id/order, window drops, entities, exact, differing, missing and extra entities, compared events)',
  'metrics.exactRate', 'metrics.meanLengthDelta', 'metrics.shadowLonger', 'metrics.shadowShorter',
  'metrics.kendallTau', 'metrics.kendallEntities', 'metrics.missingEntityRate', 'metrics.extraEntityRate',
  'classes (entities; events except reordered)', 'firstDivergence', 'fields (mismatches per compared field)',
];

const SQL_KEYS = [
  'entity', 'orderBy', 'ties', 'assembled', 'time', 'id', 'fields', 'compare', 'nullEqualsMissing', 'window', 'dedup', 'reorderWithinMs', 'rboP',
  'minExactRate', 'maxMeanEditDistance', 'minKendallTau', 'minPrecision', 'minRecall', 'minRbo', 'maxMissingEntityRate', 'maxExtraEntityRate', 'maxExamples', 'label',
] as const;

function columnList(fn: string, option: string, v: unknown, example: string): string[] {
  const list = typeof v === 'string' ? [v] : v;
  if (!Array.isArray(list) || list.length === 0 || !list.every((k) => typeof k === 'string' && k !== '')) {
    throw new ShadowOptionError(
      `${fn}: ${option} must be a column or a non-empty array of columns (SQL ${option === 'entity' ? 'groups' : 'pairs events'} on it), e.g. ${option}: '${example}', got ${describeValue(v)}${typeof v === 'function' ? '; a function needs compareSequences on loaded rows' : ''}`,
    );
  }
  return list as string[];
}

/** A window.types value as a SQL literal (NULL and objects refused: IN never matches NULL). */
export function literal(fn: string, v: unknown): string {
  if (typeof v === 'string') return `'${v.replaceAll("'", "''")}'`;
  if (typeof v === 'number' && Number.isFinite(v)) return num(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  throw new ShadowOptionError(`${fn}: window.types must hold strings, finite numbers or booleans for SQL (IN never matches NULL), got ${describeValue(v)}`);
}

/** Validates a sequence comparison for SQL: compareSequences' own validation, then what SQL cannot translate. */
export function resolveSqlSequence(fn: string, comparison: unknown): { o: ResolvedSequenceOptions; entity: string[]; id: string[] } {
  assertPlainObject(fn, 'comparison', comparison);
  assertKnownKeys(fn, 'comparison', comparison, SQL_KEYS);
  const c = comparison as Partial<SqlSequenceComparison>;
  if (c.entity === undefined) throw new ShadowOptionError(`${fn}: comparison.entity is required: the column (or columns) whose sequence an event belongs to, e.g. entity: 'userId'`);
  const entity = columnList(fn, 'entity', c.entity, 'userId');
  if (c.orderBy === undefined) throw new ShadowOptionError(`${fn}: comparison.orderBy is required: the column (or columns) that order a sequence, e.g. orderBy: 'ts'`);
  if (c.id === undefined) {
    throw new ShadowOptionError(`${fn}: comparison.id is required for SQL: the event identity column (or columns) that pairs legacy and shadow events, e.g. id: 'eventId' (the whole-event identity of compareSequences has no SQL form)`);
  }
  const id = columnList(fn, 'id', c.id, 'eventId');
  if (c.assembled !== undefined && c.assembled !== false) {
    throw new ShadowOptionError(`${fn}: assembled sequences (arrays per row) have no SQL plan here; give the flat events table (one row per event) and set assembled: false, or run compareSequenceFiles`);
  }
  if (c.ties === 'stable') {
    throw new ShadowOptionError(`${fn}: ties: 'stable' keeps the input row order among tied events, which a SQL table does not have; use ties: 'any' or 'by-id' (ties ordered by id), or run compareSequenceFiles`);
  }
  if (c.compare === 'all') {
    throw new ShadowOptionError(`${fn}: compare: 'all' compares every field found on either side, which SQL cannot list; declare the compared columns in fields and set compare: 'declared' (or omit compare)`);
  }
  if (c.reorderWithinMs !== undefined && c.reorderWithinMs !== 0 && c.reorderWithinMs !== '0ms') {
    throw new ShadowOptionError(`${fn}: reorderWithinMs ${describeValue(c.reorderWithinMs)} has no SQL translation (tolerated swaps are an iterative per-entity pass); set reorderWithinMs: 0 or run compareSequenceFiles`);
  }
  for (const k of ['maxMeanEditDistance', 'minPrecision', 'minRecall', 'minRbo'] as const) {
    if (c[k] !== undefined) {
      const metric = { maxMeanEditDistance: 'the edit distance', minPrecision: 'LCS precision', minRecall: 'LCS recall', minRbo: 'rank-biased overlap' }[k];
      throw new ShadowOptionError(`${fn}: ${k} checks ${metric}, which the SQL plan cannot compute (see docs/sql.md); drop ${k} or run compareSequenceFiles`);
    }
  }
  const fields = c.fields ?? {};
  assertPlainObject(fn, 'fields', fields);
  const declared = Object.values(fields).some((r) => r !== 'ignore');
  const o = resolveSequenceOptions({ ...c, compare: declared ? 'declared' : 'all' }, fn);
  if (o.window.types) for (const t of o.window.types) literal(fn, t);
  return { o, entity, id };
}

