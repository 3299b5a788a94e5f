import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { manifestProblems, parseManifest } from '../../src/gate/validateManifest.js';
import { KNOWN_TIERS, REGRESSION_METRICS, STAGES } from '../../src/gate/types.js';

const valid = {
  version: 1,
  defaults: { criteria: { SHADOW: { consecutiveCleanRuns: 3 } } },
  eventTypes: {
    search: {
      stage: 'COMPARISON',
      criteria: { COMPARISON: { consecutiveCleanRuns: 5, minRowsPerRun: 1000, tiers: { events: 'pass', outputs: ['pass', 'inconclusive'] }, knownDifferences: [{ code: 'X', tier: 'events' }], maxRegression: { landingMs: 0.1 }, customChecks: ['t'] } },
      consumers: [{ name: 'dash', reads: 'shadow', order: 1 }, { name: 'billing', reads: 'legacy', order: 2, queries: ['q1'] }],
    },
    ads: { stage: 'OFF' },
  },
};

describe('manifestProblems', () => {
  test('passes a valid manifest', () => {
    expect(manifestProblems(valid)).toEqual([]);
  });

  test('fails on an unknown stage, a side that does not exist at its stage, an unknown tier, each naming its path', () => {
    const bad = structuredClone(valid) as any;
    bad.eventTypes.search.stage = 'COMPARE';
    bad.eventTypes.ads.consumers = [{ name: 'dash', reads: 'shadow', order: 1 }];
    bad.eventTypes.search.criteria.COMPARISON.tiers.sequence = 'pass';
    bad.eventTypes.on = { stage: 'ON', consumers: [{ name: 'old', reads: 'legacy', order: 1 }] };
    bad.eventTypes.search.criteria.ON = {};
    bad.eventTypes.search.criteria.COMPARISON.consecutiveCleanRuns = 0;
    bad.eventTypes.search.criteria.COMPARISON.maxRegression.latency = 0.1;
    bad.eventTypes.search.consumers.push({ name: 'dash', reads: 'legacy', order: 3 });
    bad.eventTypes.search.consumer = [];
    expect(manifestProblems(bad)).toMatchInlineSnapshot(`
      [
        "eventTypes.search: unknown key 'consumer'; did you mean 'consumers'?",
        "eventTypes.search.stage: unknown stage "COMPARE"; valid: OFF, SHADOW, COMPARISON, EXEC, ON",
        "eventTypes.search.criteria.COMPARISON.consecutiveCleanRuns must be an integer >= 1, got 0",
        "eventTypes.search.criteria.COMPARISON.tiers: unknown tier 'sequence'; did you mean 'sequences'?",
        "eventTypes.search.criteria.COMPARISON.maxRegression: unknown metric 'latency'; valid: landingMs, cpuSeconds, memoryMb, cost",
        "eventTypes.search.criteria.ON: ON is the last stage, there is nothing to advance to",
        "eventTypes.search.consumers[2].name: consumer 'dash' is listed twice",
        "eventTypes.ads.consumers.dash.reads: 'shadow' does not exist at stage OFF (the new pipeline does not run); at OFF a consumer reads legacy",
        "eventTypes.on.consumers.old.reads: 'legacy' does not exist at stage ON (legacy is retired); at ON a consumer reads shadow",
      ]
    `);
  });

  test('parseManifest names the file and lists the problems; invalid JSON names the file', () => {
    expect(() => parseManifest('{"version":1,"eventTypes":{"a":{"stage":"SHADDOW"}}}', 'cutover.json')).toThrowErrorMatchingInlineSnapshot(`
      [ShadowDataError: cutover.json: invalid cutover manifest (1 problem):
        - eventTypes.a.stage: unknown stage "SHADDOW"; did you mean 'SHADOW'?]
    `);
    expect(() => parseManifest('{"version":1,', 'cutover.json')).toThrow(/^cutover\.json: not valid JSON/);
    expect(() => parseManifest('[]', 'cutover.json')).toThrow(/must be a JSON object/);
  });
});

describe('schemas/cutover.schema.json', () => {
  const schema = JSON.parse(readFileSync(new URL('../../schemas/cutover.schema.json', import.meta.url), 'utf8'));
  test('names the same stages, tiers, metrics and criteria as the validator', () => {
    expect(schema.$defs.stage.enum).toEqual(STAGES);
    expect(schema.$defs.tier.enum).toEqual([...KNOWN_TIERS]);
    expect(Object.keys(schema.$defs.criteria.properties.maxRegression.properties)).toEqual([...REGRESSION_METRICS]);
    // every criteria key the schema allows is accepted by the validator, and an unknown one is refused by both
    const criteria = Object.fromEntries(Object.keys(schema.$defs.criteria.properties).map((k) => [k, k === 'consecutiveCleanRuns' ? 1 : undefined]));
    expect(manifestProblems({ version: 1, eventTypes: { a: { stage: 'SHADOW', criteria: { SHADOW: criteria } } } })).toEqual([]);
    expect(schema.$defs.criteria.additionalProperties).toBe(false);
    expect(manifestProblems({ version: 1, eventTypes: { a: { stage: 'SHADOW', criteria: { SHADOW: { cleanRuns: 2 } } } } })).toHaveLength(1);
    expect(Object.keys(schema.$defs.consumer.properties).sort()).toEqual(['description', 'name', 'order', 'queries', 'reads']);
    expect(Object.keys(schema.$defs.eventType.properties).sort()).toEqual(['consumers', 'criteria', 'description', 'stage']);
  });
});
