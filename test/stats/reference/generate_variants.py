"""Generates variants.json: SciPy 1.17 references for the variants of issue 11 (binomial Wilson and
Wilson-cc intervals, weighted Wasserstein-1 and energy distances, Cressie-Read power divergence).

Run: python3 test/stats/reference/generate_variants.py  (the tests only read the JSON).
Each entry records the exact Python call evaluated.
"""
import json
import math
import scipy
from scipy import stats

assert scipy.__version__.startswith('1.17'), scipy.__version__
out = {'binomial': [], 'weighted': [], 'powerDivergence': []}

for k, n in [(0, 10), (3, 15), (7, 20), (24, 25), (25, 25), (150, 160), (1, 1000)]:
    for alt in ('two-sided', 'less', 'greater'):
        for method in ('wilson', 'wilsoncc', 'exact'):
            for cl in (0.9, 0.95):
                call = f"stats.binomtest({k}, {n}, alternative='{alt}').proportion_ci(confidence_level={cl}, method='{method}')"
                ci = eval(call)
                out['binomial'].append({'k': k, 'n': n, 'alternative': alt, 'ciMethod': method, 'confidenceLevel': cl, 'call': call, 'lower': float(ci.low), 'upper': float(ci.high)})

weighted_cases = [
    ([0.0, 1.0, 3.0], [5.0, 6.0, 8.0], [1.0, 1.0, 1.0], [1.0, 1.0, 1.0]),
    ([0.0, 1.0, 3.0], [5.0, 6.0, 8.0], [1.0, 2.0, 3.0], [3.0, 2.0, 1.0]),
    ([3.4, 3.9, 7.5, 7.8], [4.5, 1.4], [1.4, 0.9, 3.1, 7.2], [3.2, 3.5]),
    ([0.1, 0.2, 0.2, 0.7, 1.5], [0.15, 0.3, 0.9], [0.5, 2.0, 1.0, 0.25, 4.0], [1.0, 1.0, 6.0]),
]
for u, v, uw, vw in weighted_cases:
    for fn, sp in (('wasserstein1', 'wasserstein_distance'), ('energyDistance', 'energy_distance')):
        call = f"stats.{sp}({u}, {v}, u_weights={uw}, v_weights={vw})"
        out['weighted'].append({'fn': fn, 'u': u, 'v': v, 'uWeights': uw, 'vWeights': vw, 'call': call, 'expected': float(eval(call))})

pd_cases = [([16, 18, 16, 14, 12, 12], None), ([16, 18, 16, 14, 12, 12], [16, 16, 16, 16, 16, 8]), ([5, 0, 3, 9], [4, 4, 4, 5])]
for f_obs, f_exp in pd_cases:
    for lam in (1, 0, -1, -0.5, 2 / 3, 'pearson', 'log-likelihood', 'cressie-read', 'neyman', 'freeman-tukey', 'mod-log-likelihood', 1.7):
        lam_s = repr(lam)
        call = f"stats.power_divergence({f_obs}, f_exp={f_exp}, lambda_={lam_s})"
        r = eval(call)
        if not (math.isfinite(r.statistic) and math.isfinite(r.pvalue)):
            continue  # SciPy gives inf/nan for an observed 0 with lambda <= -1; not a reference
        out['powerDivergence'].append({'fObs': f_obs, 'fExp': f_exp, 'lambda': lam, 'call': call, 'statistic': float(r.statistic), 'pValue': float(r.pvalue)})

# PSI binning variants: NumPy reference (no SciPy PSI): edges, np.searchsorted side for the edge
# rule, shares, the eps floor and the sum.
import numpy as np
out['psi'] = []
def psi_ref(ref, act, edges, side, eps):
    r = np.bincount(np.searchsorted(edges, ref, side=side), minlength=len(edges) + 1).astype(float)
    a = np.bincount(np.searchsorted(edges, act, side=side), minlength=len(edges) + 1).astype(float)
    rs, as_ = r / r.sum(), a / a.sum()
    rf, af = np.where(rs > 0, rs, eps), np.where(as_ > 0, as_, eps)
    return r, a, float(np.sum((af - rf) * np.log(af / rf)))
