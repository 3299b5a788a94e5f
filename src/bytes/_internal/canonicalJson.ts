/**
 * RFC 8785 (JSON Canonicalization Scheme) serialisation, written for speed and checked against
 * the `canonicalize` package (the reference) by a fast-check property in test/bytes: members
 * sorted by the UTF-16 code units of their names, numbers as ECMAScript writes them (so −0 is
 * `0`), strings escaped as JSON.stringify does, no whitespace. The package's recursive
 * serialiser needs a normalised copy of every record first; this one applies the normalisation
 * during the same walk (no copy) and caches sorted key orders per object shape.
 *
 * Beyond RFC 8785, for values JSON cannot hold (where JSON.stringify would silently write them as
 * something else): NaN and ±Infinity are written as the bare tokens `NaN`, `Infinity`,
 * `-Infinity` (never as `null`), a BigInt exactly as its digits with an `n` suffix (`123n`, not
 * equal to the number 123), and a Map or a Set is refused (UnserialisableValueError) rather than
 * written as `{}`. Such a text is no longer JSON, which only matters for those records.
 *
 * A {@link Plan} applies the declared normalisation during the same walk (no copy): Unicode NFC,
 * number rounding, dropped paths and timestamp rewriting.
 */
export interface Plan {
  nfc: boolean;
  /** 10^decimals, or 0 for no rounding. */
  scale: number;
  /** Per member name: drop it, rewrite it as a timestamp, or descend with a nested plan. */
  members: Map<string, 'drop' | 'time' | Plan> | null;
  time: ((v: unknown) => unknown) | null;
}

/** The plan behind each compiled normalisation (set by compileNormalization), for compareBytes' fast path. */
export const PLANS = new WeakMap<object, Plan>();

// Code points below U+0300 are all NFC-stable (NFC_QC = Yes), so only strings beyond need normalising.
const NON_ASCII = /[^\u0000-\u02ff]/;
const sortedKeys = new Map<string, string[]>();

/**
 * Thrown by canonicalJson for a value with no faithful JSON form (a Map or a Set, which
 * JSON.stringify would write as `{}`); compareBytes turns it into a ShadowDataError naming the
 * record and the field.
 */
export class UnserialisableValueError extends Error {
  constructor(readonly what: string) {
    super(`a ${what} has no JSON form`);
  }
}

/** Describes a value canonicalJson refuses, or null when it serialises. */
export function unserialisable(v: unknown): string | null {
  return v instanceof Map ? 'Map' : v instanceof Set ? 'Set' : null;
}

/**
 * Numbers as ECMAScript writes them; NaN and ±Infinity, which JSON cannot hold (JSON.stringify
 * writes them as `null`), as the bare tokens `NaN`, `Infinity`, `-Infinity`, so they never equal
 * null or each other.
 */
function num(x: number, scale: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (scale > 0) x = (Math.sign(x) * Math.round(Math.abs(x) * scale)) / scale;
  return x === 0 ? '0' : String(x);
}

function str(s: string, nfc: boolean): string {
  return JSON.stringify(nfc && NON_ASCII.test(s) ? s.normalize('NFC') : s);
}

