/**
 * The declared-tolerance model: from compareEvents options and the exact ground truth of a
 * generated pair (`injected`), what compareEvents is documented to decide, check by check. It is
 * written from the documented semantics, not by calling the engine, so a disagreement between
 * the two is a finding. Used to explain why a fault passed or failed and to state the declared
 * tolerance beside a probed boundary.
 */
import { hasPath, isPlainObject } from '../_internal/path.js';
import type { CompareEventsOptions } from '../events/compareEvents.js';
import type { FieldRule, FieldRuleObject, Normalizer } from '../tolerance/compileFieldRule.js';
import { parseDuration } from '../tolerance/parseDuration.js';
import { toEpochMs } from '../tolerance/toEpochMs.js';
import type { Injected, InjectedChange } from './applyPerturbations.js';
import type { ResolvedPerturbation } from './perturbation.js';

const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
const num = (x: number, sig = 4) => (Number.isFinite(x) ? String(Number(x.toPrecision(sig))) : String(x));

/** One documented check of compareEvents, evaluated on a pair. */
export interface ModelCheck {
  /** The option deciding it: `minMatchRate`, `maxMissingRate`, `fields.ts`, … */
  option: string;
  /** What the option allows, in words. */
  allows: string;
  /** What the pair shows, in words. */
  observed: string;
  /** Whether this check fails the comparison. */
  exceeded: boolean;
  /** Whether the check decides the verdict (rate and count checks) or only explains (field rules). */
  deciding: boolean;
}

/** The model's verdict and the checks behind it. */
export interface ModelOutcome {
  verdict: 'pass' | 'fail';
  checks: ModelCheck[];
  counts: { legacy: number; shadow: number; matched: number; equal: number; missing: number; extra: number; duplicateKeys: number };
  /** Changed fields not tolerated by their rule, per field. */
  fieldMismatches: Record<string, number>;
}

/** Equality under the documented defaults: -0 = 0, NaN = NaN, 1 ≠ '1', Dates by time, deep. */
export function specEquals(a: unknown, b: unknown, nullEqualsMissing: boolean): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a === b || (Number.isNaN(a) && Number.isNaN(b));
  if (a === b) return true;
  if (a == null || b == null) return nullEqualsMissing && a == null && b == null;
  if (a instanceof Date && b instanceof Date) return specEquals(a.getTime(), b.getTime(), false);
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => specEquals(x, b[i], nullEqualsMissing));
  if (isPlainObject(a) && isPlainObject(b)) {
    const present = (o: Record<string, unknown>) => Object.keys(o).filter((k) => o[k] !== undefined && !(nullEqualsMissing && o[k] === null));
    const ka = present(a);
    const kb = present(b);
    return ka.length === kb.length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && specEquals(a[k], b[k], nullEqualsMissing));
  }
  return false;
}

function normaliser(n: Normalizer): (v: unknown) => unknown {
  if (typeof n === 'function') return n;
  const s = (f: (x: string) => string) => (v: unknown) => (typeof v === 'string' ? f(v) : v);
  if (n === 'trim') return s((x) => x.trim());
  if (n === 'casefold') return s((x) => x.toLowerCase());
  if (n === 'nfc') return s((x) => x.normalize('NFC'));
  return s((x) => x.normalize('NFKC'));
}

const EPOCH: Record<string, number> = { s: 1000, ms: 1, us: 1e-3, ns: 1e-6 };

