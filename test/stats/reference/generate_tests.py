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
    if math.isnan(v):
        return 'NaN'
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

# ── Wilcoxon signed-rank ─────────────────────────────────────────────────────────────────
cases = []
w_sets = [
    ([1.0, 2.0, -3.0, 4.0, 5.0, 6.0, -7.0], None),             # exact, no ties
    ([1.0, 2.0, 0.0, -3.0, 4.0, 5.0, 6.0, -7.0], None),        # a zero → permutation in auto
    ([1.0, 2.0, 2.0, -3.0, 4.0, 5.0, 6.0, -7.0], None),        # a tie → permutation in auto
    (data(20, 0.3), None),                                      # exact
    (data(30, 0.2, 1, 1), data(30, 0.0, 1, 1)),                 # paired, rounding ties
    (data(60, 0.1), None),                                      # > 50 → asymptotic
    (data(25, 0, 3, dist='int'), data(25, 0, 3, dist='int')),   # many zeros and ties, n > 13
    ([0.5], None),                                              # n = 1
]
for x, y in w_sets:
    for alt in ['two-sided', 'less', 'greater']:
        for method in ['auto', 'exact', 'asymptotic']:
            for zm in ['wilcox', 'pratt', 'zsplit']:
                for corr in [False, True]:
                    if method != 'asymptotic' and corr:
                        continue
                    if zm != 'wilcox' and method == 'exact':
                        continue
                    yy = 'y' if y is not None else 'None'
                    call = f"stats.wilcoxon(x, {yy}, zero_method='{zm}', correction={corr}, alternative='{alt}', method='{method}')"
                    r = ev(call, {'x': x, 'y': y})
                    if math.isnan(r.pvalue):
                        continue
                    c = {'fn': 'wilcoxonSignedRank', 'x': x, 'options': {'alternative': alt, 'method': method, 'zeroMethod': zm, 'correction': corr},
                         'call': call, 'expected': {'statistic': f(r.statistic), 'pValue': f(r.pvalue)}}
                    if y is not None:
                        c['y'] = y
                    cases.append(c)
dump('wilcoxonSignedRank.json', cases)

# ── k-sample Anderson-Darling ────────────────────────────────────────────────────────────
cases = []
ad_sets = [
    [[1.0, 3, 5, 7, 9], [2.0, 4, 6, 8, 10, 12, 14]],
    [data(30), data(40, 0.5)],
    [data(50), data(45, 0.1, 1.2), data(60, -0.2)],
    [data(30, 0, 4, dist='int'), data(30, 1, 4, dist='int')],
    [data(100), data(100, 0.3)],
    [data(200), data(150, 1.0)],
    [data(20), data(25, 0.2), data(15), data(30, 0.4)],
]
for s in ad_sets:
    call = "stats.anderson_ksamp(samples, variant='midrank')"
    r = ev(call, {'samples': s})
    cases.append({'fn': 'andersonDarlingKSample', 'samples': s, 'options': {}, 'call': call,
                  'expected': {'statistic': f(r.statistic), 'pValue': f(r.pvalue)}})
dump('andersonDarlingKSample.json', cases)

# ── two-sample Cramér-von Mises ──────────────────────────────────────────────────────────
cases = []
cvm_pairs = [
    ([1.2, 3.4, 0.5, 2.2], [4.1, 5.0, 3.9, 6.3, 2.8]),
    (data(7), data(9, 0.8)),
    (data(12), data(10, 0.3)),
    (data(20), data(20, 0.6)),
    (data(8, 0, 3, dist='int'), data(9, 1, 3, dist='int')),
    (data(30), data(45, 0.2)),
    (data(300, 0, 1, 2), data(250, 0.15, 1, 2)),
    (data(40), data(40, 1.5)),
]
for x, y in cvm_pairs:
    for method in ['auto', 'exact', 'asymptotic']:
        if method == 'exact' and max(len(x), len(y)) > 20:
            continue
        call = f"stats.cramervonmises_2samp(x, y, method='{method}')"
        r = ev(call, {'x': x, 'y': y})
        cases.append({'fn': 'cramerVonMisesTwoSample', 'x': x, 'y': y, 'options': {'method': method}, 'call': call,
                      'expected': {'statistic': f(r.statistic), 'pValue': f(r.pvalue)}})
dump('cramerVonMisesTwoSample.json', cases)

# ── chi-square: contingency (homogeneity) and goodness of fit ────────────────────────────
cases = []
for table in [[[12, 5], [7, 9]], [[3, 1], [1, 3]], [[100, 120], [90, 140]], [[10, 20, 30], [15, 25, 20]],
              [[5, 0, 9], [3, 4, 2], [8, 1, 1]], [[1000, 2000, 1500, 500], [980, 2050, 1490, 480]], [[20, 30]], [[0.5, 12], [3, 7]]]:
    for corr in [True, False]:
        call = f"stats.chi2_contingency(table, correction={corr})"
        r = ev(call, {'table': table})
        cases.append({'fn': 'chiSquareTest', 'table': table, 'options': {'correction': corr}, 'call': call,
                      'expected': {'statistic': f(r.statistic), 'pValue': f(r.pvalue), 'df': f(r.dof)}})
