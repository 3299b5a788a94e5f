/**
 * Sequence assembly: rows → per-entity sequences held in a compressed layout (CSR): one Int32Array
 * of event indices in sequence order and one of per-entity offsets. Entities and event identities
 * are interned to integers shared by both sides, so the comparison works on integer tokens.
 */
import { isPlainObject } from '../../_internal/path.js';
import { badRow, type Row } from '../../dataset/toRows.js';
import { toEpochMs } from '../../tolerance/toEpochMs.js';
import type { MapKey } from '../../join/pairRows.js';
import { KeyTable } from '../../join/keyTable.js';
import { NO_KEY, compareKeys } from '../../join/keys.js';
import type { OrderKey, ResolvedSequenceOptions } from './resolveOptions.js';
import { dateEpochMs, dateText } from '../../dataset/preciseDate.js';

/**
 * Interned entities, shared by both sides: an open-addressing hash table on typed arrays
 * (KeyTable) that doubles when full, so 50,000 entities over a million rows intern without
 * per-entry objects and without a table sized for the rows.
 */
export class Interner {
  private table = new KeyTable(1024);
  private capacity = 1024;
  readonly entityKeys: MapKey[] = [];
  readonly entityDisplay: unknown[] = [];

  /** The entity id of `key`, interning it (with `display(row)` as its data form) when new. */
  entity(key: MapKey, display: (row: Row) => unknown, row: Row): number {
    const e = this.table.insert(key, 0);
    if (e !== -1) return e;
    const id = this.entityKeys.length;
    this.entityKeys.push(key);
    this.entityDisplay.push(display(row));
    if (id + 1 === this.capacity) {
      this.capacity *= 2;
      this.table = new KeyTable(this.capacity);
      for (const k of this.entityKeys) this.table.insert(k, 0);
    }
    return id;
  }
}

/** Canonical text of a value: object keys sorted, `undefined` keys dropped, -0 as 0. */
function canonical(v: unknown, skip: ReadonlySet<string> | null): string {
  if (Array.isArray(v)) return `[${v.map((x) => canonical(x, null)).join(',')}]`;
  if (isPlainObject(v)) {
    const keys = Object.keys(v)
      .filter((k) => v[k] !== undefined && !(skip && skip.has(k)))
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(v[k], null)}`).join(',')}}`;
  }
  if (typeof v === 'number') return v !== v ? 'NaN' : String(v === 0 ? 0 : v);
  if (v instanceof Date) return `Date(${dateText(v)})`;
  if (typeof v === 'bigint') return `${v}n`;
  return JSON.stringify(v) ?? 'undefined';
}

/** One side's events, read and interned. */
export interface SideEvents {
  side: 'legacy' | 'shadow';
  /** Event objects (flat: the rows; assembled: the array elements), indexed by event index. */
  events: unknown[];
  /** Entity id per event, -1 when the event has no entity. */
  ent: Int32Array;
  /**
   * Identity key per event: the id (a primitive, or a tuple encoding), the primitive event itself,
   * or a canonical JSON text of the event; undefined when the event has no id (it pairs with nothing).
   */
  keys: (MapKey | undefined)[];
  /** Sequence rows (assembled input) or event rows (flat input). */
  rows: number;
  /** Rows without an entity value. */
  missingEntity: number;
  missingEntityExamples: unknown[];
  /** Assembled rows whose events field is not an array. */
  notArray: number;
  /** Events without an identity (when `id` is set). */
  missingId: number;
  /** Entities with more than one sequence row (assembled input). */
  duplicateEntities: Set<number>;
}

