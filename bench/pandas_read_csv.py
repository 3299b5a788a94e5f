"""Times pandas.read_csv on the bench's own CSV file (written by bench/loadDataset.ts), so
`npm run bench -- loadDataset` prints pandas' figure beside loadDataset's on the same machine and file.

Usage: python3 bench/pandas_read_csv.py <events.csv> [runs]
Prints one JSON line: {pandas, seconds (median of runs), runs: [...], cpuSeconds (median), rows, columns, dtypes,
maxRssMb (peak resident set of this process, interpreter and pandas included)}.
"""
import json, resource, sys, time
import pandas as pd

path = sys.argv[1]
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
times, cpu, df = [], [], None
for _ in range(runs):
    df = None
    t0, c0 = time.perf_counter(), time.process_time()
    df = pd.read_csv(path)
    times.append(time.perf_counter() - t0)
    cpu.append(time.process_time() - c0)
print(json.dumps({'pandas': pd.__version__, 'seconds': sorted(times)[len(times) // 2], 'runs': times, 'cpuSeconds': sorted(cpu)[len(cpu) // 2],
                  'rows': int(len(df)), 'columns': list(df.columns),
                  'dtypes': {c: str(t) for c, t in df.dtypes.items()},
                  'maxRssMb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
