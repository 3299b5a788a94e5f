"""Generates farTail.json: Student t far-tail references from SciPy 1.17 at large df.

Run: python3 test/stats/reference/generate_far_tail.py  (the tests only read the JSON).

Covers issue 11's far-tail bug: tCdf/tSf at df 100..10,000 and |t| 5..40 (where 0.5 - 0.5*I(...)
cancelled), and the same tail reached through each t-based test on data large enough to give
those df. Test data are recipes, not arrays: value_i = ((i*mult + off) % mod) / mod * scale + shift,
i = 0..n-1, which is the same double in Python and JavaScript (integer arithmetic, then one
correctly rounded division, multiplication and addition), so the JSON stays small.
Each entry records the exact Python call evaluated.
"""
import json
import scipy
from scipy import stats
import numpy as np

assert scipy.__version__.startswith('1.17'), scipy.__version__

def fl(x):
    return repr(float(x))

dist = []
for df in [100, 250, 1000, 3000, 10000]:
    for t in [5, 8, 10, 15, 20, 30, 40]:
        for x in (-t, t):
            for fn, f in (('tCdf', stats.t.cdf), ('tSf', stats.t.sf)):
                v = float(f(x, df))
                dist.append({'fn': fn, 'args': [x, df], 'call': f'stats.t.{fn[1:].lower()}({fl(x)}, {fl(df)})', 'expected': v, 'rtol': 1e-9})

def values(r):
    i = np.arange(r['n'], dtype=np.int64)
    return ((i * r['mult'] + r['off']) % r['mod']).astype(np.float64) / r['mod'] * r['scale'] + r['shift']

SD_U = 0.2887  # about the SD of the uniform-like pattern

def recipe(n, mult, mod, off, scale, shift):
    return {'n': n, 'mult': mult, 'mod': mod, 'off': off, 'scale': scale, 'shift': float(shift)}

cases = []
def add(fn, x, y, options, call, result, extra=None):
    exp = {'statistic': float(result.statistic), 'pValue': float(result.pvalue)}
    if hasattr(result, 'df'):
        exp['df'] = float(result.df)
    if extra:
        exp.update(extra)
    cases.append({'fn': fn, 'x': x, 'y': y, 'options': options, 'call': call, 'expected': exp})

for n in [101, 1001, 10001]:
    for t in [5, 10, 20, 40]:
        for sign in (1, -1):
            # one-sample against mu = 0.5: the shift sets t
            shift = round(sign * t * SD_U / np.sqrt(n), 8)
            x = recipe(n, 7919, 1009, 13, 1.0, shift)
            xs = values(x)
            for alt in ('two-sided', 'less', 'greater'):
                add('oneSampleTTest', x, None, {'mu': 0.5, 'alternative': alt},
                    f"stats.ttest_1samp(x, 0.5, alternative='{alt}')", stats.ttest_1samp(xs, 0.5, alternative=alt))
            # paired: y a second pattern, x = y-pattern + the first pattern: differences of two patterns
            y = recipe(n, 104729, 1013, 7, 1.0, 0.0)
            ys = values(y)
            xp = recipe(n, 7919, 1009, 13, 1.0, round(sign * t * 0.41 / np.sqrt(n), 8))
            add('pairedTTest', xp, y, {'alternative': 'two-sided'}, "stats.ttest_rel(x, y)", stats.ttest_rel(values(xp), ys))
            # Welch and Student with unequal sizes and spreads
            m = (n - 1) // 2 + 1
            yw = recipe(m, 104729, 1013, 7, 2.0, 0.0)
            se = np.sqrt(SD_U**2 / n + (2 * SD_U)**2 / m)
            xw = recipe(n, 7919, 1009, 13, 1.0, round(0.5 + sign * t * se, 8))
            add('welchTTest', xw, yw, {'alternative': 'two-sided'}, "stats.ttest_ind(x, y, equal_var=False)",
                stats.ttest_ind(values(xw), values(yw), equal_var=False))
            add('studentTTest', xw, yw, {'alternative': 'two-sided'}, "stats.ttest_ind(x, y, equal_var=True)",
                stats.ttest_ind(values(xw), values(yw), equal_var=True))

# TOST through the far tail: an estimate near 0 with a margin many SEs wide, so both one-sided
# p-values are tiny; each one-sided p is SciPy's t-test on the data shifted by the margin.
for n in [101, 1001, 10001]:
    for t in [5, 10, 20, 40]:
        y = recipe(n, 104729, 1013, 7, 1.0, 0.0)
        x = recipe(n, 7919, 1009, 13, 1.0, 0.0)
        xs, ys = values(x), values(y)
        d = xs - ys
        sep = d.std(ddof=1) / np.sqrt(n)
        margin = float(round(t * sep, 8))
        lo = stats.ttest_rel(xs + margin, ys, alternative='greater')
        hi = stats.ttest_rel(xs - margin, ys, alternative='less')
        cases.append({'fn': 'tostPaired', 'x': x, 'y': y, 'options': {'margin': margin}, 'call':
                      f"stats.ttest_rel(x + {fl(margin)}, y, alternative='greater').pvalue, stats.ttest_rel(x - {fl(margin)}, y, alternative='less').pvalue",
                      'expected': {'pLower': float(lo.pvalue), 'pUpper': float(hi.pvalue)}})
        m = (n - 1) // 2 + 1
        yw = recipe(m, 104729, 1013, 7, 2.0, 0.0)
        xw = recipe(n, 7919, 1009, 13, 1.0, 0.5)
        xs, ys = values(xw), values(yw)
        sew = np.sqrt(xs.var(ddof=1) / n + ys.var(ddof=1) / m)
        margin = float(round(t * sew, 8))
        lo = stats.ttest_ind(xs + margin, ys, equal_var=False, alternative='greater')
        hi = stats.ttest_ind(xs - margin, ys, equal_var=False, alternative='less')
        cases.append({'fn': 'tostWelch', 'x': xw, 'y': yw, 'options': {'margin': margin}, 'call':
                      f"stats.ttest_ind(x + {fl(margin)}, y, equal_var=False, alternative='greater').pvalue, stats.ttest_ind(x - {fl(margin)}, y, equal_var=False, alternative='less').pvalue",
                      'expected': {'pLower': float(lo.pvalue), 'pUpper': float(hi.pvalue)}})
        lo = stats.ttest_ind(xs + margin, ys, equal_var=True, alternative='greater')
        hi = stats.ttest_ind(xs - margin, ys, equal_var=True, alternative='less')
        cases.append({'fn': 'tostStudent', 'x': xw, 'y': yw, 'options': {'margin': margin}, 'call':
                      f"stats.ttest_ind(x + {fl(margin)}, y, equal_var=True, alternative='greater').pvalue, stats.ttest_ind(x - {fl(margin)}, y, equal_var=True, alternative='less').pvalue",
                      'expected': {'pLower': float(lo.pvalue), 'pUpper': float(hi.pvalue)}})

with open(__file__.replace('generate_far_tail.py', 'farTail.json'), 'w') as f:
    json.dump({'generator': 'generate_far_tail.py', 'scipy': scipy.__version__, 'distributions': dist, 'cases': cases}, f, indent=0)
print(len(dist), 'distribution entries,', len(cases), 'test cases')
