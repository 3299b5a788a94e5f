/** Test timeout from the size of an event type's files: 30 s + 1.5 s per MB, at most one hour. */
export function timeoutFor(bytes: number): number {
  return Math.min(3_600_000, 30_000 + Math.ceil(bytes / 1e6) * 1_500);
}