for obs, exp, ddof in [([16, 18, 16, 14, 12, 12], None, 0), ([16, 18, 16, 14, 12, 12], [16, 16, 16, 16, 16, 8], 0),
                       ([16, 18, 16, 14, 12, 12], None, 1), ([500, 480, 530, 490], [500.0, 500, 500, 500], 0),
                       ([1, 0, 0, 30], None, 0), ([3, 7], [5, 5], 0)]:
    call = f"stats.chisquare(observed, f_exp=expected, ddof={ddof})"
    r = ev(call, {'observed': obs, 'expected': exp})
    opts = {'ddof': ddof}
    if exp is not None:
        opts['expected'] = exp
    cases.append({'fn': 'chiSquareTest', 'table': obs, 'options': opts, 'call': call,
                  'expected': {'statistic': f(r.statistic), 'pValue': f(r.pvalue), 'df': len(obs) - 1 - ddof}})
dump('chiSquareTest.json', cases)

# ── Fisher exact 2x2, binomial test, McNemar ─────────────────────────────────────────────
cases = []
for table in [[[6, 2], [1, 4]], [[8, 2], [1, 5]], [[0, 5], [5, 0]], [[10, 10], [10, 10]], [[100, 50], [80, 95]],
              [[1, 9], [11, 3]], [[3, 0], [0, 3]], [[0, 0], [4, 5]], [[1500, 1600], [1480, 1700]], [[2, 7], [8, 2]], [[7, 12], [0, 15]]]:
    for alt in ['two-sided', 'less', 'greater']:
        call = f"stats.fisher_exact(table, alternative='{alt}')"
        r = ev(call, {'table': table})
        cases.append({'fn': 'fisherExact2x2', 'table': table, 'options': {'alternative': alt}, 'call': call,
                      'expected': {'statistic': f(r.statistic), 'pValue': f(r.pvalue)}})
for k, n, p in [(3, 15, 0.1), (7, 10, 0.5), (0, 20, 0.3), (20, 20, 0.3), (50, 100, 0.5), (480, 1000, 0.5), (1, 1, 0.5),
                (6, 40, 0.05), (290, 1000, 0.3), (12, 13, 0.9)]:
    for alt in ['two-sided', 'less', 'greater']:
        call = f"stats.binomtest({k}, {n}, p={p}, alternative='{alt}')"
        r = ev(call, {})
        ci = r.proportion_ci(confidence_level=0.95, method='exact')
        cases.append({'fn': 'binomialTest', 'k': k, 'n': n, 'options': {'p': p, 'alternative': alt},
                      'call': call + ".proportion_ci(confidence_level=0.95, method='exact')",
                      'expected': {'statistic': f(r.statistic), 'pValue': f(r.pvalue), 'ciLower': f(ci.low), 'ciUpper': f(ci.high)}})
# McNemar: statsmodels is not installed here; its conventions are reproduced from SciPy:
#   exact=True:  statistic = min(b, c), pvalue = min(1, 2 * binom.cdf(min(b, c), b + c, 0.5))
#   exact=False: statistic = (|b - c| - corr)**2 / (b + c), pvalue = chi2.sf(statistic, 1)
for table in [[[101, 121], [59, 33]], [[10, 3], [9, 20]], [[5, 0], [0, 5]], [[40, 12], [12, 40]], [[794, 86], [150, 570]], [[0, 1], [6, 0]]]:
    b, c = table[0][1], table[1][0]
    call = f"min(1, 2 * stats.binom.cdf(min({b}, {c}), {b + c}, 0.5))"
    cases.append({'fn': 'mcnemar', 'table': table, 'options': {'exact': True}, 'call': call,
                  'expected': {'statistic': min(b, c), 'pValue': f(ev(call, {}))}})
    if b + c == 0:
        continue
    for corr in [True, False]:
        stat = (abs(b - c) - (1 if corr else 0)) ** 2 / (b + c)
        call = f"stats.chi2.sf((abs({b} - {c}) - {1 if corr else 0})**2 / ({b} + {c}), 1)"
        cases.append({'fn': 'mcnemar', 'table': table, 'options': {'exact': False, 'correction': corr}, 'call': call,
                      'expected': {'statistic': f(stat), 'pValue': f(ev(call, {}))}})
dump('contingency.json', cases)

# ── Kendall tau-b and Spearman ───────────────────────────────────────────────────────────
cases = []
corr_pairs = [
    ([12.0, 2, 1, 12, 2], [1.0, 4, 7, 1, 0]),
    ([1.0, 2, 3, 4, 5], [5.0, 6, 7, 8, 7]),
    (data(10), data(10)),
    (data(33), data(33)),
    (data(34), data(34)),
    (data(60, 0, 5, dist='int'), data(60, 0, 4, dist='int')),
    (list(range(40)), [float(v) for v in list(range(1, 40)) + [0]]),   # min(dis, con) <= 1 branch
    (data(500, 0, 1, 1), data(500, 0, 1, 1)),
    ([1.0, 2, 3], [3.0, 2, 1]),
]
for x, y in corr_pairs:
    for alt in ['two-sided', 'less', 'greater']:
        for method in ['auto', 'asymptotic', 'exact']:
            call = f"stats.kendalltau(x, y, variant='b', method='{method}', alternative='{alt}')"
            try:
                r = ev(call, {'x': x, 'y': y})
            except ValueError:
                continue
            cases.append({'fn': 'kendallTauB', 'x': x, 'y': y, 'options': {'alternative': alt, 'method': method}, 'call': call,
                          'expected': {'statistic': f(r.statistic), 'pValue': f(r.pvalue)}})
        call = f"stats.spearmanr(x, y, alternative='{alt}')"
        r = ev(call, {'x': x, 'y': y})
        cases.append({'fn': 'spearman', 'x': x, 'y': y, 'options': {'alternative': alt}, 'call': call,
                      'expected': {'statistic': f(r.statistic), 'pValue': f(r.pvalue)}})
dump('correlation.json', cases)
