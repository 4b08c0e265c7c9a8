import type { CommandSpec } from './command.js';
import { keygenCommand } from './keygen.js';
import { planCommand } from './plan.js';
import { pubkeyCommand } from './pubkey.js';
import { schemaCommand } from './schema.js';

/** Every headless command, in the order `--help` lists them. */
export const commands: CommandSpec[] = [keygenCommand, pubkeyCommand, planCommand, schemaCommand];
