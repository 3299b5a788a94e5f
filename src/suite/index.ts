/**
 * The nightly harness's engine side (no Vitest import): the suite factory, the file-based event
 * comparison, and their types. `vitest-shadow/suite` (matchers/suite.ts) adds `defineShadowSuite`,
 * bound to Vitest's `describe` and `test`.
 */
export { createShadowSuite } from './createShadowSuite.js';
export type { SuiteApi, SuiteTestFn } from './createShadowSuite.js';
export { compareEventSources } from './compareEventSources.js';
export type { CompareEventSourcesOptions, SourceRun } from './compareEventSources.js';
export type { ShadowSuiteOptions, SuiteOverride, ModelCheck, SuiteRecord, SourceSpec, SampleRecord, PlotData, HistogramPair } from './types.js';
