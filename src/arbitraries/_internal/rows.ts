/** Row plumbing for perturbations: copy-on-write dotted-path setter, raw diff, time arithmetic. */
import { compileGetter, isPlainObject, type Getter } from '../../_internal/path.js';

export type Row = Record<string, unknown>;

const getters = new Map<string, Getter>();
/** Cached getter of a dotted path. */
export function getter(path: string): Getter {
  let g = getters.get(path);
  if (!g) getters.set(path, (g = compileGetter(path)));
  return g;
}

/** A copy of `row` with `path` set to `value`; objects along the path are copied, never mutated. */
export function withPath(row: Row, path: string, value: unknown): Row {
  const segs = path.split('.');
  const top: Row = { ...row };
  let cur = top;
  for (let i = 0; i < segs.length - 1; i++) {
    const next = cur[segs[i]];
    const copy: Row = isPlainObject(next) ? { ...next } : {};
    cur[segs[i]] = copy;
    cur = copy;
  }
  cur[segs[segs.length - 1]] = value;
  return top;
}

/** A deep copy of plain objects and arrays (Dates copied, other values shared). */
export function cloneDeep<T>(value: T): T {
  if (Array.isArray(value)) return value.map(cloneDeep) as T;
  if (value instanceof Date) return new Date(value.getTime()) as T;
  if (isPlainObject(value)) {
    const out: Row = {};
    for (const k of Object.keys(value)) out[k] = cloneDeep(value[k]);
    return out as T;
  }
  return value;
}

const ISO_LIKE = /^\d{4}-\d\d-\d\d/;

/** Milliseconds of a time-like value (epoch number, Date, ISO string), or undefined. */
export function timeOf(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (v instanceof Date) return Number.isFinite(v.getTime()) ? v.getTime() : undefined;
  if (typeof v === 'string' && ISO_LIKE.test(v)) {
    const t = Date.parse(v);
    return Number.isFinite(t) ? t : undefined;
  }
  return undefined;
}

/** `v` moved by `ms`, keeping its representation; undefined when `v` is not time-like. */
export function shiftTime(v: unknown, ms: number): unknown {
  const t = timeOf(v);
  if (t === undefined) return undefined;
  if (typeof v === 'number') return v + ms;
  if (v instanceof Date) return new Date(t + ms);
  return new Date(t + ms).toISOString();
}

/** Raw equality: Object.is on scalars (so -0 ≠ 0, NaN = NaN), Dates by time, arrays and objects deeply. */
export function rawEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (a instanceof Date && b instanceof Date) return Object.is(a.getTime(), b.getTime());
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => rawEqual(x, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && rawEqual(a[k], b[k]));
  }
  return false;
}

/** Every leaf path where `a` and `b` differ raw (plain objects recursed, arrays compared whole). */
export function diffPaths(a: unknown, b: unknown, prefix: string, out: { path: string; legacy: unknown; shadow: unknown }[]): void {
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = [...Object.keys(a), ...Object.keys(b).filter((k) => !Object.prototype.hasOwnProperty.call(a, k))];
    for (const k of keys) {
      const has = (o: Row) => Object.prototype.hasOwnProperty.call(o, k);
      diffPaths(has(a) ? a[k] : undefined, has(b) ? b[k] : undefined, prefix ? `${prefix}.${k}` : k, out);
    }
    return;
  }
  if (!rawEqual(a, b)) out.push({ path: prefix, legacy: a, shadow: b });
}

/** shadow − legacy when both are numbers or both Dates; undefined otherwise. */
export function deltaOf(legacy: unknown, shadow: unknown): number | undefined {
  if (typeof legacy === 'number' && typeof shadow === 'number') return shadow - legacy;
  if (legacy instanceof Date && shadow instanceof Date) return shadow.getTime() - legacy.getTime();
  return undefined;
}
