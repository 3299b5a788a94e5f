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

with open(__file__.replace('generate_variants.py', 'variants.json'), 'w') as f:
    json.dump({'generator': 'generate_variants.py', 'scipy': scipy.__version__, **out}, f, indent=0)
print({k: len(v) for k, v in out.items()})
