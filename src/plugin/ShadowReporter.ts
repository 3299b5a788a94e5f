import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { accessSync, appendFileSync, constants, existsSync, mkdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { ShadowOptionError } from '../errors.js';
import { appendHistory } from '../history/appendHistory.js';
import { readHistory } from '../history/readHistory.js';
import { safeName } from '../history/safeName.js';
import type { HistoryRecord } from '../history/types.js';
import { recordProblem } from '../history/_internal/validateRecord.js';
import { collectEntries, collectTaskError, forgetShadowFiles, type FailedTaskLike, type TestCaseLike } from './_internal/collectEntries.js';
import { headline } from './_internal/headline.js';
import { uplotAssets } from './_internal/uplotAssets.js';
import { renderHtml } from './renderHtml.js';
import { renderJunit } from './renderJunit.js';
import { renderMarkdown } from './renderMarkdown.js';
import type { RunEntry, RunFile, ShadowPluginOptions } from './types.js';

/**
 * The file names written into `outputDir` on every run.
 *
 * @example
 * join('shadow-reports', OUTPUT_FILES.html); // => 'shadow-reports/shadow-report.html'
 */
export const OUTPUT_FILES = {
  json: 'shadow-report.json',
  markdown: 'shadow-summary.md',
  junit: 'shadow-junit.xml',
  html: 'shadow-report.html',
} as const;

interface VitestLike {
  config: { root: string };
  logger?: { log(...a: unknown[]): void; error(...a: unknown[]): void };
}
interface ModuleLike {
  moduleId?: string;
  children: { allTests(): Iterable<TestCaseLike>; allSuites?(): Iterable<FailedTaskLike> };
  /** Errors of the file outside any test (file-level hooks, a file that failed to load). */
  errors?(): readonly { message?: string; name?: string }[];
}

/** Checks that `dir` exists or can be made, and takes a file; throws naming the directory otherwise. */
function assertWritable(dir: string, what: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
    const probe = join(dir, `.vitest-shadow-probe-${process.pid}`);
    writeFileSync(probe, '');
    unlinkSync(probe);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    throw new ShadowOptionError(`vitest-shadow: ${what} ${dir} is not writable (${code}); set shadowPlugin({ ${what}: ... }) to a directory this run can write`);
  }
}

/**
 * The Vitest reporter behind {@link shadowPlugin}. It collects every Report recorded on `task.meta`
 * (by defineShadowSuite tests and by the matchers) and, when the run ends, writes the run's JSON,
 * Markdown summary (also appended to `$GITHUB_STEP_SUMMARY` when set), JUnit XML and HTML report
 * into `outputDir`, and appends one history record per event type and tier to `historyDir`.
 * On a terminal outside CI it prints progress (rows per second, ETA) as tests finish.
 *
 * Nothing that Vitest reports as failed is recorded as a pass: which tests, describe blocks and files
 * become checks is decided by `collectEntries`/`collectTaskError` (docs/plugin.md, "Which tests are
 * checks"). Vitest's unhandled errors and its end reason are kept in the run file and fail the
 * headline; a run with no check says "no checks ran". A history record that cannot be stored is
 * named on stderr and left out (or, for bad `pipelines` metrics, stored without them); it never
 * costs the other records or the HTML.
 *
 * Hooks used (Vitest 4.1 and 5): onInit, onTestRunStart, onTestModuleCollected, onTestCaseResult, onTestRunEnd.
 *
 * @example
 * // vitest.config.ts
 * export default defineConfig({ test: { reporters: ['default', new ShadowReporter({ outputDir: 'out' })] } });
 */
export class ShadowReporter {
  private readonly o: ShadowPluginOptions;
  private vitest?: VitestLike;
  private root = process.cwd();
  private started = 0;
  private total = 0;
  private done = 0;
  private progress = false;

  constructor(options: ShadowPluginOptions = {}) {
    this.o = options;
  }

