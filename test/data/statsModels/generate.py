"""
Reference values for the statistics of part B (equivalence, distances, AUC/DeLong, bootstrap,
multiple testing, power), from SciPy 1.17 / NumPy. Run from the repository root:

    python3 test/data/statsModels/generate.py > test/data/statsModels/reference.json

Every entry records the exact generating call in its "call" field; the tests read this JSON and
never need Python. Where SciPy has no function (Holm, PSI, Hellinger, Cohen's d interval,
Newcombe's interval, DeLong's variance, TOST margin power) the value comes from the textbook
formula written out below with NumPy, independently of the TypeScript code.
"""
import json
import sys

import numpy as np
import scipy
from scipy import stats, integrate
from scipy.spatial.distance import jensenshannon

assert scipy.__version__.startswith('1.17'), scipy.__version__

rng = np.random.default_rng(20261105)
out = {'scipy': scipy.__version__, 'numpy': np.__version__}


def r(x):
    return [float(v) for v in x]


# ── xoshiro128** known-answer test: a direct transcription of the reference C code ──
M = 0xFFFFFFFF


def rotl(x, k):
    return ((x << k) | (x >> (32 - k))) & M


s = [1, 2, 3, 4]
ka = []
for _ in range(10):
    res = (rotl((s[1] * 5) & M, 7) * 9) & M
    t = (s[1] << 9) & M
    s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]; s[2] ^= t; s[3] = rotl(s[3], 11)
    ka.append(res)
out['xoshiro'] = {'call': 'xoshiro128** (reference C transcribed) from state [1, 2, 3, 4]', 'state': [1, 2, 3, 4], 'outputs': ka}

# ── TOST ──
tost_paired = []
for n, shift, sd, margin, alpha in [(12, 0.02, 0.1, 0.1, 0.05), (30, 0.05, 0.2, 0.1, 0.05), (30, -0.01, 0.05, 0.03, 0.025), (8, 0.3, 0.5, 0.2, 0.1)]:
    y = rng.normal(1.0, 1.0, n)
    x = y + rng.normal(shift, sd, n)
    lower = stats.ttest_rel(x + margin, y, alternative='greater')
    upper = stats.ttest_rel(x - margin, y, alternative='less')
    ci = stats.ttest_rel(x, y).confidence_interval(confidence_level=1 - 2 * alpha)
    tost_paired.append({
        'call': f'ttest_rel(x + {margin}, y, alternative="greater"); ttest_rel(x - {margin}, y, alternative="less"); ttest_rel(x, y).confidence_interval({1 - 2 * alpha})',
        'x': r(x), 'y': r(y), 'margin': margin, 'alpha': alpha,
        'tLower': float(lower.statistic), 'pLower': float(lower.pvalue),
        'tUpper': float(upper.statistic), 'pUpper': float(upper.pvalue),
        'ci': [float(ci.low), float(ci.high)], 'df': float(lower.df),
        'estimate': float(np.mean(x - y)),
    })
out['tostPaired'] = tost_paired

tost_welch = []
for nx, ny, dmean, sx, sy, margin, alpha in [(15, 20, 0.01, 0.1, 0.2, 0.1, 0.05), (40, 25, 0.12, 0.3, 0.1, 0.1, 0.05), (7, 9, -0.2, 1.0, 0.5, 0.5, 0.025)]:
    x = rng.normal(dmean, sx, nx)
    y = rng.normal(0.0, sy, ny)
    lower = stats.ttest_ind(x + margin, y, equal_var=False, alternative='greater')
    upper = stats.ttest_ind(x - margin, y, equal_var=False, alternative='less')
    ci = stats.ttest_ind(x, y, equal_var=False).confidence_interval(confidence_level=1 - 2 * alpha)
    tost_welch.append({
        'call': f'ttest_ind(x + {margin}, y, equal_var=False, alternative="greater"); ttest_ind(x - {margin}, y, equal_var=False, alternative="less"); ttest_ind(x, y, equal_var=False).confidence_interval({1 - 2 * alpha})',
        'x': r(x), 'y': r(y), 'margin': margin, 'alpha': alpha,
        'tLower': float(lower.statistic), 'pLower': float(lower.pvalue),
        'tUpper': float(upper.statistic), 'pUpper': float(upper.pvalue),
        'ci': [float(ci.low), float(ci.high)], 'df': float(lower.df),
        'estimate': float(np.mean(x) - np.mean(y)),
    })
