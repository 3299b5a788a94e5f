import { eventTypeEntry, type CutoverManifest, type Stage, type StageCriteria } from './types.js';

/**
 * The criteria to leave `stage` for an event type: the manifest's `defaults.criteria[stage]` overridden key
 * by key by the event type's own; undefined when neither declares any (or the stage is ON).
 *
 * @example
 * resolveCriteria({ version: 1, defaults: { criteria: { SHADOW: { consecutiveCleanRuns: 3 } } },
 *   eventTypes: { search: { stage: 'SHADOW', criteria: { SHADOW: { minRowsPerRun: 10 } } } } }, 'search', 'SHADOW')
 * // => { consecutiveCleanRuns: 3, minRowsPerRun: 10 }
 */
export function resolveCriteria(manifest: CutoverManifest, eventType: string, stage: Stage): StageCriteria | undefined {
  if (stage === 'ON') return undefined;
  const shared = manifest.defaults?.criteria?.[stage];
  const own = eventTypeEntry(manifest, eventType)?.criteria?.[stage];
  if (!shared && !own) return undefined;
  return { ...shared, ...own };
}