  onInit(vitest: VitestLike): void {
    this.vitest = vitest;
    this.root = vitest.config.root ?? process.cwd();
    this.started = Date.now();
    assertWritable(this.outputDir(), 'outputDir');
    if (this.o.historyDir !== undefined) assertWritable(resolve(this.root, this.o.historyDir), 'historyDir');
    const p = this.o.progress ?? 'auto';
    this.progress = p === 'auto' ? !!process.stderr.isTTY && !process.env.CI : p;
  }

  onTestRunStart(): void {
    forgetShadowFiles();
    // Each run (a watch-mode rerun too) counts its own tests and time.
    this.started = Date.now();
    this.total = 0;
    this.done = 0;
  }

  onTestModuleCollected(mod: ModuleLike): void {
    for (const _ of mod.children.allTests()) this.total++;
  }

  onTestCaseResult(tc: TestCaseLike): void {
    this.done++;
    // A skipped test ran nothing: counted, not reported as rows compared.
    if (!this.progress || tc.result().state === 'skipped' || tc.result().state === 'pending') return;
    const entries = collectEntries(tc, this.root);
    const rows = entries.reduce((a, e) => a + (e.rows ? e.rows.legacy + e.rows.shadow : 0), 0);
    const secs = (tc.diagnostic()?.duration ?? 0) / 1000;
    const elapsed = (Date.now() - this.started) / 1000;
    const eta = this.done > 0 && this.total > this.done ? (elapsed / this.done) * (this.total - this.done) : 0;
    const what = entries[0] ? `${entries[0].eventType}/${entries[0].tier}` : tc.name;
    const rate = rows > 0 && secs > 0 ? ` · ${Math.round(rows / secs).toLocaleString('en-US')} rows/s` : '';
    process.stderr.write(`  shadow ▸ ${what}: ${rows.toLocaleString('en-US')} rows in ${secs.toFixed(1)} s${rate} · ${this.done}/${this.total} tests · ETA ${Math.ceil(eta)} s\n`);
  }

