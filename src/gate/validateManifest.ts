import { ShadowDataError } from '../errors.js';
import { nearest } from '../_internal/options.js';
import { KNOWN_TIERS, REGRESSION_METRICS, SIDES_AT, STAGES, type CutoverManifest, type Stage } from './types.js';

const TOP_KEYS = ['$schema', 'version', 'defaults', 'eventTypes'];
const ENTRY_KEYS = ['stage', 'criteria', 'consumers', 'description'];
const CRITERIA_KEYS = ['consecutiveCleanRuns', 'minRowsPerRun', 'tiers', 'knownDifferences', 'maxRegression', 'customChecks'];
const CONSUMER_KEYS = ['name', 'reads', 'order', 'queries', 'description'];
const LEAVABLE = STAGES.filter((s) => s !== 'ON');

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const show = (v: unknown) => (v === undefined ? 'nothing' : JSON.stringify(v));
const hint = (name: string, valid: readonly string[]) => {
  const guess = nearest(name, valid);
  return guess ? `; did you mean '${guess}'?` : `; valid: ${valid.join(', ')}`;
};

function unknownKeys(problems: string[], path: string, obj: Record<string, unknown>, valid: readonly string[]) {
  for (const k of Object.keys(obj)) if (!valid.includes(k)) problems.push(`${path}: unknown key '${k}'${hint(k, valid)}`);
}

function checkCriteria(problems: string[], path: string, c: unknown): void {
  if (!isObj(c)) return void problems.push(`${path} must be an object of criteria, got ${show(c)}`);
  unknownKeys(problems, path, c, CRITERIA_KEYS);
  for (const k of ['consecutiveCleanRuns', 'minRowsPerRun'] as const) {
    const v = c[k];
    const min = k === 'consecutiveCleanRuns' ? 1 : 0;
    if (v !== undefined && !(typeof v === 'number' && Number.isInteger(v) && v >= min)) {
      problems.push(`${path}.${k} must be an integer >= ${min}, got ${show(v)}`);
    }
  }
  if (c.tiers !== undefined) {
    if (!isObj(c.tiers) || Object.keys(c.tiers).length === 0) problems.push(`${path}.tiers must be a non-empty object of tier: verdict(s), got ${show(c.tiers)}`);
    else {
      for (const [tier, v] of Object.entries(c.tiers)) {
        if (!(KNOWN_TIERS as readonly string[]).includes(tier)) problems.push(`${path}.tiers: unknown tier '${tier}'${hint(tier, KNOWN_TIERS)}`);
        const list = Array.isArray(v) ? v : [v];
        if (list.length === 0 || list.some((x) => x !== 'pass' && x !== 'inconclusive')) {
          problems.push(`${path}.tiers.${tier} must be 'pass', 'inconclusive' or a list of them, got ${show(v)}`);
        }
      }
    }
  }
  if (c.knownDifferences !== undefined) {
    if (!Array.isArray(c.knownDifferences)) problems.push(`${path}.knownDifferences must be an array of { code, tier?, note? }`);
    else c.knownDifferences.forEach((d, i) => {
      const p = `${path}.knownDifferences[${i}]`;
      if (!isObj(d)) return void problems.push(`${p} must be { code, tier?, note? }, got ${show(d)}`);
      unknownKeys(problems, p, d, ['code', 'tier', 'note']);
      if (typeof d.code !== 'string' || d.code === '') problems.push(`${p}.code must be a reason code, got ${show(d.code)}`);
      if (d.tier !== undefined && !(KNOWN_TIERS as readonly string[]).includes(d.tier as string)) {
        problems.push(`${p}.tier: unknown tier ${show(d.tier)}${typeof d.tier === 'string' ? hint(d.tier, KNOWN_TIERS) : ''}`);
      }
      if (d.note !== undefined && typeof d.note !== 'string') problems.push(`${p}.note must be a string`);
    });
  }
  if (c.maxRegression !== undefined) {
    if (!isObj(c.maxRegression)) problems.push(`${path}.maxRegression must be an object of metric: relative bound`);
    else for (const [m, v] of Object.entries(c.maxRegression)) {
      if (!(REGRESSION_METRICS as readonly string[]).includes(m)) problems.push(`${path}.maxRegression: unknown metric '${m}'${hint(m, REGRESSION_METRICS)}`);
      if (!(typeof v === 'number' && Number.isFinite(v) && v >= 0)) problems.push(`${path}.maxRegression.${m} must be a finite number >= 0 (0.1 = 10% worse), got ${show(v)}`);
    }
  }
  if (c.customChecks !== undefined) {
    if (!Array.isArray(c.customChecks) || c.customChecks.some((t) => typeof t !== 'string' || t === '')) {
      problems.push(`${path}.customChecks must be an array of test names, got ${show(c.customChecks)}`);
    }
  }
}

function checkCriteriaMap(problems: string[], path: string, m: unknown): void {
  if (!isObj(m)) return void problems.push(`${path} must be an object keyed by stage, got ${show(m)}`);
  for (const [stage, c] of Object.entries(m)) {
    if (stage === 'ON') problems.push(`${path}.ON: ON is the last stage, there is nothing to advance to`);
    else if (!(LEAVABLE as string[]).includes(stage)) problems.push(`${path}: unknown stage '${stage}'${hint(stage, LEAVABLE)}`);
    else checkCriteria(problems, `${path}.${stage}`, c);
  }
}

