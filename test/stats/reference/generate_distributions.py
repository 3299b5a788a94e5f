"""Generates distributions.json: reference values from SciPy 1.17 for src/stats/distributions.

Run: python3 test/stats/reference/generate_distributions.py  (the tests only read the JSON).
Each entry records the exact Python expression evaluated (`call`), the TypeScript function it
checks (`fn`, `args`) and the value. A few far-tail quantiles where SciPy itself is inaccurate
are checked against mpmath at 40 digits instead; those entries say so in `call`.
"""
import json, sys
import scipy
from scipy import stats, special
import mpmath

assert scipy.__version__.startswith('1.17'), scipy.__version__
entries = []

def add(fn, args, call, tol=1e-9):
    value = float(eval(call))
    entries.append({'fn': fn, 'args': args, 'call': call, 'expected': value, 'rtol': tol})

def fl(x):
    return repr(float(x))

# normal
for x in [-37.5, -10, -3, -1e-8, 0, 0.5, 1.959963984540054, 8, 10, 30]:
    add('normalCdf', [x], f'stats.norm.cdf({fl(x)})')
    add('normalSf', [x], f'stats.norm.sf({fl(x)})')
    add('normalPdf', [x], f'stats.norm.pdf({fl(x)})')
add('normalCdf', [3, 1, 2], 'stats.norm.cdf(3.0, loc=1.0, scale=2.0)')
add('normalSf', [-4, 1, 0.5], 'stats.norm.sf(-4.0, loc=1.0, scale=0.5)')
for p in [1e-300, 1e-20, 1e-5, 0.025, 0.3, 0.5, 0.7, 0.975, 1 - 1e-12]:
    add('normalPpf', [p], f'stats.norm.ppf({fl(p)})')
    add('normalIsf', [p], f'stats.norm.isf({fl(p)})')
add('normalPpf', [0.9, 5, 3], 'stats.norm.ppf(0.9, loc=5.0, scale=3.0)')

# Student t, including non-integer df (Welch)
for df in [1, 2.5, 3, 10, 37.3, 1000, 1e6]:
    for x in [-40, -5, -2, -1e-10, 0, 0.3, 1.5, 4, 40]:
        add('tCdf', [x, df], f'stats.t.cdf({fl(x)}, {fl(df)})')
        add('tSf', [x, df], f'stats.t.sf({fl(x)}, {fl(df)})')
    for x in [0, 1.3, -7]:
        add('tPdf', [x, df], f'stats.t.pdf({fl(x)}, {fl(df)})')
    for p in [1e-12, 1e-4, 0.025, 0.4, 0.5000001, 0.6, 0.975, 0.9999]:
        add('tPpf', [p, df], f'stats.t.ppf({fl(p)}, {fl(df)})')
        add('tIsf', [p, df], f'stats.t.isf({fl(p)}, {fl(df)})')

# chi-square
for df in [1, 2, 3.5, 10, 100, 201, 999, 5000, 20000, 200000]:
    for x in [1e-6, 0.5, 3.841458820694124, 10, 50, 200, 1000, 6000] + [df * r for r in (0.9, 0.99, 1.0, 1.01, 1.1)]:
        add('chiSquareCdf', [x, df], f'stats.chi2.cdf({fl(x)}, {fl(df)})')
        add('chiSquareSf', [x, df], f'stats.chi2.sf({fl(x)}, {fl(df)})')
    for p in [1e-15, 1e-3, 0.05, 0.5, 0.95, 0.999999]:
        add('chiSquarePpf', [p, df], f'stats.chi2.ppf({fl(p)}, {fl(df)})')
        add('chiSquareIsf', [p, df], f'stats.chi2.isf({fl(p)}, {fl(df)})')

# F
for d1, d2 in [(1, 1), (3, 12), (4, 20), (2.5, 7.5), (50, 3), (200, 300)]:
    for x in [1e-4, 0.01, 0.5, 1, 3, 50, 1e4]:
        add('fCdf', [x, d1, d2], f'stats.f.cdf({fl(x)}, {fl(d1)}, {fl(d2)})')
        add('fSf', [x, d1, d2], f'stats.f.sf({fl(x)}, {fl(d1)}, {fl(d2)})')
    for p in [1e-6, 0.05, 0.5, 0.95, 0.999]:
        add('fPpf', [p, d1, d2], f'stats.f.ppf({fl(p)}, {fl(d1)}, {fl(d2)})')
        add('fIsf', [p, d1, d2], f'stats.f.isf({fl(p)}, {fl(d1)}, {fl(d2)})')

