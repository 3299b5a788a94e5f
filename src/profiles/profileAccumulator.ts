import { ShadowOptionError, assertKnownKeys, assertNumber, assertPlainObject, describeValue } from '../_internal/options.js';
import { compileGetter, type Getter } from '../_internal/path.js';
import { ColumnAccumulator, type Settings } from './_internal/columnAccumulator.js';
import { PROFILE_VERSION, type DatasetProfile, type ProfileOptions } from './types.js';

/**
 * A mergeable profile accumulator in the `{ add, merge, value }` style: add rows, merge other
 * accumulators or stored profiles (chunks, files, partitions), read the profile.
 *
 * @example
 * const acc = profileAccumulator();
 * for (const chunk of chunks) acc.addRows(chunk);
 * acc.value().rows; // rows of all chunks
 */
export interface ProfileAccumulator {
  /** Adds one row. */
  add(row: Record<string, unknown>): void;
  /** Adds many rows. */
  addRows(rows: readonly Record<string, unknown>[]): void;
  /** Merges another accumulator, or a stored {@link DatasetProfile}, into this one. */
  merge(other: ProfileAccumulator | DatasetProfile): void;
  /** The profile of everything added and merged so far (plain JSON). */
  value(): DatasetProfile;
}

const OPTION_KEYS = ['columns', 'relativeAccuracy', 'distinctLimit', 'maxCategories', 'quantiles', 'histogramBins', 'label'] as const;

/** Validates profile options; `fn` names the calling function in errors. */
export function resolveProfileOptions(fn: string, options: unknown, path = 'options'): Settings & { columns?: string[]; label?: string } {
  if (options === undefined) options = {};
  assertPlainObject(fn, path, options);
  assertKnownKeys(fn, path === 'options' ? '' : path, options, OPTION_KEYS);
  const o = options as ProfileOptions;
  const p = (k: string) => (path === 'options' ? k : `${path}.${k}`);
  const relativeAccuracy = o.relativeAccuracy ?? 0.01;
  assertNumber(fn, p('relativeAccuracy'), relativeAccuracy, { min: 1e-4, max: 0.5 });
  const distinctLimit = o.distinctLimit ?? 10000;
  assertNumber(fn, p('distinctLimit'), distinctLimit, { min: 0, max: 1e7, integer: true });
  const maxCategories = o.maxCategories ?? 1000;
  assertNumber(fn, p('maxCategories'), maxCategories, { min: 1, max: 1e6, integer: true });
  const quantiles = o.quantiles ?? [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99];
  if (!Array.isArray(quantiles) || quantiles.length === 0) throw new ShadowOptionError(`${fn}: ${p('quantiles')} must be a non-empty array of numbers in [0, 1], got ${describeValue(quantiles)}`);
  quantiles.forEach((q, i) => assertNumber(fn, `${p('quantiles')}[${i}]`, q, { min: 0, max: 1 }));
  const histogramBins = o.histogramBins ?? 20;
  assertNumber(fn, p('histogramBins'), histogramBins, { min: 1, max: 1000, integer: true });
  if (o.columns !== undefined) {
    if (!Array.isArray(o.columns) || o.columns.length === 0) throw new ShadowOptionError(`${fn}: ${p('columns')} must be a non-empty array of field paths, got ${describeValue(o.columns)}`);
    o.columns.forEach((c, i) => {
      if (typeof c !== 'string' || !c || c.split('.').some((s) => !s)) throw new ShadowOptionError(`${fn}: ${p('columns')}[${i}] must be a field path like 'price' or 'geo.city', got ${describeValue(c)}`);
    });
  }
  if (o.label !== undefined && typeof o.label !== 'string') throw new ShadowOptionError(`${fn}: ${p('label')} must be a string, got ${describeValue(o.label)}`);
  return { relativeAccuracy, distinctLimit, maxCategories, quantiles: [...quantiles], histogramBins, columns: o.columns, label: o.label };
}

