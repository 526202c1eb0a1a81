import type { Config } from '../config/load.js';
import { readIssueSource } from '../issue/source.js';
import { lintSource, type FileOutcome } from './lint-file.js';
import { rules } from './rules/index.js';
import { activeRules, type ActiveRule } from './settings.js';

/**
 * A lint worker process (see pool.ts): receives the config, then batches of
 * paths; reads and lints each file and answers with their outcomes.
 */
export type WorkerRequest = { config: Config } | { paths: string[] };
/** The outcomes of one batch, or why it could not be linted: a bad rule setting (which the main process reports itself) or a bug. */
export type WorkerReply = { outcomes: FileOutcome[] } | { failure: string };

let config: Config | undefined;
let active: ActiveRule[] | undefined;

async function lintBatch(paths: string[]): Promise<FileOutcome[]> {
  // Here rather than on receiving the config: a bad rule setting becomes a
  // failure reply (the main process reports it too), not a crash of this one.
  active ??= activeRules(rules, config!);
  const sources = await Promise.all(paths.map((path) => readIssueSource(path)));
  const outcomes: FileOutcome[] = [];
  for (const source of sources) outcomes.push(await lintSource(source, active));
  return outcomes;
}

// Batches are answered in the order they came, one at a time.
let previous: Promise<unknown> = Promise.resolve();
process.on('message', (request: WorkerRequest) => {
  if ('config' in request) {
    config = request.config;
    return;
  }
  previous = previous
    .then(async (): Promise<WorkerReply> => ({ outcomes: await lintBatch(request.paths) }))
    .catch((error: unknown): WorkerReply => ({ failure: error instanceof Error ? (error.stack ?? error.message) : String(error) }))
    .then((reply) => process.send!(reply));
});
// The pool is done, or the main process is gone (killed, crashed): no more batches will come.
process.on('disconnect', () => process.exit(0));
