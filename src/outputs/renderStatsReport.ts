/**
 * Renderers of the model-output reports (kinds 'equivalence', 'distribution', 'auc',
 * 'agreement'), in the fixed order of STYLE.md: verdict sentence; observed vs required with the
 * gap; a small table; a few concrete examples; replay line (seed); `Hint:` lines.
 */
import type { EquivalenceReport } from './compareEquivalence.js';
import type { DistributionReport } from './compareDistribution.js';
import type { AucReport } from './compareAuc.js';
import type { AgreementReport } from './compareAgreement.js';
import type { ReportBase } from '../report/types.js';
import { cell, count, num, pct, table, type Colors } from '../report/format.js';

/** Any of the model-output reports. */
export type StatsReport = EquivalenceReport | DistributionReport | AucReport | AgreementReport;

/** The report kinds rendered here. */
export const STATS_REPORT_KINDS = ['equivalence', 'distribution', 'auc', 'agreement'] as const;

/**
 * Renders a model-output report as lines.
 *
 * @example
 * renderStatsReport(compareEquivalence(legacy, shadow, { margin: 0.01 }), plainColors).join('\n');
 */
export function renderStatsReport(report: ReportBase, c: Colors): string[] {
  const r = report as StatsReport;
  switch (r.kind) {
    case 'equivalence':
      return renderEquivalence(r, c);
    case 'distribution':
      return renderDistribution(r, c);
    case 'auc':
      return renderAuc(r, c);
    case 'agreement':
      return renderAgreement(r, c);
  }
}

const prefix = (label: string | undefined) => (label ? `[${label}] ` : '');
const interval = (ci: readonly [number, number]) => `[${num(ci[0])}, ${num(ci[1])}]`;
const levelText = (level: number) => `${num(100 * level)}%`;
const row = (name: string, text: string) => `  ${name.padEnd(14)} ${text}`;
const deciding = (r: ReportBase) => r.reasons.find((x) => x.severity !== 'info');

function familyLine(f: NonNullable<EquivalenceReport['family']>, alpha: number): string {
  const ok = f.adjustedPValue < alpha;
  return row('family', `'${f.name}' (${f.method}, ${f.size} members, ${f.seen} seen; unseen count as p = 1): p ${num(f.pValue)} → adjusted ${num(f.adjustedPValue)} ${ok ? '<' : '≥'} ${alpha}`);
}

function pairingLines(p: EquivalenceReport['pairing'], c: Colors): string[] {
  if (!p || p.missing + p.extra + p.duplicates + p.missingKey === 0) return [];
  const parts = [
    p.missing && `${count(p.missing)} missing in shadow`,
    p.extra && `${count(p.extra)} extra in shadow`,
    p.duplicates && `${count(p.duplicates)} duplicated`,
    p.missingKey && `${count(p.missingKey)} rows without a key`,
  ].filter(Boolean);
  const lines = ['', `${c.bold('Pairing')} (by ${p.by}): ${parts.join(', ')}; these inputs are left out, never fanned out.`];
  if (p.examples.length) lines.push(`  e.g. ${p.examples.map((e) => `${e.key} (${e.problem})`).join(', ')}`);
  return lines;
}

