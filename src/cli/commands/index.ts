import type { Command } from '../command.js';
import { gate } from './gate.js';
import { recommend } from './recommend.js';
import { record } from './record.js';
import { status } from './status.js';
import { sql } from './sql.js';

/** Every subcommand of `vitest-shadow`. Adding one: a file in this folder and one line here. */
export const commands: readonly Command[] = [
  gate,
  status,
  recommend,
  record,
  sql,
];
