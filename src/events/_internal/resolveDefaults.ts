import { ShadowOptionError, assertKnownKeys, assertPlainObject } from '../../_internal/options.js';
import type { FieldRule } from '../../tolerance/compileFieldRule.js';
import type { ValueType } from '../compareEvents.js';

/** The value types `defaults` may name, in the order a value is classified. */
export const VALUE_TYPES = ['number', 'string', 'boolean', 'array'] as const satisfies readonly ValueType[];

/**
 * Validates the `defaults` option (rules by value type for fields without a rule of their own) the
 * same way in both engines: known type names only, and each rule accepted by the engine's own rule
 * compiler (`check`), its errors naming `defaults.<type>`.
 */
export function resolveDefaults(
  fn: string,
  raw: Partial<Record<ValueType, FieldRule>> | undefined,
  check: (path: string, rule: FieldRule) => void,
): Map<ValueType, FieldRule> {
  const defaults = new Map<ValueType, FieldRule>();
  if (raw === undefined) return defaults;
  assertPlainObject(fn, 'defaults', raw);
  assertKnownKeys(fn, 'defaults', raw, VALUE_TYPES);
  for (const t of VALUE_TYPES) {
    const rule = raw[t];
    if (rule === undefined) continue;
    try {
      check(`defaults.${t}`, rule);
    } catch (e) {
      if (e instanceof ShadowOptionError) throw new ShadowOptionError(e.message.replaceAll(`fields.defaults.${t}`, `defaults.${t}`));
      throw e;
    }
    defaults.set(t, rule);
  }
  return defaults;
}
