import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { globSync } from 'tinyglobby';
import { ShadowDataError } from '../../errors.js';

/** Files of one side: a path, a glob, a list of them, or a function of the event type returning one. */
export type SourceSpec = string | readonly string[] | ((eventType: string) => string | readonly string[]);

/** The files one side resolved to, or the reason it could not. */
export type ResolvedSource =
  | {
      files: string[];
      bytes: number;
      perType: boolean;
      /**
       * The absolute glob pattern the files came from, when they came from exactly one pattern
       * that DuckDB's readers take as it is (`*`, `?`, `[...]`, no braces): compareEventFiles can
       * read it whole (see compareResolved).
       */
      pattern?: string;
      error?: undefined;
    }
  | { error: ShadowDataError; files?: undefined; pattern?: undefined };

const GLOB = /[*?[\]{}]/;

/**
 * Resolves a side's files for one event type, synchronously (at collection time, so timeouts can
 * be derived from sizes). Never throws: a missing file or an empty glob becomes `error`, which the
 * event type's tests throw, so the other event types still run.
 */
export function resolveSources(side: string, spec: SourceSpec, eventType: string, cwd = process.cwd()): ResolvedSource {
  let patterns: readonly string[];
  try {
    const v = typeof spec === 'function' ? spec(eventType) : spec;
    patterns = typeof v === 'string' ? [v] : v;
  } catch (e) {
    return { error: new ShadowDataError(`${side} files of event type '${eventType}': the function naming them threw: ${(e as Error).message}`) };
  }
  if (!Array.isArray(patterns) || patterns.length === 0 || patterns.some((p) => typeof p !== 'string' || !p)) {
    return { error: new ShadowDataError(`${side} files of event type '${eventType}': expected a path, a glob or a list of them, got ${JSON.stringify(patterns)}`) };
  }
  const files: string[] = [];
  for (const p of patterns) {
    if (GLOB.test(p)) {
      // Dotfiles too, sorted by code point: the files DuckDB's readers and loadDataset read for the pattern, in their order.
      const found = globSync(p, { cwd, absolute: true, onlyFiles: true, dot: true }).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
      if (found.length === 0) return { error: new ShadowDataError(`${side} glob '${p}' matched no file (event type '${eventType}')`) };
      files.push(...found);
    } else {
      const abs = resolve(cwd, p);
      if (!existsSync(abs)) return { error: new ShadowDataError(`${side} file ${p} does not exist (event type '${eventType}')`) };
      files.push(abs);
    }
  }
  let bytes = 0;
  for (const f of files) bytes += statSync(f).size;
  const single = patterns.length === 1 && GLOB.test(patterns[0]) && !/[{}]/.test(patterns[0]) ? resolve(cwd, patterns[0]) : undefined;
  return { files: [...new Set(files)], bytes, perType: typeof spec === 'function', ...(single ? { pattern: single } : {}) };
}
