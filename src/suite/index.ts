/**
 * vitest-shadow/suite: nightly validation suites per event type on Vitest's fixtures, and the
 * file-based event comparison they share with the matchers.
 */
export { defineShadowSuite } from './defineShadowSuite.js';
export { compareEventSources } from './compareEventSources.js';
export type { CompareEventSourcesOptions, SourceRun } from './compareEventSources.js';
export type { ShadowSuiteOptions, SuiteOverride, ModelCheck, SuiteRecord, SourceSpec, SampleRecord, PlotData, HistogramPair } from './types.js';
