import { parentPort, workerData } from 'node:worker_threads';
import type { Config } from '../config/load.js';
import { readIssueSource } from '../issue/source.js';
import { lintSource, type FileOutcome } from './lint-file.js';
import { rules } from './rules/index.js';
import { activeRules } from './settings.js';

/** A lint worker: receives batches of paths, reads and lints each file, answers with their outcomes. */
const config = (workerData as { config: Config }).config;
const active = activeRules(rules, config);

async function lintBatch(paths: string[]): Promise<FileOutcome[]> {
  const sources = await Promise.all(paths.map((path) => readIssueSource(path)));
  return sources.map((source) => lintSource(source, active, config));
}

// Batches are answered in the order they came, one at a time.
let previous: Promise<void> = Promise.resolve();
parentPort!.on('message', (paths: string[]) => {
  previous = previous.then(async () => parentPort!.postMessage(await lintBatch(paths)));
});
