import { isPlainObject } from '../../_internal/path.js';

/**
 * Merges a group's override over the base options. Plain objects merge key by key, except under
 * a `fields` key, where each field's rule is replaced whole (a rule `{ abs: 0.1 }` must not inherit
 * a base `{ rel: 0.01 }`). Arrays and functions are replaced. Returns the merged options and the
 * dotted paths the override changed.
 */
export function mergeOptions(base: Record<string, unknown>, override: Record<string, unknown>, prefix = ''): { options: Record<string, unknown>; changed: string[] } {
  const options: Record<string, unknown> = { ...base };
  const changed: string[] = [];
  for (const [k, v] of Object.entries(override)) {
    const path = prefix ? `${prefix}.${k}` : k;
    const b = base[k];
    if (k === 'fields' && isPlainObject(v) && isPlainObject(b)) {
      options[k] = { ...b, ...v };
      for (const f of Object.keys(v)) changed.push(`${path}.${f}`);
    } else if (isPlainObject(v) && isPlainObject(b)) {
      const inner = mergeOptions(b, v, path);
      options[k] = inner.options;
      changed.push(...inner.changed);
    } else {
      options[k] = v;
      changed.push(path);
    }
  }
  return { options, changed };
}
