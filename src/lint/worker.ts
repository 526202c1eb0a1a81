import type { Config } from '../config/load.js';
import { readIssueSource } from '../issue/source.js';
import { serveBatches } from '../workers/process-pool.js';
import { lintSource, type FileOutcome } from './lint-file.js';
import { rules } from './rules/index.js';
import { activeRules, type ActiveRule } from './settings.js';

/**
 * A lint worker process (see workers/process-pool.ts): receives the config,
 * then batches of paths; reads and lints each file and answers with their
 * outcomes. A bad rule setting fails the batch (the main process reports
 * it too).
 */
let config: Config | undefined;
let active: ActiveRule[] | undefined;

serveBatches<Config, string, FileOutcome>(
  (setup) => (config = setup),
  async (paths) => {
    // Here rather than on receiving the config: a bad rule setting becomes a failure reply, not a crash of this one.
    active ??= activeRules(rules, config!);
    const sources = await Promise.all(paths.map((path) => readIssueSource(path)));
    const outcomes: FileOutcome[] = [];
    for (const source of sources) outcomes.push(await lintSource(source, active));
    return outcomes;
  },
);
