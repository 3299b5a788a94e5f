import type { RunFile } from '../types.js';

/**
 * The run's headline, shared by the Markdown and the HTML: `fail` when Vitest reported unhandled
 * errors or any check failed or errored, `warn` when a check was inconclusive, the run was
 * interrupted, or no check ran at all (no tests, all skipped, a `-t` filter that matched nothing),
 * `pass` only when at least one check ran and every check passed in a run without unhandled errors.
 *
 * @example
 * headline(run); // => { level: 'warn', text: 'no checks ran' }
 */
export function headline(run: RunFile): { level: 'pass' | 'warn' | 'fail'; text: string } {
  const s = run.summary;
  const bad = s.fail + s.error;
  const parts: string[] = [];
  const unhandled = run.unhandledErrors?.length ?? 0;
  if (unhandled > 0) parts.push(`run failed: ${unhandled} unhandled error${unhandled === 1 ? '' : 's'}`);
  else if (run.reason === 'interrupted') parts.push('run interrupted');
  if (s.checks === 0) parts.push('no checks ran');
  else if (bad === 0 && s.inconclusive === 0) parts.push(parts.length ? `${s.pass} checks pass` : 'all checks pass');
  else parts.push(`${bad} failing, ${s.inconclusive} inconclusive`);
  const level = unhandled > 0 || bad > 0 ? 'fail' : s.checks === 0 || s.inconclusive > 0 || run.reason === 'interrupted' ? 'warn' : 'pass';
  return { level, text: parts.join(' · ') };
}
