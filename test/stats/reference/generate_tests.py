"""Generates the reference values of the hypothesis tests in src/stats (part A) from SciPy 1.17.

Run: python3 test/stats/reference/generate_tests.py   (the tests only read the JSON files).
Each case stores its input data, the options passed to our function, the exact SciPy call that
produced the expected values (`call`, evaluated with the case's data bound to x and y) and the
expected fields. Data are rounded to a few decimals so the JSON stays small; ties are deliberate
where a case says so.
"""
import json, math, sys, os, warnings
import numpy as np
import scipy
from scipy import stats

assert scipy.__version__.startswith('1.17'), scipy.__version__
warnings.simplefilter('ignore')
OUT = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(20261123)


def data(n, loc=0.0, scale=1.0, decimals=3, dist='normal'):
    if dist == 'normal':
        v = rng.normal(loc, scale, n)
    elif dist == 'exponential':
        v = rng.exponential(scale, n) + loc
    elif dist == 'int':  # heavy ties
        v = rng.integers(0, int(scale), n) + loc
    return [float(round(t, decimals)) for t in v]


def ev(call, env):
    return eval(call, {'stats': stats, 'np': np, 'math': math}, env)


def dump(name, cases):
    """Writes the cases with each distinct data vector stored once in `datasets`; a case's x/y
    (and table, when it has one) become indices into it."""
    datasets, index = [], {}
    for c in cases:
        for key in ('x', 'y'):
            if key in c:
                k = json.dumps(c[key])
                if k not in index:
                    index[k] = len(datasets)
                    datasets.append(c[key])
                c[key] = index[k]
    with open(os.path.join(OUT, name), 'w') as fh:
        json.dump({'generator': 'test/stats/reference/generate_tests.py', 'scipy': scipy.__version__,
                   'datasets': datasets, 'cases': cases}, fh, indent=0)
    print(name, len(cases))


def f(v):
    v = float(v)
    if math.isinf(v):
        return 'Infinity' if v > 0 else '-Infinity'
    return v


# ── t-tests ──────────────────────────────────────────────────────────────────────────────
cases = []
pairs = [
    (data(12, 0.0, 1.0), data(15, 0.5, 2.0)),
    (data(5, 10.0, 0.1), data(40, 10.05, 0.3)),
    (data(30, -2.0, 3.0, dist='exponential'), data(25, -1.0, 1.0)),
    ([1.0, 2.0, 3.0, 4.0], [2.0, 5.0, 6.0]),
    ([1.0], [2.0, 3.0, 4.0]),  # n = 1 (Student only)
]
for x, y in pairs:
    for alt in ['two-sided', 'less', 'greater']:
        for fn, call in [('studentTTest', f"stats.ttest_ind(x, y, equal_var=True, alternative='{alt}')"),
                         ('welchTTest', f"stats.ttest_ind(x, y, equal_var=False, alternative='{alt}')")]:
            if fn == 'welchTTest' and min(len(x), len(y)) < 2:
                continue
            r = ev(call, {'x': x, 'y': y})
            ci = r.confidence_interval(0.9 if alt == 'two-sided' else 0.95)
            cases.append({'fn': fn, 'x': x, 'y': y,
                          'options': {'alternative': alt, 'confidenceLevel': 0.9 if alt == 'two-sided' else 0.95},
                          'call': call + f".confidence_interval({0.9 if alt == 'two-sided' else 0.95})",
                          'expected': {'statistic': f(r.statistic), 'pValue': f(r.pvalue), 'df': f(r.df),
                                       'ciLower': f(ci.low), 'ciUpper': f(ci.high)}})
