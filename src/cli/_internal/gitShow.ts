import { execFile } from 'node:child_process';
import { realpath } from 'node:fs/promises';
import { dirname, relative, resolve, sep } from 'node:path';
import { ShadowDataError } from '../../errors.js';

function git(cwd: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile('git', args, { cwd, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof (error as { code?: unknown }).code === 'number' ? ((error as { code: number }).code) : 128) : 0;
      done({ code, stdout, stderr });
    });
  });
}

/**
 * The text of `file` at git revision `ref` (undefined when the file does not exist at that revision: a
 * manifest added by the change) and the commit `ref` resolved to. Throws ShadowDataError when `ref` is not a
 * revision or the file is not in a git work tree.
 */
export async function gitShow(file: string, ref: string): Promise<{ text: string | undefined; commit: string }> {
  const abs = await realpath(resolve(file)).catch(() => resolve(file));
  const cwd = dirname(abs);
  const top = await git(cwd, ['rev-parse', '--show-toplevel']);
  if (top.code !== 0) throw new ShadowDataError(`--base ${ref}: ${file} is not in a git work tree (${top.stderr.trim()})`);
  const rev = await git(cwd, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  if (rev.code !== 0) throw new ShadowDataError(`--base ${ref}: not a git revision in ${top.stdout.trim()}`);
  const rel = relative(await realpath(top.stdout.trim()), abs).split(sep).join('/');
  const commit = rev.stdout.trim();
  const shown = await git(cwd, ['show', `${commit}:${rel}`]);
  if (shown.code === 0) return { text: shown.stdout, commit };
  if (/does not exist|exists on disk, but not in/.test(shown.stderr)) return { text: undefined, commit };
  throw new ShadowDataError(`--base ${ref}: git show failed: ${shown.stderr.trim()}`);
}
