/** Step 8 of the sequence pipeline: the option that would change the outcome when the difference is benign. */
import type { SequenceDiffClass, SequenceReport } from '../compareSequences.js';
import type { EntityTally } from './compareEntities.js';
import type { ResolvedSequenceOptions } from './resolveOptions.js';

/** The largest swap gap for which the reorderWithinMs hint is offered (arrival races are sub-minute). */
const RACE_MS = 60_000;

/** Hint lines for the report, from the classes found and the tally's extremes. */
export function suggestHints(report: SequenceReport, t: EntityTally, o: ResolvedSequenceOptions): string[] {
  const hints: string[] = [];
  const classCount = t.classCount;
  const has = (c: SequenceDiffClass) => classCount.get(c)!.entities > 0;
  // Window and dedup hints address a main difference only: a class in at least a third of the
  // differing entities (a cut that follows from reordering is not a window difference).
  const main = (n: number) => n > 0 && 3 * n >= report.counts.differing;
  if (main(classCount.get('duplicated')!.entities) && o.dedup === 'none') {
    hints.push(`if one pipeline legitimately drops duplicate events, compare deduplicated sequences: set dedup: 'by-id' (or 'consecutive')`);
  }
  const cutEntities = classCount.get('cut-head')!.entities + classCount.get('cut-tail')!.entities;
  if (main(cutEntities) && Number.isFinite(t.minShortCut)) {
    hints.push(
      `sequences are cut differently (a window or truncation difference, usually a real fault for consumers); if the pipelines' windows differ on purpose, compare the common part: set window: { last: ${Math.max(1, t.minShortCut)} } or a time window { within, asOf }`,
    );
  }
  // Arrival races swap events seconds apart, not hours: only then is reorderWithinMs the benign fix.
  const gap = t.maxSwapGapMs;
  if (has('reordered') && gap > 0 && gap <= RACE_MS && o.reorderWithinMs < gap) {
    hints.push(`out-of-order neighbours are at most ${Math.round(gap)}ms apart; if such swaps are arrival races, set reorderWithinMs: ${Math.ceil(gap)}`);
  }
  const shift = t.maxTimeShiftMs;
  if (has('time-shifted') && o.time && shift > 0 && Number.isFinite(shift)) {
    const hours = shift % 3_600_000 === 0;
    hints.push(
      hours
        ? `times shift by whole hours (up to ${shift / 3_600_000}h): usually a time-zone bug, not noise; fix it rather than widen fields['${o.time.path}']`
        : `if the time shifts (up to ${Math.round(shift)}ms) are benign clock skew, set fields['${o.time.path}'] = { time: ${Math.ceil(shift)} }`,
    );
  }
  return hints;
}
