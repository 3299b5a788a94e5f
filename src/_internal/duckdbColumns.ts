/** A leaf column of a DuckDB relation: its dotted path and its SQL type. */
export interface Column {
  path: string;
  type: string;
}

/** Splits `a VARCHAR, "b c" STRUCT(x INT), d DOUBLE[]` at top-level commas. */
function splitTopLevel(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === '(') depth++;
    else if (!quoted && ch === ')') depth--;
    else if (!quoted && depth === 0 && ch === ',') {
      out.push(s.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(s.slice(start).trim());
  return out.filter(Boolean);
}

function parseMember(m: string): { name: string; type: string } {
  if (m.startsWith('"')) {
    let i = 1;
    let name = '';
    while (i < m.length) {
      if (m[i] === '"' && m[i + 1] === '"') {
        name += '"';
        i += 2;
      } else if (m[i] === '"') break;
      else name += m[i++];
    }
    return { name, type: m.slice(i + 1).trim() };
  }
  const sp = m.indexOf(' ');
  return { name: m.slice(0, sp), type: m.slice(sp + 1).trim() };
}

/** The members of a STRUCT type (`STRUCT(a VARCHAR, "b c" INTEGER)`), by name and type; undefined for any other type. */
export function structMembers(type: string): { name: string; type: string }[] | undefined {
  const m = /^STRUCT\((.*)\)$/s.exec(type);
  return m ? splitTopLevel(m[1]).map(parseMember) : undefined;
}

/** The key and value types of a MAP type (`MAP(VARCHAR, STRUCT(x INTEGER))`); undefined for any other type. */
export function mapTypes(type: string): { key: string; value: string } | undefined {
  const m = /^MAP\((.*)\)$/s.exec(type);
  const parts = m ? splitTopLevel(m[1]) : [];
  return parts.length === 2 ? { key: parts[0], value: parts[1] } : undefined;
}

/**
 * Every column of a described relation, STRUCT columns (containers) and their members, as dotted
 * paths in the relation's order, a container before its members (lists and maps stay leaves).
 */
export function columnTree(described: readonly Record<string, unknown>[]): (Column & { container: boolean })[] {
  const out: (Column & { container: boolean })[] = [];
  const visit = (path: string, type: string) => {
    const m = /^STRUCT\((.*)\)$/s.exec(type);
    out.push({ path, type, container: m !== null });
    if (m) for (const member of splitTopLevel(m[1])) {
      const { name, type: t } = parseMember(member);
      visit(`${path}.${name}`, t);
    }
  };
  for (const d of described) visit(String(d.column_name), String(d.column_type));
  return out;
}

/** The leaf columns of a described relation as dotted paths (see columnTree). */
export function flattenColumns(described: readonly Record<string, unknown>[]): Column[] {
  return columnTree(described).filter((x) => !x.container).map(({ path, type }) => ({ path, type }));
}

/** The names of the direct members of the object at `prefix` ('' for the top level), among dotted `paths`, in their order. */
export function childNames(paths: readonly string[], prefix: string): string[] {
  if (!prefix) return paths.filter((x) => !x.includes('.'));
  return paths.filter((x) => x.startsWith(`${prefix}.`) && !x.slice(prefix.length + 1).includes('.')).map((x) => x.slice(prefix.length + 1));
}

/** The comparison class of a SQL type: numbers, strings, times, lists or other. */
export function typeClass(type: string): 'number' | 'string' | 'time' | 'list' | 'bool' | 'other' {
  const t = type.toUpperCase();
  if (t.endsWith('[]') || t.startsWith('LIST')) return 'list';
  if (/^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|REAL|DECIMAL)/.test(t)) return 'number';
  if (t === 'VARCHAR' || t.startsWith('VARCHAR')) return 'string';
  if (t.startsWith('TIMESTAMP') || t === 'DATE' || t.startsWith('TIME')) return 'time';
  if (t === 'BOOLEAN') return 'bool';
  return 'other';
}

/** The STRUCT columns (containers) of a described relation, e.g. `geo` for `geo.city`. */
export function containerPaths(described: readonly Record<string, unknown>[]): Column[] {
  return columnTree(described).filter((x) => x.container).map(({ path, type }) => ({ path, type }));
}

/**
 * Leaf and container paths of a `json_group_structure` result: objects are descended into
 * (their keys become `a.b` paths), everything else is a leaf, as the in-memory engine walks rows.
 */
export function jsonStructurePaths(structure: unknown): { leaves: string[]; containers: string[] } {
  const leaves: string[] = [];
  const containers: string[] = [];
  const visit = (prefix: string, node: unknown) => {
    for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
      const path = prefix ? `${prefix}.${k}` : k;
      if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
        containers.push(path);
        visit(path, v);
      } else leaves.push(path);
    }
  };
  if (structure !== null && typeof structure === 'object' && !Array.isArray(structure)) visit('', structure);
  return { leaves, containers };
}