out['tostWelch'] = tost_welch


# ── Non-inferiority of proportions ──
def wilson(x, n, z):
    p = x / n
    c = (p + z * z / (2 * n)) / (1 + z * z / n)
    h = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return c - h, c + h


def newcombe(x1, n1, x2, n2, z):
    p1, p2 = x1 / n1, x2 / n2
    l1, u1 = wilson(x1, n1, z)
    l2, u2 = wilson(x2, n2, z)
    d = p1 - p2
    return d - np.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2), d + np.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)


ni = []
for x1, n1, x2, n2, margin, alpha in [(56, 70, 48, 80, 0.05, 0.025), (9, 10, 3, 10, 0.1, 0.025), (5, 56, 0, 29, 0.05, 0.025), (0, 10, 0, 20, 0.2, 0.025), (930, 1000, 940, 1000, 0.02, 0.05), (930, 1000, 940, 1000, 0.03, 0.05)]:
    z = stats.norm.ppf(1 - alpha)
    lo, hi = newcombe(x1, n1, x2, n2, z)
    p1, p2 = x1 / n1, x2 / n2
    se = np.sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2)
    entry = {
        'call': f'Newcombe (1998) method 10 from Wilson intervals at z = norm.ppf({1 - alpha}); Wald: norm.sf((d + margin)/se)',
        'new': [x1, n1], 'reference': [x2, n2], 'margin': margin, 'alpha': alpha,
        'newcombeCi': [float(lo), float(hi)],
    }
    if se > 0:
        entry['waldCi'] = [float(p1 - p2 - z * se), float(p1 - p2 + z * se)]
        entry['waldP'] = float(stats.norm.sf((p1 - p2 + margin) / se))
    ni.append(entry)
out['nonInferiority'] = {
    'published': 'Newcombe RG (1998) Stat Med 17:873-890, Table II, method 10 (95%): 56/70-48/80 (0.0524, 0.3339); 9/10-3/10 (0.1705, 0.8090); 5/56-0/29 (-0.0381, 0.1926); 0/10-0/20 (-0.1611, 0.2775)',
    'cases': ni,
}

# ── Distances on samples ──
dist = []
cases = [
    (rng.normal(0, 1, 50), rng.normal(0.3, 1.2, 70)),
    (rng.exponential(1.0, 33), rng.exponential(1.3, 33)),
    (np.round(rng.normal(0, 1, 40), 1), np.round(rng.normal(0.1, 1, 45), 1)),  # ties
    (np.array([0.0, 1.0, 3.0]), np.array([5.0, 6.0, 8.0])),
    (np.array([1.0, 1.0, 1.0, 2.0]), np.array([1.0, 2.0, 2.0])),
    (rng.uniform(0, 1, 200), rng.uniform(0, 1, 1)),
]
for u, v in cases:
    ks = stats.ks_2samp(u, v)
    dist.append({
        'call': 'wasserstein_distance(u, v); energy_distance(u, v); ks_2samp(u, v).statistic',
        'u': r(u), 'v': r(v),
        'wasserstein': float(stats.wasserstein_distance(u, v)),
        'energy': float(stats.energy_distance(u, v)),
        'ks': float(ks.statistic),
    })
out['distances'] = dist

# ── Jensen–Shannon, Hellinger on histograms ──
def js_mpmath(p, q):
    """The Jensen–Shannon distance (natural log) in 50-digit arithmetic, free of cancellation."""
    import mpmath as mp
    mp.mp.dps = 50
    P = [mp.mpf(v) for v in p]; Q = [mp.mpf(v) for v in q]
    sp, sq = sum(P), sum(Q)
    s = 0
    for a, b in zip(P, Q):
        a, b = a / sp, b / sq
        m = (a + b) / 2
        if a > 0: s += a * mp.log(a / m)
        if b > 0: s += b * mp.log(b / m)
    return mp.sqrt(s / 2)


