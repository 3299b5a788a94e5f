/**
 * Runs the documentation's examples: every fenced block opened with ```ts run in docs/**.md or
 * README.md is executed, with `vitest-shadow` imports pointed at the sources. A line of the form
 * `expression // => value` asserts that the expression deep-equals the value (simple-statistics
 * style), so the docs cannot drift from the code.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { withArrowAssertions } from '../_helpers/arrowAssertions.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const outDir = join(root, 'test', '.snippets');

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? markdownFiles(join(dir, e.name)) : e.name.endsWith('.md') ? [join(dir, e.name)] : [],
  );
}

interface Snippet {
  file: string;
  line: number;
  code: string;
}

function snippets(file: string): Snippet[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const out: Snippet[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^```ts run\s*$/.test(lines[i])) continue;
    const start = i + 1;
    let j = start;
    while (j < lines.length && !lines[j].startsWith('```')) j++;
    out.push({ file, line: start + 1, code: lines.slice(start, j).join('\n') });
    i = j;
  }
  return out;
}

const ENTRY: Record<string, string> = {
  'vitest-shadow': 'src/index.ts',
  'vitest-shadow/matchers': 'matchers/index.ts',
  'vitest-shadow/arbitraries': 'src/arbitraries/index.ts',
  'vitest-shadow/duckdb': 'src/duckdb/index.ts',
};

/** Rewrites package imports to source files and `x // => v` lines to assertions. */
function transform(code: string, at: string): string {
  const body = code.replace(/from '(vitest-shadow(?:\/[a-z]+)?)'/g, (_m, spec: string) => {
    const target = ENTRY[spec];
    if (!target) throw new Error(`${at}: unknown import '${spec}'`);
    return `from ${JSON.stringify(pathToFileURL(join(root, target)).href)}`;
  });
  return withArrowAssertions(body, at);
}

const files = [join(root, 'README.md'), ...markdownFiles(join(root, 'docs'))];
const all = files.flatMap(snippets);

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('documentation examples run', () => {
  test('there are runnable examples', () => {
    expect(all.length).toBeGreaterThan(0);
  });
  for (const [n, s] of all.entries()) {
    const at = `${relative(root, s.file)}:${s.line}`;
    test(`${at} runs`, async () => {
      mkdirSync(outDir, { recursive: true });
      const path = join(outDir, `snippet-${n}.test-snippet.ts`);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, transform(s.code, at));
      await import(pathToFileURL(path).href);
    });
  }
});
