/**
 * Eager option validation shared by every engine function.
 *
 * Error text always names the function, the option path and the value received, and for an
 * unknown key suggests the nearest valid one:
 * `compareEvents: fields.price.abs must be a finite number >= 0, got -1`.
 */
import { ShadowOptionError } from '../errors.js';

export { ShadowOptionError, ShadowDataError } from '../errors.js';

/** Short, single-line rendering of a value for error messages. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (value === undefined || value === null || typeof value === 'boolean') return String(value);
  if (typeof value === 'function') return 'a function';
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (value instanceof Date) return `Date(${value.toISOString?.() ?? 'invalid'})`;
  return 'an object';
}

/** Levenshtein distance, used only to suggest the nearest option name. */
function editDistance(a: string, b: string): number {
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}

/** The valid name nearest to `name`, or undefined when none is plausibly meant. */
export function nearest(name: string, valid: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  const lower = name.toLowerCase();
  for (const v of valid) {
    const d = editDistance(lower, v.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = v;
    }
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(best.length / 3)) ? best : undefined;
}

/** Throws when `value` is not a plain object. */
export function assertPlainObject(fn: string, path: string, value: unknown): asserts value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ShadowOptionError(`${fn}: ${path} must be an object, got ${describeValue(value)}`);
  }
}

/**
 * Throws on any own key of `obj` that is not in `valid`, suggesting the nearest valid name.
 * @param path - the option path of `obj` ('' for the top-level options object)
 */
export function assertKnownKeys(fn: string, path: string, obj: object, valid: readonly string[]): void {
  for (const key of Object.keys(obj)) {
    if (valid.includes(key)) continue;
    const where = path ? `${path}.${key}` : key;
    const guess = nearest(key, valid);
    const hint = guess ? `; did you mean '${guess}'?` : `; valid options are ${valid.map((v) => `'${v}'`).join(', ')}`;
    throw new ShadowOptionError(`${fn}: unknown option '${where}'${hint}`);
  }
}

/** Throws unless `value` is a finite number >= min (and <= max when given). */
export function assertNumber(
  fn: string,
  path: string,
  value: unknown,
  { min = -Infinity, max = Infinity, integer = false }: { min?: number; max?: number; integer?: boolean } = {},
): asserts value is number {
  const ok =
    typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max && (!integer || Number.isInteger(value));
  if (!ok) {
    const kind = integer ? 'an integer' : 'a finite number';
    const range =
      min > -Infinity && max < Infinity ? ` in [${min}, ${max}]` : min > -Infinity ? ` >= ${min}` : max < Infinity ? ` <= ${max}` : '';
    throw new ShadowOptionError(`${fn}: ${path} must be ${kind}${range}, got ${describeValue(value)}`);
  }
}

/** Throws unless `value` is a rate in [0, 1]. */
export function assertRate(fn: string, path: string, value: unknown): asserts value is number {
  assertNumber(fn, path, value, { min: 0, max: 1 });
}

/** Throws unless `value` is one of `allowed`. */
export function assertOneOf<T extends string>(fn: string, path: string, value: unknown, allowed: readonly T[]): asserts value is T {
  if (!allowed.includes(value as T)) {
    const guess = typeof value === 'string' ? nearest(value, allowed) : undefined;
    throw new ShadowOptionError(
      `${fn}: ${path} must be one of ${allowed.map((a) => `'${a}'`).join(', ')}, got ${describeValue(value)}` +
        (guess ? `; did you mean '${guess}'?` : ''),
    );
  }
}

/** Throws unless `value` is a non-negative integer seed. */
export function assertSeed(fn: string, path: string, value: unknown): asserts value is number {
  assertNumber(fn, path, value, { min: 0, max: 2 ** 32 - 1, integer: true });
}


/**
 * Refuses a DuckDB memory limit that is not a size (`'2GB'`, `'512MiB'`): DuckDB would answer
 * with a bare "Failed to set config" that names no option.
 */
export function assertMemoryLimit(fn: string, value: unknown): void {
  if (value !== undefined && (typeof value !== 'string' || !/^\d+(\.\d+)?\s*[KMGT]i?B$/i.test(value))) {
    throw new ShadowOptionError(`${fn}: memoryLimit must be a size such as '2GB' or '512MB', got ${describeValue(value)}`);
  }
}
