/** The features of a Parquet file that consumers rely on, read from its footer metadata. */
import type { FileMetaData, SchemaElement } from 'hyparquet';

/** One leaf column's features, over all row groups. */
export interface ColumnFeatures {
  path: string;
  physicalType: string;
  /** Logical type as text: `TIMESTAMP(MICROS, utc=false)`, `STRING`, `DECIMAL(10,2)`, or the converted type. */
  logicalType: string;
  repetition: string;
  codecs: string[];
  encodings: string[];
  /** Row groups whose chunk carries min and max statistics / a null count / a bloom filter. */
  withMinMax: number;
  withNullCount: number;
  withBloom: number;
  withPageIndex: number;
}

/** A file's features. */
export interface FileFeatures {
  rows: number;
  rowGroups: number;
  /** Rows per row group, on average (the last row group is usually short). */
  meanRowGroupRows: number;
  /** Declared sort order of the first row group (`col asc nulls first`), or [] when none. */
  sortOrder: string[];
  columns: Map<string, ColumnFeatures>;
  /** The groups (a struct, a list, a map): their annotation and repetition. */
  groups: Map<string, GroupFeatures>;
  createdBy: string | null;
}

/** A group node's features (its leaves are columns of their own). */
export interface GroupFeatures {
  path: string;
  logicalType: string;
  repetition: string;
}

/**
 * A column's type annotation in one spelling whatever the writer: the logical type, else the
 * equivalent of the older converted type (UTF8 is STRING, INT_64 is INTEGER(bitWidth=64,
 * isSigned=true), TIMESTAMP_MICROS a UTC-adjusted TIMESTAMP, …), else what an unannotated INT32 or
 * INT64 is (a signed integer of that width), else `(none)`. Two writers of the same table (pyarrow
 * writes logical types, older writers converted ones) then give the same text.
 */
function logicalText(e: SchemaElement): string {
  const l = e.logical_type as ({ type: string } & Record<string, unknown>) | undefined;
  if (l) {
    if (l.type === 'DECIMAL') return `DECIMAL(${l.precision},${l.scale})`;
    const extra = Object.entries(l)
      .filter(([k]) => k !== 'type')
      .map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : String(v)}`);
    return extra.length ? `${l.type}(${extra.join(', ')})` : l.type;
  }
  const integer = (bits: number, signed: boolean) => `INTEGER(bitWidth=${bits}, isSigned=${signed})`;
  const c = e.converted_type as string | undefined;
  if (c) {
    const int = /^(U?)INT_(8|16|32|64)$/.exec(c);
    if (int) return integer(Number(int[2]), int[1] === '');
    const time = /^(TIME|TIMESTAMP)_(MILLIS|MICROS)$/.exec(c);
    if (time) return `${time[1]}(isAdjustedToUTC=true, unit=${time[2]})`;
    if (c === 'DECIMAL') return `DECIMAL(${e.precision},${e.scale})`;
    if (c === 'UTF8') return 'STRING';
    if (c === 'MAP_KEY_VALUE') return 'MAP';
    return c;
  }
  if (e.type === 'INT32') return integer(32, true);
  if (e.type === 'INT64') return integer(64, true);
  return '(none)';
}

/** A path's segments as text: a segment holding a dot or a quote is quoted, so a column named `geo.lat` is `"geo.lat"`, never the member `geo.lat` of a struct `geo`. */
const pathText = (segments: readonly string[]) => segments.map((x) => (/[."]/.test(x) ? JSON.stringify(x) : x)).join('.');

export function parquetFeatures(m: FileMetaData): FileFeatures {
  // Leaf schema elements in order, with their dotted paths; the groups (structs, lists, maps) apart.
  const leaves: { path: string; e: SchemaElement }[] = [];
  const groups = new Map<string, GroupFeatures>();
  let i = 1;
  const walk = (prefix: string[], count: number) => {
    for (let k = 0; k < count; k++) {
      const e = m.schema[i++];
      const path = [...prefix, e.name];
      if (e.num_children) {
        groups.set(pathText(path), { path: pathText(path), logicalType: logicalText(e), repetition: e.repetition_type ?? 'REQUIRED' });
        walk(path, e.num_children);
      } else leaves.push({ path: pathText(path), e });
    }
  };
  walk([], m.schema[0]?.num_children ?? 0);
  const columns = new Map<string, ColumnFeatures>();
  for (const { path, e } of leaves) {
    columns.set(path, {
      path,
      physicalType: e.type ?? '(group)',
      logicalType: logicalText(e),
      repetition: e.repetition_type ?? 'REQUIRED',
      codecs: [],
      encodings: [],
      withMinMax: 0,
      withNullCount: 0,
      withBloom: 0,
      withPageIndex: 0,
    });
  }
  const sets = new Map<string, { codecs: Set<string>; encodings: Set<string> }>();
  for (const rg of m.row_groups) {
    for (const cc of rg.columns) {
      const md = cc.meta_data;
      if (!md) continue;
      const path = pathText(md.path_in_schema);
      const c = columns.get(path) ?? [...columns.values()].find((x) => x.path.replace(/\.(list|element|key_value|key|value)\b/g, '') === path.replace(/\.(list|element|key_value|key|value)\b/g, ''));
      if (!c) continue;
      let s = sets.get(c.path);
      if (!s) sets.set(c.path, (s = { codecs: new Set(), encodings: new Set() }));
      s.codecs.add(md.codec);
      for (const enc of md.encodings) s.encodings.add(enc === 'PLAIN_DICTIONARY' ? 'RLE_DICTIONARY' : enc);
      const st = md.statistics;
      if (st && (st.min_value !== undefined || st.min !== undefined) && (st.max_value !== undefined || st.max !== undefined)) c.withMinMax++;
      if (st && st.null_count !== undefined) c.withNullCount++;
      if (md.bloom_filter_offset !== undefined) c.withBloom++;
      if (cc.column_index_offset !== undefined && cc.offset_index_offset !== undefined) c.withPageIndex++;
    }
  }
  for (const [p, s] of sets) {
    const c = columns.get(p)!;
    c.codecs = [...s.codecs].sort();
    c.encodings = [...s.encodings].sort();
  }
  const sizes = m.row_groups.map((rg) => Number(rg.num_rows)).sort((a, b) => a - b);
  const paths = leaves.map((l) => l.path);
  const sortOrder = (m.row_groups[0]?.sorting_columns ?? []).map(
    (s) => `${paths[s.column_idx] ?? `#${s.column_idx}`} ${s.descending ? 'desc' : 'asc'} nulls ${s.nulls_first ? 'first' : 'last'}`,
  );
  return {
    rows: Number(m.num_rows),
    rowGroups: m.row_groups.length,
    meanRowGroupRows: sizes.length ? Math.round(Number(m.num_rows) / sizes.length) : 0,
    sortOrder,
    columns,
    groups,
    createdBy: m.created_by ?? null,
  };
}
