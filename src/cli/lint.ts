import { resolve } from 'node:path';
import { loadConfig } from '../config/load.js';
import { PaperboyError } from '../errors.js';
import { lintIssues } from '../lint/engine.js';
import { formatJson } from '../lint/format/json.js';
import { formatStylish } from '../lint/format/stylish.js';
import type { CommandIO } from '../io.js';
import { useColor } from './io.js';

export interface LintCommandOptions {
  root: string;
  files: string[];
  format: string;
  fix: boolean;
  cache: boolean;
  maxWarnings: number | undefined;
  color?: boolean;
  listRules?: boolean;
}

async function listRules(): Promise<string> {
  // Imported here: a lint loads the rules after starting its workers (see lint/engine.ts).
  const { rules } = await import('../lint/rules/index.js');
  const width = Math.max(...rules.map((rule) => rule.id.length));
  return rules.map((rule) => `${rule.id.padEnd(width)}  ${rule.severity.padEnd(7)}  ${rule.doc}\n`).join('');
}

export async function run(options: LintCommandOptions, io: CommandIO): Promise<number> {
  if (options.listRules) {
    io.stdout.write(await listRules());
    return 0;
  }
  if (options.format !== 'stylish' && options.format !== 'json') {
    throw new PaperboyError('USAGE', `Unexpected --format \`${options.format}\`, expected \`stylish\` or \`json\``);
  }
  const config = await loadConfig(resolve(io.cwd, options.root));
  const files = options.files.length > 0 ? options.files.map((file) => resolve(io.cwd, file)) : undefined;
  const results = await lintIssues(config, { ...(files ? { files } : {}), cache: options.cache, fix: options.fix });

  const errors = results.reduce((sum, r) => sum + r.errorCount, 0);
  const warnings = results.reduce((sum, r) => sum + r.warningCount, 0);
  if (options.format === 'json') {
    io.stdout.write(`${formatJson(results)}\n`);
  } else {
    io.stdout.write(formatStylish(results, { cwd: io.cwd, color: useColor(io.stdout, io.env, options.color) }));
  }
  const tooManyWarnings = options.maxWarnings !== undefined && warnings > options.maxWarnings;
  if (tooManyWarnings && options.format === 'stylish') {
    io.stderr.write(`paperboy lint found too many warnings (maximum: ${options.maxWarnings}).\n`);
  }
  return errors > 0 || tooManyWarnings ? 1 : 0;
}
