/** The property behind assertCatches and assertTolerates, and its fast-check style message. */
import fc from 'fast-check';
import { compareEvents, type CompareEventsOptions, type EventReport } from '../../events/compareEvents.js';
import type { Row } from '../../dataset/toRows.js';
import type { ShadowPair } from '../applyPerturbations.js';
import { resolvePerturbation, type Perturbation } from '../perturbation.js';
import { shadowPair } from '../shadowPair.js';
import { describePair, describeReport, describeSpec } from './describe.js';
import { resolveParams, specArbitrary, type PerturbationSpec } from './helperParams.js';
import { declaredTolerance, predictOutcome, num, pct, type DeclaredTolerance, type ModelOutcome } from '../model.js';

/**
 * The smallest pair on which the property failed, with the evidence.
 *
 * @example
 * const cx = checkCatches(options, { kind: 'drop', magnitude: 0.4 }).counterexample;
 * cx?.report.verdict; // 'pass': the fault slipped through
 */
export interface FaultCounterexample {
  pair: ShadowPair<object>;
  /** compareEvents' report on the pair. */
  report: EventReport;
  /** What the declared tolerance says about the pair (see the docs of assertCatches). */
  model: ModelOutcome;
}

/**
 * The result of checkCatches / checkTolerates: data first, the message derived from it.
 *
 * @example
 * const d: FaultPropertyDetails = checkTolerates({ key: 'id' }, { kind: 'hostile', magnitude: 0.2 });
 * if (d.failed) console.log(d.message);
 */
export interface FaultPropertyDetails {
  helper: 'assertCatches' | 'assertTolerates';
  failed: boolean;
  /** True when no generated pair carried the fault at all, so the run proved nothing. */
  vacuous: boolean;
  seed: number;
  /** Pairs generated (up to and including the first failure). */
  numRuns: number;
  /** Pairs on which the fault changed something. */
  numCarried: number;
  numShrinks: number;
  /** Replay path of the counterexample. */
  path?: string;
  /** The perturbation as given, in words. */
  fault: string;
  /** What the compare options declare about this fault (magnitude-independent). */
  declared: DeclaredTolerance;
  counterexample?: FaultCounterexample;
  /** The fast-check style failure message; empty when the property held. */
  message: string;
}

const carries = (pair: ShadowPair<object>) => pair.injected.applied.some((a) => a.affected > 0);

export function runFaultProperty(
  helper: 'assertCatches' | 'assertTolerates',
  compareOptions: CompareEventsOptions,
  spec: PerturbationSpec,
  params: unknown,
): FaultPropertyDetails {
  const fn = helper === 'assertCatches' ? 'checkCatches' : 'checkTolerates';
  const pr = resolveParams(fn, compareOptions, params);
  // Validate the compare options once, eagerly, with a tiny valid pair.
  compareEvents([{ [pr.key]: 'k' }], [{ [pr.key]: 'k' }], compareOptions);
  const arb = specArbitrary(fn, spec);
  const sampleSpec = fc.sample(arb, { seed: pr.seed, numRuns: 1 })[0];
  const resolved = resolvePerturbation(fn, 'perturbation', sampleSpec, pr.timeField ?? 'ts');
  const fault = spec instanceof fc.Arbitrary ? describeSpec(sampleSpec) : describeSpec(spec as Perturbation);
  const declared = declaredTolerance(compareOptions, resolved);
  const pairs = shadowPair({ base: pr.base, perturbations: [arb], key: pr.key, entityField: pr.entityField, timeField: pr.timeField });
  let carried = 0;
  const wanted = helper === 'assertCatches' ? 'fail' : 'pass';
  const out = fc.check(
    fc.property(pairs, (pair) => {
      const has = carries(pair);
      if (has) carried++;
      if (helper === 'assertCatches' && !has) return true; // nothing injected: nothing to catch
      return compareEvents(pair.legacy as Row[], pair.shadow as Row[], compareOptions).verdict === wanted;
    }),
    { seed: pr.seed, numRuns: pr.numRuns, path: pr.path, endOnFailure: false },
  );
  const details: FaultPropertyDetails = {
    helper,
    failed: out.failed,
    vacuous: false,
    seed: pr.seed,
    numRuns: out.numRuns,
    numCarried: carried,
    numShrinks: out.numShrinks,
    fault,
    declared,
    message: '',
  };
  if (out.failed && out.counterexample) {
    const [pair] = out.counterexample;
    details.path = out.counterexamplePath ?? undefined;
    // compareEvents throwing (bad options met by the data) is a programming error: rethrow it.
    const report = compareEvents(pair.legacy as Row[], pair.shadow as Row[], compareOptions);
    details.counterexample = { pair, report, model: predictOutcome(compareOptions, pair.injected, pair) };
  } else if (!out.failed && carried === 0 && !pr.path) {
    details.failed = true;
    details.vacuous = true;
  }
  if (details.failed) details.message = renderFaultFailure(details, compareOptions);
  return details;
}

