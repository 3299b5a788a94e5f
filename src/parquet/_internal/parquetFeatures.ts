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
  createdBy: string | null;
}

function logicalText(e: SchemaElement): string {
  const l = e.logical_type as ({ type: string } & Record<string, unknown>) | undefined;
  if (l) {
    const extra = Object.entries(l)
      .filter(([k]) => k !== 'type')
      .map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : String(v)}`);
    return extra.length ? `${l.type}(${extra.join(', ')})` : l.type;
  }
  if (e.converted_type) return e.converted_type === 'DECIMAL' ? `DECIMAL(${e.precision},${e.scale})` : e.converted_type;
  return '(none)';
}

export function parquetFeatures(m: FileMetaData): FileFeatures {
  // Leaf schema elements in order, with their dotted paths.
  const leaves: { path: string; e: SchemaElement }[] = [];
  let i = 1;
  const walk = (prefix: string[], count: number) => {
    for (let k = 0; k < count; k++) {
      const e = m.schema[i++];
      const path = [...prefix, e.name];
      if (e.num_children) walk(path, e.num_children);
      else leaves.push({ path: path.join('.'), e });
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
      const path = md.path_in_schema.join('.');
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
    createdBy: m.created_by ?? null,
  };
}
