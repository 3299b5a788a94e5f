/** Maps a legacy path to its shadow path under `rename` (exact, else the longest renamed prefix); `reverse` maps back. */
export function renamePath(path: string, rename: ReadonlyMap<string, string>, reverse = false): string {
  const pairs = reverse ? [...rename].map(([a, b]) => [b, a] as const) : [...rename];
  let best: readonly [string, string] | undefined;
  for (const p of pairs) {
    if ((path === p[0] || path.startsWith(`${p[0]}.`)) && (!best || p[0].length > best[0].length)) best = p;
  }
  return best ? best[1] + path.slice(best[0].length) : path;
}
