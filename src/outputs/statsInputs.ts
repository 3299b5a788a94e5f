/**
 * Input shapes of the model-output checks (compareEquivalence, compareDistribution, compareAuc,
 * compareAgreement): arrays of values (paired by position), Maps (paired by Map key), or rows
 * (paired on `key` with joinByKey, the event tier's join; the value read with `value`).
 * Duplicated keys are reported by joinByKey and never fanned out.
 */
import { ShadowOptionError, describeValue } from '../_internal/options.js';
import { compileGetter } from '../_internal/path.js';
import { joinByKey } from '../join/joinByKey.js';
import type { KeySpec } from '../join/keys.js';

/** What the model-output checks accept for one side. */
export type ValuesInput<T = number> = ArrayLike<T> | ReadonlyMap<unknown, T> | readonly Record<string, unknown>[];

/** How rows are turned into values: the key to pair on and the field (or function) holding the value. */
export interface RowValueOptions {
  /** Field path(s) or function identifying the model input, to pair rows of the two sides. */
  key?: KeySpec;
  /** Field path or function giving the value (score, prediction) of a row. */
  value?: string | ((row: Record<string, unknown>) => unknown);
}

/** How the two sides were paired, for the report. */
export interface Pairing {
  by: 'position' | 'map key' | 'row key';
  /** Keys on the legacy side only. */
  missing: number;
  /** Keys on the shadow side only. */
  extra: number;
  /** Keys occurring more than once on a side (excluded from the pairs). */
  duplicates: number;
  /** Rows without a key. */
  missingKey: number;
  /** Up to 5 unpaired or duplicated keys, for the message. */
  examples: { key: string; problem: 'missing in shadow' | 'extra in shadow' | 'duplicated' }[];
}

type Kind = 'array' | 'map' | 'rows';

function kindOf(fn: string, side: string, input: unknown): Kind {
  if (input instanceof Map) return 'map';
  if (ArrayBuffer.isView(input)) return 'array';
  if (Array.isArray(input)) {
    const first = input.find((v) => v !== undefined);
    return first !== null && typeof first === 'object' && !(first instanceof Date) ? 'rows' : 'array';
  }
  throw new ShadowOptionError(
    `${fn}: ${side} must be an array of values, a Map from input key to value, or an array of rows with { key, value } options, got ${describeValue(input)}`,
  );
}

function keyText(k: unknown): string {
  return typeof k === 'string' ? JSON.stringify(k) : Array.isArray(k) ? `[${k.map(keyText).join(', ')}]` : String(k);
}

function rowGetter(fn: string, value: RowValueOptions['value']): (row: Record<string, unknown>) => unknown {
  if (typeof value === 'function') return value;
  if (typeof value === 'string' && value.length > 0) return compileGetter(value) as (row: Record<string, unknown>) => unknown;
  throw new ShadowOptionError(
    `${fn}: rows need a value option naming the field that holds the value, e.g. { value: 'score' }, got ${describeValue(value)}`,
  );
}

/**
 * Reads both sides into aligned value arrays. `paired` requires a one-to-one pairing (equal
 * lengths for arrays, a key for rows); unpaired inputs just yield each side's values.
 * `check(v, where)` validates one value and throws a ShadowOptionError naming it.
 */
