import type { HistoryRecord } from '../history/types.js';
import { runsOf } from './_internal/runs.js';
import { evaluateCriteria, tierOf, type CriteriaEvaluation } from './evaluateCriteria.js';
import { resolveCriteria } from './resolveCriteria.js';
import { STAGES, type CutoverManifest, type Stage } from './types.js';

/** One RFC 6902 JSON Patch operation on the manifest. @example const op: ManifestPatchOp = { op: 'replace', path: '/eventTypes/search/stage', value: 'COMPARISON' }; */
export interface ManifestPatchOp {
  op: 'replace';
  /** JSON Pointer, e.g. `/eventTypes/search/stage`. */
  path: string;
  value: string;
}

/** A recommendation with the patch operations that carry it out. @example recommendations.filter((r: Recommendation) => r.kind === 'demote') */
export interface Recommendation {
  eventType: string;
  kind: 'advance' | 'switch' | 'demote';
  /** The consumers a switch or a demotion moves. */
  consumers?: string[];
  from: Stage;
  to: Stage;
  /** Why, in one sentence, naming the run ids relied on. */
  because: string;
  evaluation?: CriteriaEvaluation;
  patch: ManifestPatchOp[];
}

/** The outcome of {@link recommendCutover}. @example const { patch }: CutoverRecommendations = recommendCutover(manifest, records); */
export interface CutoverRecommendations {
  recommendations: Recommendation[];
  /** Every operation of every recommendation, demotions first: the manifest patch to apply. */
  patch: ManifestPatchOp[];
}

const ptr = (...parts: (string | number)[]) => '/' + parts.map((p) => String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

/**
 * What the history says to do next, as a manifest patch a person can apply:
 * - demote: an event type in EXEC whose latest reverse-shadow run failed (a `fail` or `error` record not
 *   covered by its known differences) goes back to COMPARISON with every consumer back on legacy; one in ON
 *   whose latest run failed goes back to EXEC (legacy runs again as the reference);
 * - advance: an event type whose criteria to leave its stage hold moves one stage (to ON only once every
 *   consumer reads shadow; OFF → SHADOW only when `criteria.OFF` is declared);
 * - switch: in COMPARISON or EXEC, the next consumers in the switching order when the stage's criteria and
 *   their queries hold (then the stage does not advance in the same patch: one move at a time).
 *
 * @example
 * const { patch } = recommendCutover(manifest, records);
 * await writeFile('cutover.patch.json', JSON.stringify(patch, null, 2));
 */
export function recommendCutover(manifest: CutoverManifest, records: readonly HistoryRecord[]): CutoverRecommendations {
  const recommendations: Recommendation[] = [];
  for (const eventType of Object.keys(manifest.eventTypes).sort()) {
    const entry = manifest.eventTypes[eventType];
    const consumers = entry.consumers ?? [];
    const own = records.filter((r) => r.eventType === eventType);
    const stage = entry.stage;
    if (stage === 'EXEC' || stage === 'ON') {
      const known = resolveCriteria(manifest, eventType, 'EXEC')?.knownDifferences ?? [];
      const runs = runsOf(own, stage === 'EXEC' ? 'reverse' : undefined);
      const last = runs[runs.length - 1];
      const failed = last?.records.filter(
        (r) =>
          (r.verdict === 'fail' || r.verdict === 'error') &&
          !(r.verdict === 'fail' && r.reasons.length > 0 && r.reasons.every((x) => known.some((k) => k.code === x.code && (k.tier === undefined || k.tier === tierOf(r))))),
      );
      if (last && failed && failed.length > 0) {
        const to: Stage = stage === 'EXEC' ? 'COMPARISON' : 'EXEC';
        const back = stage === 'EXEC' ? consumers.map((c, i) => [c, i] as const).filter(([c]) => c.reads === 'shadow') : [];
        const what = failed.map((r) => `${r.tier} ${r.verdict}${r.reasons.length ? ` [${[...new Set(r.reasons.map((x) => x.code))].join(', ')}]` : ''}`).join('; ');
        recommendations.push({
          eventType, kind: 'demote', from: stage, to,
          consumers: back.map(([c]) => c.name),
          because: `the latest ${stage === 'EXEC' ? 'reverse-shadow ' : ''}run ${last.runId} (${last.timestamp}) failed: ${what}`,
          patch: [
            { op: 'replace', path: ptr('eventTypes', eventType, 'stage'), value: to },
            ...back.map(([, i]) => ({ op: 'replace' as const, path: ptr('eventTypes', eventType, 'consumers', i, 'reads'), value: 'legacy' })),
          ],
        });
        continue;
      }
    }
    if (stage === 'ON') continue;
    const criteria = resolveCriteria(manifest, eventType, stage);
    if (!criteria) continue;
    const direction = stage === 'EXEC' ? 'reverse' : 'forward';
    const evaluation = evaluateCriteria(own, criteria, { direction });
    if (!evaluation.holds) continue;
    const ids = evaluation.judged.map((r) => r.runId).join(', ');
    const next = STAGES[STAGES.indexOf(stage) + 1];
    const onLegacy = consumers.filter((c) => c.reads === 'legacy');
    if (stage === 'COMPARISON' || stage === 'EXEC') {
      const wave = onLegacy.length ? Math.min(...onLegacy.map((c) => c.order)) : undefined;
      const ready = onLegacy.filter((c) => c.order === wave).filter((c) => !c.queries?.length || evaluateCriteria(own, criteria, { direction, queries: c.queries }).holds);
      if (ready.length) {
        recommendations.push({
          eventType, kind: 'switch', from: stage, to: stage, consumers: ready.map((c) => c.name), evaluation,
          because: `the criteria of ${stage} hold on ${ids}; order ${wave} is next`,
          patch: ready.map((c) => ({ op: 'replace' as const, path: ptr('eventTypes', eventType, 'consumers', consumers.indexOf(c), 'reads'), value: 'shadow' })),
        });
        continue; // one move at a time: the stage advances on a later night, judged with these consumers on shadow
      }
    }
    if (next === 'ON' && onLegacy.length) continue;
    recommendations.push({
      eventType, kind: 'advance', from: stage, to: next, evaluation,
      because: `every criterion to leave ${stage} holds on ${ids} (streak ${evaluation.streak})`,
      patch: [{ op: 'replace', path: ptr('eventTypes', eventType, 'stage'), value: next }],
    });
  }
  const order = { demote: 0, switch: 1, advance: 2 } as const;
  const sorted = [...recommendations].sort((a, b) => order[a.kind] - order[b.kind]);
  return { recommendations, patch: sorted.flatMap((r) => r.patch) };
}
