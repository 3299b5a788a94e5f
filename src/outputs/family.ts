/**
 * Multiple-testing families for the statistical checks: a family is a named group of `size`
 * assertions whose p-values are adjusted together (Holm by default, or BH). A check is told the
 * p-values of the members already recorded; members not yet seen count as p = 1, which can only
 * raise the adjusted p-value (Holm, Bonferroni, BH and BY adjusted p-values are non-decreasing in
 * every other p-value), so the decision made early never has to be revised upwards.
 */
import { ShadowOptionError, assertKnownKeys, assertNumber, assertOneOf, assertPlainObject, describeValue } from '../_internal/options.js';
import { adjustPValues, type PAdjustMethod } from '../stats/adjustPValues.js';

/** The `family` option of the statistical checks. */
export interface FamilyOption {
  /** Name of the family; every member uses the same name, size and method. */
  name: string;
  /** Number of assertions in the family (the m of the adjustment). */
  size: number;
  /**
   * Adjustment: 'holm' (family-wise error) or 'bh' (false discovery rate); 'bonferroni' and 'by' too.
   * @defaultValue 'holm'
   */
  method?: PAdjustMethod;
  /**
   * Raw p-values of the other members recorded so far (the matchers fill this from their
   * registry). Unseen members count as p = 1.
   * @defaultValue []
   */
  pValues?: readonly number[];
}

/** What a report records about its family. */
export interface FamilyRecord {
  name: string;
  method: PAdjustMethod;
  size: number;
  /** Members with a p-value when this one was decided, itself included. */
  seen: number;
  /** This member's raw p-value. */
  pValue: number;
  /** Its adjusted p-value over the family (unseen members at p = 1). */
  adjustedPValue: number;
}

/** Validates a family option. */
export function checkFamily(fn: string, family: unknown): Required<FamilyOption> {
  assertPlainObject(fn, 'family', family);
  assertKnownKeys(fn, 'family', family, ['name', 'size', 'method', 'pValues']);
  if (typeof family.name !== 'string' || family.name.length === 0) {
    throw new ShadowOptionError(`${fn}: family.name must be a non-empty string, got ${describeValue(family.name)}`);
  }
  assertNumber(fn, 'family.size', family.size, { min: 1, integer: true });
  const method = family.method ?? 'holm';
  assertOneOf(fn, 'family.method', method, ['holm', 'bh', 'bonferroni', 'by'] as const);
  const pValues = family.pValues ?? [];
  if (!Array.isArray(pValues)) throw new ShadowOptionError(`${fn}: family.pValues must be an array of p-values, got ${describeValue(pValues)}`);
  if (pValues.length > family.size - 1) {
    throw new ShadowOptionError(
      `${fn}: family '${family.name}' has size ${family.size} but this is member ${pValues.length + 1}; raise family.size to the number of assertions in the family`,
    );
  }
  return { name: family.name, size: family.size, method, pValues };
}

/** The adjusted p-value of one member. */
export function adjustInFamily(family: Required<FamilyOption>, pValue: number): FamilyRecord {
  const all = [pValue, ...family.pValues];
  while (all.length < family.size) all.push(1);
  return {
    name: family.name,
    method: family.method,
    size: family.size,
    seen: family.pValues.length + 1,
    pValue,
    adjustedPValue: adjustPValues(all, family.method)[0],
  };
}
