/**
 * The bundled sample's sequence-only fault (fixtures/sample/README.md): the shadow's builder sorts
 * by the raw timestamp string, so 50 of 120 users' click/search sequences differ while every event
 * matches. The 50 is the generator's own count, recorded in the README.
 */
import { describe, expect, test } from 'vitest';
import { fileURLToPath } from 'node:url';
import { compareSequences, compareTiers, loadDataset } from '../../src/index.js';
import { sequenceSuiteOptions } from '../../fixtures/demo/sequences.js';
import { eventSuiteOptions } from '../../fixtures/demo/events.js';

const path = (f: string) => fileURLToPath(new URL(`../../fixtures/sample/${f}`, import.meta.url));

describe('the sample sequence outputs', async () => {
  const [legacyEvents, shadowEvents, legacySeq, shadowSeq] = await Promise.all(
    ['legacy.jsonl', 'shadow.jsonl', 'legacy-sequences.jsonl', 'shadow-sequences.jsonl'].map((f) => loadDataset(path(f))),
  );
  const clickSearch = (rows: Record<string, unknown>[]) => rows.filter((r) => r.type === 'click' || r.type === 'search');

  test('the sequence tier finds exactly the 50 users the string sort reordered', () => {
    const r = compareSequences(legacySeq, shadowSeq, sequenceSuiteOptions);
    expect(r.counts).toMatchObject({ entities: 120, differing: 50 });
    expect(r.classes.find((c) => c.class === 'reordered')?.entities).toBe(50);
    expect(r.classes.find((c) => c.class === 'time-shifted')).toBeUndefined(); // offsets and skew are tolerated
  });

  test('the event tier passes on the same click and search events; compareTiers names the 50 as sequences-only', () => {
    const t = compareTiers(
      { events: clickSearch(legacyEvents), sequences: legacySeq },
      { events: clickSearch(shadowEvents), sequences: shadowSeq },
      { events: eventSuiteOptions.search, sequences: sequenceSuiteOptions },
    );
    expect(t.events.verdict).toBe('pass');
    expect(t.entities).toMatchObject({ compared: 120, sequencesOnly: 50, eventsOnly: 0, bothDiffer: 0 });
  });

  test('without the type window, the event tier fault (German saves one hour late) shows as time-shifted', () => {
    const r = compareSequences(legacySeq, shadowSeq, { ...sequenceSuiteOptions, window: undefined });
    const shifted = r.classes.find((c) => c.class === 'time-shifted');
    expect(shifted?.entities).toBeGreaterThan(0);
    expect(r.hints).toContain(`times shift by whole hours (up to 1h): usually a time-zone bug, not noise; fix it rather than widen fields['ts']`);
  });
});
