import { compileGetter, type Getter } from '../../_internal/path.js';
import type { LedgerCondition, LedgerPredicate } from '../types.js';

/** A record as a ledger predicate sees it. */
export interface LedgerRecord {
  key: unknown;
  legacy: Record<string, unknown>;
  shadow: Record<string, unknown>;
}

function compare(a: unknown, b: unknown): number | undefined {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  return undefined;
}

/** Compiles a validated predicate to a function of the record. */
export function compilePredicate(p: LedgerPredicate): (r: LedgerRecord) => boolean {
  if (p === 'all') return () => true;
  if ('all' in p) {
    const fs = p.all.map(compilePredicate);
    return (r) => fs.every((f) => f(r));
  }
  if ('any' in p) {
    const fs = p.any.map(compilePredicate);
    return (r) => fs.some((f) => f(r));
  }
  if ('not' in p) {
    const f = compilePredicate(p.not);
    return (r) => !f(r);
  }
  const c = p as LedgerCondition;
  const get: Getter = c.field === '$key' ? (r) => (r as LedgerRecord).key : ((g: Getter) => (r: unknown) => g((r as LedgerRecord)[c.side ?? 'legacy']))(compileGetter(c.field));
  const v = c.value;
  switch (c.op) {
    case 'eq':
      return (r) => get(r) === v;
    case 'ne':
      return (r) => get(r) !== v;
    case 'in': {
      const set = new Set(v as unknown[]);
      return (r) => set.has(get(r));
    }
    case 'exists':
      return (r) => (get(r) !== undefined && get(r) !== null) === v;
    case 'matches': {
      const re = new RegExp(v as string, 'u');
      return (r) => {
        const x = get(r);
        return typeof x === 'string' && re.test(x);
      };
    }
    default: {
      const op = c.op;
      return (r) => {
        const d = compare(get(r), v);
        if (d === undefined) return false;
        return op === 'lt' ? d < 0 : op === 'lte' ? d <= 0 : op === 'gt' ? d > 0 : d >= 0;
      };
    }
  }
}
