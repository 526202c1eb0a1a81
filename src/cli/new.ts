import { resolve } from 'node:path';
import { loadConfig } from '../config/load.js';
import { scaffoldIssue } from '../issue/scaffold.js';
import type { CommandIO } from '../io.js';

export interface NewCommandOptions {
  root: string;
  title?: string;
}

export async function run(options: NewCommandOptions, io: CommandIO): Promise<number> {
  const config = await loadConfig(resolve(io.cwd, options.root));
  const path = await scaffoldIssue(config, { title: options.title, today: new Date() });
  io.stdout.write(`${path}\n`);
  return 0;
}
