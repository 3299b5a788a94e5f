/** Generated legacy/shadow pairs and option sets shared by the differential tests (normal and slow). */
import fc from 'fast-check';
import { eventStream } from '../../../src/arbitraries/eventStream.js';
import { shadowPair } from '../../../src/arbitraries/shadowPair.js';
import type { CompareSequencesOptions } from '../../../src/sequences/compareSequences.js';

export const pairArb = shadowPair({
  base: eventStream({ minLength: 20, maxLength: 120, entities: 12, tieRate: 0.3 }),
  perturbations: [
    fc.constantFrom(
      { kind: 'drop', magnitude: 0.05 } as const,
      { kind: 'duplicate', magnitude: 0.05 } as const,
      { kind: 'swapNeighbours', magnitude: 0.1 } as const,
      { kind: 'jitterTime', magnitude: 500 } as const,
      { kind: 'shiftField', field: 'value', magnitude: 0.5 } as const,
    ),
  ],
});

export const optionSets: CompareSequencesOptions[] = [
  { entity: 'entity', orderBy: 'ts', id: 'id', fields: { value: { abs: 0.01 } } },
  { entity: 'entity', orderBy: 'ts', id: 'id', ties: 'by-id', window: { last: 5 }, dedup: 'by-id', maxExamples: 2 },
  { entity: ['entity', 'type'], orderBy: ['ts', { path: 'id', direction: 'desc' }], id: 'id', reorderWithinMs: 200, minKendallTau: 0.9 },
];


/** Rows as CSV text: the union of their keys as the header (in first-seen order), an absent or null value an empty cell, a cell quoted where it must be. */
export function csvText(rows: readonly Record<string, unknown>[], cols = [...new Set(rows.flatMap((r) => Object.keys(r)))]): string {
  const cell = (v: unknown) => (v === null || v === undefined ? '' : /[",\n\r]/.test(String(v)) || String(v) !== String(v).trim() ? `"${String(v).replaceAll('"', '""')}"` : String(v));
  return [cols.join(','), ...rows.map((r) => cols.map((c) => cell(r[c])).join(','))].join('\n') + '\n';
}
