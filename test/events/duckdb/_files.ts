/** Test helpers: write rows as JSON Lines, or as Parquet through DuckDB under an explicit schema. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';

export const jsonl = (rows: readonly unknown[]) => rows.map((r) => JSON.stringify(r)).join('\n') + (rows.length ? '\n' : '');

export function writeJsonl(path: string, rows: readonly unknown[]): void {
  writeFileSync(path, jsonl(rows));
}

/** A temporary directory, removed after the calling file's tests, and a writer of numbered JSON Lines files in it. */
export function jsonlFiles(prefix: string): { dir: string; write: (rows: readonly unknown[]) => string } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let n = 0;
  return {
    dir,
    write: (rows) => {
      const path = join(dir, `f${n++}.jsonl`);
      writeJsonl(path, rows);
      return path;
    },
  };
}

const str = (s: string) => `'${s.replaceAll("'", "''")}'`;

/** A JS value as a SQL literal of `type` (DOUBLE keeps NaN, ±Infinity and -0; STRUCT and lists nest). */
export function sqlLiteral(v: unknown, type: string): string {
  if (v === null || v === undefined) return `NULL::${type}`;
  const t = type.trim();
  const list = /^(.*)\[\]$/s.exec(t);
  if (list) return `[${(v as unknown[]).map((x) => sqlLiteral(x, list[1])).join(', ')}]::${t}`;
  const struct = /^STRUCT\((.*)\)$/s.exec(t);
  if (struct) {
    const members = splitMembers(struct[1]);
    return `{${members.map(([k, mt]) => `${str(k)}: ${sqlLiteral((v as Record<string, unknown>)[k], mt)}`).join(', ')}}::${t}`;
  }
  const map = /^MAP\(VARCHAR, (.*)\)$/s.exec(t);
  if (map) return `MAP {${Object.entries(v as Record<string, unknown>).map(([k, x]) => `${str(k)}: ${sqlLiteral(x, map[1])}`).join(', ')}}::${t}`;
  if (typeof v === 'number') {
    if (v !== v) return `'NaN'::${t}`;
    if (v === Infinity) return `'Infinity'::${t}`;
    if (v === -Infinity) return `'-Infinity'::${t}`;
    if (Object.is(v, -0)) return `'-0.0'::${t}`;
    // An integer column gets the double's exact value (String(2 ** 63 - 1024) is 9223372036854775000, 784 more).
    if (/INT/i.test(t) && Number.isInteger(v)) return `${str(BigInt(v).toString())}::${t}`;
    return `${str(String(v))}::${t}`;
  }
  if (typeof v === 'bigint') return `${str(String(v))}::${t}`;
  if (v instanceof Date) return `${str(v.toISOString().replace('Z', ''))}::${t}`;
  if (typeof v === 'boolean') return `${v}::${t}`;
  if (typeof v === 'string') return `${str(v)}::${t}`;
  return `${str(JSON.stringify(v))}::${t}`;
}

function splitMembers(s: string): [string, string][] {
  const out: [string, string][] = [];
  let depth = 0;
  let start = 0;
  const push = (part: string) => {
    const p = part.trim();
    const m = /^"((?:[^"]|"")*)"\s+(.*)$/s.exec(p) ?? /^(\S+)\s+(.*)$/s.exec(p)!;
    out.push([m[1].replaceAll('""', '"'), m[2]]);
  };
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '(') depth++;
    else if (s[i] === ')') depth--;
    else if (s[i] === ',' && depth === 0) {
      push(s.slice(start, i));
      start = i + 1;
    }
  }
  push(s.slice(start));
  return out;
}

/** Writes rows to a Parquet file with the given column types (columns in this order). */
export async function writeParquet(path: string, rows: readonly Record<string, unknown>[], schema: Record<string, string>): Promise<void> {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  try {
    const cols = Object.entries(schema);
    await c.run(`CREATE TABLE t (${cols.map(([k, t]) => `"${k}" ${t}`).join(', ')})`);
    for (let i = 0; i < rows.length; i += 500) {
      const chunk = rows.slice(i, i + 500);
      await c.run(`INSERT INTO t VALUES ${chunk.map((r) => `(${cols.map(([k, t]) => sqlLiteral(r[k], t)).join(', ')})`).join(', ')}`);
    }
    await c.run(`COPY t TO ${str(path)} (FORMAT parquet)`);
  } finally {
    c.closeSync();
    db.closeSync();
  }
}
