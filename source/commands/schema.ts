import { siteJsonSchema } from '../domain/site/schema.js';
import type { CommandSpec } from './command.js';

export const schemaCommand: CommandSpec = {
  name: 'schema',
  summary: 'Print the JSON Schema of the site file',
  options: {},
  async run(_args, io) {
    io.stdout(`${JSON.stringify(siteJsonSchema(), null, 2)}\n`);
    return 0;
  },
};
