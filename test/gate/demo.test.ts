import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { gateSection } from '../../fixtures/demo/gate.js';
import { plainColors } from '../../src/index.js';

describe('the demo gate section', () => {
  test("decides as the sample's ground truth says (click and search allowed, save blocked), and the README shows that output verbatim", async () => {
    const { lines, asExpected } = await gateSection.run(plainColors);
    expect(asExpected).toBe(true);
    const markdown = lines.slice(2).map((l) => l.replace(/^ {2}/, '')).join('\n').trimEnd();
    expect(markdown).toContain('| save | SHADOW → COMPARISON | ⛔ blocked');
    const readme = readFileSync(fileURLToPath(new URL('../../README.md', import.meta.url)), 'utf8');
    expect(readme).toContain(markdown);
  });
});