hist = []
for p, q in [([1, 0], [0, 1]), ([0.2, 0.3, 0.5], [0.1, 0.6, 0.3]), ([3, 0, 7, 1], [2, 2, 2, 2]), ([1e-12, 1, 1], [1, 1, 1e-12]), ([5, 5, 5], [5, 5, 5.0000001])]:
    P = np.asarray(p, float); Q = np.asarray(q, float)
    Pn, Qn = P / P.sum(), Q / Q.sum()
    hist.append({
        'call': 'jensenshannon(p, q); jensenshannon(p, q, base=2); sqrt(1 - sum(sqrt(p q))) with p, q normalised; jsExact: the same distance in 50-digit mpmath',
        'p': r(P), 'q': r(Q),
        'js': float(jensenshannon(P, Q)),
        'js2': float(jensenshannon(P, Q, base=2)),
        'hellinger': float(np.sqrt(np.sum((np.sqrt(Pn) - np.sqrt(Qn)) ** 2) / 2)),
        'jsExact': float(js_mpmath(p, q)),
    })
out['histograms'] = hist


# ── PSI and binning on reference deciles ──
def psi_ref(ref, act, bins=10, eps=1e-4):
    edges = np.unique(np.quantile(ref, np.arange(1, bins) / bins))
    rb = np.bincount(np.searchsorted(edges, ref, side='left'), minlength=len(edges) + 1) / len(ref)
    ab = np.bincount(np.searchsorted(edges, act, side='left'), minlength=len(edges) + 1) / len(act)
    rr = np.where(rb > 0, rb, eps)
    aa = np.where(ab > 0, ab, eps)
    return float(np.sum((aa - rr) * np.log(aa / rr))), edges, rb, ab


psis = []
for ref, act, bins in [
    (rng.normal(0, 1, 500), rng.normal(0.2, 1.1, 400), 10),
    (rng.normal(0, 1, 100), rng.normal(0, 1, 100), 10),
    (np.round(rng.uniform(0, 1, 300), 1), np.round(rng.uniform(0.2, 1.2, 250), 1), 10),  # ties, out-of-range
    (rng.normal(0, 1, 60), rng.normal(3, 1, 60), 5),  # empty bins
]:
    value, edges, rb, ab = psi_ref(ref, act, bins)
    psis.append({
        'call': f'edges = unique(quantile(ref, arange(1, {bins})/{bins})); shares via bincount(searchsorted(edges, x, "left")); zeros -> 1e-4; sum((a-r)*log(a/r))',
        'reference': r(ref), 'actual': r(act), 'bins': bins,
        'psi': value, 'edges': r(edges), 'referenceShares': r(rb), 'actualShares': r(ab),
        'js': float(jensenshannon(rb, ab)),
    })
out['psi'] = psis

# ── Cohen's d ──
cd = []
for nx, ny, dm in [(20, 25, 0.5), (50, 50, 0.0), (8, 12, -1.0)]:
    x = rng.normal(dm, 1, nx)
    y = rng.normal(0, 1, ny)
    sp = np.sqrt(((nx - 1) * np.var(x, ddof=1) + (ny - 1) * np.var(y, ddof=1)) / (nx + ny - 2))
    d = (np.mean(x) - np.mean(y)) / sp
    se = np.sqrt((nx + ny) / (nx * ny) + d * d / (2 * (nx + ny)))
    z = stats.norm.ppf(0.975)
    cd.append({
        'call': 'd = (mean(x)-mean(y))/sqrt(((nx-1)var(x,ddof=1)+(ny-1)var(y,ddof=1))/(nx+ny-2)); se = sqrt((nx+ny)/(nx ny) + d^2/(2(nx+ny))); d ± norm.ppf(0.975) se',
        'x': r(x), 'y': r(y), 'd': float(d), 'ci': [float(d - z * se), float(d + z * se)], 'pooledSd': float(sp),
    })
out['cohensD'] = cd


# ── AUC and DeLong ──
def delong_fast(scores, labels):
    """Sun & Xu (2014) midrank DeLong, from scipy.stats.rankdata."""
    pos = scores[labels == 1]
    neg = scores[labels == 0]
    m, n = len(pos), len(neg)
    tz = stats.rankdata(np.concatenate([pos, neg]))
    tx = stats.rankdata(pos)
    ty = stats.rankdata(neg)
    auc = (tz[:m].sum() - m * (m + 1) / 2) / (m * n)
    v10 = (tz[:m] - tx) / n
    v01 = 1 - (tz[m:] - ty) / m
    return auc, v10, v01


