/**
 * The deciding reasons of a Report as a history record keeps them: the first `max` in full, then
 * one entry for each further code not among them (`message` says how many reasons it stands
 * for). Every code of the report stays in the record, so the gate never takes a failure for one
 * made only of known differences because the unknown reason was cut off.
 *
 * @example
 * recordReasons(report.reasons.filter((r) => r.severity !== 'info'))
 */
export function recordReasons(reasons: readonly { code: string; message: string }[], max = 10): { code: string; message: string }[] {
  const out = reasons.slice(0, max).map((r) => ({ code: r.code, message: r.message }));
  const kept = new Set(out.map((r) => r.code));
  const more = new Map<string, number>();
  for (const r of reasons.slice(max)) if (!kept.has(r.code)) more.set(r.code, (more.get(r.code) ?? 0) + 1);
  for (const [code, n] of more) out.push({ code, message: `(${n} more reason${n === 1 ? '' : 's'} with this code, not kept in the history)` });
  return out;
}
