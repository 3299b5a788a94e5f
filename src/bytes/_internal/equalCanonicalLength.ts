import { canonicalJson, type Plan } from './canonicalJson.js';

/**
 * The fast path of compareBytes for records that are equal: walks two values side by side under a
 * normalisation plan and, when it can prove that their canonical texts (see canonicalJson) are
 * identical, returns the UTF-8 byte length of that text without building it; otherwise -1
 * ("not proven": the caller serialises both and compares the texts, which is exact).
 *
 * Proof rules (each mirrors what canonicalJson writes, so "equal here" implies "equal texts"):
 * strings and numbers are `===` (0 and −0 both write `0`; the same string normalises to the same
 * string); booleans, null, arrays element by element, plain objects by the same own keys (in any
 * order) with equal members, dropped members skipped, timestamp members `===` before rewriting.
 * Anything else (toJSON, NaN, Map, Set, non-ASCII member names, different key sets, BigInt) is "not proven".
 * A -1 never says the texts differ; only a length says they are equal.
 *
 * Lengths: integers below 1e21 by their digit count, other numbers by String(x) (what ECMAScript
 * and RFC 8785 write), strings of printable ASCII without `"` or `\` as their length + 2, any other
 * string through the same escaping and NFC as canonicalJson.
 */
export function equalCanonicalLength(a: unknown, b: unknown, plan: Plan): number {
  switch (typeof a) {
    case 'string':
      return a === b ? strLen(a, plan.nfc) : -1;
    case 'number':
      return a === b ? numLen(a, plan.scale) : -1;
    case 'boolean':
      return a === b ? (a ? 4 : 5) : -1;
    case 'object':
      break;
    case 'bigint':
      return -1;
    default:
      // undefined, functions and symbols write `null` at the top and in arrays.
      return a === b ? 4 : -1;
  }
  if (a === null) return b === null ? 4 : -1;
  if (typeof b !== 'object' || b === null) return -1;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return -1;
    let n = a.length ? a.length + 1 : 2; // brackets and commas
    for (let i = 0; i < a.length; i++) {
      const l = equalCanonicalLength(a[i], b[i], plan);
      if (l < 0) return -1;
      n += l;
    }
    return n;
  }
  if (Array.isArray(b)) return -1;
  if (a instanceof Map || a instanceof Set || b instanceof Map || b instanceof Set) return -1; // refused by canonicalJson
  const o = a as Record<string, unknown>;
  const p = b as Record<string, unknown>;
  if (typeof o.toJSON === 'function' || typeof p.toJSON === 'function') return -1;
  const shape = shapeOf(Object.keys(o), plan);
  if (shape === null) return -1;
  const kb = Object.keys(p);
  if (kb.length !== shape.keys.length) return -1;
  if (kb !== shape.keys && !sameKeys(shape, kb)) return -1;
  let n = 2;
  let members = 0;
  const { names, rules, nameBytes } = shape;
  for (let i = 0; i < names.length; i++) {
    const name = names[i];
    const x = o[name];
    const y = p[name];
    const tx = typeof x;
    if (x === undefined || tx === 'function' || tx === 'symbol') {
      if (x !== y) return -1;
      continue;
    }
    const rule = rules[i];
    let l: number;
    if (rule === null) l = equalCanonicalLength(x, y, plan);
    else if (rule === 'time') {
      if (x !== y) return -1;
      const t = plan.time!(x);
      if (t !== null && typeof t === 'object') return -1;
      l = Buffer.byteLength(canonicalJson(t, shape.leaf));
    } else l = equalCanonicalLength(x, y, rule);
    if (l < 0) return -1;
    n += nameBytes[i] + l;
    members++;
  }
  return members ? n + members - 1 : 2;
}

