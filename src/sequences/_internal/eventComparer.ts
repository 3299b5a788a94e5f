import { isPlainObject, compileGetter, type Getter } from '../../_internal/path.js';
import { compileFieldRule, type CompiledFieldRule, type FieldRule } from '../../tolerance/compileFieldRule.js';
import { defaultEquals } from '../../tolerance/defaultEquals.js';

/** Bit set by {@link EventComparer.compare} when the time field differs beyond its rule. */
export const TIME_DIFFERS = 1;
/** Bit set by {@link EventComparer.compare} when any other field differs beyond its rule. */
export const OTHER_DIFFERS = 2;

/**
 * Decides whether two aligned events are "the same" under the event tier's field rules, the
 * same conventions as compareEvents: every field found on either side is compared (plain objects
 * descended into, their leaves compared), a declared rule replaces the exact default for its path
 * and stops the descent, `'ignore'` drops the path and its subtree.
 */
export interface EventComparer {
  /** 0 when the events agree; else TIME_DIFFERS and/or OTHER_DIFFERS. */
  compare(legacy: unknown, shadow: unknown): number;
  /** The field paths that differed in the last `compare` call that returned non-zero. */
  readonly lastFields: string[];
}

export interface EventComparerOptions {
  fields: ReadonlyMap<string, FieldRule>;
  /** `'declared'` compares only the declared fields. */
  compare: 'all' | 'declared';
  nullEqualsMissing: boolean;
  /** The field whose difference counts as a time shift. */
  timePath: string | undefined;
}

/** Compiles the field rules once (validating them) into an {@link EventComparer}. */
export function compileEventComparer(fn: string, o: EventComparerOptions): EventComparer {
  const rules = new Map<string, CompiledFieldRule>();
  for (const [path, rule] of o.fields) rules.set(path, compileFieldRule(fn, path, rule, { nullEqualsMissing: o.nullEqualsMissing }));
  const declared: { path: string; rule: CompiledFieldRule; get: Getter }[] = [...rules]
    .filter(([, r]) => !r.ignore)
    .map(([path, rule]) => ({ path, rule, get: compileGetter(path) }));
  const nem = o.nullEqualsMissing;
  const timePath = o.timePath;
  const failed: string[] = [];
  let bits = 0;

  const fail = (path: string) => {
    failed.push(path);
    bits |= timePath !== undefined && (path === timePath || path.startsWith(`${timePath}.`)) ? TIME_DIFFERS : OTHER_DIFFERS;
  };
  const isMissing = (v: unknown) => v === undefined || (nem && v === null);

  const walk = (a: Record<string, unknown>, b: Record<string, unknown>, prefix: string) => {
    for (const k in a) {
      const va = a[k];
      const path = prefix ? `${prefix}.${k}` : k;
      const vb = Object.prototype.hasOwnProperty.call(b, k) ? b[k] : undefined;
      if (va === undefined && vb === undefined) continue;
      visit(path, va, vb);
    }
    for (const k in b) {
      const vb = b[k];
      if (vb === undefined) continue;
      if (Object.prototype.hasOwnProperty.call(a, k) && a[k] !== undefined) continue;
      visit(prefix ? `${prefix}.${k}` : k, undefined, vb);
    }
  };
  const visit = (path: string, va: unknown, vb: unknown) => {
    const rule = rules.get(path);
    if (rule !== undefined) {
      if (!rule.ignore && !rule.equals(va, vb)) fail(path);
      return;
    }
    if (isPlainObject(va) && isPlainObject(vb)) {
      walk(va, vb, path);
      return;
    }
    if (isMissing(va) && isMissing(vb)) return;
    if (!defaultEquals(va, vb, nem)) fail(path);
  };

  // Fast check for 'all' when every rule is on a top-level field: declared rules first, then the
  // other fields with the exact default, no path strings built. Only a failing pair is walked
  // again to name its fields.
  const flatRules = [...rules.keys()].every((p) => !p.includes('.'));
  const declaredPaths = new Set(rules.keys());
  const hasOwn = Object.prototype.hasOwnProperty;
  // Rows of one schema list their keys in the same order: the last key list seen is kept with a
  // per-position "declared" flag, so the common case needs no per-key lookups at all.
  let shapeKeys: string[] = [];
  let shapeSkip: boolean[] = [];
  const sameShape = (o: Record<string, unknown>): boolean => {
    let i = 0;
    for (const k in o) {
      if (i >= shapeKeys.length || shapeKeys[i] !== k) return false;
      i++;
    }
    return i === shapeKeys.length;
  };
  const learnShape = (o: Record<string, unknown>) => {
    shapeKeys = Object.keys(o);
    shapeSkip = shapeKeys.map((k) => declaredPaths.has(k));
  };
  const quickSame = (a: Record<string, unknown>, b: Record<string, unknown>): boolean => {
    for (let i = 0; i < declared.length; i++) {
      const d = declared[i];
      if (!d.rule.equals(a[d.path], hasOwn.call(b, d.path) ? b[d.path] : undefined)) return false;
    }
    if (!sameShape(a)) {
      learnShape(a);
      if (!sameShape(a)) return false; // keys not enumerable as own, in order: let the walk decide
    }
    if (!sameShape(b)) return false; // another key set or order: the walk compares key by key
    const keys = shapeKeys;
    const skipAt = shapeSkip;
    for (let i = 0; i < keys.length; i++) {
      if (skipAt[i]) continue;
      const k = keys[i];
      const va = a[k];
      const vb = b[k];
      if (va === vb) continue;
      if (isMissing(va) && isMissing(vb)) continue;
      if (!defaultEquals(va, vb, nem)) return false;
    }
    return true;
  };

  return {
    get lastFields() {
      return failed;
    },
    compare(a, b) {
      if (o.compare === 'all') {
        if (flatRules && rules.size > 0 && isPlainObject(a) && isPlainObject(b)) {
          if (quickSame(a, b)) return 0;
        } else if (defaultEquals(a, b, nem)) return 0;
      }
      failed.length = 0;
      bits = 0;
      if (o.compare === 'declared') {
        for (const d of declared) if (!d.rule.equals(d.get(a), d.get(b))) fail(d.path);
        return bits;
      }
      if (isPlainObject(a) && isPlainObject(b)) walk(a, b, '');
      else if (!defaultEquals(a, b, nem)) fail('(event)');
      return bits;
    },
  };
}
