import type { ReportBase } from '../report/types.js';

type Loose = Record<string, any>;

function put(out: Record<string, number>, name: string, v: unknown): void {
  if (typeof v === 'number' && Number.isFinite(v)) out[name] = v;
}

/**
 * The few numbers that summarise a Report of any tier, for tables, history records and trends:
 * events → matchRate, missingRate, extraRate; sequences → exactRate, meanEditDistance,
 * missingEntityRate, extraEntityRate; both tiers → both sets prefixed `events.`/`sequences.`;
 * equivalence → difference, ciLow, ciHigh, margin; bytes → bytesMatchRate, differing; profile →
 * rowDelta, failingColumns; queries → queries, failingQueries; distribution → one figure per metric
 * (its statistic); agreement → agreement, lower; auc → difference, aucLegacy, aucShadow;
 * grouped → failingGroups, groups. Non-finite values are left out.
 *
 * @example
 * keyFigures(compareEvents(legacy, shadow, { key: 'id' })); // => { matchRate: 0.998, missingRate: 0.001, extraRate: 0 }
 */
export function keyFigures(report: ReportBase): Record<string, number> {
  const r = report as unknown as Loose;
  const out: Record<string, number> = {};
  switch (report.kind) {
    case 'events':
      put(out, 'matchRate', r.rates?.match);
      put(out, 'missingRate', r.rates?.missing);
      put(out, 'extraRate', r.rates?.extra);
      put(out, 'legacyRows', r.counts?.legacy);
      put(out, 'shadowRows', r.counts?.shadow);
      break;
    case 'sequences':
      put(out, 'exactRate', r.metrics?.exactRate);
      put(out, 'meanEditDistance', r.metrics?.meanEditDistance);
      put(out, 'missingEntityRate', r.metrics?.missingEntityRate);
      put(out, 'extraEntityRate', r.metrics?.extraEntityRate);
      put(out, 'entities', r.counts?.entities);
      break;
    case 'tiers':
      for (const [k, v] of Object.entries(keyFigures(r.events))) out[`events.${k}`] = v;
      for (const [k, v] of Object.entries(keyFigures(r.sequences))) out[`sequences.${k}`] = v;
      break;
    case 'equivalence':
      put(out, 'difference', r.difference);
      put(out, 'ciLow', r.ci?.[0]);
      put(out, 'ciHigh', r.ci?.[1]);
      put(out, 'margin', r.margin);
      break;
    case 'distribution':
      for (const m of r.metrics ?? []) put(out, String(m.metric), m.statistic);
      break;
    case 'agreement':
      put(out, 'agreement', r.agreement);
      put(out, 'lower', r.lower);
      break;
    case 'auc':
      put(out, 'difference', r.difference);
      put(out, 'aucLegacy', r.auc?.legacy);
      put(out, 'aucShadow', r.auc?.shadow);
      break;
    case 'bytes':
      put(out, 'bytesMatchRate', r.rates?.bytesMatch);
      put(out, 'differing', r.counts?.differing);
      put(out, 'legacyRows', r.counts?.legacy);
      put(out, 'shadowRows', r.counts?.shadow);
      break;
    case 'profile':
      put(out, 'rowDelta', r.rows?.relativeDelta);
      if (Array.isArray(r.columns)) put(out, 'failingColumns', r.columns.filter((c: Loose) => c.failed > 0).length);
      put(out, 'legacyRows', r.rows?.legacy);
      put(out, 'shadowRows', r.rows?.shadow);
      break;
    case 'queries':
      if (Array.isArray(r.queries)) {
        put(out, 'queries', r.queries.length);
        put(out, 'failingQueries', r.queries.filter((q: Loose) => q.verdict !== 'pass').length);
      }
      break;
    case 'grouped':
      put(out, 'groups', r.counts?.groups);
      put(out, 'failingGroups', r.counts?.failing);
      break;
    default:
      break;
  }
  return out;
}
