import { assertKnownKeys, assertPlainObject, assertSeed, ShadowOptionError, describeValue } from '../_internal/options.js';
import { hasPath } from '../_internal/path.js';
import { countFor, hashString, mix32, rankByHash, unitHash } from './_internal/hash.js';
import { hostilePair } from './_internal/hostile.js';
import { cloneDeep, deltaOf, diffPaths, getter, shiftTime, timeOf, withPath, type Row } from './_internal/rows.js';
import { assertFieldPath, resolvePerturbation, type Perturbation, type ResolvedPerturbation } from './perturbation.js';

/**
 * Options for {@link applyPerturbations} (and the same names on {@link shadowPair}).
 *
 * @example
 * const o: ApplyPerturbationsOptions = { key: 'eventId', entityField: 'userId', timeField: 'at', seed: 7 };
 */
export interface ApplyPerturbationsOptions {
  /**
   * The key field (dotted path); keys must be unique in the base.
   * @defaultValue `'id'`
   */
  key?: string;
  /**
   * The field naming an event's entity (swapNeighbours, reorderTies, truncate, clockSkew).
   * @defaultValue `'entity'`
   */
  entityField?: string;
  /**
   * The time field (default field of time kinds; ordering for reorderTies and lateArrival).
   * @defaultValue `'ts'`
   */
  timeField?: string;
  /**
   * Seed of the choice of which events, pairs or entities are picked.
   * @defaultValue 42
   */
  seed?: number;
}

/**
 * One field of one event that differs between legacy and shadow.
 *
 * @example
 * const c: InjectedChange = { key: 'e3', field: 'value', legacy: 1.5, shadow: 2, delta: 0.5, relDelta: 0.25 };
 */
export interface InjectedChange {
  key: string;
  /** Dotted path of the field. */
  field: string;
  legacy: unknown;
  shadow: unknown;
  /** shadow − legacy, for numbers and time values. */
  delta?: number;
  /** \|delta\| / max(\|legacy\|, \|shadow\|), for numbers. */
  relDelta?: number;
  /** Set by hostile pairs: whether the engine's defaults treat the pair as equal. */
  equalByDefault?: boolean;
}

/**
 * What one perturbation did.
 *
 * @example
 * applyPerturbations(base, [{ kind: 'drop', magnitude: 0.1 }]).injected.applied[0].keys; // the dropped keys
 */
export interface AppliedPerturbation {
  /** The perturbation with its defaults filled in. */
  perturbation: ResolvedPerturbation;
  /** How many events (pairs for swapNeighbours/reorderTies, entities for clockSkew) could be picked. */
  eligible: number;
  /** How many of them were changed. */
  affected: number;
  /**
   * The realised magnitude: affected / eligible for rate kinds (drop … hostile); the largest
   * \|delta\| for jitterTime, shiftField, clockSkew and lateArrival (ms of delay of a moved event);
   * the largest relative delta for scaleField. 0 when nothing changed.
   */
  amount: number;
  /** Keys of the events changed, removed, copied or moved, in stream order. */
  keys: string[];
  /** Field changes (field and hostile kinds, time kinds). */
  changes: InjectedChange[];
  /** Moves in the shadow's order (swapNeighbours, reorderTies, lateArrival): positions before and after. */
  moved: { key: string; from: number; to: number }[];
  /** Entities skewed (clockSkew). */
  entities: string[];
}

/**
 * Exactly what differs between legacy and shadow: per-perturbation records, and the ground truth
 * from diffing the final legacy and shadow by key (so composed perturbations stay exact).
 *
 * @example
 * const { injected } = applyPerturbations(base, [{ kind: 'drop', magnitude: 0.1 }]);
 * injected.missing.length === base.length - new Set(shadow.map((e) => e.id)).size;
 */
export interface Injected {
  /** The seed of the picks. */
  seed: number;
  applied: AppliedPerturbation[];
  legacyCount: number;
  shadowCount: number;
  /** Legacy keys absent from the shadow, in legacy order. */
  missing: string[];
  /** Shadow keys absent from legacy. */
  extra: string[];
  /** Keys present more than once in the shadow. */
  duplicated: string[];
  /** Every raw field difference (Object.is on leaves: -0 ≠ 0, NaN = NaN) of keys on both sides (first shadow copy). */
  changed: InjectedChange[];
  /** Keys with at least one entry in `changed`, in legacy order. */
  changedKeys: string[];
  /** Whether the keys present on both sides appear in a different order. */
  orderChanged: boolean;
}

