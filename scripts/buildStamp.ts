/**
 * The package build's stamp: what `test/package.test.ts` reads to know whether dist/ is the build of
 * the sources as they are. `npm run build` writes it after tsc succeeds, so the package test reuses
 * that build (CI builds right before testing) instead of compiling the package a second time; the
 * test builds by itself when the stamp is missing or older than the sources.
 *
 *   node --import tsx scripts/buildStamp.ts      (run by `npm run build` after tsc)
 */
import { mkdirSync, readdirSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));

/** Where the stamp lives: a cache folder npm ci recreates, never committed. */
export const stampFile = join(root, 'node_modules', '.cache', 'vitest-shadow-package-test.json');

/** A build's outcome, the compiler output, and the sources' latest modification time it read. */
export interface BuildStamp {
  ok: boolean;
  output: string;
  sourcesMtimeMs: number;
}

/** Files below `dir` (recursively) that `keep` accepts. */
export function walk(dir: string, keep: (path: string) => boolean, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, keep, out);
    else if (keep(path)) out.push(path);
  }
  return out;
}

/** Latest modification time of everything the build reads. */
export function sourcesMtimeMs(): number {
  const inputs = [
    ...walk(join(root, 'src'), (p) => p.endsWith('.ts') || p.endsWith('.json')),
    ...walk(join(root, 'matchers'), (p) => p.endsWith('.ts')),
    join(root, 'package.json'),
    join(root, 'tsconfig.json'),
    join(root, 'tsconfig.build.json'),
  ];
  return Math.max(...inputs.map((p) => statSync(p).mtimeMs));
}

/** Records a build outcome for the sources as they are now. */
export function writeStamp(stamp: BuildStamp): void {
  mkdirSync(dirname(stampFile), { recursive: true });
  writeFileSync(stampFile, JSON.stringify(stamp));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeStamp({ ok: true, output: 'built by npm run build', sourcesMtimeMs: sourcesMtimeMs() });
}
