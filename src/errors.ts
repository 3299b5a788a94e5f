/** The two kinds of error vitest-shadow throws instead of failing a comparison. */

/**
 * Thrown for bad options and bad receivers: a programming error, never a failed comparison.
 * It is a TypeError, so `.not` can never pass by accident.
 *
 * @example
 * try { compareEvents(legacy, shadow, { key: 'id', minMatchRate: 2 }); }
 * catch (e) { e instanceof ShadowOptionError; } // => true
 */
export class ShadowOptionError extends TypeError {
  override name = 'ShadowOptionError';
}


/**
 * Thrown for problems in the data itself (a malformed line, a cell of the wrong type, a file that
 * is not valid gzip): the message names the file and line. Distinct from ShadowOptionError, which
 * is a programming error.
 *
 * @example
 * try { await loadDataset('events.jsonl'); } catch (e) { if (e instanceof ShadowDataError) console.error(e.message); }
 */
export class ShadowDataError extends Error {
  override name = 'ShadowDataError';
}
