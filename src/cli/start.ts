import { resolve } from 'node:path';
import { loadConfig } from '../config/load.js';
import { lintIssues } from '../lint/engine.js';
import { formatStylish } from '../lint/format/stylish.js';
import { useColor, type CommandIO } from './io.js';

export interface StartCommandOptions {
  root: string;
}

/** `npm start`: the main job on the sample newsletter — lint every issue and summarize. */
export async function run(options: StartCommandOptions, io: CommandIO): Promise<number> {
  const config = await loadConfig(resolve(io.cwd, options.root));
  const results = await lintIssues(config);
  const errors = results.reduce((sum, r) => sum + r.errorCount, 0);
  const warnings = results.reduce((sum, r) => sum + r.warningCount, 0);
  io.stdout.write(formatStylish(results, { cwd: io.cwd, color: useColor(io.stdout, io.env, undefined) }));
  io.stdout.write(`Linted ${results.length} issues in ${config.issuesDir}: ${errors} errors, ${warnings} warnings.\n`);
  return errors > 0 ? 1 : 0;
}
