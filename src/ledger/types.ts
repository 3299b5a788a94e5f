/**
 * Types of the known-differences ledger: a JSON file (schemas/ledger.schema.json) of accepted
 * differences, each with a field, a declarative predicate over the record, a reason, an owner,
 * an expiry date and the size recorded when it was accepted.
 */

/**
 * The version of the ledger file format.
 *
 * @example
 * const ledger: Ledger = { version: LEDGER_VERSION, entries: [] };
 */
export const LEDGER_VERSION = 1 as const;

/**
 * Comparison operators of a {@link LedgerCondition}.
 *
 * @example
 * const op: LedgerOp = 'matches';
 */
export type LedgerOp = 'eq' | 'ne' | 'in' | 'lt' | 'lte' | 'gt' | 'gte' | 'exists' | 'matches';

/**
 * One condition on a record: `field` is a dotted path read on `side` (legacy by default), or
 * `'$key'` for the record's key as displayed in reports.
 *
 * @example
 * const c: LedgerCondition = { field: 'country', op: 'in', value: ['de', 'at'] };
 */
export interface LedgerCondition {
  field: string;
  side?: 'legacy' | 'shadow';
  op: LedgerOp;
  /** The operand: a JSON scalar (eq, ne, lt…), an array (in), a boolean (exists) or a regular expression source (matches). */
  value?: unknown;
}

/**
 * A small declarative predicate that serialises: a condition, or all/any/not of predicates, or
 * `'all'` for every record whose field differs.
 *
 * @example
 * const p: LedgerPredicate = { all: [{ field: 'type', op: 'eq', value: 'refund' }, { field: 'ts', side: 'shadow', op: 'exists', value: true }] };
 */
export type LedgerPredicate = 'all' | LedgerCondition | { all: LedgerPredicate[] } | { any: LedgerPredicate[] } | { not: LedgerPredicate };

/**
 * One accepted difference.
 *
 * @example
 * const e: LedgerEntry = { id: 'ts-iso', field: 'ts', records: { field: 'source', op: 'eq', value: 'mobile' },
 *   why: 'mobile writer emits ISO strings until v2.3', owner: 'data-eng@example.com', expires: '2027-03-31', size: 120 };
 */
export interface LedgerEntry {
  /** A stable name, used in every message about the entry. */
  id: string;
  /** The field whose differences the entry accepts (dotted path, as in reports). */
  field: string;
  /** Which records: a predicate over the key and values. */
  records: LedgerPredicate;
  /** Why the difference is accepted. */
  why: string;
  /** Who owns removing it. */
  owner: string;
  /** Last day (YYYY-MM-DD, UTC) the entry is valid; after it the entry fails. */
  expires: string;
  /** Differences the entry covered when accepted; growing beyond it fails. */
  size: number;
}

/**
 * The ledger file.
 *
 * @example
 * const ledger: Ledger = { version: 1, entries: [] };
 */
export interface Ledger {
  $schema?: string;
  version: typeof LEDGER_VERSION;
  entries: LedgerEntry[];
}

/**
 * How one entry fared in a comparison.
 *
 * @example
 * report.known?.entries.filter((e) => e.status !== 'ok');
 */
export interface KnownDifferenceEntry {
  id: string;
  field: string;
  owner: string;
  expires: string;
  why: string;
  /** The size recorded when accepted. */
  acceptedSize: number;
  /** Differences the entry covers in this comparison. */
  size: number;
  /** `ok`, `grown` (size > acceptedSize), `expired` (today > expires: covers nothing), `unused` (size 0: remove it). */
  status: 'ok' | 'grown' | 'expired' | 'unused';
}

/**
 * The known differences part of every report that takes a ledger.
 *
 * @example
 * report.known.total; // mismatches counted as known, not as failures
 */
export interface KnownDifferences {
  /** Differences covered by a valid entry. */
  total: number;
  /** The date expiries were checked against. */
  today: string | null;
  entries: KnownDifferenceEntry[];
}