/**
 * Legacy and shadow datasets and exactly what was injected into the shadow.
 *
 * @example
 * const { legacy, shadow, injected }: ShadowPair = applyPerturbations(base, [{ kind: 'duplicate', magnitude: 0.1 }]);
 */
export interface ShadowPair<E = Row> {
  legacy: E[];
  shadow: E[];
  injected: Injected;
}

const FN = 'applyPerturbations';

/** The events' changed type: number/boolean → string form; numeric string → number; other string → [string]; object → JSON. */
function changedType(v: unknown): unknown {
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (typeof v === 'string') return v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : [v];
  return JSON.stringify(v) ?? String(v);
}

function numericChange(key: string, field: string, legacy: unknown, shadow: unknown): InjectedChange {
  const ch: InjectedChange = { key, field, legacy, shadow };
  const d = deltaOf(legacy, shadow) ?? (timeOf(legacy) !== undefined && timeOf(shadow) !== undefined ? timeOf(shadow)! - timeOf(legacy)! : undefined);
  if (d !== undefined) ch.delta = d;
  if (typeof legacy === 'number' && typeof shadow === 'number' && d !== undefined) {
    const m = Math.max(Math.abs(legacy), Math.abs(shadow));
    ch.relDelta = m === 0 ? 0 : Math.abs(d) / m;
  }
  return ch;
}

/**
 * Applies perturbations in order to a copy of `legacy` and returns `{ legacy, shadow, injected }`.
 * Inputs are never mutated. Which events are picked depends only on each event's key and the
 * seed, so the same base and seed always give the same pair. `legacy` in the result equals the
 * input except where a `hostile` perturbation wrote the legacy half of a pair.
 *
 * @example
 * import { applyPerturbations } from 'vitest-shadow/arbitraries';
 * const base = [{ id: 'a', entity: 'u0', ts: 0, value: 1 }, { id: 'b', entity: 'u0', ts: 5, value: 2 }];
 * const { shadow, injected } = applyPerturbations(base, [{ kind: 'shiftField', magnitude: 0.5 }], { seed: 1 });
 * shadow.map((e) => e.value); // => [1.5, 2.5]
 * injected.changed.length;     // => 2
 */