def delong_slow(scores, labels):
    """The O(mn) definition: psi(x, y) = 1 if x > y, 1/2 if equal, 0 otherwise."""
    pos = scores[labels == 1]
    neg = scores[labels == 0]
    psi = (pos[:, None] > neg[None, :]) + 0.5 * (pos[:, None] == neg[None, :])
    return psi.mean(), psi.mean(axis=1), psi.mean(axis=0)


aucs = []
for n, sep, corr, ties in [(60, 1.0, 0.6, False), (150, 0.7, 0.9, False), (80, 1.2, 0.3, True), (40, 0.2, 0.5, True)]:
    labels = (rng.uniform(size=n) < 0.4).astype(int)
    base = rng.normal(size=n)
    a = sep * labels + base
    b = sep * 0.9 * labels + corr * base + np.sqrt(1 - corr * corr) * rng.normal(size=n)
    if ties:
        a = np.round(a, 0)
        b = np.round(b, 0)
    auc_a, v10a, v01a = delong_fast(a, labels)
    auc_b, v10b, v01b = delong_fast(b, labels)
    sa, s10, s01 = delong_slow(a, labels)
    assert np.allclose([sa], [auc_a]) and np.allclose(s10, v10a) and np.allclose(s01, v01a)
    m = labels.sum(); k = n - m
    S10 = np.cov(np.vstack([v10a, v10b]))
    S01 = np.cov(np.vstack([v01a, v01b]))
    S = S10 / m + S01 / k
    var = S[0, 0] + S[1, 1] - 2 * S[0, 1]
    z = (auc_a - auc_b) / np.sqrt(var)
    mw = stats.mannwhitneyu(a[labels == 1], a[labels == 0]).statistic / (m * k)
    assert abs(mw - auc_a) < 1e-12
    aucs.append({
        'call': 'Sun & Xu fast DeLong with scipy.stats.rankdata (checked against the O(mn) definition); AUC also = mannwhitneyu(pos, neg).statistic/(m n); p = 2 norm.sf(|z|)',
        'a': r(a), 'b': r(b), 'labels': [int(v) for v in labels],
        'aucA': float(auc_a), 'aucB': float(auc_b), 'mannWhitneyA': float(mw),
        'seA': float(np.sqrt(S[0, 0])), 'seB': float(np.sqrt(S[1, 1])),
        'seDiff': float(np.sqrt(var)), 'z': float(z), 'p': float(2 * stats.norm.sf(abs(z))),
        'correlation': float(S[0, 1] / np.sqrt(S[0, 0] * S[1, 1])),
    })
out['delong'] = aucs

# ── Bootstrap (Monte-Carlo comparison) and BCa acceleration (exact) ──
from scipy.stats._resampling import _bca_interval  # noqa: E402

boots = []
x1 = rng.lognormal(0, 0.6, 30)
y1 = rng.normal(0.5, 1, 25)
x2 = rng.exponential(2.0, 40)
for label, data, statname, paired in [
    ('mean of a skewed sample', (x1,), 'mean', False),
    ('difference of means of two samples', (x1, y1), 'diffmean', False),
    ('standard deviation', (x2,), 'std', False),
    ('paired mean difference', (x1, x1 * 1.05 + rng.normal(0, 0.1, 30)), 'diffmean', True),
]:
    if statname == 'mean':
        f = lambda x, axis=-1: np.mean(x, axis=axis)
    elif statname == 'diffmean':
        f = lambda x, y, axis=-1: np.mean(x, axis=axis) - np.mean(y, axis=axis)
    else:
        f = lambda x, axis=-1: np.std(x, ddof=1, axis=axis)
    entry = {'label': label, 'statistic': statname, 'paired': paired, 'data': [r(d) for d in data]}
    for method in ['percentile', 'BCa']:
        res = stats.bootstrap(data, f, method=method, n_resamples=200000, paired=paired, vectorized=True,
                              rng=np.random.default_rng(1))
        entry[method] = {
            'call': f'bootstrap(data, {statname}, method="{method}", n_resamples=200000, paired={paired}, rng=default_rng(1))',
            'ci': [float(res.confidence_interval.low), float(res.confidence_interval.high)],
            'standardError': float(res.standard_error),
        }
    res1 = stats.bootstrap(data, f, method='percentile', n_resamples=2000, paired=paired, vectorized=True, rng=np.random.default_rng(2))
    if paired:
        n = len(data[0])
        ff = lambda i, axis=-1: f(*[d[i] for d in data], axis=axis)
        a_hat = _bca_interval((np.arange(n),), ff, axis=-1, alpha=0.025, theta_hat_b=res1.bootstrap_distribution, batch=None, xp=np)[2]
    else:
        a_hat = _bca_interval(data, f, axis=-1, alpha=0.025, theta_hat_b=res1.bootstrap_distribution, batch=None, xp=np)[2]
    entry['acceleration'] = {'call': 'scipy.stats._resampling._bca_interval(data, statistic, ...)[2] (jackknife acceleration a_hat)', 'value': float(a_hat)}
    boots.append(entry)
