import { relative, resolve } from 'node:path';
import { buildSite } from '../archive/build.js';
import { loadConfig } from '../config/load.js';
import type { CommandIO } from '../io.js';
import { buildProgress } from './build-progress.js';

export interface BuildCommandOptions {
  root: string;
  out?: string;
  drafts: boolean;
  cache: boolean;
}

/** `paperboy build`: the static archive and every issue's email files, into `--out` (default: the config's outDir). */
export async function run(options: BuildCommandOptions, io: CommandIO): Promise<number> {
  const config = await loadConfig(resolve(io.cwd, options.root));
  const outDir = options.out === undefined ? config.outDir : resolve(io.cwd, options.out);
  const progress = buildProgress(io);
  const report = await buildSite(config, { outDir, drafts: options.drafts, cache: options.cache, progress: progress.report }).finally(progress.stop);
  if (report.upToDate) {
    io.stdout.write(`${relative(io.cwd, report.outDir) || '.'} is up to date: no issue, template or setting changed since it was built.\n`);
    return 0;
  }
  const cached = report.issues - report.rendered;
  io.stdout.write(
    `Built ${relative(io.cwd, report.outDir) || '.'}: ${report.issues} issues (${report.rendered} rendered, ${cached} unchanged), ${report.papers} papers, ${report.files} files (${report.written} written).\n`,
  );
  return 0;
}