function renderEquivalence(r: EquivalenceReport, c: Colors): string[] {
  const out: string[] = [];
  const lv = levelText(r.confidenceLevel);
  const end = (v: number) => (v === Infinity ? '∞' : v === -Infinity ? '−∞' : num(v));
  const region = r.margin !== null ? `±${num(r.margin)}` : `(${end(r.bounds.low)}, ${end(r.bounds.high)})`;
  const what = 'the mean difference (shadow − legacy)';
  let headline: ReportBase['reasons'][number] | undefined;
  if (r.verdict === 'pass') {
    out.push(`${prefix(r.label)}${c.green(`Shadow is equivalent to legacy within ${region}`)}: the ${lv} CI of ${what} is ${interval(r.ci!)}.`);
  } else if (r.ci && r.reasons.some((x) => x.code === 'DIFFERENCE_BEYOND_MARGIN')) {
    out.push(`${prefix(r.label)}${c.red('Shadow is not equivalent to legacy')}: ${what} is shown to exceed the margin ${region} (${lv} CI ${interval(r.ci)}).`);
  } else if (r.ci && r.reasons.some((x) => x.code === 'EQUIVALENCE_NOT_SHOWN')) {
    out.push(`${prefix(r.label)}${c.red('Equivalence not shown')} (inconclusive): the ${lv} CI of ${what}, ${interval(r.ci)}, reaches beyond the margin ${region}.`);
  } else {
    headline = deciding(r);
    out.push(`${prefix(r.label)}${c.red(r.verdict === 'fail' ? 'Shadow is not equivalent to legacy' : 'Equivalence not shown (inconclusive)')}: ${headline?.message ?? r.verdict}.`);
  }

  out.push('', c.bold(`Observed vs required (${r.method}, α = ${r.alpha} per side):`));
  if (r.difference !== null && r.mean.legacy !== null && r.mean.shadow !== null) {
    out.push(row('difference', `${num(r.difference)} (shadow mean ${num(r.mean.shadow)} − legacy mean ${num(r.mean.legacy)})`));
  }
  if (r.ci) {
    const beyond = Math.max(r.ci[1] - r.bounds.high, r.bounds.low - r.ci[0]);
    const inside = r.margin !== null ? `(−${num(r.margin)}, ${num(r.margin)})` : region;
    out.push(row(`${lv} CI`, `${interval(r.ci)}   required inside ${inside}${beyond >= 0 ? `, beyond by ${num(beyond)}` : ''}${r.interval !== 't' ? ` · ${r.interval} (seed ${r.seed}, ${count(r.resamples)} resamples, skewness γ ${num(r.skewness!)})` : ''}`));
    out.push(row('TOST p-value', `${num(r.pValue!)} (lower ${num(r.pLower!)}, upper ${num(r.pUpper!)})   required < ${r.alpha}`));
  }
  const sd = [
    r.sd.legacy !== null && `legacy ${num(r.sd.legacy)}`,
    r.sd.shadow !== null && `shadow ${num(r.sd.shadow)}`,
    r.sd.difference !== null && `differences ${num(r.sd.difference)}`,
  ].filter(Boolean);
  const n = r.method === 'paired TOST' ? `${count(r.n.shadow)} pairs` : `legacy ${count(r.n.legacy)}, shadow ${count(r.n.shadow)}`;
  out.push(row('sample', `n ${n}${sd.length ? ` · sd ${sd.join(', ')}` : ''}${r.df !== null ? ` · df ${num(r.df)}` : ''}`));
  if (r.family) out.push(familyLine(r.family, r.alpha));
  for (const x of r.reasons) {
    if (x !== headline && ['FAMILY_ADJUSTED', 'SKEWED_SMALL_SAMPLE', 'ZERO_VARIANCE', 'TOO_FEW_VALUES', 'EMPTY_INPUT', 'CONSTANT_DIFFERENCE_BEYOND_MARGIN'].includes(x.code)) {
      out.push(c.dim(`  ${x.message}`));
    }
  }

  if (r.verdict !== 'pass' && r.supportedMargin !== null) {
    const unit = r.method === 'paired TOST' ? 'pairs' : 'scores per side';
    out.push(
      '',
      `Supported margin: these data show equivalence only for a margin > ${num(r.supportedMargin)}` +
        (r.requiredN !== null ? `; ${region} needs about ${count(r.requiredN)} ${unit} at 80% power (if the true difference is 0).` : '.'),
    );
  }
  out.push(...pairingLines(r.pairing, c));

  if (r.verdict !== 'pass' && r.ci) {
    const wider = num(r.supportedMargin! * 1.05, 2);
    if (r.reasons.some((x) => x.code === 'DIFFERENCE_BEYOND_MARGIN')) {
      out.push(c.dim(`Hint: shadow scores are shifted by ${num(r.difference!)} on average; if a shift of that size is benign, set margin above ${wider}.`));
    } else if (r.reasons.some((x) => x.code === 'EQUIVALENCE_NOT_SHOWN')) {
      const more = r.requiredN !== null ? ` (about ${count(r.requiredN)} ${r.method === 'paired TOST' ? 'pairs' : 'per side'})` : '';
      out.push(c.dim(`Hint: collect more scores${more}${r.method === 'Welch TOST' ? ', score the same inputs on both sides and pass paired: true,' : ''} or, if a difference of ${wider} is benign, widen margin to ${wider}.`));
    }
  }
  if (r.pairing && r.pairing.missing + r.pairing.extra + r.pairing.duplicates + r.pairing.missingKey > 0) {
    out.push(c.dim(`Hint: toApproximatelyMatch with the same key lists every unpaired or duplicated input.`));
  }
  return out;
}

