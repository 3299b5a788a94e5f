import type { ParseArgsConfig } from 'node:util';

/**
 * Where a command writes and where it runs: injected so tests run commands in-process.
 * @example
 * let out = ''; const io: CliIo = { stdout: (s) => void (out += s), stderr: console.error, cwd: process.cwd() };
 */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
}

/** Exit codes shared by every command. */
export const EXIT = { ok: 0, blocked: 1, error: 2 } as const;

/** A usage error: printed with the command's usage, exit 2. */
export class CliUsageError extends Error {
  override name = 'CliUsageError';
}

/** The parsed arguments a command receives. @example const manifest = required(args as CommandArgs, 'manifest'); */
export interface CommandArgs {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

/**
 * One subcommand: a file in src/cli/commands/ and a line in src/cli/commands/index.ts.
 *
 * @example
 * export const hello: Command = {
 *   name: "hello", summary: "say hello", usage: "vitest-shadow hello", options: {},
 *   async run(_args, io) { io.stdout("hello\n"); return EXIT.ok; },
 * };
 */
export interface Command {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** The usage line(s) and option list. */
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  /** How many positionals it takes. @defaultValue 0 */
  positionals?: { min: number; max: number };
  run(args: CommandArgs, io: CliIo): Promise<number>;
}

/** The value of a required string option, or a usage error naming it. */
export function required(args: CommandArgs, name: string): string {
  const v = args.values[name];
  if (typeof v !== 'string' || v === '') throw new CliUsageError(`--${name} is required`);
  return v;
}
