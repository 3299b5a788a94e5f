import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ShadowDataError } from '../../errors.js';
import type { HistoryProblem, HistoryRecord } from '../../history/types.js';
import { readHistory } from '../../history/readHistory.js';
import { parseManifest } from '../../gate/validateManifest.js';
import type { CutoverManifest } from '../../gate/types.js';
import type { CliIo } from '../command.js';

/** Reads and validates the manifest at `path` (relative to the working directory). */
export async function loadManifest(io: CliIo, path: string): Promise<CutoverManifest> {
  let text: string;
  try {
    text = await readFile(resolve(io.cwd, path), 'utf8');
  } catch (e) {
    throw new ShadowDataError(`cannot read the manifest ${path}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
  return parseManifest(text, path);
}

/** Reads the history; problems (torn or corrupt lines) are returned for the command to report. */
export async function loadHistory(io: CliIo, dir: string): Promise<{ records: HistoryRecord[]; problems: HistoryProblem[] }> {
  return readHistory(resolve(io.cwd, dir));
}

/** Markdown lines listing history problems (empty when none). */
export function problemLines(problems: readonly HistoryProblem[]): string[] {
  if (problems.length === 0) return [];
  return [
    '',
    `### ⚠️ History problems (${problems.length}): the other records were read, but the history must be repaired`,
    '',
    ...problems.map((p) => `- ${p.file}:${p.line}: ${p.message}`),
  ];
}