function sameSettings(a: Settings, b: Settings): string | undefined {
  for (const k of ['relativeAccuracy', 'distinctLimit', 'maxCategories'] as const) if (a[k] !== b[k]) return `${k} ${a[k]} vs ${b[k]}`;
  return undefined;
}

type Adder = (row: Record<string, unknown>, cols: ColumnAccumulator[]) => void;
const ADDERS = new Map<string, Adder>();

/** An adder for one shape: `cols[i].add(row[keys[i]])` with the names as constants (JSON string literals; no code from data). */
function compileAdder(keys: string[]): Adder {
  const sig = `${keys.length}:${keys.join('\u0000')}`;
  let f = ADDERS.get(sig);
  if (f === undefined) {
    const body = keys.map((k, i) => `c[${i}].add(r[${JSON.stringify(k)}]);`).join('\n');
    f = new Function('r', 'c', body) as Adder;
    if (ADDERS.size > 1000) ADDERS.clear();
    ADDERS.set(sig, f);
  }
  return f;
}

const MAX_SHAPES = 4;
const MAX_COMPILED = 32;

/** Whether for-in over `row` yields exactly `keys`, in order. */
function sameShape(row: Record<string, unknown>, keys: string[]): boolean {
  let i = 0;
  for (const k in row) if (k !== keys[i++]) return false;
  return i === keys.length;
}

/** Whether Object.prototype has no enumerable members (for-in over a plain row then yields only its own keys). */
function cleanPrototype(): boolean {
  for (const _ in Object.prototype) return false;
  return true;
}

