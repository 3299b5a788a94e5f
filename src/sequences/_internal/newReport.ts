/** Step 2 of the sequence pipeline: the report skeleton (rules, thresholds, zeroed counts and metrics). */
import { REPORT_VERSION } from '../../report/types.js';
import type { SequenceCounts, SequenceReport, WindowDrops } from '../compareSequences.js';
import type { SequenceInputs } from './readInputs.js';
import type { ResolvedSequenceOptions } from './resolveOptions.js';

export const EMPTY_DROPS = (): WindowDrops => ({ type: 0, time: 0, noTime: 0, dedup: 0, truncated: 0 });

/** The report before anything is compared: what the rules were, zero counts and metrics. */
export function newReport(o: ResolvedSequenceOptions): SequenceReport {
  const report: SequenceReport = {
    kind: 'sequences',
    version: REPORT_VERSION,
    verdict: 'pass',
    reasons: [],
    input: o.assembled === null ? 'events' : 'sequences',
    entity: o.entity.description,
    rules: {
      orderBy: o.orderBy.map((k) => (k.desc ? `${k.path} desc` : k.path)),
      ties: o.ties,
      time: o.time?.path ?? null,
      id: o.id?.description ?? '(whole event)',
      window: describeWindow(o),
      dedup: o.dedup,
      reorderWithinMs: o.reorderWithinMs,
      fields: Object.fromEntries([...o.fields].map(([p, r]) => [p, typeof r === 'string' ? r : JSON.stringify(r, (_, v) => (typeof v === 'function' ? 'fn' : v))])),
    },
    thresholds: {
      minExactRate: o.thresholds.minExactRate,
      maxMeanEditDistance: o.thresholds.maxMeanEditDistance ?? null,
      minKendallTau: o.thresholds.minKendallTau ?? null,
      minPrecision: o.thresholds.minPrecision ?? null,
      minRecall: o.thresholds.minRecall ?? null,
      minRbo: o.thresholds.minRbo ?? null,
      maxMissingEntityRate: o.thresholds.maxMissingEntityRate,
      maxExtraEntityRate: o.thresholds.maxExtraEntityRate,
    },
    counts: emptyCounts(),
    metrics: {
      exactRate: 0,
      meanEditDistance: 0,
      precision: 0,
      recall: 0,
      kendallTau: null,
      kendallEntities: 0,
      rbo: null,
      rboP: o.rboP,
      meanLengthDelta: 0,
      shadowLonger: 0,
      shadowShorter: 0,
      missingEntityRate: 0,
      extraEntityRate: 0,
    },
    classes: [],
    firstDivergence: { absolute: [], relative: [] },
    fields: [],
    examples: [],
    hints: [],
  };
  if (o.label !== undefined) report.label = o.label;
  return report;
}

/** The window rule as one line of text, or null when there is none. */
function describeWindow(o: ResolvedSequenceOptions): string | null {
  const w = o.window;
  const parts: string[] = [];
  if (w.types) parts.push(`${w.typePath} in [${[...w.types].map((t) => JSON.stringify(t)).join(', ')}]`);
  if (w.asOfMs !== undefined) parts.push(w.withinMs !== undefined ? `${o.time!.path} in (${w.asOf} − ${w.withinMs}ms, ${w.asOf}]` : `${o.time!.path} ≤ ${w.asOf}`);
  if (w.last !== undefined) parts.push(`last ${w.last}`);
  if (w.first !== undefined) parts.push(`first ${w.first}`);
  return parts.length ? parts.join(', ') : null;
}

/** All counts zero. */
export function emptyCounts(): SequenceCounts {
  return {
    legacyRows: 0,
    shadowRows: 0,
    legacyEvents: 0,
    shadowEvents: 0,
    legacyEntities: 0,
    shadowEntities: 0,
    entities: 0,
    exact: 0,
    differing: 0,
    missingEntities: 0,
    extraEntities: 0,
    legacyCompared: 0,
    shadowCompared: 0,
    legacyMissingEntity: 0,
    shadowMissingEntity: 0,
    legacyMissingOrder: 0,
    shadowMissingOrder: 0,
    legacyMissingId: 0,
    shadowMissingId: 0,
    legacyDuplicateEntities: 0,
    shadowDuplicateEntities: 0,
    legacyNotArray: 0,
    shadowNotArray: 0,
    window: { legacy: EMPTY_DROPS(), shadow: EMPTY_DROPS() },
    toleratedSwaps: 0,
  };
}

/** The counts the input alone gives (rows, events, what reading left out). */
export function inputCounts(inp: SequenceInputs): SequenceCounts {
  const { L, S } = inp;
  const c = emptyCounts();
  c.legacyRows = inp.legacyRows;
  c.shadowRows = inp.shadowRows;
  c.legacyEvents = L.events.length;
  c.shadowEvents = S.events.length;
  c.legacyMissingEntity = L.missingEntity;
  c.shadowMissingEntity = S.missingEntity;
  c.legacyMissingId = L.missingId;
  c.shadowMissingId = S.missingId;
  c.legacyDuplicateEntities = L.duplicateEntities.size;
  c.shadowDuplicateEntities = S.duplicateEntities.size;
  c.legacyNotArray = L.notArray;
  c.shadowNotArray = S.notArray;
  return c;
}