export function readValues<T>(
  fn: string,
  legacy: unknown,
  shadow: unknown,
  { paired, key, value }: RowValueOptions & { paired: boolean },
  check: (v: unknown, where: string) => T,
): { legacy: T[]; shadow: T[]; keys?: unknown[]; pairing?: Pairing } {
  const lk = kindOf(fn, 'legacy', legacy);
  const sk = kindOf(fn, 'shadow (the received value)', shadow);
  if (lk !== sk) {
    throw new ShadowOptionError(`${fn}: shadow is ${describe(sk)} but legacy is ${describe(lk)}; pass both sides in the same shape`);
  }
  if (lk !== 'rows' && (key !== undefined || value !== undefined)) {
    throw new ShadowOptionError(`${fn}: the key and value options apply to rows; ${describe(lk)} ${lk === 'map' ? 'is paired by its keys' : 'is paired by position'}`);
  }
  if (lk === 'array') {
    const l = legacy as ArrayLike<unknown>;
    const s = shadow as ArrayLike<unknown>;
    if (paired && l.length !== s.length) {
      throw new ShadowOptionError(
        `${fn}: paired data must have one shadow value per legacy value, got ${s.length} shadow and ${l.length} legacy; ` +
          `pair them by key with Maps or rows and { key, value }`,
      );
    }
    return {
      legacy: checkEach(l, 'legacy', check),
      shadow: checkEach(s, 'shadow', check),
      pairing: paired ? { by: 'position', missing: 0, extra: 0, duplicates: 0, missingKey: 0, examples: [] } : undefined,
    };
  }
  if (lk === 'map') {
    const l = legacy as ReadonlyMap<unknown, unknown>;
    const s = shadow as ReadonlyMap<unknown, unknown>;
    if (!paired) {
      return {
        legacy: Array.from(l, ([k, v]) => check(v, `legacy value for key ${keyText(k)}`)),
        shadow: Array.from(s, ([k, v]) => check(v, `shadow value for key ${keyText(k)}`)),
      };
    }
    const out = { legacy: [] as T[], shadow: [] as T[], keys: [] as unknown[] };
    const pairing: Pairing = { by: 'map key', missing: 0, extra: 0, duplicates: 0, missingKey: 0, examples: [] };
    for (const [k, lv] of l) {
      if (!s.has(k)) {
        pairing.missing++;
        if (pairing.examples.length < 5) pairing.examples.push({ key: keyText(k), problem: 'missing in shadow' });
        continue;
      }
      out.legacy.push(check(lv, `legacy value for key ${keyText(k)}`));
      out.shadow.push(check(s.get(k), `shadow value for key ${keyText(k)}`));
      out.keys.push(k);
    }
    for (const k of s.keys()) {
      if (l.has(k)) continue;
      pairing.extra++;
      if (pairing.examples.length < 5) pairing.examples.push({ key: keyText(k), problem: 'extra in shadow' });
    }
    return { ...out, pairing };
  }
  const get = rowGetter(fn, value);
  const lrows = legacy as readonly Record<string, unknown>[];
  const srows = shadow as readonly Record<string, unknown>[];
  if (!paired) {
    return {
      legacy: lrows.map((r, i) => check(get(r), `legacy[${i}] value`)),
      shadow: srows.map((r, i) => check(get(r), `shadow[${i}] value`)),
    };
  }
  if (key === undefined) {
    throw new ShadowOptionError(`${fn}: paired rows need a key option to pair them, e.g. { key: 'inputId', value: 'score' }`);
  }
  const j = joinByKey(lrows, srows, { key });
  const pairing: Pairing = {
    by: 'row key',
    missing: j.missing.length,
    extra: j.extra.length,
    duplicates: j.duplicates.length,
    missingKey: j.missingKey.legacy + j.missingKey.shadow,
    examples: [],
  };
  const keyOf = (row: Record<string, unknown>) => (typeof key === 'function' ? key(row) : Array.isArray(key) ? key.map((k) => compileGetter(k)(row)) : compileGetter(key as string)(row));
  for (const d of j.duplicates) if (pairing.examples.length < 5) pairing.examples.push({ key: keyText(d.key), problem: 'duplicated' });
  for (const r of j.missing) if (pairing.examples.length < 5) pairing.examples.push({ key: keyText(keyOf(r)), problem: 'missing in shadow' });
  for (const r of j.extra) if (pairing.examples.length < 5) pairing.examples.push({ key: keyText(keyOf(r)), problem: 'extra in shadow' });
  return {
    legacy: j.pairs.map(([l], i) => check(get(l), `legacy value for key ${keyText(j.keys[i])}`)),
    shadow: j.pairs.map(([, s], i) => check(get(s), `shadow value for key ${keyText(j.keys[i])}`)),
    keys: j.keys,
    pairing,
  };
}

function describe(kind: Kind): string {
  return kind === 'array' ? 'an array of values' : kind === 'map' ? 'a Map' : 'an array of rows';
}

/**
 * Checks every value of an array side; finite numbers (valid for every checker) skip the call,
 * so a million-value side costs no per-value message string.
 */
function checkEach<T>(arr: ArrayLike<unknown>, side: string, check: (v: unknown, where: string) => T): T[] {
  const out = new Array<T>(arr.length);
  for (let i = 0; i < arr.length; i++) {
    const v = arr[i];
    out[i] = typeof v === 'number' && Number.isFinite(v) ? (v as T) : check(v, `${side}[${i}]`);
  }
  return out;
}

/** A value check for scores: finite numbers only. */
export function finiteScore(fn: string): (v: unknown, where: string) => number {
  return (v, where) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new ShadowOptionError(`${fn}: ${where} must be a finite number, got ${describeValue(v)}`);
    }
    return v;
  };
}

/** The pairing problems as reasons' raw material: total unpaired or duplicated keys. */
export function pairingProblems(p: Pairing | undefined): number {
  return p ? p.missing + p.extra + p.duplicates + p.missingKey : 0;
}