function renderDistribution(r: DistributionReport, c: Colors): string[] {
  const out: string[] = [];
  const level = `${num(100 * (1 - r.alpha))}%`;
  const names: Record<string, string> = { ks: 'KS D', wasserstein: 'Wasserstein-1', psi: 'PSI', jensenShannon: 'Jensen–Shannon' };
  const bad = r.metrics.filter((m) => m.verdict === 'fail').concat(r.metrics.filter((m) => m.verdict === 'inconclusive'));
  if (r.verdict === 'pass') {
    out.push(`${prefix(r.label)}${c.green('Shadow distribution matches legacy')}: every ${level} upper bound is within its maximum (${r.metrics.map((m) => `${names[m.metric]} ≤ ${num(m.upper)}`).join(', ')}).`);
  } else if (bad.length > 0) {
    const w = bad[0];
    const head = r.verdict === 'fail' ? c.red('Shadow distribution differs from legacy') : `${c.red('Distribution match not shown')} (inconclusive)`;
    out.push(`${prefix(r.label)}${head}: ${names[w.metric]} ${num(w.statistic)}, ${level} upper bound ${num(w.upper)} > maximum ${num(w.bound)}.`);
  } else {
    out.push(`${prefix(r.label)}${c.red(r.verdict === 'fail' ? 'Shadow distribution differs from legacy' : 'Distribution match not shown (inconclusive)')}: ${deciding(r)?.message ?? r.verdict}.`);
  }
  if (r.metrics.length > 0) {
    out.push('', c.bold(`Observed vs required (legacy is the reference; bounds at ${level}):`));
    const rows = r.metrics.map((m) => [
      names[m.metric],
      num(m.statistic),
      `[${num(m.lower)}, ${num(m.upper)}]`,
      `≤ ${num(m.bound)}`,
      m.upper > m.bound ? num(m.upper - m.bound) : '',
      m.method,
      m.verdict,
    ]);
    out.push(...table(['distance', 'observed', 'bounds', 'required', 'gap', 'method', 'verdict'], rows).map((l, i) => (i === 0 ? c.dim(l) : l)));
  }
  const sl = r.summary.legacy;
  const ss = r.summary.shadow;
  if (sl.n > 0 && ss.n > 0) {
    out.push('', c.bold('Samples:'));
    const q = (s: typeof sl) => [count(s.n), num(s.mean!), num(s.p10!), num(s.p50!), num(s.p90!)];
    out.push(...table(['side', 'n', 'mean', 'p10', 'median', 'p90'], [['legacy', ...q(sl)], ['shadow', ...q(ss)]]).map((l, i) => (i === 0 ? c.dim(l) : l)));
  }
  if (r.verdict !== 'pass' && r.worstBins.length > 0) {
    out.push('', c.bold(`Legacy ${r.bins}-quantile bins with the largest share change:`));
    out.push(...table(['bin', 'legacy', 'shadow', 'change'], r.worstBins.map((b) => [b.range, pct(b.legacy, 1), pct(b.shadow, 1), `${b.shadow >= b.legacy ? '+' : ''}${((b.shadow - b.legacy) * 100).toFixed(1)} pp`])).map((l, i) => (i === 0 ? c.dim(l) : l)));
  }
  for (const x of r.reasons) if (x.code === 'EMPTY_INPUT' || x.code === 'TOO_FEW_VALUES') out.push(c.dim(`  ${x.message}`));
  if (r.seed !== undefined) out.push(c.dim(`Replay: seed ${r.seed} (${count(r.nResamples)} bootstrap resamples)`));
  if (r.verdict !== 'pass') {
    for (const m of bad.slice(0, 2)) {
      const suggested = num(m.upper * 1.05, 2);
      out.push(
        c.dim(
          m.verdict === 'inconclusive'
            ? `Hint: more data narrows the bound; if a ${names[m.metric]} of ${suggested} is benign, raise ${optionOf(m.metric)} to ${suggested}.`
            : `Hint: if a ${names[m.metric]} of ${suggested} is benign for the models downstream, raise ${optionOf(m.metric)} to ${suggested}.`,
        ),
      );
    }
  }
  return out;
}