/** Whether a rule object tolerates legacy `a` vs shadow `b`, by the documented rule. */
export function ruleTolerates(path: string, rule: FieldRuleObject, a: unknown, b: unknown, nullEqualsMissing: boolean): boolean {
  const steps = rule.normalize === undefined ? [] : (Array.isArray(rule.normalize) ? rule.normalize : [rule.normalize]).map(normaliser);
  const norm = (v: unknown) => steps.reduce((x, f) => f(x), v);
  const scalar = (x: unknown, y: unknown): boolean => {
    if (rule.equals) return Boolean(rule.equals(x, y));
    if (rule.time !== undefined) {
      const unit = EPOCH[rule.epochUnit ?? 'ms'];
      const tx = typeof x === 'number' ? x * unit : toEpochMs(x);
      const ty = typeof y === 'number' ? y * unit : toEpochMs(y);
      if (Number.isNaN(tx) || Number.isNaN(ty)) return specEquals(x, y, nullEqualsMissing);
      return Math.abs(ty - tx) <= parseDuration('model', `fields.${path}.time`, rule.time);
    }
    if ((rule.abs !== undefined || rule.rel !== undefined) && typeof x === 'number' && typeof y === 'number') {
      if (x === y || (Number.isNaN(x) && Number.isNaN(y))) return true;
      const d = Math.abs(y - x);
      return d <= (rule.abs ?? 0) || d <= (rule.rel ?? 0) * Math.max(Math.abs(x), Math.abs(y));
    }
    return specEquals(x, y, nullEqualsMissing);
  };
  if (rule.unordered && Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return false;
    const used = new Array<boolean>(b.length).fill(false);
    return a.every((x) => {
      const j = b.findIndex((y, k) => !used[k] && scalar(norm(x), norm(y)));
      if (j < 0) return false;
      used[j] = true;
      return true;
    });
  }
  return scalar(norm(a), norm(b));
}

/** The rule governing `path`: its own, else the nearest ancestor's. */
function ruleFor(fields: Record<string, FieldRule>, path: string): { rule: FieldRule; own: boolean } | undefined {
  if (Object.prototype.hasOwnProperty.call(fields, path)) return { rule: fields[path], own: true };
  const segs = path.split('.');
  for (let i = segs.length - 1; i > 0; i--) {
    const anc = segs.slice(0, i).join('.');
    if (Object.prototype.hasOwnProperty.call(fields, anc)) return { rule: fields[anc], own: false };
  }
  return undefined;
}

function keyFields(key: CompareEventsOptions['key']): string[] {
  if (typeof key === 'string') return [key];
  if (Array.isArray(key)) return [...key];
  return [];
}

/** Whether one changed field is tolerated (or not compared at all). */
export function changeTolerated(options: CompareEventsOptions, c: InjectedChange): boolean {
  const fields = options.fields ?? {};
  const nem = options.nullEqualsMissing ?? false;
  const found = ruleFor(fields, c.field);
  if (!found) {
    if (options.compare === 'declared') return true;
    if (keyFields(options.key).includes(c.field)) return true;
    return specEquals(c.legacy, c.shadow, nem);
  }
  if (found.rule === 'ignore') return true;
  if (found.rule === 'exact' || !found.own) return specEquals(c.legacy, c.shadow, nem);
  return ruleTolerates(c.field, found.rule, c.legacy, c.shadow, nem);
}

/**
 * What compareEvents is documented to decide on a pair with this ground truth.
 * @param rows - both sides, to check that declared fields exist somewhere
 */
