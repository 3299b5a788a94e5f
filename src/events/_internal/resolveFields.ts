import { nearest } from '../../_internal/options.js';
import { compileGetter, isPlainObject, type Getter } from '../../_internal/path.js';
import type { Row } from '../../dataset/toRows.js';
import { Smallest } from '../../join/smallest.js';
import type { Reason } from '../../report/types.js';
import { compileFieldRule, type CompiledFieldRule, type FieldRule } from '../../tolerance/compileFieldRule.js';
import type { ValueType } from '../compareEvents.js';
import { defaultEquals } from '../../tolerance/defaultEquals.js';
import { ShapeAccumulator } from './deltaShape.js';
import { discoverFields, type DiscoveredPath } from './discoverFields.js';
import { caseRenames } from './caseRenames.js';
import { renamePath } from './renamePath.js';
import { FN, type ResolvedEventOptions } from './resolveEventOptions.js';

/** A compared field, compiled for the pair loop, with its running evidence. */
export interface Field {
  name: string;
  shadowName: string;
  rule: CompiledFieldRule;
  lget: Getter;
  sget: Getter;
  /** An object on some rows and a scalar on others, with no rule: compared only where not both objects. */
  container: boolean;
  presence: { legacy: number; shadow: number };
  mismatches: number;
  examples: Smallest<{ key: unknown; legacy: unknown; shadow: unknown }>;
  shape: ShapeAccumulator;
  deltas: Float64Array | null;
  nDeltas: number;
}

/** Rows holding a path on each side (by legacy name), and how many of them hold an object there. */
export interface Presence {
  legacy: number;
  shadow: number;
  lobj: number;
  sobj: number;
}

/** The outcome of {@link resolveFields}. */
export interface ResolvedFields {
  fields: Field[];
  ignoredFields: string[];
  /** Every path found on either side, by its legacy name. */
  byName: Map<string, Presence>;
  keyFields: Set<string>;
  /** `rename` plus the renames found by `ignoreFieldCase`. */
  rename: Map<string, string>;
  /** DECLARED_FIELD_ABSENT and FIELD_NAME_COLLISION reasons. */
  reasons: Reason[];
}

/** The one value type of every non-null value of a field on both sides (a BigInt is a number), else undefined. */
function valueType(lrows: readonly Row[], srows: readonly Row[], lget: Getter, sget: Getter): ValueType | undefined {
  let t: ValueType | undefined;
  for (const [rows, get] of [[lrows, lget], [srows, sget]] as const) {
    for (let i = 0; i < rows.length; i++) {
      const v = get(rows[i]);
      if (v == null) continue;
      const k: ValueType | undefined = typeof v === 'number' || typeof v === 'bigint' ? 'number' : typeof v === 'string' ? 'string' : typeof v === 'boolean' ? 'boolean' : Array.isArray(v) ? 'array' : undefined;
      if (k === undefined || (t !== undefined && k !== t)) return undefined;
      t = k;
    }
  }
  return t;
}

/** A path that is an object on some rows and a scalar/null on others: compared only where not both objects. */
function containerRule(path: string, nullEqualsMissing: boolean): CompiledFieldRule {
  return {
    path,
    description: 'object vs non-object',
    ignore: false,
    numeric: false,
    time: false,
    minMatchRate: undefined,
    lastDelta: NaN,
    equals: (a, b) => (isPlainObject(a) && isPlainObject(b)) || defaultEquals(a, b, nullEqualsMissing),
  };
}

/**
 * Step 3 of compareEvents: the fields to compare. Discovers the paths on both sides, maps shadow
 * names back through `rename`, applies `compare` and `'ignore'`, compiles each field's rule, and
 * flags declared rules whose path neither side has (almost always a typo).
 */
export function resolveFields(lrows: readonly Row[], srows: readonly Row[], o: ResolvedEventOptions): ResolvedFields {
  const declared = [...o.fields.keys()];
  const lpaths = discoverFields(lrows, declared);
  const spaths = discoverFields(srows, shadowDeclared(o));
  return resolveDiscoveredFields(lrows, srows, o, lpaths, spaths);
}

/** The declared paths by their shadow names (what a shadow {@link PathTree} is built with). */
export function shadowDeclared(o: ResolvedEventOptions): string[] {
  return [...o.fields.keys()].map((p) => renamePath(p, o.rename));
}

/**
 * {@link resolveFields} from paths already discovered on each side (in the order a walk of each
 * side in array order lists them), so a caller can discover while it does other work.
 */