function optionOf(metric: string): string {
  return { ks: 'maxKs', wasserstein: 'maxWasserstein', psi: 'maxPsi', jensenShannon: 'maxJensenShannon' }[metric] ?? metric;
}

function renderAuc(r: AucReport, c: Colors): string[] {
  const out: string[] = [];
  const lv = levelText(r.confidenceLevel);
  const one = `${num(100 * (1 - r.alpha))}%`;
  const m = num(r.margin);
  if (r.verdict === 'pass') {
    out.push(`${prefix(r.label)}${c.green(`Shadow AUC is non-inferior to legacy within ${m}`)}: the ${one} lower bound of AUC_shadow − AUC_legacy is ${num(r.ci![0])} > −${m}.`);
  } else if (r.ci && r.reasons.some((x) => x.code === 'AUC_SHOWN_INFERIOR')) {
    out.push(`${prefix(r.label)}${c.red('Shadow AUC is inferior to legacy')}: AUC_shadow − AUC_legacy = ${num(r.difference!)} is shown to be below −${m} (${lv} CI ${interval(r.ci)}).`);
  } else if (r.ci && r.reasons.some((x) => x.code === 'NON_INFERIORITY_NOT_SHOWN')) {
    out.push(`${prefix(r.label)}${c.red('Non-inferiority of the shadow AUC not shown')} (inconclusive): the ${one} lower bound of AUC_shadow − AUC_legacy is ${num(r.ci[0])}, not above −${m}.`);
  } else {
    out.push(`${prefix(r.label)}${c.red(r.verdict === 'fail' ? 'Shadow AUC is inferior to legacy' : 'Non-inferiority of the shadow AUC not shown (inconclusive)')}: ${deciding(r)?.message ?? r.verdict}.`);
  }
  out.push('', c.bold(`Observed vs required (${r.method}, α = ${r.alpha}):`));
  if (r.auc.legacy !== null && r.auc.shadow !== null) {
    out.push(row('AUC', `shadow ${num(r.auc.shadow)}, legacy ${num(r.auc.legacy)}, difference ${num(r.difference!)}`));
  }
  if (r.ci) {
    const gap = -r.margin - r.ci[0];
    out.push(row(`${lv} CI`, `${interval(r.ci)}   required lower end > −${m}${gap >= 0 ? `, short by ${num(gap)}` : ''}`));
    out.push(row('p-value', `${num(r.pValue!)} (H0: difference ≤ −${m})   required < ${r.alpha}`));
    out.push(row('DeLong', `se ${num(r.se!)}, correlation of the two AUCs ${num(r.correlation!)}`));
  }
  out.push(row('examples', `${count(r.n.positive)} positive, ${count(r.n.negative)} negative`));
  if (r.family) out.push(familyLine(r.family, r.alpha));
  for (const x of r.reasons) if (['FAMILY_ADJUSTED', 'ZERO_VARIANCE', 'TOO_FEW_PER_CLASS'].includes(x.code)) out.push(c.dim(`  ${x.message}`));
  out.push(...pairingLines(r.pairing, c));
  if (r.verdict !== 'pass' && r.ci) {
    const needed = num(Math.max(0, -r.ci[0]) * 1.05, 2);
    out.push(c.dim(r.reasons.some((x) => x.code === 'NON_INFERIORITY_NOT_SHOWN')
      ? `Hint: more labelled examples narrow the interval; if an AUC loss of ${needed} is acceptable, set margin to ${needed}.`
      : `Hint: if an AUC loss of ${needed} is acceptable for this model, set margin to ${needed}.`));
  }
  return out;
}