/** Reads rows into a {@link SideEvents}, interning entities and identities. */
export function readSide(
  fn: string,
  side: 'legacy' | 'shadow',
  rows: readonly Row[],
  o: ResolvedSequenceOptions,
  intern: Interner,
): SideEvents {
  const R = rows.length;
  const ignored = new Set([...o.fields].filter(([, r]) => r === 'ignore').map(([p]) => p));
  const id = o.id;
  let missingId = 0;
  const identity = (ev: unknown): MapKey | undefined => {
    if (id !== null) {
      if (ev === null || typeof ev !== 'object') {
        missingId++;
        return undefined;
      }
      const k = id.read(ev as Row);
      if (k === NO_KEY) {
        missingId++;
        return undefined;
      }
      return k;
    }
    switch (typeof ev) {
      case 'string':
      case 'bigint':
      case 'boolean':
        return ev;
      case 'number':
        return ev === 0 ? 0 : ev;
      default:
        // \u0000 keeps an object's text apart from a string event with the same characters.
        return `\u0000${canonical(ev, ignored.size ? ignored : null)}`;
    }
  };

  const out: SideEvents = {
    side,
    events: [],
    ent: new Int32Array(0),
    keys: [],
    rows: R,
    missingEntity: 0,
    missingEntityExamples: [],
    notArray: 0,
    missingId: 0,
    duplicateEntities: new Set(),
  };
  const entity = o.entity;

  if (o.assembled === null) {
    const ent = new Int32Array(R);
    const keys = new Array<MapKey | undefined>(R);
    // Rows often arrive grouped by entity: the previous row's entity is checked first.
    let lastKey: unknown = NO_KEY;
    let lastE = -1;
    for (let i = 0; i < R; i++) {
      const row = rows[i];
      if (row === null || typeof row !== 'object') badRow(fn, side, i, row);
      const k = entity.read(row);
      if (k === NO_KEY) {
        ent[i] = -1;
        out.missingEntity++;
        if (out.missingEntityExamples.length < 3) out.missingEntityExamples.push(row);
      } else if (k === lastKey) {
        ent[i] = lastE;
      } else {
        ent[i] = lastE = intern.entity(k, entity.display, row);
        lastKey = k;
      }
      keys[i] = identity(row);
    }
    out.events = rows as unknown[];
    out.ent = ent;
    out.keys = keys;
    out.missingId = missingId;
    return out;
  }

  // Pre-assembled: each row holds an entity and an array of events.
  const get = o.assembled.get;
  let total = 0;
  for (let i = 0; i < R; i++) {
    const row = rows[i];
    if (row === null || typeof row !== 'object') badRow(fn, side, i, row);
    const arr = get(row);
    if (Array.isArray(arr)) total += arr.length;
  }
  const events = new Array<unknown>(total);
  const ent = new Int32Array(total);
  const keys = new Array<MapKey | undefined>(total);
  const seen = new Set<number>();
  let n = 0;
  for (let i = 0; i < R; i++) {
    const row = rows[i];
    const arr = get(row);
    if (!Array.isArray(arr)) {
      out.notArray++;
      continue;
    }
    const k = entity.read(row);
    let e = -1;
    if (k === NO_KEY) {
      out.missingEntity++;
      if (out.missingEntityExamples.length < 3) out.missingEntityExamples.push({ ...row, [o.assembled.path]: `(${arr.length} events)` });
    } else {
      e = intern.entity(k, entity.display, row);
      if (seen.has(e)) out.duplicateEntities.add(e);
      seen.add(e);
    }
    for (let j = 0; j < arr.length; j++) {
      const ev = arr[j];
      events[n] = ev;
      ent[n] = e;
      keys[n] = identity(ev);
      n++;
    }
  }
  out.events = events;
  out.ent = ent;
  out.keys = keys;
  out.missingId = missingId;
  return out;
}

/** Per-event sort columns of one orderBy key. */
type Column = Float64Array | string[];

/** Sort columns for every orderBy key, and the events lacking an order value. */
export interface OrderColumns {
  cols: Column[];
  desc: boolean[];
  /** 1 where an event lacks a usable order value (absent, null, NaN, invalid Date). */
  missing: Uint8Array;
  missingCount: number;
  /** The first path found holding values of more than one type, with the counts per type. */
  unsortable?: { path: string; types: Record<string, number>; example: { entity: unknown; value: unknown } };
}

