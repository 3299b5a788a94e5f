/**
 * Runs the examples of docs/queries.md and docs/parquet.md (the ```ts blocks under "## Example")
 * on files this test writes, so the documented calls cannot rot: `out/...` paths point at them,
 * `vitest-shadow` imports at the sources, and a line `expression // => value` asserts that the
 * expression deep-equals the value. The files hold what the pages say they hold:
 * - queries.md: 3,000 page views over three days (`day`, `page`, `price`); the shadow's prices on
 *   2026-11-02 are 1 % higher;
 * - parquet.md: one table written twice, legacy SNAPPY and shadow ZSTD, same row groups.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { withArrowAssertions } from '../_helpers/arrowAssertions.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const data = mkdtempSync(join(tmpdir(), 'vitest-shadow-docs-'));
// Inside node_modules (ignored by git) so that `vitest` resolves from the generated files.
const gen = mkdtempSync(join(root, 'node_modules', '.vitest-shadow-docs-'));
afterAll(() => {
  rmSync(data, { recursive: true, force: true });
  rmSync(gen, { recursive: true, force: true });
});

beforeAll(async () => {
  mkdirSync(join(data, 'out', 'legacy'), { recursive: true });
  mkdirSync(join(data, 'out', 'shadow'), { recursive: true });
  const db = await DuckDBInstance.create(':memory:', { threads: '1' });
  const c = await db.connect();
  try {
    await c.run(`CREATE TABLE views AS SELECT i AS id, DATE '2026-11-01' + (i % 3)::INT AS day,
      ['/home', '/search', '/cart', '/item'][1 + (i * 7) % 4] AS page, round(1 + (i % 97) * 0.37, 2) AS price FROM range(3000) t(i)`);
    await c.run(`COPY views TO '${join(data, 'out', 'legacy.parquet')}' (FORMAT parquet)`);
    await c.run(`COPY (SELECT * REPLACE (CASE WHEN day = DATE '2026-11-02' THEN price * 1.01 ELSE price END AS price) FROM views) TO '${join(data, 'out', 'shadow.parquet')}' (FORMAT parquet)`);
    await c.run(`COPY views TO '${join(data, 'out', 'legacy', 'part-0.parquet')}' (FORMAT parquet, COMPRESSION snappy)`);
    await c.run(`COPY views TO '${join(data, 'out', 'shadow', 'part-0.parquet')}' (FORMAT parquet, COMPRESSION zstd)`);
  } finally {
    c.closeSync();
    db.closeSync();
  }
});

interface Example {
  page: string;
  line: number;
  code: string;
}

/** The ```ts blocks under the page's "## Example" or "## Examples" heading. */
function examples(page: string): Example[] {
  const lines = readFileSync(join(root, page), 'utf8').split('\n');
  const out: Example[] = [];
  let inExamples = false;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].startsWith('## ')) inExamples = /^## Examples?\s*$/.test(lines[i]);
    if (!inExamples || !/^```ts\s*$/.test(lines[i])) continue;
    let j = i + 1;
    while (j < lines.length && !lines[j].startsWith('```')) j++;
    out.push({ page, line: i + 2, code: lines.slice(i + 1, j).join('\n') });
    i = j;
  }
  return out;
}

const SRC = pathToFileURL(join(root, 'src', 'index.ts')).href;
/** What a page's example may use without importing it (as a reader's test file would have). */
const AMBIENT: Record<string, string> = { expect: 'vitest', compareQueries: SRC, compareParquetFeatures: SRC, renderReport: SRC };

function transform(code: string, at: string): string {
  let body = code.replace(/from 'vitest-shadow'/g, `from ${JSON.stringify(SRC)}`);
  body = body.replace(/'out\//g, `'${data.replaceAll('\\', '/')}/out/`);
  const imported = new Set([...body.matchAll(/import \{([^}]*)\}/g)].flatMap((m) => m[1].split(',').map((s) => s.trim())));
  const ambient = Object.entries(AMBIENT)
    .filter(([name]) => !imported.has(name))
    .map(([name, from]) => `import { ${name} } from ${JSON.stringify(from)};`)
    .join('\n');
  return `${ambient}\n${withArrowAssertions(body, at)}`;
}

describe.each(['docs/queries.md', 'docs/parquet.md'])('%s examples run on files holding what the page says', (page) => {
  const found = examples(page);
  test('the page has examples', () => {
    expect(found.length).toBeGreaterThan(0);
  });
  for (const [n, ex] of found.entries()) {
    test(`${page}:${ex.line} runs`, async () => {
      const path = join(gen, `${page.replace(/\W/g, '_')}-${n}.test-snippet.ts`);
      const code = transform(ex.code, `${page}:${ex.line}`);
      writeFileSync(path, code);
      await import(pathToFileURL(path).href);
    });
  }
});
