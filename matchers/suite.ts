/**
 * vitest-shadow/suite: nightly validation suites per event type, declared with Vitest's own
 * `describe` and `test.extend` (this file binds them; the engine in src/ never imports Vitest), and
 * the file-based event comparison they share with the matchers.
 */
import { describe, test } from 'vitest';
import { createShadowSuite, type SuiteApi } from '../src/suite/createShadowSuite.js';
import type { ShadowSuiteOptions } from '../src/suite/types.js';

export * from '../src/suite/index.js';

/**
 * Declares a nightly validation suite: one `describe` per event type and one test per tier
 * (`events`, `sequences`, `outputs: <model>`, `legacy replay`), built on Vitest's `test.extend`
 * fixtures `legacy`, `shadow` and `legacyReplay`. Each side of an event type loads lazily, once per
 * test file, and is shared by the tiers of that type; a test that runs in DuckDB never loads it.
 *
 * - Files: paths, globs, lists, or a function of the event type (JSONL, CSV, JSON, Parquet, gzip).
 *   Files shared by several types are split on `typeField`.
 * - Engine: the events test runs in DuckDB when the files are large or `engine: 'duckdb'` (the same
 *   EventReport), in memory otherwise.
 * - Timeouts from the file sizes (30 s + 1.5 s per MB), overridable.
 * - Sampling of very large inputs, seeded and stratified by event type and entity.
 * - Bad input (missing file, empty glob, an event type with no rows on one side) fails that event
 *   type's tests with an error naming it; the other types still run.
 *
 * Each test records its Report and a {@link SuiteRecord} on `task.meta` for the reporter of
 * `vitest-shadow/plugin`, then fails with the rendered report when the verdict is not pass.
 *
 * @example
 * // nightly.test.ts
 * import { defineShadowSuite } from 'vitest-shadow/suite';
 * defineShadowSuite({
 *   eventTypes: ['click', 'search', 'purchase'],
 *   legacy: 'out/legacy/events.jsonl.gz',
 *   shadow: 'out/shadow/events.jsonl.gz',
 *   events: { key: 'id', fields: { price: { abs: 0.01 } } },
 *   sequences: { entity: 'user', orderBy: 'ts', id: 'id' },
 *   overrides: { search: { events: { minMatchRate: 0.995 } } },
 * });
 */export const defineShadowSuite: (options: ShadowSuiteOptions) => void = createShadowSuite({ describe, test } as unknown as SuiteApi);
