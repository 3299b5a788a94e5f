/**
 * The event tier's hook for noise and known differences: compareEvents calls this once, after
 * the field loop and before its reasons, when `noise` or `ledger` is given. Mismatches a valid
 * ledger entry covers are counted as known; fields whose mismatch rate is not significantly above
 * the calibrated noise are absorbed; an event whose every differing field is known or absorbed
 * counts as equal. The logic lives here so compareEvents only calls it.
 */
import { ShadowOptionError, assertNumber, assertRate } from '../_internal/options.js';
import { compileGetter } from '../_internal/path.js';
import type { Row } from '../dataset/toRows.js';
import type { CompiledKey } from '../join/keys.js';
import type { Pairing } from '../join/pairRows.js';
import type { Reason } from '../report/types.js';
import { applyLedger, type LedgerInput } from '../ledger/applyLedger.js';
import type { KnownDifferences } from '../ledger/types.js';
import { MIN_EXPECTED_CELL, checkNoise, excessOverNoise, type ObservedMismatches } from './excessOverNoise.js';
import type { NoiseCalibration, NoiseJudgement } from './types.js';

/**
 * The options compareEvents passes through (see CompareEventsOptions).
 *
 * @example
 * compareEvents(legacy, shadow, { key: 'id', noise: calibration, ledger: 'ledger.json' });
 */
export interface EventAdjustmentOptions {
  /** A calibration from calibrateNoise: fields fail only on a significant excess over it. */
  noise?: NoiseCalibration;
  /** Level of each field's one-sided excess-over-noise test. @defaultValue 0.05 */
  noiseAlpha?: number;
  /** Excess over noise tolerated before testing. @defaultValue 0 */
  maxNoiseExcess?: number;
  /** A ledger of known differences (object or JSON file path). */
  ledger?: LedgerInput;
  /** The date ledger expiries are checked against (YYYY-MM-DD). @defaultValue today (UTC) */
  today?: string;
}

/** The event evidence this hook reads and adjusts (a structural subset of compareEvents' evidence). */
export interface AdjustableEvidence {
  counts: { legacy: number; matched: number; equal: number };
  rates: { match: number };
  fields: { field: string; mismatches: number; mismatchRate: number }[];
}

/** A compared field as compareEvents holds it (structural). */
export interface AdjustableField {
  name: string;
  rule: { equals(a: unknown, b: unknown): boolean };
  lget(row: unknown): unknown;
  sget(row: unknown): unknown;
}

/**
 * The optional parts of an event report this hook fills.
 *
 * @example
 * const r = compareEvents(legacy, shadow, { key: 'id', ledger }); r.known?.total;
 */
export interface EventAdjustmentReport {
  /** Known differences from the ledger (when `ledger` was given). */
  known?: KnownDifferences;
  /** Each calibrated field judged against its noise (when `noise` was given). */
  noise?: NoiseJudgement[];
}

/** What the hook adds to an event report. */
export interface EventAdjustments {
  reasons: Reason[];
  known?: KnownDifferences;
  noise?: NoiseJudgement[];
}

/** Validates the hook's options (called by compareEvents' option check). */
export function checkEventAdjustmentOptions(fn: string, o: EventAdjustmentOptions): void {
  if (o.noise !== undefined) checkNoise(fn, o.noise);
  if (o.noiseAlpha !== undefined) assertNumber(fn, 'noiseAlpha', o.noiseAlpha, { min: 1e-12, max: 0.5 });
  if (o.maxNoiseExcess !== undefined) assertRate(fn, 'maxNoiseExcess', o.maxNoiseExcess);
  if ((o.noiseAlpha !== undefined || o.maxNoiseExcess !== undefined) && o.noise === undefined) {
    throw new ShadowOptionError(`${fn}: noiseAlpha and maxNoiseExcess need noise (a calibration from calibrateNoise)`);
  }
}

/**
 * Adjusts the evidence for known differences and noise; see the file comment.
 *
 * @example
 * const adj = adjustEventEvidence('compareEvents', lrows, srows, pairing, fields, mismatchRows, evidence, key, options);
 * reasons.push(...adj.reasons);
 */
