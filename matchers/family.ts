/**
 * The family registry of the statistical matchers: assertions that pass the same
 * `family: { name, size, method }` are adjusted together for multiple testing (Holm by default,
 * or BH). The registry is a module-level Map, so a family lives within one test file (Vitest
 * isolates each file's modules).
 *
 * Each member is identified by its test's full name plus the assertion's `label` option; running
 * the same member again (a retry, watch mode) replaces its earlier p-value. When one test makes
 * several assertions in a family, give each a distinct `label`. Members not yet run count as
 * p = 1 (see src/outputs/family.ts), so an early member's decision is conservative and
 * never needs revising.
 */
import type { MatcherState } from 'vitest';
import { ShadowOptionError, describeValue } from '../src/_internal/options.js';
import type { FamilyOption } from '../src/outputs/family.js';
import type { PAdjustMethod } from '../src/stats/adjustPValues.js';

/** The `family` option as the matchers take it (the p-values come from the registry). */
export type MatcherFamilyOption = Omit<FamilyOption, 'pValues'>;

interface Family {
  size: number;
  method: PAdjustMethod;
  members: Map<string, number>;
}

const families = new Map<string, Family>();

/** The member identity of an assertion: test name and label. */
export function memberKey(state: MatcherState, label: unknown): string {
  return `${state.currentTestName ?? '(no test)'} › ${typeof label === 'string' ? label : ''}`;
}

/**
 * The engine's family option for this member: the declared family with the p-values of the
 * other members recorded so far. Throws when the family was declared with another size or method.
 */
export function familyFor(matcher: string, family: MatcherFamilyOption | undefined, member: string): FamilyOption | undefined {
  if (family === undefined) return undefined;
  if (family === null || typeof family !== 'object') {
    throw new ShadowOptionError(`${matcher}: family must be an object { name, size, method? }, got ${describeValue(family)}`);
  }
  if ('pValues' in family) {
    throw new ShadowOptionError(`${matcher}: family.pValues is filled by the matcher from the other assertions of the family; remove it`);
  }
  const known = families.get(family.name);
  const method = family.method ?? 'holm';
  if (known && (known.size !== family.size || known.method !== method)) {
    throw new ShadowOptionError(
      `${matcher}: family '${family.name}' was declared with size ${known.size} and method '${known.method}', now with size ${describeValue(family.size)} and method '${method}'; every member must declare the same`,
    );
  }
  const pValues = known ? [...known.members].filter(([k]) => k !== member).map(([, p]) => p) : [];
  return { ...family, pValues };
}

/** Records (or replaces) a member's raw p-value after its check ran. */
export function recordFamilyMember(family: MatcherFamilyOption | undefined, member: string, pValue: number | null): void {
  if (family === undefined || pValue === null) return;
  let f = families.get(family.name);
  if (!f) families.set(family.name, (f = { size: family.size, method: family.method ?? 'holm', members: new Map() }));
  f.members.set(member, pValue);
}

/**
 * Forgets every family (or one), e.g. in `beforeEach` of a test that reuses family names.
 *
 * @example
 * afterAll(() => resetShadowFamilies());
 */
export function resetShadowFamilies(name?: string): void {
  if (name === undefined) families.clear();
  else families.delete(name);
}
