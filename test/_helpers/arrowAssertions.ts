/**
 * Turns a documentation example into a test module: each `x // => v` line becomes an assertion
 * that `x` deep-equals `v`, naming the page and the expression when it does not.
 */
export function withArrowAssertions(body: string, at: string): string {
  const checked = body
    .split('\n')
    .map((l) => {
      const m = /^(\s*)(.+?);?\s*\/\/ => (.+)$/.exec(l);
      return m ? `${m[1]}__expect(${m[2]}, ${m[3]}, ${JSON.stringify(`${at}: ${m[2].trim()}`)});` : l;
    })
    .join('\n');
  return `import { expect as __vexpect } from 'vitest';\nconst __expect = (a: unknown, b: unknown, where: string) => __vexpect(a, where).toEqual(b);\n${checked}\nexport {};\n`;
}
