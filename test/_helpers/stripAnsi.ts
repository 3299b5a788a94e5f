/** Removes ANSI colour codes so messages can be pinned with inline snapshots. */
export const stripAnsi = (s: string): string => s.replace(/\u001b\[[0-9;]*m/g, '');

/** Runs fn, which must throw, and returns the thrown message without ANSI codes. */
export function thrownMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return stripAnsi((e as Error).message);
  }
  throw new Error('expected the function to throw');
}