/** The failure message: headline, counterexample, declared tolerance, replay line, hints. */
export function renderFaultFailure(d: FaultPropertyDetails, options: CompareEventsOptions): string {
  const lines: string[] = [];
  if (d.vacuous) {
    lines.push(`${d.helper}: none of ${d.numRuns} generated pairs carried the fault ${d.fault}, so nothing was checked`);
    lines.push(`Replay: { seed: ${d.seed} }`);
    lines.push('Hint: give a larger base (params.base) or a larger magnitude: rate faults pick round(rate × n) events, which is 0 on short streams');
    return lines.join('\n');
  }
  const cx = d.counterexample!;
  const catches = d.helper === 'assertCatches';
  lines.push(
    catches
      ? `${d.helper}: compareEvents passed a shadow carrying ${d.fault}`
      : `${d.helper}: compareEvents failed a shadow carrying only ${d.fault}`,
  );
  lines.push(`Counterexample after ${d.numRuns} run${d.numRuns === 1 ? '' : 's'} and ${d.numShrinks} shrink${d.numShrinks === 1 ? '' : 's'}: ${describePair(cx.pair).join('\n  ')}`);
  lines.push(`  ${describeReport(cx.report)}`);
  const modelAgrees = cx.model.verdict === cx.report.verdict;
  const exceeded = cx.model.checks.filter((c) => c.exceeded);
  if (catches) {
    if (modelAgrees) {
      lines.push('The fault is within the declared tolerance:');
      const n = cx.model.counts;
      const touched = (o: string) =>
        o === 'minMatchRate' || (o === 'maxMissingRate' && n.missing > 0) || (o === 'maxExtraRate' && n.extra > 0) || (o === 'maxDuplicateKeys' && n.duplicateKeys > 0) || o.startsWith('fields.');
      const shown = cx.model.checks.filter((x) => touched(x.option));
      for (const c of shown) lines.push(`  ${c.option}: allows ${c.allows}; observed ${c.observed}`);
      for (const l of d.declared.lines) if (!shown.some((c) => l.startsWith(c.option.split('.')[0]))) lines.push(`  ${l}`);
    } else {
      lines.push('The fault exceeds the declared tolerance, yet compareEvents passed it; the engine disagrees with its documented rules (please report):');
      for (const c of exceeded) lines.push(`  ${c.option}: allows ${c.allows}; observed ${c.observed}`);
    }
  } else if (modelAgrees) {
    lines.push('The fault exceeds the declared tolerance:');
    for (const c of exceeded) lines.push(`  ${c.option}: allows ${c.allows}; observed ${c.observed}`);
  } else {
    lines.push('The fault is within the declared tolerance, yet compareEvents failed it; the engine disagrees with its documented rules (please report):');
    for (const r of cx.report.reasons.filter((x) => x.severity !== 'info')) lines.push(`  ${r.message}`);
  }
  lines.push(`Replay: { seed: ${d.seed}, path: ${JSON.stringify(d.path ?? '')} }`);
  for (const h of faultHints(d, options)) lines.push(`Hint: ${h}`);
  return lines.join('\n');
}