export function adjustEventEvidence(
  fn: string,
  lrows: readonly Row[],
  srows: readonly Row[],
  pairing: Pairing,
  fields: readonly AdjustableField[],
  mismatchRows: readonly number[],
  evidence: AdjustableEvidence,
  key: CompiledKey,
  options: EventAdjustmentOptions,
): EventAdjustments {
  if (options.noise === undefined && options.ledger === undefined) return { reasons: [] };
  checkEventAdjustmentOptions(fn, options);
  // The differing fields of every mismatching event.
  const perRow: { i: number; j: number; fields: number[] }[] = [];
  const offered: { field: string; key: unknown; legacy: Row; shadow: Row }[] = [];
  const offeredAt: [number, number][] = [];
  for (const i of mismatchRows) {
    const j = pairing.pair[i];
    const diff: number[] = [];
    for (let f = 0; f < fields.length; f++) {
      const fl = fields[f];
      if (!fl.rule.equals(fl.lget(lrows[i]), fl.sget(srows[j]))) diff.push(f);
    }
    for (const f of diff) {
      offered.push({ field: fields[f].name, key: key.display(lrows[i]), legacy: lrows[i], shadow: srows[j] });
      offeredAt.push([perRow.length, f]);
    }
    perRow.push({ i, j, fields: diff });
  }
  const reasons: Reason[] = [];
  const out: EventAdjustments = { reasons };
  // Known differences.
  const coveredSet = new Set<string>();
  const knownPerField = new Map<string, number>();
  if (options.ledger !== undefined) {
    const led = applyLedger(fn, options.ledger, offered, options.today);
    led.covered.forEach((c, k) => {
      if (!c) return;
      const [r, f] = offeredAt[k];
      coveredSet.add(`${r}:${f}`);
      knownPerField.set(fields[f].name, (knownPerField.get(fields[f].name) ?? 0) + 1);
    });
    reasons.push(...led.reasons);
    out.known = led.summary;
    if (led.summary.total > 0) {
      reasons.push({
        code: 'KNOWN_DIFFERENCES',
        severity: 'info',
        subject: 'ledger',
        expected: '-',
        received: led.summary.total,
        message: `${led.summary.total} differences are known from the ledger: ${led.summary.entries.filter((e) => e.size > 0).map((e) => `'${e.id}' (${e.field}) ${e.size}/${e.acceptedSize}, owner ${e.owner}, expires ${e.expires}`).join('; ')}`,
      });
    }
  }
  // Noise: observed mismatches per field (and per group), net of known differences.
  const absorbed = new Set<string>();
  if (options.noise !== undefined) {
    const cal = options.noise;
    if (cal.verdict !== 'pass') {
      reasons.push(invalidCalibration(cal));
    } else {
      const groupGet = cal.by ? compileGetter(cal.by) : null;
      const groupOf = (i: number) => String(groupGet!(lrows[i]) ?? '(none)');
      const matchedByGroup = new Map<string, number>();
      if (groupGet) for (let i = 0; i < lrows.length; i++) if (pairing.pair[i] >= 0) matchedByGroup.set(groupOf(i), (matchedByGroup.get(groupOf(i)) ?? 0) + 1);
      const counts = new Map<string, number>();
      perRow.forEach((r, idx) => {
        for (const f of r.fields) {
          if (coveredSet.has(`${idx}:${f}`)) continue;
          const k = groupGet ? `${groupOf(r.i)}\u0000${fields[f].name}` : `\u0000${fields[f].name}`;
          counts.set(k, (counts.get(k) ?? 0) + 1);
        }
      });
      const observed: ObservedMismatches[] = [];
      const names = fields.map((f) => f.name).filter((n) => cal.fields[n] !== undefined);
      const groups = groupGet ? [...matchedByGroup.keys()].sort() : [''];
      for (const g of groups) {
        for (const n of names) {
          const compared = groupGet ? matchedByGroup.get(g)! : evidence.counts.matched;
          const o: ObservedMismatches = { field: n, mismatches: counts.get(`${g}\u0000${n}`) ?? 0, compared };
          if (groupGet) o.group = g;
          observed.push(o);
        }
      }
      const j = judgeNoise(observed, cal, options);
      out.noise = j.judged;
      reasons.push(...j.reasons);
      for (const w of j.absorbed) absorbed.add(w);
      // Per-group absorption is keyed by group.field; without groups by field.
      if (groupGet) for (const r of perRow) (r as { g?: string }).g = groupOf(r.i);
    }
  }
  // Recount equal events and field mismatches.
  let newlyEqual = 0;
  perRow.forEach((r, idx) => {
    const g = (r as { g?: string }).g;
    const ok = r.fields.every((f) => coveredSet.has(`${idx}:${f}`) || absorbed.has(g !== undefined ? `${g}.${fields[f].name}` : fields[f].name));
    if (ok) newlyEqual++;
  });
  evidence.counts.equal += newlyEqual;
  evidence.rates.match = evidence.counts.legacy ? evidence.counts.equal / evidence.counts.legacy : 0;
  for (const fr of evidence.fields) {
    const k = knownPerField.get(fr.field);
    if (!k) continue;
    fr.mismatches -= k;
    fr.mismatchRate = evidence.counts.matched ? fr.mismatches / evidence.counts.matched : 0;
  }
  return out;
}

