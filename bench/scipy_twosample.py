"""Times SciPy on the bench's own 1M vs 1M samples (written by bench/stats.ts as float64 files),
so `npm run bench -- stats` prints both figures side by side on the same machine and data.

Usage: python3 bench/scipy_twosample.py <legacy.f64> <shadow.f64>
Prints one JSON line: {scipy, ks: {seconds, statistic, pvalue}, welch: {...}} (median of 3 runs).
"""
import json, sys, time
import numpy as np
import scipy
from scipy import stats

legacy = np.fromfile(sys.argv[1], dtype='<f8')
shadow = np.fromfile(sys.argv[2], dtype='<f8')

def timed(f):
    ts, r = [], None
    for _ in range(3):
        t0 = time.perf_counter()
        r = f()
        ts.append(time.perf_counter() - t0)
    return sorted(ts)[1], r

ks_t, ks = timed(lambda: stats.ks_2samp(shadow, legacy))
w_t, w = timed(lambda: stats.ttest_ind(shadow, legacy, equal_var=False))
print(json.dumps({'scipy': scipy.__version__,
                  'ks': {'seconds': ks_t, 'statistic': float(ks.statistic), 'pvalue': float(ks.pvalue)},
                  'welch': {'seconds': w_t, 'statistic': float(w.statistic), 'pvalue': float(w.pvalue)}}))