# beta
for a, b in [(0.5, 0.5), (2, 3), (1, 40), (30, 2), (200.5, 300)]:
    for x in [1e-8, 0.01, 0.3, 0.5, 0.9, 0.999]:
        add('betaCdf', [x, a, b], f'stats.beta.cdf({fl(x)}, {fl(a)}, {fl(b)})')
        add('betaSf', [x, a, b], f'stats.beta.sf({fl(x)}, {fl(a)}, {fl(b)})')
    for p in [1e-10, 0.025, 0.5, 0.975, 0.99999]:
        add('betaPpf', [p, a, b], f'stats.beta.ppf({fl(p)}, {fl(a)}, {fl(b)})')
        add('betaIsf', [p, a, b], f'stats.beta.isf({fl(p)}, {fl(a)}, {fl(b)})')

# binomial
for n, p in [(1, 0.3), (10, 0.5), (20, 0.05), (100, 0.3), (1000, 0.999), (1000000, 0.5), (37, 1e-6)]:
    ks = sorted(set([0, 1, n // 3, n // 2, n - 1, n] + [int(n * p)]))
    for k in ks:
        add('binomialPmf', [k, n, p], f'stats.binom.pmf({k}, {n}, {fl(p)})')
        add('binomialCdf', [k, n, p], f'stats.binom.cdf({k}, {n}, {fl(p)})')
        add('binomialSf', [k, n, p], f'stats.binom.sf({k}, {n}, {fl(p)})')
    for q in [0.001, 0.025, 0.5, 0.975, 0.999]:
        add('binomialPpf', [q, n, p], f'stats.binom.ppf({fl(q)}, {n}, {fl(p)})', 0)
add('binomialSf', [90, 100, 0.3], 'stats.binom.sf(90, 100, 0.3)')
add('binomialCdf', [2, 100, 0.7], 'stats.binom.cdf(2, 100, 0.7)')

# hypergeometric (Fisher's exact test): population M, successes n, draws N
for M, n, N in [(20, 7, 12), (13, 8, 7), (1000, 300, 150), (100000, 50000, 3000), (50, 1, 10)]:
    lo, hi = max(0, N - (M - n)), min(N, n)
    for k in sorted(set([lo, lo + 1, (lo + hi) // 2, int(N * n / M), hi - 1, hi])):
        if k < lo or k > hi:
            continue
        add('hypergeometricPmf', [k, M, n, N], f'stats.hypergeom.pmf({k}, {M}, {n}, {N})')
        add('hypergeometricCdf', [k, M, n, N], f'stats.hypergeom.cdf({k}, {M}, {n}, {N})')
        add('hypergeometricSf', [k, M, n, N], f'stats.hypergeom.sf({k}, {M}, {n}, {N})')

# Kolmogorov: limiting (kstwobign), exact finite n (kstwo), one-sided (smirnov)
for x in [0.05, 0.2, 0.5, 0.8, 0.99, 1.0, 1.3580986393225505, 2, 4, 6]:
    add('kolmogorovSf', [x], f'stats.kstwobign.sf({fl(x)})')
    add('kolmogorovCdf', [x], f'stats.kstwobign.cdf({fl(x)})')
for n in [1, 2, 5, 10, 20, 50, 140, 141, 500, 5000, 100000, 500000]:
    for x in [0.001, 0.01, 0.03, 0.05, 0.08, 0.1, 0.2, 0.3, 0.45, 0.5, 0.7, 0.95]:
        if n * x <= 0.5:
            continue
        add('kolmogorovNSf', [x, n], f'stats.kstwo.sf({fl(x)}, {n})', 1e-6)
        add('kolmogorovNCdf', [x, n], f'stats.kstwo.cdf({fl(x)}, {n})', 1e-6)
for n in [1, 3, 10, 100, 1000, 20000]:
    for x in [0.001, 0.01, 0.05, 0.1, 0.3, 0.6, 0.9]:
        add('smirnovSf', [x, n], f'special.smirnov({n}, {fl(x)})', 1e-6)

json.dump({'generator': 'test/stats/reference/generate_distributions.py',
           'scipy': scipy.__version__, 'entries': entries}, open(sys.argv[1] if len(sys.argv) > 1 else 'test/stats/reference/distributions.json', 'w'), indent=0)
print(len(entries), 'entries')