/** Serialises `v` canonically under `plan`. */
export function canonicalJson(v: unknown, plan: Plan): string {
  switch (typeof v) {
    case 'string':
      return str(v, plan.nfc);
    case 'number':
      return num(v, plan.scale);
    case 'boolean':
      return v ? 'true' : 'false';
    case 'bigint':
      // Exactly, as its decimal digits with the `n` suffix: distinct from the number of the same value.
      return `${v}n`;
    case 'object':
      break;
    default:
      return 'null';
  }
  if (v === null) return 'null';
  if (Array.isArray(v)) {
    let out = '[';
    for (let i = 0; i < v.length; i++) {
      if (i) out += ',';
      const x = v[i];
      out += x === undefined || typeof x === 'function' || typeof x === 'symbol' ? 'null' : canonicalJson(x, plan);
    }
    return out + ']';
  }
  const refused = unserialisable(v);
  if (refused !== null) throw new UnserialisableValueError(refused);
  const o = v as Record<string, unknown>;
  if (typeof (o as { toJSON?: unknown }).toJSON === 'function') return canonicalJson((o as { toJSON(): unknown }).toJSON(), plan);
  const keys = Object.keys(o);
  if (plan.members === null && plan.scale === 0) {
    const flat = flatJson(o, keys, plan.nfc);
    if (flat !== null) return flat;
  }
  const fast = shapeSerializer(keys, plan);
  if (fast !== null) return fast(o);
  let names = keys;
  let renamed: Map<string, string> | null = null;
  if (plan.nfc) {
    for (const k of keys) {
      if (NON_ASCII.test(k)) {
        const n = k.normalize('NFC');
        if (n !== k) (renamed ??= new Map()).set(n, k);
      }
    }
    if (renamed) names = keys.map((k) => (NON_ASCII.test(k) ? k.normalize('NFC') : k));
  }
  let sorted: string[];
  if (renamed === null && keys.length <= 64) {
    const sig = `${keys.length}:${keys.join('\u0000')}`; // the length keeps [] and [''] apart
    let s = sortedKeys.get(sig);
    if (s === undefined) {
      s = [...keys].sort();
      if (sortedKeys.size > 10000) sortedKeys.clear();
      sortedKeys.set(sig, s);
    }
    sorted = s;
  } else sorted = [...names].sort();
  let out = '{';
  let first = true;
  const members = plan.members;
  for (let i = 0; i < sorted.length; i++) {
    const name = sorted[i];
    let x = o[renamed?.get(name) ?? name];
    if (x === undefined || typeof x === 'function' || typeof x === 'symbol') continue;
    let sub = plan;
    if (members !== null) {
      const m = members.get(name);
      if (m === 'drop') continue;
      if (m === 'time') x = plan.time!(x);
      else if (m !== undefined) sub = m;
      else sub = LEAF_OF.get(plan) ?? plan;
    }
    if (!first) out += ',';
    first = false;
    out += str(name, false) + ':' + canonicalJson(x, sub);
  }
  return out + '}';
}

let lastKeys: string[] | null = null;
let lastSorted: string[] = [];

/**
 * The fastest path, for a record whose values are scalars or arrays of scalars under a plan with
 * no rounding and no member rules: JSON.stringify with the sorted names as its replacer list
 * writes the members in that order, with the same number and string serialisation RFC 8785 uses
 * (the canonicalize package calls JSON.stringify for them too). Null when the record has nested
 * objects (a replacer list would filter their members), or when the text has a character NFC may
 * change: the general walk handles those.
 */
function flatJson(o: Record<string, unknown>, keys: string[], nfc: boolean): string | null {
  for (let i = 0; i < keys.length; i++) {
    const v = o[keys[i]];
    // JSON.stringify writes NaN and ±Infinity as null and throws on a BigInt: the walk handles those.
    if (typeof v === 'number') {
      if (v - v !== 0) return null;
      continue;
    }
    if (typeof v === 'bigint') return null;
    if (v === null || typeof v !== 'object') continue;
    if (!Array.isArray(v)) return null;
    for (let j = 0; j < v.length; j++) {
      const x = v[j];
      if (x !== null && typeof x === 'object') return null;
      if (typeof x === 'bigint' || (typeof x === 'number' && x - x !== 0)) return null;
    }
  }
  let sorted: string[];
  const last = lastKeys;
  let same = last !== null && last.length === keys.length;
  if (same) for (let i = 0; i < keys.length; i++) if (last![i] !== keys[i]) { same = false; break; }
  if (same) sorted = lastSorted;
  else {
    sorted = [...keys].sort();
    lastKeys = keys;
    lastSorted = sorted;
  }
  const out = JSON.stringify(o, sorted);
  return nfc && NON_ASCII.test(out) ? null : out;
}