export function predictOutcome(options: CompareEventsOptions, injected: Injected, rows: { legacy: readonly object[]; shadow: readonly object[] }): ModelOutcome {
  const L = injected.legacyCount;
  const S = injected.shadowCount;
  const minMatchRate = options.minMatchRate ?? 1;
  const maxMissingRate = options.maxMissingRate ?? 0;
  const maxExtraRate = options.maxExtraRate ?? 0;
  const maxDuplicateKeys = options.maxDuplicateKeys ?? 0;
  const dup = new Set(injected.duplicated);
  const missing = injected.missing.length;
  const extra = injected.extra.length;
  const ambiguous = injected.duplicated.length; // every duplicated key is a legacy key: never matched
  const matched = L - missing - ambiguous;
  const fieldMismatches: Record<string, number> = {};
  const badKeys = new Set<string>();
  for (const c of injected.changed) {
    if (dup.has(c.key) || changeTolerated(options, c)) continue;
    fieldMismatches[c.field] = (fieldMismatches[c.field] ?? 0) + 1;
    badKeys.add(c.key);
  }
  const equal = matched - badKeys.size;
  const checks: ModelCheck[] = [];
  const both = L > 0 && S > 0;
  if (!both) {
    checks.push({ option: 'empty input', allows: 'no empty side', observed: `${L} legacy and ${S} shadow events`, exceeded: true, deciding: true });
  }
  const matchRate = L ? equal / L : 0;
  const missingRate = L ? missing / L : 0;
  const extraRate = S ? extra / S : 0;
  checks.push({
    option: 'maxDuplicateKeys',
    allows: `up to ${maxDuplicateKeys} duplicated key${maxDuplicateKeys === 1 ? '' : 's'} per side`,
    observed: `${injected.duplicated.length} key${injected.duplicated.length === 1 ? '' : 's'} duplicated in shadow`,
    exceeded: injected.duplicated.length > maxDuplicateKeys,
    deciding: true,
  });
  checks.push({
    option: 'maxMissingRate',
    allows: `up to ${pct(maxMissingRate)} of legacy events missing`,
    observed: `${missing} of ${L} missing (${pct(missingRate)})`,
    exceeded: both && missingRate > maxMissingRate,
    deciding: true,
  });
  checks.push({
    option: 'maxExtraRate',
    allows: `up to ${pct(maxExtraRate)} of shadow events extra`,
    observed: `${extra} of ${S} extra (${pct(extraRate)})`,
    exceeded: both && extraRate > maxExtraRate,
    deciding: true,
  });
  checks.push({
    option: 'minMatchRate',
    allows: `down to ${pct(minMatchRate)} of legacy events matching (${pct(1 - minMatchRate)} unmatched)`,
    observed: `${equal} of ${L} match (${pct(matchRate)})`,
    exceeded: both && matchRate < minMatchRate,
    deciding: true,
  });
  const fields = options.fields ?? {};
  for (const [path, rule] of Object.entries(fields)) {
    const nChanged = injected.changed.filter((c) => c.field === path || c.field.startsWith(`${path}.`)).length;
    const bad = Object.entries(fieldMismatches)
      .filter(([f]) => f === path || f.startsWith(`${path}.`))
      .reduce((a, [, n]) => a + n, 0);
    if (typeof rule === 'object' && rule.minMatchRate !== undefined && matched > 0) {
      const rate = 1 - bad / matched;
      checks.push({
        option: `fields.${path}.minMatchRate`,
        allows: `down to ${pct(rule.minMatchRate)} of matched events agreeing on ${path}`,
        observed: `${pct(rate)} agree`,
        exceeded: both && rate < rule.minMatchRate,
        deciding: true,
      });
    }
    const present = (list: readonly object[]) =>
      list.some((r) => hasPath(r, path) || Object.keys(r).some((k) => k.startsWith(`${path}.`)));
    if (both && !present(rows.legacy) && !present(rows.shadow) && !path.includes('.')) {
      checks.push({ option: `fields.${path}`, allows: 'a field present on some event', observed: 'absent on both sides', exceeded: true, deciding: true });
    }
    if (nChanged > 0) {
      checks.push({
        option: `fields.${path}`,
        allows: describeRule(rule),
        observed: `${bad} of ${nChanged} changed value${nChanged === 1 ? '' : 's'} beyond it`,
        exceeded: bad > 0,
        deciding: false,
      });
    }
  }
  for (const [f, n] of Object.entries(fieldMismatches)) {
    if (ruleFor(fields, f)) continue;
    checks.push({ option: `fields.${f}`, allows: 'exact (no rule declared)', observed: `${n} value${n === 1 ? ' differs' : 's differ'}`, exceeded: true, deciding: false });
  }
  const verdict = checks.some((c) => c.deciding && c.exceeded) ? 'fail' : 'pass';
  return { verdict, checks, counts: { legacy: L, shadow: S, matched, equal, missing, extra, duplicateKeys: injected.duplicated.length }, fieldMismatches };
}

/** A field rule in words. */
export function describeRule(rule: FieldRule | undefined): string {
  if (rule === undefined || rule === 'exact') return 'exact';
  if (rule === 'ignore') return 'ignored';
  const parts: string[] = [];
  if (rule.abs !== undefined) parts.push(`abs ${rule.abs}`);
  if (rule.rel !== undefined) parts.push(`rel ${rule.rel}`);
  if (rule.time !== undefined) parts.push(`time ±${typeof rule.time === 'number' ? `${rule.time}ms` : rule.time}`);
  if (rule.unordered) parts.push('unordered');
  if (rule.normalize !== undefined) parts.push('normalized');
  if (rule.equals) parts.push('custom equals');
  return parts.join(', ') || 'exact';
}

/**
 * The declared tolerance for one fault: what the options allow, in words, and its limit when it has one.
 *
 * @example
 * checkCatches({ key: 'id', maxMissingRate: 0.1, minMatchRate: 0 }, { kind: 'drop', magnitude: 0.2 }).declared.limit // => 0.1
 */