ref_data = [float(v) for v in [1, 2, 2, 3, 3, 3, 4, 4, 5, 6, 7, 7, 8, 9, 10, 10, 10, 11, 12, 15]]
act_data = [float(v) for v in [2, 2, 3, 3, 3, 3, 4, 5, 5, 6, 7, 8, 9, 9, 10, 12, 12, 14, 15, 16, 18, 20]]
for binning in ('equal-width', [3.0, 5.0, 10.0], 'quantile'):
    for side_name, side in (('right', 'left'), ('left', 'right')):
        for eps in (1e-4, 1e-3):
            if binning == 'equal-width':
                edges = list(np.linspace(min(ref_data), max(ref_data), 6)[1:-1]); bins = 5
                ecall = 'np.linspace(min(ref), max(ref), 6)[1:-1]'
            elif binning == 'quantile':
                edges = sorted(set(np.quantile(ref_data, [k / 4 for k in range(1, 4)]))); bins = 4
                ecall = 'np.unique(np.quantile(ref, [0.25, 0.5, 0.75]))'
            else:
                edges = binning; bins = None; ecall = repr(binning)
            r, a, v = psi_ref(np.array(ref_data), np.array(act_data), np.array(edges), side, eps)
            out['psi'].append({'reference': ref_data, 'actual': act_data, 'binning': binning, 'bins': bins, 'edgeSide': side_name, 'epsilon': eps,
                               'call': f"edges = {ecall}; counts = np.bincount(np.searchsorted(edges, x, side='{side}')); PSI = sum((a' - r') ln(a'/r')), eps {eps}",
                               'edges': [float(e) for e in edges], 'referenceCounts': r.tolist(), 'actualCounts': a.tolist(), 'expected': v})
r, a, v = psi_ref(np.array([0.0, 1, 2, 3]), np.array([0.0, 1, 2, 3]), np.array([0.5, 1.5, 2.5]), 'left', 1e-4)
out['psiFromCounts'] = [{'reference': [25, 25, 25, 25], 'actual': [20, 30, 25, 25], 'call': "sum((a - r) * np.log(a / r)) with r = [.25]*4, a = [.2, .3, .25, .25]", 'expected': float((0.2 - 0.25) * np.log(0.2 / 0.25) + (0.3 - 0.25) * np.log(0.3 / 0.25))},
                        {'reference': [0.5, 0.5, 0.0], 'actual': [0.4, 0.5, 0.1], 'call': "eps floor 1e-4 for the empty reference bin: sum((a' - r') ln(a'/r'))", 'expected': float((0.4 - 0.5) * np.log(0.4 / 0.5) + 0 + (0.1 - 1e-4) * np.log(0.1 / 1e-4))}]

# Anderson-Darling k-sample: the non-midrank (right) statistic, and SciPy's permutation p-value
# (its own random stream: ours must agree within Monte-Carlo error)
out['andersonDarling'] = []
ad_cases = [
    [[1.0, 3, 5, 7, 9], [2.0, 4, 6, 8, 10, 12, 14]],
    [[0.1, 0.4, 0.4, 0.9, 1.3, 2.2, 2.2, 3.0], [0.5, 0.9, 1.1, 1.9, 2.5, 3.4, 4.0, 4.4, 5.1], [0.2, 0.3, 1.0, 1.0, 1.4]],
    [[float(x) for x in range(0, 30, 2)], [float(x) + 7.5 for x in range(0, 30, 3)]],
]
for samples in ad_cases:
    for variant in ('right', 'midrank'):
        call = f"stats.anderson_ksamp({samples}, variant='{variant}')"
        r = stats.anderson_ksamp(samples, variant=variant)
        pcall = f"stats.anderson_ksamp({samples}, variant='{variant}', method=stats.PermutationMethod(n_resamples=20000, rng=np.random.default_rng(1))).pvalue"
        pp = stats.anderson_ksamp(samples, variant=variant, method=stats.PermutationMethod(n_resamples=20000, rng=np.random.default_rng(1))).pvalue
        out['andersonDarling'].append({'samples': samples, 'variant': variant, 'call': call, 'statistic': float(r.statistic), 'permutationCall': pcall, 'permutationPValue': float(pp)})

with open(__file__.replace('generate_variants.py', 'variants.json'), 'w') as f:
    json.dump({'generator': 'generate_variants.py', 'scipy': scipy.__version__, **out}, f, indent=0)
print({k: len(v) for k, v in out.items()})