/**
 * Every problem of `value` as a cutover manifest, each naming its path: unknown keys (with the nearest valid
 * one), an unknown stage, a consumer reading a side that does not exist at its stage, a criterion naming an
 * unknown tier or metric, duplicate consumer names. Empty when the manifest is valid.
 *
 * @example
 * manifestProblems({ version: 1, eventTypes: { search: { stage: 'SHADDOW' } } })
 * // => ["eventTypes.search.stage: unknown stage 'SHADDOW'; did you mean 'SHADOW'?"]
 */
export function manifestProblems(value: unknown): string[] {
  const problems: string[] = [];
  if (!isObj(value)) return [`the manifest must be a JSON object, got ${Array.isArray(value) ? 'an array' : show(value)}`];
  unknownKeys(problems, '(top level)', value, TOP_KEYS);
  if (value.version !== 1) problems.push(`version must be 1, got ${show(value.version)}`);
  if (value.$schema !== undefined && typeof value.$schema !== 'string') problems.push('$schema must be a string');
  if (value.defaults !== undefined) {
    if (!isObj(value.defaults)) problems.push('defaults must be an object');
    else {
      unknownKeys(problems, 'defaults', value.defaults, ['criteria']);
      if (value.defaults.criteria !== undefined) checkCriteriaMap(problems, 'defaults.criteria', value.defaults.criteria);
    }
  }
  if (!isObj(value.eventTypes)) {
    problems.push(`eventTypes must be an object keyed by event type, got ${show(value.eventTypes)}`);
    return problems;
  }
  for (const [type, entry] of Object.entries(value.eventTypes)) {
    const path = `eventTypes.${type}`;
    if (!isObj(entry)) {
      problems.push(`${path} must be an object, got ${show(entry)}`);
      continue;
    }
    unknownKeys(problems, path, entry, ENTRY_KEYS);
    const stage = entry.stage;
    const stageOk = (STAGES as unknown[]).includes(stage);
    if (!stageOk) {
      problems.push(
        `${path}.stage: unknown stage ${show(stage)}${typeof stage === 'string' ? hint(stage, STAGES) : `; valid: ${STAGES.join(', ')}`}`,
      );
    }
    if (entry.criteria !== undefined) checkCriteriaMap(problems, `${path}.criteria`, entry.criteria);
    if (entry.description !== undefined && typeof entry.description !== 'string') problems.push(`${path}.description must be a string`);
    if (entry.consumers === undefined) continue;
    if (!Array.isArray(entry.consumers)) {
      problems.push(`${path}.consumers must be an array, got ${show(entry.consumers)}`);
      continue;
    }
    const names = new Set<string>();
    entry.consumers.forEach((c, i) => {
      const p = `${path}.consumers[${i}]`;
      if (!isObj(c)) return void problems.push(`${p} must be an object, got ${show(c)}`);
      unknownKeys(problems, p, c, CONSUMER_KEYS);
      if (typeof c.name !== 'string' || c.name === '') problems.push(`${p}.name must be a non-empty string, got ${show(c.name)}`);
      else if (names.has(c.name)) problems.push(`${p}.name: consumer '${c.name}' is listed twice`);
      else names.add(c.name);
      const label = typeof c.name === 'string' ? `${path}.consumers.${c.name}` : p;
      if (c.reads !== 'legacy' && c.reads !== 'shadow') problems.push(`${label}.reads must be 'legacy' or 'shadow', got ${show(c.reads)}`);
      else if (stageOk && !SIDES_AT[stage as Stage].includes(c.reads)) {
        problems.push(
          `${label}.reads: '${c.reads}' does not exist at stage ${stage as string} (${stage === 'OFF' ? 'the new pipeline does not run' : 'legacy is retired'}); at ${stage as string} a consumer reads ${SIDES_AT[stage as Stage].join(' or ')}`,
        );
      }
      if (!(typeof c.order === 'number' && Number.isInteger(c.order) && c.order >= 1)) problems.push(`${label}.order must be an integer >= 1, got ${show(c.order)}`);
      if (c.queries !== undefined && (!Array.isArray(c.queries) || c.queries.some((q) => typeof q !== 'string' || q === ''))) {
        problems.push(`${label}.queries must be an array of query names`);
      }
      if (c.description !== undefined && typeof c.description !== 'string') problems.push(`${label}.description must be a string`);
    });
  }
  return problems;
}

/**
 * Parses and validates a manifest's text; throws ShadowDataError naming `source` and listing every problem.
 *
 * @example
 * const manifest = parseManifest(await readFile('cutover.json', 'utf8'), 'cutover.json');
 */
export function parseManifest(text: string, source: string): CutoverManifest {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new ShadowDataError(`${source}: not valid JSON (${(e as Error).message})`);
  }
  const problems = manifestProblems(value);
  if (problems.length > 0) {
    throw new ShadowDataError(`${source}: invalid cutover manifest (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
  return value as unknown as CutoverManifest;
}