interface Shape {
  /** The key list this shape was built from (the exact array, for the common same-shape case). */
  keys: string[];
  /** Emitted member names, sorted by UTF-16 code units (dropped members left out). */
  names: string[];
  /** Per name: null (same plan), 'time', or the nested plan. */
  rules: (Plan | 'time' | null)[];
  /** Bytes of `"name":`. */
  nameBytes: number[];
  /** The keys sorted, all of them, to compare another object's key set. */
  sortedAll: string[];
  leaf: Plan;
}

interface ShapeCache {
  leaf: Plan;
  /** The last key list seen and its shape (null: the exact path for that shape). */
  lastKeys: string[] | null;
  last: Shape | null;
  bySig: Map<string, Shape | null>;
}
const CACHES = new WeakMap<Plan, ShapeCache>();
const PLAIN = /^[\u0020\u0021\u0023-\u005b\u005d-\u007e]*$/;

function shapeOf(keys: string[], plan: Plan): Shape | null {
  let cache = CACHES.get(plan);
  if (cache === undefined) CACHES.set(plan, (cache = { leaf: { nfc: plan.nfc, scale: plan.scale, members: null, time: plan.time }, lastKeys: null, last: null, bySig: new Map() }));
  const lk = cache.lastKeys;
  if (lk !== null && lk.length === keys.length) {
    let same = true;
    for (let i = 0; i < keys.length; i++) if (lk[i] !== keys[i]) { same = false; break; }
    if (same) return cache.last;
  }
  const sig = `${keys.length}:${keys.join('\u0000')}`;
  let shape = cache.bySig.get(sig);
  if (shape === undefined) {
    shape = makeShape(keys, plan, cache.leaf);
    if (cache.bySig.size > 1000) cache.bySig.clear();
    cache.bySig.set(sig, shape);
  }
  cache.lastKeys = keys;
  cache.last = shape;
  return shape;
}

function makeShape(keys: string[], plan: Plan, leaf: Plan): Shape | null {
  // Names NFC could change, or that need escaping, go the exact way.
  if (keys.length > 64 || keys.some((k) => !PLAIN.test(k))) return null;
  const sortedAll = [...keys].sort();
  const names: string[] = [];
  const rules: (Plan | 'time' | null)[] = [];
  const nameBytes: number[] = [];
  for (const name of sortedAll) {
    const m = plan.members?.get(name);
    if (m === 'drop') continue;
    names.push(name);
    // A member without a rule under a plan with members uses the leaf plan (as canonicalJson does).
    rules.push(m === 'time' ? 'time' : m !== undefined ? m : plan.members ? leaf : null);
    nameBytes.push(name.length + 3);
  }
  return { keys: [...keys], names, rules, nameBytes, sortedAll, leaf };
}

function sameKeys(shape: Shape, kb: string[]): boolean {
  const ka = shape.keys;
  let same = true;
  for (let i = 0; i < kb.length; i++) if (ka[i] !== kb[i]) { same = false; break; }
  if (same) return true;
  const sb = [...kb].sort();
  const sa = shape.sortedAll;
  for (let i = 0; i < sb.length; i++) if (sa[i] !== sb[i]) return false;
  return true;
}

function numLen(x: number, scale: number): number {
  if (!Number.isFinite(x)) return String(x).length; // NaN, Infinity, -Infinity as canonicalJson writes them
  if (scale > 0) x = (Math.sign(x) * Math.round(Math.abs(x) * scale)) / scale;
  if (x === 0) return 1;
  const ax = x < 0 ? -x : x;
  if (ax < 1e21 && Math.floor(ax) === ax) {
    let d = 1;
    for (let p = 10; p <= ax; p *= 10) d++;
    return x < 0 ? d + 1 : d;
  }
  return String(x).length;
}

function strLen(s: string, nfc: boolean): number {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c || c > 0x7e) {
      return Buffer.byteLength(JSON.stringify(nfc && /[^\u0000-\u02ff]/.test(s) ? s.normalize('NFC') : s));
    }
  }
  return s.length + 2;
}
