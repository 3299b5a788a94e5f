const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Bytes without a string annotation (a Parquet BYTE_ARRAY or FIXED_LEN_BYTE_ARRAY, a DuckDB
 * BLOB) as both readers give them: the UTF-8 text they hold, a leading byte-order mark kept, or,
 * where they are no UTF-8 text, a plain Uint8Array of them. A lossy decode would turn different
 * bytes into the same replacement characters, which then compared equal.
 */
export function textOrBytes(bytes: Uint8Array): string | Uint8Array {
  try {
    return UTF8.decode(bytes);
  } catch {
    return new Uint8Array(bytes);
  }
}