export function applyPerturbations<E extends object>(
  legacyInput: readonly E[],
  perturbations: readonly Perturbation[],
  options: ApplyPerturbationsOptions = {},
): ShadowPair<E> {
  assertPlainObject(FN, 'options', options);
  assertKnownKeys(FN, '', options, ['key', 'entityField', 'timeField', 'seed']);
  const key = options.key ?? 'id';
  const entityField = options.entityField ?? 'entity';
  const timeField = options.timeField ?? 'ts';
  assertFieldPath(FN, 'key', key);
  assertFieldPath(FN, 'entityField', entityField);
  assertFieldPath(FN, 'timeField', timeField);
  const seed = options.seed ?? 42;
  assertSeed(FN, 'seed', seed);
  if (!Array.isArray(legacyInput)) throw new ShadowOptionError(`${FN}: legacy must be an array of events, got ${describeValue(legacyInput)}`);
  if (!Array.isArray(perturbations)) {
    throw new ShadowOptionError(`${FN}: perturbations must be an array, got ${describeValue(perturbations)}`);
  }
  const resolved = perturbations.map((p, i) => resolvePerturbation(FN, `perturbations[${i}]`, p, timeField));
  const getKey = getter(key);
  const getEntity = getter(entityField);
  const keyOf = (r: Row) => String(getKey(r));

  const legacy: Row[] = legacyInput.map((r, i) => {
    if (typeof r !== 'object' || r === null) throw new ShadowOptionError(`${FN}: legacy[${i}] must be an object, got ${describeValue(r)}`);
    return r as Row;
  });
  const legacyIndex = new Map<string, number>();
  legacy.forEach((r, i) => {
    const raw = getKey(r);
    if (raw === undefined || raw === null) throw new ShadowOptionError(`${FN}: legacy[${i}] has no key field '${key}'`);
    const k = keyOf(r);
    if (legacyIndex.has(k)) throw new ShadowOptionError(`${FN}: key '${k}' appears twice in legacy; the base must have unique keys`);
    legacyIndex.set(k, i);
  });

  let shadow: Row[] = legacy.slice();
  const applied: AppliedPerturbation[] = [];

  /** Occurrence-tagged ids of the current shadow rows, the unit of hashing. */
  const idsOf = (rows: Row[]) => {
    const seen = new Map<string, number>();
    return rows.map((r) => {
      const k = keyOf(r);
      const n = seen.get(k) ?? 0;
      seen.set(k, n + 1);
      return `${k}#${n}`;
    });
  };
  const pickRows = (ids: string[], eligibleIdx: number[], count: number, s: number): number[] =>
    rankByHash(
      eligibleIdx.map((i) => ids[i]),
      s,
    )
      .slice(0, count)
      .map((j) => eligibleIdx[j])
      .sort((a, b) => a - b);

  resolved.forEach((p, pi) => {
    const s = mix32(seed ^ mix32(pi + 1));
    const rec: AppliedPerturbation = { perturbation: p, eligible: 0, affected: 0, amount: 0, keys: [], changes: [], moved: [], entities: [] };
    const ids = idsOf(shadow);
    const all = shadow.map((_, i) => i);
    const get = getter(p.field);

    switch (p.kind) {
      case 'drop':
      case 'duplicate': {
        const picked = new Set(pickRows(ids, all, countFor(p.magnitude, shadow.length), s));
        rec.eligible = shadow.length;
        rec.affected = picked.size;
        rec.keys = [...picked].map((i) => keyOf(shadow[i]));
        const next: Row[] = [];
        shadow.forEach((r, i) => {
          if (p.kind === 'drop') {
            if (!picked.has(i)) next.push(r);
          } else {
            next.push(r);
            if (picked.has(i)) next.push(cloneDeep(r));
          }
        });
        shadow = next;
        break;
      }
      case 'truncate': {
        const byEntity = new Map<string, number[]>();
        shadow.forEach((r, i) => {
          const e = String(getEntity(r));
          const list = byEntity.get(e);
          if (list) list.push(i);
          else byEntity.set(e, [i]);
        });
        const removed = new Set<number>();
        for (const list of byEntity.values()) for (const i of list.slice(list.length - countFor(p.magnitude, list.length))) removed.add(i);
        rec.eligible = shadow.length;
        rec.affected = removed.size;
        rec.keys = [...removed].sort((a, b) => a - b).map((i) => keyOf(shadow[i]));
        shadow = shadow.filter((_, i) => !removed.has(i));
        break;
      }
      case 'swapNeighbours':
      case 'reorderTies': {
        const byEntity = new Map<string, number[]>();
        shadow.forEach((r, i) => {
          const e = String(getEntity(r));
          const list = byEntity.get(e);
          if (list) list.push(i);
          else byEntity.set(e, [i]);
        });
        const pairs: [number, number][] = [];
        for (const list of byEntity.values()) {
          for (let j = 0; j + 1 < list.length; ) {
            const [a, b] = [list[j], list[j + 1]];
            const tie = p.kind === 'swapNeighbours' || (timeOf(get(shadow[a])) !== undefined && timeOf(get(shadow[a])) === timeOf(get(shadow[b])));
            if (tie) {
              pairs.push([a, b]);
              j += 2;
            } else j++;
          }
        }
        pairs.sort((x, y) => x[0] - y[0]);
        const order = rankByHash(
          pairs.map(([a, b]) => `${ids[a]}|${ids[b]}`),
          s,
        ).slice(0, countFor(p.magnitude, pairs.length));
        const next = shadow.slice();
        const keys: number[] = [];
        for (const pj of order.sort((x, y) => x - y)) {
          const [a, b] = pairs[pj];
          next[a] = shadow[b];
          next[b] = shadow[a];
          rec.moved.push({ key: keyOf(shadow[a]), from: a, to: b }, { key: keyOf(shadow[b]), from: b, to: a });
          keys.push(a, b);
        }
        rec.eligible = pairs.length;
        rec.affected = order.length;
        rec.keys = keys.sort((x, y) => x - y).map((i) => keyOf(shadow[i]));
        shadow = next;
        break;
      }
      case 'nullField':
      case 'changeType':
      case 'hostile': {
        const eligible =
          p.kind === 'hostile' ? all : all.filter((i) => hasPath(shadow[i], p.field) && get(shadow[i]) !== null && get(shadow[i]) !== undefined);
        const picked = pickRows(ids, eligible, countFor(p.magnitude, eligible.length), s);
        rec.eligible = eligible.length;
        for (const i of picked) {
          const k = keyOf(shadow[i]);
          const old = get(shadow[i]);
          if (p.kind === 'hostile') {
            const pair = hostilePair(p.hostile!, unitHash(ids[i], s ^ 0x5bd1e995), old);
            const li = legacyIndex.get(k);
            if (li !== undefined) legacy[li] = withPath(legacy[li], p.field, pair.legacy);
            shadow[i] = withPath(shadow[i], p.field, pair.shadow);
            rec.changes.push({ ...numericChange(k, p.field, pair.legacy, pair.shadow), equalByDefault: pair.equalByDefault });
          } else {
            const nv = p.kind === 'nullField' ? null : changedType(old);
            shadow[i] = withPath(shadow[i], p.field, nv);
            rec.changes.push({ key: k, field: p.field, legacy: old, shadow: nv });
          }
          rec.keys.push(k);
        }
        rec.affected = picked.length;
        break;
      }
      case 'jitterTime':
      case 'shiftField':
      case 'scaleField':
      case 'lateArrival': {
        const eligible = all.filter((i) => {
          const v = get(shadow[i]);
          if (p.kind === 'scaleField') return typeof v === 'number' && Number.isFinite(v) && v !== 0;
          if (p.kind === 'shiftField') return (typeof v === 'number' && Number.isFinite(v)) || timeOf(v) !== undefined;
          return timeOf(v) !== undefined;
        });
        const picked = pickRows(ids, eligible, countFor(p.rate, eligible.length), s);
        rec.eligible = eligible.length;
        if (p.kind === 'lateArrival') {
          const pickedRows = picked.map((i) => shadow[i]);
          const rank = rankByHash(
            picked.map((i) => ids[i]),
            s,
          );
          for (const j of rank) {
            const row = pickedRows[j];
            const from = shadow.indexOf(row);
            const t = timeOf(get(row))!;
            let to = from;
            while (to + 1 < shadow.length && (timeOf(get(shadow[to + 1])) ?? -Infinity) <= t + p.magnitude) to++;
            if (to === from) continue;
            shadow = [...shadow.slice(0, from), ...shadow.slice(from + 1, to + 1), row, ...shadow.slice(to + 1)];
            rec.moved.push({ key: keyOf(row), from, to });
          }
          rec.moved.sort((a, b) => a.from - b.from);
          rec.keys = rec.moved.map((m) => m.key);
          rec.affected = rec.moved.length;
          rec.amount = rec.affected > 0 ? p.magnitude : 0;
          break;
        }
        const M = Math.round(p.magnitude);
        // The picked event of lowest hash jitters by exactly M ms, so the largest |delta| is M.
        const widest = picked.reduce((best, c) => (hashString(ids[c], s) < hashString(ids[best], s) ? c : best), picked[0]);
        picked.forEach((i) => {
          const old = get(shadow[i]);
          let nv: unknown;
          if (p.kind === 'jitterTime') {
            if (M === 0) return;
            const size = i === widest ? M : Math.min(M, 1 + Math.floor(unitHash(ids[i], s ^ 0x27d4eb2f) * M));
            const sign = hashString(ids[i], s ^ 0x165667b1) & 1 ? 1 : -1;
            nv = shiftTime(old, sign * size);
          } else if (p.kind === 'shiftField') {
            nv = typeof old === 'number' ? old + p.magnitude : shiftTime(old, p.magnitude);
          } else {
            nv = (old as number) * (1 + p.magnitude);
          }
          if (Object.is(nv, old) || (nv instanceof Date && old instanceof Date && nv.getTime() === old.getTime()) || nv === undefined) return;
          const k = keyOf(shadow[i]);
          shadow[i] = withPath(shadow[i], p.field, nv);
          rec.changes.push(numericChange(k, p.field, old, nv));
          rec.keys.push(k);
        });
        rec.affected = rec.changes.length;
        break;
      }
      case 'clockSkew': {
        const entities: string[] = [];
        const seen = new Set<string>();
        for (const r of shadow) {
          const e = String(getEntity(r));
          if (!seen.has(e)) {
            seen.add(e);
            entities.push(e);
          }
        }
        const picked = new Set(
          rankByHash(entities, s)
            .slice(0, countFor(p.rate, entities.length))
            .map((j) => entities[j]),
        );
        const skew = Math.round(p.magnitude);
        rec.eligible = entities.length;
        rec.entities = entities.filter((e) => picked.has(e));
        if (skew !== 0) {
          shadow.forEach((r, i) => {
            if (!picked.has(String(getEntity(r)))) return;
            const old = get(r);
            const nv = shiftTime(old, skew);
            if (nv === undefined) return;
            const k = keyOf(r);
            shadow[i] = withPath(r, p.field, nv);
            rec.changes.push(numericChange(k, p.field, old, nv));
            rec.keys.push(k);
          });
        } else rec.entities = [];
        rec.affected = rec.entities.length;
        break;
      }
    }
    if (rec.amount === 0 && rec.affected > 0) {
      if (p.kind === 'scaleField') rec.amount = Math.max(...rec.changes.map((c) => c.relDelta ?? 0));
      else if (p.kind === 'jitterTime' || p.kind === 'shiftField' || p.kind === 'clockSkew') rec.amount = Math.max(...rec.changes.map((c) => Math.abs(c.delta ?? 0)));
      else rec.amount = rec.eligible === 0 ? 0 : rec.affected / rec.eligible;
    }
    applied.push(rec);
  });

  return { legacy: legacy as E[], shadow: shadow as E[], injected: summarise(seed, applied, legacy, shadow, keyOf) };
}

