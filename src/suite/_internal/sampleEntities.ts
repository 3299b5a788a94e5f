import { compileGetter } from '../../_internal/path.js';
import type { Row } from '../../dataset/toRows.js';
import { createRng } from '../../stats/_internal/prng.js';

/** What a sample kept, recorded in the report so a run replays. */
export interface SampleRecord {
  seed: number;
  entity: string;
  maxRows: number;
  /** Share of entities kept. */
  fraction: number;
  rows: { legacy: number; shadow: number };
  sampled: { legacy: number; shadow: number };
}

/** 32-bit FNV-1a of a string, mixed with a salt. */
function hash(s: string, salt: number): number {
  let h = (0x811c9dc5 ^ salt) >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  return h >>> 0;
}

/**
 * Keeps whole entities, the same ones on both sides, so that the larger side has about `maxRows`
 * rows: an entity is kept when hash(entity, salt) / 2^32 < fraction, the salt drawn from the
 * project's PRNG seeded with `seed`. Stratified by event type because the caller samples each event
 * type on its own; sequences stay whole because whole entities are kept. Inputs at most `maxRows`
 * long are returned as they are (no record).
 */
export function sampleEntities(legacy: Row[], shadow: Row[], o: { maxRows: number; entity: string; seed: number }): { legacy: Row[]; shadow: Row[]; sample?: SampleRecord } {
  const n = Math.max(legacy.length, shadow.length);
  if (n <= o.maxRows) return { legacy, shadow };
  const fraction = o.maxRows / n;
  const salt = createRng(o.seed).nextUint32();
  const get = compileGetter(o.entity);
  const limit = fraction * 2 ** 32;
  const keep = (r: Row) => hash(String(get(r)), salt) < limit;
  const l = legacy.filter(keep);
  const s = shadow.filter(keep);
  return {
    legacy: l,
    shadow: s,
    sample: { seed: o.seed, entity: o.entity, maxRows: o.maxRows, fraction, rows: { legacy: legacy.length, shadow: shadow.length }, sampled: { legacy: l.length, shadow: s.length } },
  };
}
