#!/usr/bin/env node
// The `vitest-shadow` bin. Built to dist/src/cli/main.js; in development: node --import tsx src/cli/main.ts
import { runCli } from './runCli.js';

process.exitCode = await runCli(process.argv.slice(2));
