/**
 * Dotted field paths ('geo.city') compiled once into fast getters.
 *
 * Reads never walk the prototype chain for names that exist on Object.prototype
 * ('constructor', '__proto__', 'toString', ...): such a segment is read only when it is an own
 * property, so data keyed `__proto__` cannot alter or leak any object.
 */

export type Getter = (row: unknown) => unknown;

const PROTO_NAMES = new Set(Object.getOwnPropertyNames(Object.prototype));

/** Splits a dotted path into segments. An empty segment is a programming error. */
export function splitPath(path: string): string[] {
  return path.split('.');
}

function readSegment(obj: unknown, seg: string, guarded: boolean): unknown {
  if (obj === null || typeof obj !== 'object') return undefined;
  if (guarded && !Object.prototype.hasOwnProperty.call(obj, seg)) return undefined;
  return (obj as Record<string, unknown>)[seg];
}

/** Compiles `path` to a getter returning `undefined` where any segment is absent. */
export function compileGetter(path: string): Getter {
  const segs = splitPath(path);
  const guards = segs.map((s) => PROTO_NAMES.has(s));
  if (!guards.some(Boolean) && segs.length <= 4) {
    // A getter of its own per path, with constant property names, so each field's reads stay
    // monomorphic in the hot loop (a shared closure reading row[s] goes megamorphic). The names
    // are embedded as JSON string literals: no code is built from data.
    let body = 'let v = row;';
    for (const s of segs) body += ` if (v === null || typeof v !== 'object') return undefined; v = v[${JSON.stringify(s)}];`;
    return new Function('row', `${body} return v;`) as Getter;
  }
  if (segs.length === 1) {
    const [s] = segs;
    if (guards[0]) return (row) => readSegment(row, s, true);
    return (row) => (row === null || typeof row !== 'object' ? undefined : (row as Record<string, unknown>)[s]);
  }
  if (segs.length === 2 && !guards[0] && !guards[1]) {
    const [a, b] = segs;
    return (row) => {
      if (row === null || typeof row !== 'object') return undefined;
      const mid = (row as Record<string, unknown>)[a];
      return mid === null || typeof mid !== 'object' ? undefined : (mid as Record<string, unknown>)[b];
    };
  }
  return (row) => {
    let cur: unknown = row;
    for (let i = 0; i < segs.length; i++) {
      cur = readSegment(cur, segs[i], guards[i]);
      if (cur === undefined) return undefined;
    }
    return cur;
  };
}

/** True when `row` has every segment of `path` as an own property (the value may be null). */
export function hasPath(row: unknown, path: string): boolean {
  let cur: unknown = row;
  for (const seg of splitPath(path)) {
    if (cur === null || typeof cur !== 'object' || !Object.prototype.hasOwnProperty.call(cur, seg)) return false;
    cur = (cur as Record<string, unknown>)[seg];
  }
  return true;
}

/** True for objects created by `{}`/JSON (not arrays, Dates, Maps or class instances). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
