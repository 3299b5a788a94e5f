/**
 * vitest-shadow: the engine. Every comparison is `compareX(legacy, shadow, options) → Report`.
 * This file lists the public API by name; reviewing the API means reading this file.
 * No Vitest import anywhere below src/.
 */

// ── Reports ──────────────────────────────────────────────────────────────────────────────
export { REPORT_VERSION, verdictOf } from './report/types.js';
export type { Verdict, Reason, ReportBase, AnyReport, Scalar } from './report/types.js';
export { renderReport } from './report/renderReport.js';
export type { RenderOptions } from './report/renderReport.js';
export { assertReport, ShadowAssertionError } from './report/assertReport.js';
export { plainColors, ansiColors } from './report/_internal/format.js';
export type { Colors } from './report/_internal/format.js';
export { ShadowOptionError } from './_internal/options.js';

// ── Datasets ─────────────────────────────────────────────────────────────────────────────
export { loadDataset } from './dataset/loadDataset.js';
export type { LoadDatasetOptions, ColumnType } from './dataset/loadDataset.js';
export { toRows } from './dataset/toRows.js';
export type { Row, DatasetInput, TableLike } from './dataset/toRows.js';

// ── Event tier ───────────────────────────────────────────────────────────────────────────
export { compareEvents } from './compare/compareEvents.js';
export type {
  CompareEventsOptions,
  EventReport,
  EventCounts,
  FieldReport,
  MismatchGroup,
  KeySpec,
} from './compare/compareEvents.js';
export { compileFieldRule } from './tolerance/compileFieldRule.js';
export type { FieldRule, FieldRuleObject, CompiledFieldRule, Normalizer } from './tolerance/compileFieldRule.js';
export { parseDuration } from './tolerance/parseDuration.js';

// ── Sequence tier ────────────────────────────────────────────────────────────────────────
export { compareSequences } from './compare/compareSequences.js';
export type {
  CompareSequencesOptions,
  SequenceThresholds,
  SequenceWindow,
  OrderBySpec,
  TieRule,
  DedupRule,
  SequenceReport,
  SequenceCounts,
  SequenceMetrics,
  SequenceClassReport,
  SequenceDiffClass,
  SequenceExample,
  DivergenceBucket,
  WindowDrops,
} from './compare/compareSequences.js';

// ── Statistics ───────────────────────────────────────────────────────────────────────────
