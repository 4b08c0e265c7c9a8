import { applyCommand } from './apply.js';
import { backupsCommand } from './backups.js';
import type { CommandSpec } from './command.js';
import { checkCommand } from './check.js';
import { confirmCommand } from './confirm.js';
import { downCommand } from './down.js';
import { keygenCommand } from './keygen.js';
import { pairCommand } from './pair.js';
import { panelCommand } from './panel.js';
import { metricsCommand } from './metrics.js';
import { planCommand } from './plan.js';
import { pubkeyCommand } from './pubkey.js';
import { rollbackCommand } from './rollback.js';
import { schemaCommand } from './schema.js';
import { setupCommand } from './setup.js';
import { statusCommand } from './status.js';
import { watchCommand } from './watch.js';

/** Every headless command, in the order `--help` lists them. */
export const commands: CommandSpec[] = [
  keygenCommand,
  pubkeyCommand,
  planCommand,
  schemaCommand,
  applyCommand,
  confirmCommand,
  rollbackCommand,
  backupsCommand,
  downCommand,
  statusCommand,
  checkCommand,
  metricsCommand,
  watchCommand,
  pairCommand,
  panelCommand,
  setupCommand,
];
