/** Runs with a nondeterministic field `score` flipped on an exact, injected share of records. */
export function run(n: number, flipEvery: (i: number) => boolean, tag = 'x') {
  return Array.from({ length: n }, (_, i) => ({ id: i, type: i % 2 ? 'click' : 'view', amount: i % 97, score: flipEvery(i) ? `${tag}${i}` : 'stable' }));
}
/** Exactly `share` of n records selected (every k-th, rounded so the count is exact). */
export const every = (n: number, share: number) => {
  const k = Math.round(n * share);
  return (i: number) => Math.floor(((i + 1) * k) / n) !== Math.floor((i * k) / n);
};