/** Which option would change the outcome, from the counterexample's ground truth. */
function faultHints(d: FaultPropertyDetails, options: CompareEventsOptions): string[] {
  const cx = d.counterexample!;
  const inj = cx.pair.injected;
  const a = inj.applied[0];
  const p = a.perturbation;
  const hints: string[] = [];
  const L = inj.legacyCount;
  const unmatched = L ? 1 - cx.model.counts.equal / L : 0;
  if (d.helper === 'assertCatches') {
    if (cx.model.verdict !== cx.report.verdict) return hints;
    if (d.declared.limit === Infinity) {
      if (p.kind === 'swapNeighbours' || p.kind === 'reorderTies' || p.kind === 'lateArrival') {
        hints.push('order faults need the sequence tier: assemble per-entity sequences and compare them with compareSequences');
      } else hints.push(`compare ${p.field}: remove its 'ignore' rule or declare a rule for it`);
      return hints;
    }
    const missingRate = L ? inj.missing.length / L : 0;
    if (inj.missing.length > 0) hints.push(`set maxMissingRate below ${num(missingRate)} (it is ${options.maxMissingRate ?? 0}) to catch ${pct(missingRate)} missing`);
    if (inj.duplicated.length > 0) hints.push(`set maxDuplicateKeys below ${inj.duplicated.length} (it is ${options.maxDuplicateKeys ?? 0})`);
    const changed = inj.changed.filter((c) => c.field === p.field);
    const beyond = Object.keys(cx.model.fieldMismatches);
    if (changed.length > 0 && beyond.length === 0) {
      const maxAbs = Math.max(...changed.map((c) => (c.delta !== undefined ? Math.abs(c.delta) : NaN)).filter((x) => !Number.isNaN(x)), 0);
      hints.push(
        maxAbs > 0
          ? `fields.${p.field} absorbs every injected change (largest |Δ| ${num(maxAbs)}): tighten it below ${num(maxAbs)} to catch this fault`
          : `fields.${p.field} treats every injected change as equal: tighten its rule (or its normalize) to catch this fault`,
      );
    }
    if (unmatched > 0) hints.push(`set minMatchRate above ${num(1 - unmatched)} (it is ${options.minMatchRate ?? 1}) to fail when ${pct(unmatched)} of legacy events do not match`);
  } else {
    for (const [f, n] of Object.entries(cx.model.fieldMismatches)) {
      const deltas = inj.changed.filter((c) => c.field === f && c.delta !== undefined && Number.isFinite(c.delta)).map((c) => Math.abs(c.delta!));
      const max = deltas.length ? Math.max(...deltas) : undefined;
      if (max !== undefined) {
        const isTime = p.kind === 'jitterTime' || p.kind === 'clockSkew' || (p.kind === 'hostile' && p.hostile === 'dst');
        hints.push(`${n} ${f} value${n === 1 ? '' : 's'} moved by up to ${num(max)}: to tolerate it set fields['${f}'] = { ${isTime ? 'time' : 'abs'}: ${num(max)} }`);
      } else if (p.kind === 'hostile' && p.hostile === 'unicode') {
        hints.push(`${f} differs only in Unicode normalisation: set fields['${f}'] = { normalize: 'nfc' }`);
      } else hints.push(`${n} ${f} value${n === 1 ? '' : 's'} differ (${p.kind}); no numeric tolerance covers that: decide whether it is a real fault`);
    }
    if (inj.missing.length > 0) hints.push(`raise maxMissingRate to ${num(inj.missing.length / L)} and minMatchRate down to ${num(cx.model.counts.equal / L)} if this loss is acceptable`);
    if (inj.duplicated.length > 0) hints.push(`raise maxDuplicateKeys to ${inj.duplicated.length} if at-least-once delivery is acceptable (duplicated events still count as unmatched)`);
    const hinted = Object.keys(cx.model.fieldMismatches);
    for (const h of cx.report.hints) if (!hints.includes(h) && !hinted.some((f) => h.includes(`fields['${f}']`))) hints.push(h);
  }
  return hints;
}
