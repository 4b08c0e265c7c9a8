#!/usr/bin/env node
import { main } from './commands/main.js';
import { systemClock } from './system/clock.js';
import { systemRunner } from './system/command-runner.js';
import { systemFiles } from './system/file-store.js';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const code = await main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  runner: systemRunner,
  files: systemFiles,
  clock: systemClock,
  env: process.env,
  readStdin,
  interactive: Boolean(process.stdout.isTTY),
});
process.exitCode = code;