out['bootstrap'] = boots

# ── Multiple testing ──
def holm(p):
    p = np.asarray(p); m = len(p); o = np.argsort(p, kind='stable')
    adj = np.minimum(1, np.maximum.accumulate((m - np.arange(m)) * p[o]))
    out = np.empty(m); out[o] = adj; return out


adjs = []
for p in [[0.01, 0.04, 0.03], [0.001, 0.008, 0.039, 0.041, 0.042, 0.06, 0.074, 0.205, 0.212, 0.216], list(rng.uniform(0, 0.2, 25)), [0.5], [0.02, 0.02, 0.02, 0.9]]:
    adjs.append({
        'call': 'false_discovery_control(p, method="bh"|"by"); bonferroni min(1, m p); holm by hand: max-accumulate of (m - j) p_(j), capped at 1',
        'p': r(p),
        'bh': r(stats.false_discovery_control(p, method='bh')),
        'by': r(stats.false_discovery_control(p, method='by')),
        'bonferroni': r(np.minimum(1, len(p) * np.asarray(p))),
        'holm': r(holm(p)),
    })
out['adjust'] = adjs


# ── Minimum detectable margin, and the exact TOST power at that margin ──
def tost_power_paired(n, sd, margin, alpha):
    """Exact power of the paired TOST at true difference 0: integrate over s (chi distribution)."""
    df = n - 1
    q = stats.t.ppf(1 - alpha, df)
    def integrand(s):
        half = margin - q * s / np.sqrt(n)
        if half <= 0:
            return 0.0
        p = stats.norm.cdf(half / (sd / np.sqrt(n))) - stats.norm.cdf(-half / (sd / np.sqrt(n)))
        dens = stats.chi.pdf(s * np.sqrt(df) / sd, df) * np.sqrt(df) / sd
        return p * dens
    lo = stats.chi.ppf(1e-14, df) * sd / np.sqrt(df)
    hi = stats.chi.ppf(1 - 1e-14, df) * sd / np.sqrt(df)
    return integrate.quad(integrand, lo, hi, limit=400, epsabs=1e-12)[0]


mdm = []
for n, sd, alpha, power in [(100, 1.0, 0.05, 0.8), (20, 0.3, 0.05, 0.9), (12, 2.0, 0.025, 0.8), (1000, 0.05, 0.05, 0.8)]:
    df = n - 1
    margin = (stats.t.ppf(1 - alpha, df) + stats.t.ppf(1 - (1 - power) / 2, df)) * sd / np.sqrt(n)
    mdm.append({
        'call': f'(t.ppf(1-{alpha}, {df}) + t.ppf(1-(1-{power})/2, {df})) * {sd}/sqrt({n}); exact paired TOST power by quad over the chi law of s',
        'n': n, 'sd': sd, 'alpha': alpha, 'power': power, 'paired': True,
        'margin': float(margin), 'exactPower': float(tost_power_paired(n, sd, margin, alpha)),
    })
for n, sd, alpha, power in [(50, 1.0, 0.05, 0.8)]:
    df = 2 * n - 2
    margin = (stats.t.ppf(1 - alpha, df) + stats.t.ppf(1 - (1 - power) / 2, df)) * sd * np.sqrt(2 / n)
    mdm.append({'call': f'(t.ppf(1-{alpha}, {df}) + t.ppf(1-(1-{power})/2, {df})) * {sd} * sqrt(2/{n})',
                'n': n, 'sd': sd, 'alpha': alpha, 'power': power, 'paired': False, 'margin': float(margin)})
out['minimumDetectableMargin'] = mdm

json.dump(out, sys.stdout, indent=1)
sys.stdout.write('\n')