function typeName(v: unknown): string {
  if (v instanceof Date) return 'Date';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

/** Extracts the orderBy columns of one side, checking that each holds a single sortable type. */
export function orderColumns(s: SideEvents, orderBy: readonly OrderKey[], intern: Interner): OrderColumns {
  const N = s.events.length;
  const events = s.events;
  const missing = new Uint8Array(N);
  const cols: Column[] = [];
  let unsortable: OrderColumns['unsortable'];
  for (const key of orderBy) {
    const get = key.get;
    const counts: Record<string, number> = {};
    const firstOf: Record<string, number> = {};
    const note = (t: string, i: number) => {
      if (counts[t] === undefined) {
        counts[t] = 0;
        firstOf[t] = i;
      }
      counts[t]++;
    };
    // One pass into a numeric column; strings are collected in a second pass only when present.
    const col = new Float64Array(N);
    let numbers = 0;
    for (let i = 0; i < N; i++) {
      const v = get(events[i]);
      if (typeof v === 'number') {
        col[i] = v;
        numbers++;
        continue;
      }
      col[i] = NaN;
      if (v === undefined || v === null) continue;
      if (v instanceof Date) {
        col[i] = dateEpochMs(v);
        note('Date', i);
      } else if (typeof v === 'bigint') {
        col[i] = Number(v);
        note('bigint', i);
      } else if (typeof v === 'boolean') {
        col[i] = v ? 1 : 0;
        note('boolean', i);
      } else note(typeName(v), i);
    }
    if (numbers > 0) {
      counts.number = numbers;
      for (let i = 0; i < N; i++) {
        if (typeof get(events[i]) === 'number') {
          firstOf.number = i;
          break;
        }
      }
    }
    const types = Object.keys(counts);
    const bad = types.find((t) => t !== 'number' && t !== 'string' && t !== 'Date' && t !== 'bigint' && t !== 'boolean');
    if ((types.length > 1 || bad) && unsortable === undefined) {
      const rare = bad ?? types.reduce((a, b) => (counts[a] <= counts[b] ? a : b));
      const i = firstOf[rare];
      const e = s.ent[i];
      unsortable = { path: key.path, types: counts, example: { entity: e >= 0 ? intern.entityDisplay[e] : undefined, value: get(events[i]) } };
    }
    if (types.length === 1 && types[0] === 'string') {
      const strs = new Array<string>(N);
      for (let i = 0; i < N; i++) {
        const v = get(events[i]);
        if (typeof v === 'string') strs[i] = v;
        else {
          strs[i] = '';
          missing[i] = 1;
        }
      }
      cols.push(strs);
    } else {
      for (let i = 0; i < N; i++) if (col[i] !== col[i]) missing[i] = 1;
      cols.push(col);
    }
  }
  let missingCount = 0;
  for (let i = 0; i < N; i++) missingCount += missing[i];
  return { cols, desc: orderBy.map((k) => k.desc), missing, missingCount, unsortable };
}

/**
 * Epoch milliseconds of each event's time field (NaN where absent or not a time). Reuses the
 * first orderBy column when it is the same field holding epoch milliseconds or Dates.
 */
export function timeColumn(s: SideEvents, o: ResolvedSequenceOptions, cols: OrderColumns | null): Float64Array {
  const t = o.time!;
  if (cols && o.orderBy[0]?.path === t.path && t.unit === 'ms' && cols.cols[0] instanceof Float64Array) return cols.cols[0];
  const N = s.events.length;
  const col = new Float64Array(N);
  for (let i = 0; i < N; i++) col[i] = toEpochMs(t.get(s.events[i]), t.unit);
  return col;
}

/** Sequences of one side in CSR layout: events of entity e are order[start[e] .. start[e + 1]). */
export interface Sequences {
  order: Int32Array;
  start: Int32Array;
}

/**
 * Groups events by entity (keeping input order within an entity) into CSR layout. Events with
 * entity −1, in a duplicated entity, or flagged in `exclude` are left out.
 */
export function groupByEntity(s: SideEvents, E: number, exclude: Uint8Array | null): Sequences {
  const N = s.ent.length;
  const start = new Int32Array(E + 1);
  for (let i = 0; i < N; i++) {
    const e = s.ent[i];
    if (e >= 0 && (exclude === null || !exclude[i])) start[e + 1]++;
  }
  for (let e = 0; e < E; e++) start[e + 1] += start[e];
  const fill = start.slice(0, E);
  const order = new Int32Array(start[E]);
  for (let i = 0; i < N; i++) {
    const e = s.ent[i];
    if (e >= 0 && (exclude === null || !exclude[i])) order[fill[e]++] = i;
  }
  return { order, start };
}

/** A comparator of event indices by the orderBy columns, then by the tie rule. */
export function eventComparator(
  cols: OrderColumns,
  keys: readonly (MapKey | undefined)[],
  ties: 'any' | 'by-id' | 'stable',
): (a: number, b: number) => number {
  const K = cols.cols.length;
  const byId = ties !== 'stable';
  const tie = (a: number, b: number) => (byId ? compareKeys(keys[a], keys[b]) || a - b : a - b);
  if (K === 1 && cols.cols[0] instanceof Float64Array) {
    const c = cols.cols[0];
    const sign = cols.desc[0] ? -1 : 1;
    return (a, b) => {
      const x = c[a];
      const y = c[b];
      return x < y ? -sign : x > y ? sign : tie(a, b);
    };
  }
  return (a, b) => {
    for (let k = 0; k < K; k++) {
      const c = cols.cols[k];
      const x = c[a];
      const y = c[b];
      if (x < y) return cols.desc[k] ? 1 : -1;
      if (x > y) return cols.desc[k] ? -1 : 1;
    }
    return tie(a, b);
  };
}

/** True when events a and b have equal values in every orderBy column (a tie). */
export function tiedOn(cols: OrderColumns): (a: number, b: number) => boolean {
  const K = cols.cols.length;
  return (a, b) => {
    if (cols.missing[a] || cols.missing[b]) return false;
    for (let k = 0; k < K; k++) if (cols.cols[k][a] !== cols.cols[k][b]) return false;
    return true;
  };
}

/**
 * Sorts each entity's segment of `seq.order` in place with `cmp` (insertion sort for short
 * segments). With `num`, the values of a single numeric sort key, short segments compare those
 * values inline and call `cmp` only for ties.
 */
export function sortSegments(seq: Sequences, cmp: (a: number, b: number) => number, num?: { col: Float64Array; desc: boolean }): void {
  const { order, start } = seq;
  const E = start.length - 1;
  const col = num?.col;
  const sign = num?.desc ? -1 : 1;
  for (let e = 0; e < E; e++) {
    const lo = start[e];
    const hi = start[e + 1];
    if (hi - lo < 2) continue;
    if (hi - lo <= 32) {
      for (let i = lo + 1; i < hi; i++) {
        const x = order[i];
        let j = i - 1;
        if (col) {
          const vx = col[x] * sign;
          while (j >= lo) {
            const vj = col[order[j]] * sign;
            if (vj < vx || (vj === vx && cmp(order[j], x) <= 0)) break;
            order[j + 1] = order[j];
            j--;
          }
        } else {
          while (j >= lo && cmp(order[j], x) > 0) {
            order[j + 1] = order[j];
            j--;
          }
        }
        order[j + 1] = x;
      }
    } else {
      order.subarray(lo, hi).sort(cmp);
    }
  }
}

/**
 * For pre-assembled sequences under `ties: 'any'`: orders each run of adjacent tied events by
 * identity on both sides, so a different order among tied events is never a difference.
 */
export function canonicaliseTies(
  seq: Sequences,
  tied: (a: number, b: number) => boolean,
  byIdentity: (a: number, b: number) => number,
): void {
  const { order, start } = seq;
  const E = start.length - 1;
  for (let e = 0; e < E; e++) {
    const lo = start[e];
    const hi = start[e + 1];
    let i = lo;
    while (i < hi) {
      let j = i + 1;
      while (j < hi && tied(order[i], order[j])) j++;
      if (j - i > 1) {
        for (let x = i + 1; x < j; x++) {
          const v = order[x];
          let y = x - 1;
          while (y >= i && byIdentity(order[y], v) > 0) {
            order[y + 1] = order[y];
            y--;
          }
          order[y + 1] = v;
        }
      }
      i = j;
    }
  }
}