export function resolveDiscoveredFields(
  lrows: readonly Row[],
  srows: readonly Row[],
  o: ResolvedEventOptions,
  lpaths: readonly DiscoveredPath[],
  spaths: readonly DiscoveredPath[],
): ResolvedFields {
  const declared = [...o.fields.keys()];
  const reasons: Reason[] = [];
  const rename = new Map(o.rename);
  if (o.ignoreFieldCase) caseRenames(lpaths.map((p) => p.path), spaths.map((p) => p.path), rename, reasons);
  const byName = new Map<string, Presence>();
  const presence = (name: string) => {
    let p = byName.get(name);
    if (!p) byName.set(name, (p = { legacy: 0, shadow: 0, lobj: 0, sobj: 0 }));
    return p;
  };
  for (const p of lpaths) Object.assign(presence(p.path), { legacy: p.leafRows + p.objectRows, lobj: p.objectRows });
  for (const p of spaths) {
    const q = presence(renamePath(p.path, rename, true));
    q.shadow = p.leafRows + p.objectRows;
    q.sobj = p.objectRows;
  }
  const keyFields = new Set(o.key.fields);
  // Paths whose own key holds a dot: not fields (no getter reaches them), a reason instead.
  const dotted = new Set([...lpaths.filter((p) => p.dotted).map((p) => p.path), ...spaths.filter((p) => p.dotted).map((p) => renamePath(p.path, rename, true))]);
  const fields: Field[] = [];
  const ignoredFields: string[] = [];
  const names =
    o.compare === 'all'
      ? new Set([...byName.keys(), ...declared])
      : o.compare === 'common'
        ? new Set([...[...byName].filter(([, p]) => p.legacy > 0 && p.shadow > 0).map(([n]) => n), ...declared])
        : new Set(declared);
  for (const name of [...names].sort()) {
    const p = byName.get(name) ?? { legacy: 0, shadow: 0, lobj: 0, sobj: 0 };
    let rule: FieldRule | undefined = o.fields.get(name);
    if (keyFields.has(name) && rule === undefined) continue; // equal by construction
    if (dotted.has(name) && rule === undefined) continue; // no getter reaches it: a reason says so (dottedKeyReasons)
    if (rule === 'ignore') {
      compileFieldRule(FN, name, rule);
      ignoredFields.push(name);
      continue;
    }
    // Ignoring a parent ignores its subtree.
    if ([...o.fields].some(([d, r]) => r === 'ignore' && name.startsWith(`${d}.`))) continue;
    const isObj = p.lobj > 0 || p.sobj > 0;
    if (rule === undefined && isObj && p.lobj === p.legacy && p.sobj === p.shadow) continue; // only a container: its leaves are fields
    const container = rule === undefined && isObj;
    const shadowName = renamePath(name, rename);
    const lget = compileGetter(name);
    const sget = compileGetter(shadowName);
    if (rule === undefined && !container && o.defaults.size > 0) {
      const t = valueType(lrows, srows, lget, sget);
      if (t !== undefined) rule = o.defaults.get(t);
    }
    const compiled = container ? containerRule(name, o.nullEqualsMissing) : compileFieldRule(FN, name, rule, o);
    fields.push({
      name,
      shadowName,
      rule: compiled,
      lget,
      sget,
      container,
      presence: { legacy: p.legacy, shadow: p.shadow },
      mismatches: 0,
      examples: new Smallest(o.maxExamples),
      shape: new ShapeAccumulator(compiled.time),
      deltas: null,
      nDeltas: 0,
    });
  }

  reasons.push(...dottedKeyReasons(dotted, o.fields));
  // Declared rules for paths found on neither side are almost always typos.
  const found = [...byName.keys()];
  for (const d of declared) {
    const p = byName.get(d);
    const underContainer = found.some((f) => f.startsWith(`${d}.`));
    if ((!p || (p.legacy === 0 && p.shadow === 0)) && !underContainer && lrows.length > 0 && srows.length > 0) {
      const guess = nearest(d, found);
      reasons.push({
        code: 'DECLARED_FIELD_ABSENT',
        severity: 'fail',
        subject: `fields.${d}`,
        expected: 'present on at least one side',
        received: 'absent on both sides',
        message: `fields.${d} has a rule but no event on either side has the field${guess ? `; did you mean '${guess}'?` : ''}`,
      });
    }
  }
  return { fields, ignoredFields, byName, keyFields, rename, reasons };
}

/**
 * A failing reason per key holding a dot (`"user.id"`, a flattened property), by its path: a
 * path's dots are nesting, so no getter reaches the key and its values are not compared (a
 * difference there would pass unseen). Not for a path declared 'ignore' (or below one): the user
 * has accepted that it is not compared. Shared by both engines.
 *
 * @example
 * dottedKeyReasons(['user.id'], new Map()); // => [{ code: 'FIELD_KEY_HAS_DOT', subject: 'user.id', … }]
 */
export function dottedKeyReasons(paths: Iterable<string>, fields: ReadonlyMap<string, FieldRule>): Reason[] {
  const ignored = (p: string) => [...fields].some(([d, r]) => r === 'ignore' && (p === d || p.startsWith(`${d}.`)));
  return [...new Set(paths)].filter((p) => !ignored(p)).sort().map((p) => ({
    code: 'FIELD_KEY_HAS_DOT',
    severity: 'fail' as const,
    subject: p,
    expected: `no dot in the key, or fields['${p}'] = 'ignore'`,
    received: 'a dot: not compared',
    message: `key '${p}' holds a dot, which field paths read as nesting, so its values were not compared on either side; replace the dot in the key (in the writer, or in the rows before comparing), or declare fields: { '${p}': 'ignore' } to accept that`,
  }));
}
