/**
 * The generated examples and captured messages in docs/arbitraries/*.md are real: each block
 * announced by `<!-- output: <expression> -->` must equal what the expression gives now (values as
 * JSON, strings verbatim). `UPDATE_DOCS=1 npx vitest run test/arbitraries/docs.test.ts` rewrites
 * them. Code blocks opened with ```ts run are executed by test/docs/snippets.test.ts.
 */
import fc from 'fast-check';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import * as arbitraries from '../../src/arbitraries/index.js';
import * as engine from '../../src/index.js';

const dir = fileURLToPath(new URL('../../docs/arbitraries', import.meta.url));
const pages = readdirSync(dir).filter((f) => f.endsWith('.md'));
const scope = { fc, ...engine, ...arbitraries };
const update = process.env.UPDATE_DOCS === '1';

/** JSON that keeps -0, NaN and Infinity visible. */
function show(value: unknown): string {
  if (typeof value === 'string') return value;
  return JSON.stringify(
    value,
    (_k, v) => (typeof v === 'number' && (Object.is(v, -0) || !Number.isFinite(v)) ? `«${Object.is(v, -0) ? '-0' : String(v)}»` : v),
    2,
  );
}

function evaluate(expr: string): unknown {
  return new Function(...Object.keys(scope), `return (${expr});`)(...Object.values(scope));
}

describe('docs/arbitraries outputs are real', () => {
  test('every page has at least one generated example or captured output', () => {
    for (const page of pages.filter((p) => p !== 'README.md')) expect(readFileSync(join(dir, page), 'utf8'), page).toMatch(/<!-- output: /);
  });
  for (const page of pages) {
    test(`${page}`, () => {
      const text = readFileSync(join(dir, page), 'utf8');
      const re = /<!-- output: ([\s\S]*?) -->\n```(\w*)\n([\s\S]*?)```/g;
      let next = text;
      for (const m of text.matchAll(re)) {
        const actual = show(evaluate(m[1]));
        if (update) next = next.replace(m[0], () => `<!-- output: ${m[1]} -->\n\`\`\`${m[2]}\n${actual}\n\`\`\``);
        else expect(m[3].replace(/\n$/, ''), `${page}: ${m[1]}`).toBe(actual);
      }
      if (update && next !== text) writeFileSync(join(dir, page), next);
    });
  }
});
