import { parentPort, workerData } from 'node:worker_threads';
import type { Config } from '../config/load.js';
import type { IssueSource } from '../issue/source.js';
import { lintSource } from './lint-file.js';
import { rules } from './rules/index.js';
import { activeRules } from './settings.js';

/** A lint worker: receives batches of sources, answers with their outcomes. */
const config = (workerData as { config: Config }).config;
const active = activeRules(rules, config);

parentPort!.on('message', (batch: IssueSource[]) => {
  parentPort!.postMessage(batch.map((source) => lintSource(source, active, config)));
});