/** The internal accumulator class (exported for mergeProfiles and the DuckDB path). */
export class ProfileAccumulatorImpl implements ProfileAccumulator {
  rows = 0;
  readonly cols = new Map<string, ColumnAccumulator>();
  private readonly getters: [ColumnAccumulator, Getter][] | null;
  constructor(readonly settings: Settings, columns?: string[], readonly label?: string) {
    this.getters = columns ? columns.map((c) => [this.column(c), compileGetter(c)]) : null;
  }
  column(name: string): ColumnAccumulator {
    let c = this.cols.get(name);
    if (!c) this.cols.set(name, (c = new ColumnAccumulator(this.settings)));
    return c;
  }
  add(row: Record<string, unknown>): void {
    if (row === null || typeof row !== 'object') throw new ShadowOptionError(`profile: row ${this.rows} must be an object (one event), got ${describeValue(row)}`);
    this.rows++;
    const g = this.getters;
    if (g) {
      for (let i = 0; i < g.length; i++) g[i][0].add(g[i][1](row));
      return;
    }
    // Fast path: a row of a recent shape (the same own keys in the same order, an ordinary
    // prototype without enumerable members, so for-in yields exactly the own keys) goes through
    // an adder compiled for that shape: no per-key map lookup or own-property test. Up to
    // MAX_SHAPES recent shapes are tried; at most MAX_COMPILED are ever compiled per accumulator,
    // so rows of ever-new shapes cost a few key comparisons more, not a compilation each.
    const plain = Object.getPrototypeOf(row) === Object.prototype && cleanPrototype();
    if (plain) {
      const shapes = this.shapes;
      for (let s = 0; s < shapes.length; s++) {
        const shape = shapes[s];
        if (!sameShape(row, shape.keys)) continue;
        if (s > 0) {
          shapes[s] = shapes[0];
          shapes[0] = shape;
        }
        shape.add(row, shape.cols);
        return;
      }
    }
    const keys: string[] = [];
    const cols: ColumnAccumulator[] = [];
    for (const k in row) {
      if (!Object.prototype.hasOwnProperty.call(row, k)) continue;
      let c = this.cols.get(k);
      if (c === undefined) this.cols.set(k, (c = new ColumnAccumulator(this.settings)));
      c.add(row[k]);
      keys.push(k);
      cols.push(c);
    }
    if (plain && keys.length <= 64 && this.compiled < MAX_COMPILED) {
      this.compiled++;
      this.shapes.unshift({ keys, cols, add: compileAdder(keys) });
      if (this.shapes.length > MAX_SHAPES) this.shapes.pop();
    }
  }
  private readonly shapes: { keys: string[]; cols: ColumnAccumulator[]; add: Adder }[] = [];
  private compiled = 0;
  addRows(rows: readonly Record<string, unknown>[]): void {
    for (let i = 0; i < rows.length; i++) this.add(rows[i]);
  }
  merge(other: ProfileAccumulator | DatasetProfile): void {
    const o = other instanceof ProfileAccumulatorImpl ? other : ProfileAccumulatorImpl.fromProfile(other as DatasetProfile, 'merge');
    const diff = sameSettings(this.settings, o.settings);
    if (diff) throw new ShadowOptionError(`profile: cannot merge profiles built with different settings (${diff}); profile both sides with the same options`);
    this.rows += o.rows;
    for (const [name, c] of o.cols) this.column(name).merge(c);
  }
  value(): DatasetProfile {
    const columns: DatasetProfile['columns'] = {};
    for (const name of [...this.cols.keys()].sort()) columns[name] = this.cols.get(name)!.value(this.rows);
    const { relativeAccuracy, distinctLimit, maxCategories, quantiles, histogramBins } = this.settings;
    const p: DatasetProfile = {
      kind: 'profile',
      version: PROFILE_VERSION,
      rows: this.rows,
      settings: { relativeAccuracy, distinctLimit, maxCategories, quantiles: [...quantiles], histogramBins },
      columns,
    };
    if (this.label !== undefined) p.label = this.label;
    return p;
  }
  /** Rebuilds the mergeable state of a stored profile. */
  static fromProfile(p: DatasetProfile, fn: string): ProfileAccumulatorImpl {
    if (!isProfile(p)) throw new ShadowOptionError(`${fn}: expected a profile (an object with kind 'profile' from profile()), got ${describeValue(p)}`);
    if (p.version !== PROFILE_VERSION) throw new ShadowOptionError(`${fn}: profile version ${describeValue(p.version)} is not supported; this library reads version ${PROFILE_VERSION}`);
    const acc = new ProfileAccumulatorImpl({ ...p.settings }, undefined, p.label);
    acc.rows = p.rows;
    for (const [name, col] of Object.entries(p.columns)) {
      const k = col.state.nonFiniteKinds;
      if (k !== undefined) {
        const parts = [k?.nan, k?.infinity, k?.negativeInfinity];
        if (!parts.every((x) => Number.isInteger(x) && (x as number) >= 0) || parts.reduce((a: number, x) => a + (x as number), 0) !== col.state.nonFinite) {
          throw new ShadowOptionError(`${fn}: column '${name}': state.nonFiniteKinds ${describeValue(k)} does not add up to state.nonFinite (${describeValue(col.state.nonFinite)}); the profile was edited or damaged: profile the data again (or delete nonFiniteKinds to compare the total only)`);
        }
      }
      acc.cols.set(name, ColumnAccumulator.from(col.state, acc.settings));
    }
    return acc;
  }
}

/** True when `x` looks like a {@link DatasetProfile}. */
export function isProfile(x: unknown): x is DatasetProfile {
  return typeof x === 'object' && x !== null && !Array.isArray(x) && (x as { kind?: unknown }).kind === 'profile';
}

/**
 * Creates an empty mergeable profile accumulator (see {@link ProfileAccumulator}).
 * Options are validated eagerly (see ProfileOptions).
 *
 * @example
 * const a = profileAccumulator(); a.addRows(part1);
 * const b = profileAccumulator(); b.addRows(part2);
 * a.merge(b);
 * a.value(); // the profile of part1 + part2
 */
export function profileAccumulator(options: ProfileOptions = {}): ProfileAccumulator {
  const s = resolveProfileOptions('profileAccumulator', options);
  return new ProfileAccumulatorImpl(s, s.columns, s.label);
}
