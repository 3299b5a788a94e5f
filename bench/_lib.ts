import { cpuUsage, resourceUsage } from 'node:process';

/** A benchmark case: `setup` builds inputs once (not timed), `run` is timed `runs` times. */
export interface BenchCase {
  name: string;
  /** Number of timed runs; the median is reported. @defaultValue 3 */
  runs?: number;
  /** What one run processes, for the throughput line, e.g. `{ count: 2_000_000, unit: 'events' }`. */
  work?: { count: number; unit: string };
  setup(): unknown | Promise<unknown>;
  run(input: any): unknown | Promise<unknown>;
  /** Optional one-line summary of the last run's result (e.g. the verdict), to show it did real work. */
  describe?(result: any): string;
}

const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;
/** The middle value (the upper one of an even count), as the bench has always reported. */
const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Runs one case and prints: name, median ms (min–max), throughput, heap before/peak, and per run
 * the median CPU time of the process (all threads: DuckDB's included) and its median count of
 * minor page faults (first writes to fresh memory pages: on a VM each can cost 10 µs or more, see
 * docs/engines.md).
 */
export async function runCase(c: BenchCase): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  const input = await c.setup();
  gc?.();
  const heapInputs = process.memoryUsage().heapUsed;
  const times: number[] = [];
  const cpus: number[] = [];
  const faults: number[] = [];
  let peak = 0;
  let result: unknown;
  for (let i = 0; i < (c.runs ?? 3); i++) {
    gc?.();
    const base = process.memoryUsage().heapUsed;
    const timer = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().heapUsed - base);
    }, 5);
    const f0 = resourceUsage().minorPageFault;
    const c0 = cpuUsage();
    const t0 = performance.now();
    result = await c.run(input);
    times.push(performance.now() - t0);
    const cpu = cpuUsage(c0);
    cpus.push((cpu.user + cpu.system) / 1000);
    faults.push(resourceUsage().minorPageFault - f0);
    clearInterval(timer);
    peak = Math.max(peak, process.memoryUsage().heapUsed - base);
  }
  times.sort((a, b) => a - b);
  const med = median(times);
  const rate = c.work ? ` · ${((c.work.count / med) * 1000 / 1e6).toFixed(2)} M ${c.work.unit}/s` : '';
  console.log(
    `${c.name.padEnd(52)} ${med.toFixed(0).padStart(6)} ms (min ${times[0].toFixed(0)}, max ${times[times.length - 1].toFixed(0)})${rate}` +
      ` · heap: inputs ${mb(heapInputs)}, +${mb(peak)} during run` +
      ` · per run: CPU ${median(cpus).toFixed(0)} ms, ${median(faults).toLocaleString('en-US')} minor page faults`,
  );
  if (c.describe) console.log(`  ${c.describe(result)}`);
}