/** Ground truth by diffing the final legacy and shadow on the key. */
function summarise(seed: number, applied: AppliedPerturbation[], legacy: Row[], shadow: Row[], keyOf: (r: Row) => string): Injected {
  const firstShadow = new Map<string, Row>();
  const counts = new Map<string, number>();
  const shadowOrder: string[] = [];
  for (const r of shadow) {
    const k = keyOf(r);
    const n = counts.get(k) ?? 0;
    counts.set(k, n + 1);
    if (n === 0) {
      firstShadow.set(k, r);
      shadowOrder.push(k);
    }
  }
  const legacyKeys = new Set<string>();
  const missing: string[] = [];
  const changed: InjectedChange[] = [];
  const changedKeys: string[] = [];
  const legacyOrder: string[] = [];
  for (const r of legacy) {
    const k = keyOf(r);
    legacyKeys.add(k);
    const s = firstShadow.get(k);
    if (!s) {
      missing.push(k);
      continue;
    }
    legacyOrder.push(k);
    if (s === r) continue; // copy-on-write: an untouched row is the legacy object itself
    const diffs: { path: string; legacy: unknown; shadow: unknown }[] = [];
    diffPaths(r, s, '', diffs);
    if (diffs.length > 0) changedKeys.push(k);
    for (const d of diffs) changed.push(numericChange(k, d.path, d.legacy, d.shadow));
  }
  const extra = shadowOrder.filter((k) => !legacyKeys.has(k));
  const duplicated = shadowOrder.filter((k) => (counts.get(k) ?? 0) > 1);
  const both = shadowOrder.filter((k) => legacyKeys.has(k));
  const orderChanged = both.some((k, i) => legacyOrder[i] !== k);
  return {
    seed,
    applied,
    legacyCount: legacy.length,
    shadowCount: shadow.length,
    missing,
    extra,
    duplicated,
    changed,
    changedKeys,
    orderChanged,
  };
}
