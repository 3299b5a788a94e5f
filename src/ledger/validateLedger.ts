import { ShadowOptionError, describeValue } from '../_internal/options.js';
import { LEDGER_VERSION, type Ledger, type LedgerPredicate } from './types.js';

const OPS = ['eq', 'ne', 'in', 'lt', 'lte', 'gt', 'gte', 'exists', 'matches'] as const;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `s` is a real calendar date written YYYY-MM-DD. */
export function isIsoDate(s: unknown): s is string {
  if (typeof s !== 'string') return false;
  const m = DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

function checkPredicate(p: unknown, where: string, fail: (msg: string) => never): void {
  if (p === 'all') return;
  if (typeof p !== 'object' || p === null || Array.isArray(p)) fail(`${where} must be 'all', a condition { field, op, value } or { all | any | not }, got ${describeValue(p)}`);
  const o = p as Record<string, unknown>;
  const keys = Object.keys(o);
  if ('all' in o || 'any' in o) {
    const k = 'all' in o ? 'all' : 'any';
    if (keys.length !== 1) fail(`${where} has ${keys.map((x) => `'${x}'`).join(', ')}: '${k}' stands alone`);
    const list = o[k];
    if (!Array.isArray(list) || list.length === 0) fail(`${where}.${k} must be a non-empty array of predicates, got ${describeValue(list)}`);
    (list as unknown[]).forEach((q, i) => checkPredicate(q, `${where}.${k}[${i}]`, fail));
    return;
  }
  if ('not' in o) {
    if (keys.length !== 1) fail(`${where} has ${keys.map((x) => `'${x}'`).join(', ')}: 'not' stands alone`);
    checkPredicate(o.not, `${where}.not`, fail);
    return;
  }
  for (const k of keys) if (!['field', 'side', 'op', 'value'].includes(k)) fail(`${where} has an unknown key '${k}' (a condition has field, side, op, value)`);
  if (typeof o.field !== 'string' || !o.field || o.field.split('.').some((s) => !s)) fail(`${where}.field must be a field path or '$key', got ${describeValue(o.field)}`);
  if (o.side !== undefined && o.side !== 'legacy' && o.side !== 'shadow') fail(`${where}.side must be 'legacy' or 'shadow', got ${describeValue(o.side)}`);
  if (!OPS.includes(o.op as (typeof OPS)[number])) fail(`${where}.op must be one of ${OPS.join(', ')}, got ${describeValue(o.op)}`);
  const v = o.value;
  const scalar = (x: unknown) => x === null || ['string', 'number', 'boolean'].includes(typeof x);
  switch (o.op) {
    case 'in':
      if (!Array.isArray(v) || !v.every(scalar)) fail(`${where}.value must be an array of JSON scalars for op 'in', got ${describeValue(v)}`);
      break;
    case 'exists':
      if (typeof v !== 'boolean') fail(`${where}.value must be true or false for op 'exists', got ${describeValue(v)}`);
      break;
    case 'matches':
      if (typeof v !== 'string') fail(`${where}.value must be a regular expression source for op 'matches', got ${describeValue(v)}`);
      try {
        new RegExp(v as string, 'u');
      } catch (e) {
        fail(`${where}.value is not a valid regular expression: ${(e as Error).message}`);
      }
      break;
    case 'lt':
    case 'lte':
    case 'gt':
    case 'gte':
      if (typeof v !== 'number' && typeof v !== 'string') fail(`${where}.value must be a number or a string for op '${o.op}', got ${describeValue(v)}`);
      break;
    default:
      if (!scalar(v)) fail(`${where}.value must be a JSON scalar for op '${o.op}', got ${describeValue(v)}`);
  }
}

/**
 * Validates a ledger (parsed JSON) and returns it typed. Every problem names the entry (by id and
 * position) and the problem: a malformed predicate, a date that is not a real YYYY-MM-DD, a
 * negative size, a duplicate id.
 *
 * @param source - where the ledger came from (a file name), named in errors
 * @example
 * validateLedger({ version: 1, entries: [] }); // => { version: 1, entries: [] }
 */
export function validateLedger(ledger: unknown, source = 'ledger'): Ledger {
  const fail = (msg: string): never => {
    throw new ShadowOptionError(`${source}: ${msg}`);
  };
  if (typeof ledger !== 'object' || ledger === null || Array.isArray(ledger)) fail(`must be an object { version: 1, entries: [...] }, got ${describeValue(ledger)}`);
  const l = ledger as Record<string, unknown>;
  for (const k of Object.keys(l)) if (!['$schema', 'version', 'entries'].includes(k)) fail(`unknown key '${k}' (a ledger has $schema, version, entries)`);
  if (l.version !== LEDGER_VERSION) fail(`version must be ${LEDGER_VERSION}, got ${describeValue(l.version)}`);
  if (!Array.isArray(l.entries)) fail(`entries must be an array, got ${describeValue(l.entries)}`);
  const ids = new Set<string>();
  (l.entries as unknown[]).forEach((e, i) => {
    const name = typeof (e as { id?: unknown })?.id === 'string' ? `entry '${(e as { id: string }).id}' (entries[${i}])` : `entries[${i}]`;
    const bad = (msg: string): never => fail(`${name}: ${msg}`);
    if (typeof e !== 'object' || e === null || Array.isArray(e)) bad(`must be an object, got ${describeValue(e)}`);
    const x = e as Record<string, unknown>;
    for (const k of Object.keys(x)) if (!['id', 'field', 'records', 'why', 'owner', 'expires', 'size'].includes(k)) bad(`unknown key '${k}'`);
    if (typeof x.id !== 'string' || !x.id) bad(`id must be a non-empty string, got ${describeValue(x.id)}`);
    if (ids.has(x.id as string)) bad('id is used by an earlier entry');
    ids.add(x.id as string);
    if (typeof x.field !== 'string' || !x.field || x.field.split('.').some((s) => !s)) bad(`field must be a field path, got ${describeValue(x.field)}`);
    for (const k of ['why', 'owner'] as const) if (typeof x[k] !== 'string' || !(x[k] as string).trim()) bad(`${k} must be a non-empty string, got ${describeValue(x[k])}`);
    if (!isIsoDate(x.expires)) bad(`expires must be a date YYYY-MM-DD, got ${describeValue(x.expires)}`);
    if (typeof x.size !== 'number' || !Number.isInteger(x.size) || x.size < 0) bad(`size must be an integer >= 0 (differences covered when accepted), got ${describeValue(x.size)}`);
    checkPredicate(x.records, 'records', bad);
  });
  return ledger as Ledger;
}

export type { LedgerPredicate };