function renderAgreement(r: AgreementReport, c: Colors): string[] {
  const out: string[] = [];
  const level = `${num(100 * (1 - r.alpha))}%`;
  const agreeLine = r.agreement !== null ? `${count(r.agree)} of ${count(r.n)} predictions agree (${pct(r.agreement)})` : '';
  if (r.verdict === 'pass') {
    out.push(`${prefix(r.label)}${c.green('Shadow predictions agree with legacy')}: ${agreeLine}; the ${level} lower bound ${pct(r.lower!)} ≥ ${pct(r.minAgreement)}.`);
  } else if (r.agreement !== null && r.reasons.some((x) => x.code === 'AGREEMENT_BELOW_MIN' || x.code === 'AGREEMENT_NOT_SHOWN')) {
    const fail = r.reasons.some((x) => x.code === 'AGREEMENT_BELOW_MIN');
    out.push(`${prefix(r.label)}${c.red(fail ? 'Shadow predictions disagree with legacy' : 'Agreement not shown')}${fail ? '' : ' (inconclusive)'}: ${agreeLine}, ${pct(r.minAgreement)} required.`);
  } else {
    out.push(`${prefix(r.label)}${c.red(r.verdict === 'fail' ? 'Shadow predictions disagree with legacy' : 'Agreement not shown (inconclusive)')}: ${deciding(r)?.message ?? r.verdict}.`);
  }
  if (r.agreement !== null) {
    out.push('', c.bold(`Observed vs required (Clopper-Pearson bounds, ${level} one-sided):`));
    const gap = r.minAgreement - r.lower!;
    out.push(row('agreement', `${pct(r.agreement)}, bounds [${pct(r.lower!)}, ${pct(r.upper!)}]   required lower bound ≥ ${pct(r.minAgreement)}${gap > 0 ? `, short by ${(gap * 100).toFixed(2)} pp` : ''}`));
    if (r.accuracy) out.push(row('accuracy', `legacy ${pct(r.accuracy.legacy)}, shadow ${pct(r.accuracy.shadow)}`));
    if (r.mcnemar) {
      const m = r.mcnemar;
      out.push(row('McNemar', `p ${num(m.pValue)} (${m.method}): ${count(m.b.count)} × ${m.b.meaning} vs ${count(m.c.count)} × ${m.c.meaning}`));
    }
  }
  if (r.confusion.length > 0 && r.verdict !== 'pass') {
    out.push('', c.bold('Most frequent disagreements:'));
    out.push(...table(['legacy', 'shadow', 'count'], r.confusion.map((x) => [x.legacy, x.shadow, count(x.count)])).map((l, i) => (i === 0 ? c.dim(l) : l)));
  }
  if (r.examples.length > 0 && r.verdict !== 'pass') {
    out.push('', c.bold('Examples (legacy vs shadow):'));
    out.push(...table(['input', 'legacy', 'shadow'], r.examples.map((e) => [e.key, cell(e.legacy), cell(e.shadow)])).map((l, i) => (i === 0 ? c.dim(l) : l)));
  }
  out.push(...pairingLines(r.pairing, c));
  for (const x of r.reasons) if (x.severity === 'info') out.push(c.dim(`Note: ${x.message}`));
  if (r.verdict === 'inconclusive' && r.agreement !== null && r.agreement >= r.minAgreement) {
    out.push(c.dim(`Hint: the observed agreement meets the bar but the sample is too small to show it; compare more predictions.`));
  } else if (r.verdict === 'fail' && r.agreement !== null) {
    const reachable = Math.floor(Math.max(0.001, r.lower!) * 1000) / 1000;
    out.push(c.dim(`Hint: if ${pct(reachable, 1)} agreement is acceptable, lower minAgreement to ${reachable}.`));
  }
  return out;
}
