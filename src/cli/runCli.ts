import { parseArgs } from 'node:util';
import { ShadowDataError, ShadowOptionError } from '../errors.js';
import { CliUsageError, EXIT, type CliIo, type Command } from './command.js';
import { commands } from './commands/index.js';
import { nearest } from '../_internal/options.js';

function help(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'vitest-shadow: the cutover gate and the nightly history',
    '',
    'Usage: vitest-shadow <command> [options]   (vitest-shadow <command> --help for its options)',
    '',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Exit codes: 0 allowed / ok, 1 blocked, 2 error (bad input is never exit 0).',
  ].join('\n') + '\n';
}

/**
 * Runs the `vitest-shadow` command line on `argv` (without `node` and the script) and resolves to its exit
 * code: 0 allowed or ok, 1 blocked, 2 error. Output goes through `io` (default: the process's streams).
 *
 * @example
 * process.exitCode = await runCli(['gate', '--manifest', 'cutover.json', '--history', 'shadow-history']);
 */
export async function runCli(
  argv: readonly string[],
  io: CliIo = { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s), cwd: process.cwd() },
): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? io.stderr : io.stdout)(help());
    return name === undefined ? EXIT.error : EXIT.ok;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    const guess = nearest(name, commands.map((c) => c.name));
    io.stderr(`vitest-shadow: unknown command '${name}'${guess ? `; did you mean '${guess}'?` : ''}\n\n${help()}`);
    return EXIT.error;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(command.usage + '\n');
    return EXIT.ok;
  }
  try {
    const parsed = parseCommandArgs(command, rest);
    return await command.run(parsed, io);
  } catch (e) {
    if (e instanceof CliUsageError) {
      io.stderr(`vitest-shadow ${name}: ${e.message}\n\n${command.usage}\n`);
    } else if (e instanceof ShadowDataError || e instanceof ShadowOptionError) {
      io.stderr(`vitest-shadow ${name}: ${e.message}\n`);
    } else {
      io.stderr(`vitest-shadow ${name}: unexpected error: ${(e as Error)?.stack ?? String(e)}\n`);
    }
    return EXIT.error;
  }
}

function parseCommandArgs(command: Command, rest: string[]) {
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: command.options, allowPositionals: true, strict: true });
  } catch (e) {
    const m = /Unknown option '(--?[^']+)'/.exec((e as Error).message);
    if (m) {
      const guess = nearest(m[1].replace(/^-+/, ''), Object.keys(command.options));
      throw new CliUsageError(`unknown option ${m[1]}${guess ? `; did you mean --${guess}?` : ''}`);
    }
    throw new CliUsageError((e as Error).message);
  }
  const { min, max } = command.positionals ?? { min: 0, max: 0 };
  if (parsed.positionals.length < min || parsed.positionals.length > max) {
    throw new CliUsageError(
      max === 0 ? `takes no positional arguments, got ${parsed.positionals.map((p) => `'${p}'`).join(' ')}` : `takes ${min === max ? min : `${min} to ${max}`} file argument${max === 1 ? '' : 's'}, got ${parsed.positionals.length}`,
    );
  }
  return { values: parsed.values as Record<string, string | boolean | undefined>, positionals: parsed.positionals };
}
