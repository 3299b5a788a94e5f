import type { Row } from '../../dataset/toRows.js';
import { pairRowsExact } from '../../join/_internal/pairRowsExact.js';
import { Scratch } from '../../join/_internal/Scratch.js';
import { pairDuplicatesInOrder } from '../../join/pairDuplicatesInOrder.js';
import { FingerprintCollision, pairRows, type Fingerprinter, type Pairing } from '../../join/pairRows.js';
import type { PairComparison } from './comparePairs.js';
import { resolveAndCompare } from './resolveAndCompare.js';
import { FN, type ResolvedEventOptions } from './resolveEventOptions.js';
import type { ResolvedFields } from './resolveFields.js';

/**
 * Steps 2 to 4 of compareEvents: pairs the rows by key, then resolves the fields and compares the
 * pairs (resolveAndCompare).
 *
 * The pairing is taken unverified from pairRows and each pair's keys are checked in the field
 * loop, which reads both rows of every pair anyway: a separate pass in legacy order would fetch
 * every shadow row twice when the shadow lies in memory in another order (a shuffled file loaded
 * as it is). If two different keys ever shared a fingerprint, the field loop throws
 * FingerprintCollision and everything runs again on the exact pairing (pairRowsExact). One
 * Scratch block holds the join's fingerprints, then the fields' |delta| buffers.
 *
 * @param fp - the key fingerprint (tests pass one that collides)
 */
export function pairAndCompare(
  lrows: readonly Row[],
  srows: readonly Row[],
  o: ResolvedEventOptions,
  fp?: Fingerprinter,
): { pairing: Pairing; rf: ResolvedFields; compared: PairComparison } {
  const scratch = new Scratch(12 * (lrows.length + srows.length));
  try {
    const pairing = pairRows(FN, lrows, srows, o.key, fp, scratch, false);
    if (o.duplicateKeys === 'inOrder') pairDuplicatesInOrder(pairing, lrows, srows, o.key);
    return { pairing, ...resolveAndCompare(lrows, srows, pairing, o, scratch, true) };
  } catch (e) {
    if (!(e instanceof FingerprintCollision)) throw e;
    scratch.reset();
    const pairing = pairRowsExact(FN, lrows, srows, o.key);
    if (o.duplicateKeys === 'inOrder') pairDuplicatesInOrder(pairing, lrows, srows, o.key);
    return { pairing, ...resolveAndCompare(lrows, srows, pairing, o, scratch, false) };
  }
}
