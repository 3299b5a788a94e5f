import { pathAtOffset } from './pathAtOffset.js';

/** Index of the first character where two texts differ (the shorter length when one is a prefix). */
export function firstDifference(a: string, b: string): number {
  let p = 0;
  const n = Math.min(a.length, b.length);
  while (p < n && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  return p;
}

const ABSENT = Symbol('absent');

function getAt(row: unknown, path: readonly string[]): unknown {
  let v: unknown = row;
  for (const seg of path) {
    if (typeof v !== 'object' || v === null || !Object.prototype.hasOwnProperty.call(v, seg)) return ABSENT;
    v = (v as Record<string, unknown>)[seg];
  }
  return v;
}

/** A copy of `row` with the value at `path` replaced by `value` (deleted when ABSENT); copies only along the path. */
function setAt(row: unknown, path: readonly string[], value: unknown): unknown {
  if (path.length === 0) return value;
  const base = typeof row === 'object' && row !== null ? row : {};
  const copy: Record<string, unknown> = Array.isArray(base) ? ([...base] as unknown as Record<string, unknown>) : { ...(base as Record<string, unknown>) };
  const [head, ...rest] = path;
  const next = setAt(Object.prototype.hasOwnProperty.call(copy, head) ? copy[head] : undefined, rest, value);
  if (next === ABSENT) delete copy[head];
  else copy[head] = next;
  return copy;
}

/**
 * Every field in which two records differ after normalisation, in the order their first differing
 * bytes appear: the field holding the first differing byte, then, with that field set equal
 * (shadow given legacy's value, or the member removed when legacy has none), the next, and so on
 * until the normalised texts are equal. `complete` is false when a difference could not be set
 * equal (a path that does not resolve on the raw records, such as record punctuation, or more than
 * `limit` fields): the caller must then not excuse the record, since a difference may be hidden.
 *
 * @example
 * differingFields({ id: 1, ts: 1, type: 'a' }, { id: 1, ts: 2, type: 'b' }, apply);
 * // => { fields: ['ts', 'type'], complete: true }
 */
export function differingFields(
  legacy: Record<string, unknown>,
  shadow: Record<string, unknown>,
  apply: (row: Record<string, unknown>) => string,
  limit = 64,
): { fields: string[]; complete: boolean } {
  const fields: string[] = [];
  const a = apply(legacy);
  let s: Record<string, unknown> = shadow;
  let b = apply(s);
  while (a !== b) {
    const p = firstDifference(a, b);
    const field = pathAtOffset(a, p) || pathAtOffset(b, p);
    if (!field || fields.includes(field) || fields.length >= limit) return { fields: field && !fields.includes(field) ? [...fields, field] : fields, complete: false };
    fields.push(field);
    const path = field.split('.');
    s = setAt(s, path, getAt(legacy, path)) as Record<string, unknown>;
    const next = apply(s);
    if (next === b) return { fields, complete: false };
    b = next;
  }
  return { fields, complete: true };
}
