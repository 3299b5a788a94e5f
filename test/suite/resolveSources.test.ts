import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { resolveSources } from '../../src/suite/_internal/resolveSources.js';
import { timeoutFor } from '../../src/suite/_internal/timeoutFor.js';

const dir = mkdtempSync(join(tmpdir(), 'resolve-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
mkdirSync(join(dir, 'a'));
writeFileSync(join(dir, 'a', 'x.jsonl'), '12345');
writeFileSync(join(dir, 'a', 'y.jsonl'), '123');
writeFileSync(join(dir, 'z.csv'), '1');

describe('resolveSources', () => {
  test('resolves a glob to its files in name order, with their total size', () => {
    const r = resolveSources('legacy', 'a/*.jsonl', 'click', dir);
    expect(r.error).toBeUndefined();
    expect(r.files).toEqual([join(dir, 'a', 'x.jsonl'), join(dir, 'a', 'y.jsonl')]);
    expect(r.files && r.bytes).toBe(8);
  });

  test('a function of the event type names that type\'s own files', () => {
    const r = resolveSources('shadow', (t) => [`a/${t}.jsonl`, 'z.csv'], 'x', dir);
    expect(r.files).toEqual([join(dir, 'a', 'x.jsonl'), join(dir, 'z.csv')]);
    expect(r.files && r.perType).toBe(true);
  });

  test('fails (without throwing) when a file does not exist or a glob matches nothing, naming it and the type', () => {
    expect(resolveSources('legacy', 'a/none.jsonl', 'search', dir).error?.message).toBe("legacy file a/none.jsonl does not exist (event type 'search')");
    expect(resolveSources('shadow', ['a/x.jsonl', 'b/*.gz'], 'search', dir).error?.message).toBe("shadow glob 'b/*.gz' matched no file (event type 'search')");
    expect(resolveSources('shadow', () => { throw new Error('boom'); }, 'search', dir).error?.message).toContain('the function naming them threw: boom');
  });
});

describe('timeoutFor', () => {
  test('30 s plus 1.5 s per started MB, capped at one hour', () => {
    expect(timeoutFor(0)).toBe(30_000);
    expect(timeoutFor(1)).toBe(31_500);
    expect(timeoutFor(200e6)).toBe(330_000);
    expect(timeoutFor(1e13)).toBe(3_600_000);
  });
});
