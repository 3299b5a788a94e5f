import { canonicalDecimal } from './canonicalDecimal.js';

/** The normalisers a rule may name (`normalize: 'trim'` or a list of them). */
export const NAMED_NORMALIZERS = ['trim', 'casefold', 'nfc', 'nfkc', 'decimal'] as const;

/**
 * A named normaliser with JS String semantics: `trim` strips all Unicode white space, `casefold` is
 * `toLowerCase`, `nfc`/`nfkc` are `String.prototype.normalize`, `decimal` the canonical decimal form.
 * Both engines run these very functions (the file engine as DuckDB functions).
 */
export function namedNormalizer(name: (typeof NAMED_NORMALIZERS)[number]): (v: unknown) => unknown {
  switch (name) {
    case 'trim':
      return (v) => (typeof v === 'string' ? v.trim() : v);
    case 'casefold':
      return (v) => (typeof v === 'string' ? v.toLowerCase() : v);
    case 'nfc':
      return (v) => (typeof v === 'string' ? v.normalize('NFC') : v);
    case 'nfkc':
      return (v) => (typeof v === 'string' ? v.normalize('NFKC') : v);
    case 'decimal':
      return canonicalDecimal;
  }
}