/** The reason a calibration that did not pass gives: it cannot excuse any mismatch. */
export function invalidCalibration(cal: NoiseCalibration): Reason {
  return { code: 'NOISE_CALIBRATION_INVALID', severity: 'fail', subject: 'noise', expected: 'a passing calibration', received: cal.verdict, message: `the noise calibration of ${cal.date} did not pass (${cal.reasons.map((r) => r.code).join(', ')}), so it cannot excuse any mismatch` };
}

/**
 * Judges observed mismatches against a passing calibration: each calibrated field (per group when
 * the calibration has one) fails on a significant excess over its noise (NOISE_EXCESS), is left
 * unexcused when the calibration is too small to judge it (NOISE_CALIBRATION_TOO_SMALL, info: its
 * mismatches stay and the comparison's own rules decide), or is absorbed (NOISE_ABSORBED, info,
 * when it differs at all). Shared by both event engines, so the
 * same counts give the same judgement and the same reasons.
 *
 * @example
 * const { absorbed } = judgeNoise([{ field: 'resultCount', mismatches: 21, compared: 1000 }], calibration, {});
 * absorbed.has('resultCount'); // true when 2.1 % is not significantly above the calibrated noise
 */
export function judgeNoise(
  observed: ObservedMismatches[],
  cal: NoiseCalibration,
  options: Pick<EventAdjustmentOptions, 'noiseAlpha' | 'maxNoiseExcess'>,
): { judged: NoiseJudgement[]; reasons: Reason[]; absorbed: Set<string> } {
  const judged = excessOverNoise(observed, cal, { alpha: options.noiseAlpha, maxExcess: options.maxNoiseExcess });
  const reasons: Reason[] = [];
  const absorbed = new Set<string>();
  const pc = (x: number) => `${(x * 100).toFixed(2)}%`;
  for (const j of judged) {
    const where = j.group !== undefined ? `${j.group}.${j.field}` : j.field;
    if (j.inconclusive) {
      // Too small a calibration excuses nothing: the mismatches stay and the comparison's own rules judge them.
      reasons.push({ code: 'NOISE_CALIBRATION_TOO_SMALL', severity: 'info', subject: `noise.${where}`, expected: `expected counts >= ${MIN_EXPECTED_CELL} per cell, or an exact test that decides`, received: j.n.calibration, message: `${where} differs in ${pc(j.raw)} of matched events; the calibration (${j.n.calibration} pairs, ${pc(j.noise)} noise) is too small to tell that from noise (exact one-sided p = ${j.pValue.toPrecision(2)}), so none of it is excused` });
    } else if (j.fails) {
      reasons.push({ code: 'NOISE_EXCESS', severity: 'fail', subject: `noise.${where}`, expected: `<= ${pc(j.noise + j.maxExcess)} (noise${j.maxExcess ? ' + maxNoiseExcess' : ''})`, received: j.raw, message: `${where} differs in ${pc(j.raw)} of matched events against ${pc(j.noise)} legacy-vs-legacy noise: an excess of ${pc(j.excess)} (one-sided p = ${j.pValue.toPrecision(2)} < ${j.alpha})` });
    } else {
      absorbed.add(where);
      if (j.raw > 0) reasons.push({ code: 'NOISE_ABSORBED', severity: 'info', subject: `noise.${where}`, expected: `<= ${pc(j.noise + j.maxExcess)}`, received: j.raw, message: `${where} differs in ${pc(j.raw)} of matched events, within the ${pc(j.noise)} legacy-vs-legacy noise (excess ${pc(j.excess)}, p = ${j.pValue.toPrecision(2)})` });
    }
  }
  return { judged, reasons, absorbed };
}