export interface DeclaredTolerance {
  /** One line per option that bears on the fault. */
  lines: string[];
  /**
   * The largest magnitude the options allow, in the perturbation's units, when it follows from
   * them alone: Infinity when the fault can never fail the comparison, undefined when it depends on the data.
   */
  limit: number | undefined;
  /** Unit of `limit` (e.g. `'share of events'`, `'ms'`). */
  unit: string;
}

/** What the options declare about one perturbation kind, independent of any data. */
export function declaredTolerance(options: CompareEventsOptions, p: ResolvedPerturbation): DeclaredTolerance {
  const minMatchRate = options.minMatchRate ?? 1;
  const maxMissingRate = options.maxMissingRate ?? 0;
  const maxDuplicateKeys = options.maxDuplicateKeys ?? 0;
  const unmatched = `minMatchRate ${minMatchRate} allows ${pct(1 - minMatchRate)} of legacy events unmatched`;
  switch (p.kind) {
    case 'drop':
    case 'truncate':
      // The binding option first.
      const missingLine = `maxMissingRate ${maxMissingRate} allows ${pct(maxMissingRate)} of legacy events missing`;
      return {
        lines: 1 - minMatchRate < maxMissingRate ? [unmatched, missingLine] : [missingLine, unmatched],
        limit: Math.min(maxMissingRate, 1 - minMatchRate),
        unit: 'share of events',
      };
    case 'duplicate':
      return {
        lines: [`maxDuplicateKeys ${maxDuplicateKeys} allows ${maxDuplicateKeys} duplicated key${maxDuplicateKeys === 1 ? '' : 's'}`, unmatched],
        limit: maxDuplicateKeys === 0 ? 0 : undefined,
        unit: 'share of events',
      };
    case 'swapNeighbours':
    case 'reorderTies':
    case 'lateArrival':
      return {
        lines: ['row order is invisible to compareEvents (events are matched by key)'],
        limit: Infinity,
        unit: p.kind === 'lateArrival' ? 'ms' : 'share of pairs',
      };
    default: {
      const found = ruleFor(options.fields ?? {}, p.field);
      const rule = found?.rule;
      const notCompared =
        rule === 'ignore' || (!found && (options.compare === 'declared' || keyFields(options.key).includes(p.field)));
      const ruleLine = notCompared
        ? `${p.field} is not compared (${rule === 'ignore' ? "rule 'ignore'" : options.compare === 'declared' ? "compare: 'declared' and no rule" : 'it is the key'})`
        : `fields.${p.field}: ${describeRule(rule)}`;
      const perField = typeof rule === 'object' && rule.minMatchRate !== undefined ? [`fields.${p.field}.minMatchRate ${rule.minMatchRate}`] : [];
      const lines = [ruleLine, unmatched, ...perField];
      if (notCompared) return { lines, limit: Infinity, unit: unitOf(p) };
      if (p.kind === 'nullField' || p.kind === 'changeType' || p.kind === 'hostile') {
        return { lines, limit: undefined, unit: 'share of events' };
      }
      const obj = typeof rule === 'object' ? rule : undefined;
      if (p.kind === 'scaleField') return { lines, limit: obj?.rel ?? (obj?.abs === undefined && obj?.time === undefined ? 0 : undefined), unit: 'relative change' };
      // jitterTime, shiftField, clockSkew: an amount in the field's units
      if (obj?.time !== undefined) {
        const unit = EPOCH[obj.epochUnit ?? 'ms'];
        return { lines, limit: parseDuration('model', `fields.${p.field}.time`, obj.time) / unit, unit: unitOf(p) };
      }
      if (obj?.abs !== undefined && obj.rel === undefined) return { lines, limit: obj.abs, unit: unitOf(p) };
      if (obj && (obj.rel !== undefined || obj.equals || obj.normalize || obj.unordered)) return { lines, limit: undefined, unit: unitOf(p) };
      return { lines, limit: 0, unit: unitOf(p) };
    }
  }
}

function unitOf(p: ResolvedPerturbation): string {
  if (p.kind === 'jitterTime' || p.kind === 'clockSkew' || p.kind === 'lateArrival') return 'ms';
  if (p.kind === 'shiftField') return `units of ${p.field}`;
  if (p.kind === 'scaleField') return 'relative change';
  return 'share of events';
}

export { pct, num };