type Serializer = (o: Record<string, unknown>) => string;
interface ShapeCache {
  lastKeys: string[] | null;
  lastFn: Serializer | null;
  bySig: Map<string, Serializer | null>;
}
const SHAPES = new WeakMap<Plan, ShapeCache>();

/**
 * A serialiser compiled for one object shape (its own key list) under one plan: members in sorted
 * order with their quoted names as constants, numbers and strings serialised inline, everything
 * else through canonicalJson. Names are embedded as JSON string literals (no code is built from
 * data, as in compileGetter). Null (use the generic path) for names needing NFC or many members.
 */
function shapeSerializer(keys: string[], plan: Plan): Serializer | null {
  let cache = SHAPES.get(plan);
  if (cache === undefined) SHAPES.set(plan, (cache = { lastKeys: null, lastFn: null, bySig: new Map() }));
  const last = cache.lastKeys;
  if (last !== null && last.length === keys.length) {
    let same = true;
    for (let i = 0; i < keys.length; i++) if (last[i] !== keys[i]) { same = false; break; }
    if (same) return cache.lastFn;
  }
  const sig = `${keys.length}:${keys.join('\u0000')}`;
  let fn = cache.bySig.get(sig);
  if (fn === undefined) {
    fn = keys.length > 64 || keys.some((k) => NON_ASCII.test(k)) ? null : compileShape([...keys].sort(), plan);
    if (cache.bySig.size > 1000) cache.bySig.clear();
    cache.bySig.set(sig, fn);
  }
  cache.lastKeys = keys;
  cache.lastFn = fn;
  return fn;
}

function compileShape(sorted: string[], plan: Plan): Serializer {
  const subs: Plan[] = [];
  let body = "let out = '{', x, first = true;\n";
  for (const name of sorted) {
    const m = plan.members?.get(name);
    if (m === 'drop') continue;
    const sub = m === undefined || m === 'time' ? (plan.members ? LEAF_OF.get(plan) ?? plan : plan) : m;
    subs.push(sub);
    const si = subs.length - 1;
    body += `x = o[${JSON.stringify(name)}];\n`;
    if (m === 'time') body += 'if (x !== undefined) x = time(x);\n';
    body += `if (x !== undefined && typeof x !== 'function' && typeof x !== 'symbol') { out += (first ? '' : ',') + ${JSON.stringify(JSON.stringify(name) + ':')} + (typeof x === 'number' ? num(x, scale) : typeof x === 'string' ? str(x, nfc) : ser(x, subs[${si}])); first = false; }\n`;
  }
  body += "return out + '}';";
  const make = new Function('num', 'str', 'ser', 'subs', 'time', 'scale', 'nfc', `return (o) => {\n${body}\n};`) as (...a: unknown[]) => Serializer;
  return make(num, str, canonicalJson, subs, plan.time, plan.scale, plan.nfc);
}

/** For a plan with members, the plan its unnamed members use (same options, no members). */
const LEAF_OF = new WeakMap<Plan, Plan>();

/** Builds a plan from the normalisation options. */
export function makePlan(nfc: boolean, scale: number, drop: string[][], time: string[][], timeFn: ((v: unknown) => unknown) | null): Plan {
  const root: Plan = { nfc, scale, members: null, time: timeFn };
  const leaf: Plan = { nfc, scale, members: null, time: timeFn };
  const place = (path: string[], what: 'drop' | 'time') => {
    let p = root;
    for (let i = 0; i < path.length - 1; i++) {
      p.members ??= new Map();
      LEAF_OF.set(p, leaf);
      let next = p.members.get(path[i]);
      if (next === undefined || typeof next === 'string') {
        next = { nfc, scale, members: null, time: timeFn };
        p.members.set(path[i], next);
      }
      p = next;
    }
    p.members ??= new Map();
    LEAF_OF.set(p, leaf);
    p.members.set(path[path.length - 1], what);
  };
  for (const d of drop) place(d, 'drop');
  for (const t of time) place(t, 'time');
  return root;
}