  /** Writes the artefacts and appends history; `unhandledErrors` and `reason` as Vitest passes them. */
  async onTestRunEnd(testModules: readonly ModuleLike[], unhandledErrors: readonly { message?: string; name?: string }[] = [], reason?: RunFile['reason']): Promise<void> {
    const entries: RunEntry[] = [];
    for (const m of testModules) {
      // A file or describe block that failed outside its tests (a hook, a load error) ran no check.
      if (m.errors && m.moduleId !== undefined) {
        const e = collectTaskError({ moduleId: m.moduleId, errors: () => m.errors!() }, this.root);
        if (e) entries.push(e);
      }
      for (const s of m.children.allSuites?.() ?? []) {
        const e = collectTaskError(s, this.root);
        if (e) entries.push(e);
      }
      for (const tc of m.children.allTests()) entries.push(...collectEntries(tc, this.root));
    }
    const timestamp = new Date().toISOString();
    const run: RunFile = {
      version: 1,
      runId: this.o.runId ?? process.env.SHADOW_RUN_ID ?? `${timestamp.replace(/[:.]/g, '-')}-${randomUUID().slice(0, 8)}`,
      timestamp,
      durationMs: Date.now() - this.started,
      summary: {
        checks: entries.length,
        pass: entries.filter((e) => e.verdict === 'pass').length,
        fail: entries.filter((e) => e.verdict === 'fail').length,
        inconclusive: entries.filter((e) => e.verdict === 'inconclusive').length,
        error: entries.filter((e) => e.verdict === 'error').length,
      },
      entries,
    };
    if (reason) run.reason = reason;
    if (unhandledErrors.length > 0) run.unhandledErrors = unhandledErrors.map((e) => `${e.name ? `${e.name}: ` : ''}${(e.message ?? '').split('\n')[0]}`.slice(0, 500));
    const partition = this.o.partition ?? process.env.SHADOW_PARTITION;
    if (partition) run.partition = partition;
    const commit = this.o.commit ?? process.env.SHADOW_COMMIT ?? this.gitCommit();
    if (commit) run.commit = commit;

    const out = this.outputDir();
    mkdirSync(join(out, 'runs'), { recursive: true });
    const runFile = join('runs', `${safeName(run.runId)}.json`);
    const json = `${JSON.stringify(run, null, 1)}\n`;
    writeFileSync(join(out, OUTPUT_FILES.json), json);
    writeFileSync(join(out, runFile), json);
    const md = renderMarkdown(run);
    writeFileSync(join(out, OUTPUT_FILES.markdown), md);
    if (process.env.GITHUB_STEP_SUMMARY) appendFileSync(process.env.GITHUB_STEP_SUMMARY, md);
    writeFileSync(join(out, OUTPUT_FILES.junit), renderJunit(run));

    let history: HistoryRecord[] = [];
    if (this.o.historyDir !== undefined) {
      const dir = resolve(this.root, this.o.historyDir);
      // One record that cannot be stored is reported and left out; it never costs the run's other
      // records or its HTML.
      const records: HistoryRecord[] = [];
      for (const e of entries) {
        let r = this.record(run, e, runFile);
        let problem = recordProblem(r);
        if (problem && r.pipelines) {
          // bad job metrics from the `pipelines` option: keep the verdict, drop the metrics
          this.vitest?.logger?.error(`vitest-shadow: pipelines of '${e.eventType}' not stored: ${problem}`);
          r = { ...r };
          delete r.pipelines;
          problem = recordProblem(r);
        }
        if (problem) this.vitest?.logger?.error(`vitest-shadow: history record of '${e.test}' (${e.eventType}/${e.tier}) not stored: ${problem}`);
        else records.push(r);
      }
      try {
        await appendHistory(dir, records);
        const read = await readHistory(dir);
        history = read.records;
        for (const p of read.problems) this.vitest?.logger?.error(`vitest-shadow: history ${p.file}:${p.line}: ${p.message}`);
      } catch (err) {
        this.vitest?.logger?.error(`vitest-shadow: history not appended to ${dir}: ${(err as Error).message}`);
      }
    }
    writeFileSync(join(out, OUTPUT_FILES.html), renderHtml(run, history, uplotAssets(), this.o.trendNights ?? 30));
    const s = run.summary;
    const h = headline(run);
    this.vitest?.logger?.log(
      `vitest-shadow: ${s.checks} checks (${s.pass} pass, ${s.fail} fail, ${s.inconclusive} inconclusive, ${s.error} error)${s.checks === 0 || run.unhandledErrors || run.reason === 'interrupted' ? ` — ${h.text}` : ''} → ${relative(this.root, out) || '.'}/${OUTPUT_FILES.html}`,
    );
  }

  private outputDir(): string {
    return resolve(this.root, this.o.outputDir ?? 'shadow-reports');
  }

  private gitCommit(): string | undefined {
    try {
      if (!existsSync(this.root)) return undefined;
      return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: this.root, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim() || undefined;
    } catch {
      return undefined;
    }
  }

  private record(run: RunFile, e: RunEntry, reportFile: string): HistoryRecord {
    const r: HistoryRecord = {
      version: 1,
      runId: run.runId,
      timestamp: run.timestamp,
      eventType: e.eventType,
      tier: e.tier,
      test: e.test,
      verdict: e.verdict,
      // As collectEntries kept them (recordReasons): the first 10 and every further code.
      reasons: e.reasons,
      figures: e.figures,
      reportFile,
    };
    if (e.rows) r.rows = e.rows;
    if (e.durationMs !== undefined) r.durationMs = e.durationMs;
    if (run.partition) r.partition = run.partition;
    if (run.commit) r.commit = run.commit;
    if (this.o.reverse) r.reverse = true;
    const p = typeof this.o.pipelines === 'function' ? this.o.pipelines(e.eventType) : this.o.pipelines?.[e.eventType];
    if (p) r.pipelines = p;
    return r;
  }
}
