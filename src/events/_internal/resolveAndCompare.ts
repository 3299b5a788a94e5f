import type { Row } from '../../dataset/toRows.js';
import type { Scratch } from '../../join/_internal/Scratch.js';
import type { Pairing } from '../../join/pairRows.js';
import { comparePairs, type PairComparison } from './comparePairs.js';
import { PathTree, discoverFields, type DiscoveredPath } from './discoverFields.js';
import { renamePath } from './renamePath.js';
import type { ResolvedEventOptions } from './resolveEventOptions.js';
import { resolveDiscoveredFields, resolveFields, shadowDeclared, type Field, type ResolvedFields } from './resolveFields.js';

/** Shadow rows read in array order to guess fields legacy does not have (a column the shadow added). */
const SAMPLE = 1024;

/** Whether two field lists compare the same way: same paths, shadow paths and kinds, in order. */
function sameFields(a: readonly Field[], b: readonly Field[]): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) {
    if (a[k].name !== b[k].name || a[k].shadowName !== b[k].shadowName || a[k].container !== b[k].container) return false;
  }
  return true;
}

/**
 * Steps 3 and 4 of compareEvents: the fields to compare (resolveFields) and the field loop over
 * the pairs (comparePairs), giving exactly what those two give in sequence.
 *
 * The shadow's fields are found while its rows are compared, in legacy order, rather than in a
 * walk of the shadow array of its own: when the shadow array is in another order than its rows
 * lie in memory (a shuffled or sorted array of the rows), that walk is a cache miss per row and
 * per nested value, about a second on a million events. The fields are first resolved from the
 * legacy paths, the declared rules and the paths of the first shadow rows; once every shadow row
 * has been walked (paired rows during the comparison, the others after it, in array order) they
 * are resolved again from the real shadow paths. When both resolutions give the same fields (the
 * schemas agree, the usual case) the comparison stands; otherwise it runs again on the real
 * fields. Paths are listed in first-sight order (PathTree), so the report does not depend on
 * the order the rows were walked in.
 *
 * Not used with `ignoreFieldCase` or `defaults`, whose resolution reads every shadow value.
 * The |delta| buffers come from `scratch`, which the join has finished with. With `verifyKeys`
 * every pair's keys are checked in the field loop (see pairAndCompare).
 */
export function resolveAndCompare(
  lrows: readonly Row[],
  srows: readonly Row[],
  pairing: Pairing,
  o: ResolvedEventOptions,
  scratch: Scratch,
  verifyKeys: boolean,
): { rf: ResolvedFields; compared: PairComparison } {
  if (o.ignoreFieldCase || o.defaults.size > 0) {
    const rf = resolveFields(lrows, srows, o);
    return { rf, compared: comparePairs(lrows, srows, pairing, rf.fields, o.key, o.maxExamples, null, scratch, verifyKeys) };
  }
  const declared = [...o.fields.keys()];
  const lpaths = discoverFields(lrows, declared);
  const sample = new PathTree(shadowDeclared(o));
  for (let j = 0; j < Math.min(SAMPLE, srows.length); j++) sample.add(srows[j], j);
  const guess: DiscoveredPath[] = lpaths.map((p) => ({ ...p, path: renamePath(p.path, o.rename) }));
  const known = new Set(guess.map((p) => p.path));
  for (const p of sample.paths()) if (!known.has(p.path)) guess.push(p);
  const provisional = resolveDiscoveredFields(lrows, srows, o, lpaths, guess);

  const tree = new PathTree(shadowDeclared(o));
  const compared = comparePairs(lrows, srows, pairing, provisional.fields, o.key, o.maxExamples, tree, scratch, verifyKeys);
  const seen = new Uint8Array(srows.length);
  const pair = pairing.pair;
  for (let i = 0; i < pair.length; i++) if (pair[i] >= 0) seen[pair[i]] = 1;
  for (let j = 0; j < srows.length; j++) if (seen[j] === 0) tree.add(srows[j], j);

  const rf = resolveDiscoveredFields(lrows, srows, o, lpaths, tree.paths());
  if (!sameFields(provisional.fields, rf.fields)) {
    scratch.reset(); // the provisional fields' deltas are dropped
    return { rf, compared: comparePairs(lrows, srows, pairing, rf.fields, o.key, o.maxExamples, null, scratch, verifyKeys) };
  }
  for (let k = 0; k < rf.fields.length; k++) provisional.fields[k].presence = rf.fields[k].presence;
  return { rf: { ...rf, fields: provisional.fields }, compared };
}
