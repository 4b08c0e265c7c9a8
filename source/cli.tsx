#!/usr/bin/env node
import { main } from './commands/main.js';
import { systemClock } from './system/clock.js';
import { systemRunner } from './system/command-runner.js';
import { systemFiles } from './system/file-store.js';
import { readStreamBounded } from './system/bounded-read.js';

const code = await main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  runner: systemRunner,
  files: systemFiles,
  clock: systemClock,
  env: process.env,
  readStdin: (maxBytes) => readStreamBounded(process.stdin, maxBytes),
  interactive: Boolean(process.stdout.isTTY),
});
process.exitCode = code;