for n in [2, 8, 33]:
    x = data(n, 1.0, 1.0)
    y = [float(round(v + d, 3)) for v, d in zip(x, data(n, 0.2, 0.5))]
    for alt in ['two-sided', 'less', 'greater']:
        call = f"stats.ttest_rel(x, y, alternative='{alt}')"
        r = ev(call, {'x': x, 'y': y})
        ci = r.confidence_interval(0.95)
        cases.append({'fn': 'pairedTTest', 'x': x, 'y': y, 'options': {'alternative': alt},
                      'call': call + '.confidence_interval(0.95)',
                      'expected': {'statistic': f(r.statistic), 'pValue': f(r.pvalue), 'df': f(r.df),
                                   'ciLower': f(ci.low), 'ciUpper': f(ci.high)}})
        call = f"stats.ttest_1samp(x, popmean=0.75, alternative='{alt}')"
        r = ev(call, {'x': x})
        ci = r.confidence_interval(0.99)
        cases.append({'fn': 'oneSampleTTest', 'x': x, 'options': {'alternative': alt, 'mu': 0.75, 'confidenceLevel': 0.99},
                      'call': call + '.confidence_interval(0.99)',
                      'expected': {'statistic': f(r.statistic), 'pValue': f(r.pvalue), 'df': f(r.df),
                                   'ciLower': f(ci.low), 'ciUpper': f(ci.high)}})
dump('tTests.json', cases)

# ── Mann-Whitney U ───────────────────────────────────────────────────────────────────────
cases = []
mwu_pairs = [
    ([1.0, 4.0, 2.0, 8.0], [3.0, 5.0, 6.0, 7.0, 9.0]),
    (data(6), data(9, 0.8)),
    (data(8, 0, 1), data(8, 0.3)),
    (data(3), data(50, 1.0)),
    (data(20), data(25, 0.4)),
    (data(40, 0, 5, dist='int'), data(35, 1, 5, dist='int')),  # heavy ties
    (data(7, 0, 3, dist='int'), data(6, 0, 3, dist='int')),    # small with ties → asymptotic in auto
    (data(200, 0, 1, 2), data(150, 0.1, 1, 2)),
    ([5.0, 5.0, 5.0], [5.0, 5.0]),                              # all ties
    ([1.5], [0.5, 2.5, 3.5]),                                  # n = 1
]
for x, y in mwu_pairs:
    for alt in ['two-sided', 'less', 'greater']:
        for method in ['auto', 'exact', 'asymptotic']:
            for cont in ([True, False] if method != 'exact' else [True]):
                if method == 'exact' and len(x) * len(y) > 20000:
                    continue
                call = f"stats.mannwhitneyu(x, y, use_continuity={cont}, alternative='{alt}', method='{method}')"
                r = ev(call, {'x': x, 'y': y})
                if math.isnan(r.pvalue):
                    continue
                cases.append({'fn': 'mannWhitneyU', 'x': x, 'y': y,
                              'options': {'alternative': alt, 'method': method, 'continuity': cont},
                              'call': call, 'expected': {'statistic': f(r.statistic), 'pValue': f(r.pvalue)}})
dump('mannWhitneyU.json', cases)

# ── two-sample Kolmogorov-Smirnov ────────────────────────────────────────────────────────
cases = []
ks_pairs = [
    ([0.1, 0.4, 0.7, 0.9], [0.5, 0.8, 1.1, 1.5, 1.7]),
    (data(10), data(10, 0.5)),
    (data(25), data(40, 0.3, 1.5)),
    (data(60, 0, 4, dist='int'), data(45, 1, 4, dist='int')),
    (data(300), data(500, 0.1)),
    (data(1000, 0, 1, 2), data(999, 0.05, 1, 2)),
    (data(1), data(7)),
    ([2.0, 2.0, 2.0], [2.0, 2.0]),
]
for x, y in ks_pairs:
    for alt in ['two-sided', 'less', 'greater']:
        for method in ['auto', 'exact', 'asymp']:
            call = f"stats.ks_2samp(x, y, alternative='{alt}', method='{method}')"
            r = ev(call, {'x': x, 'y': y})
            cases.append({'fn': 'ksTwoSample', 'x': x, 'y': y,
                          'options': {'alternative': alt, 'method': 'asymptotic' if method == 'asymp' else method},
                          'call': call,
                          'expected': {'statistic': f(r.statistic), 'pValue': f(r.pvalue),
                                       'statisticLocation': f(r.statistic_location), 'statisticSign': int(r.statistic_sign)}})
dump('ksTwoSample.json', cases)
