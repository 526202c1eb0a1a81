import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Config } from '../config/load.js';
import type { IssueSource } from '../issue/source.js';
import type { FileOutcome } from './lint-file.js';

/**
 * Lints many files on every core. A worker costs ~100 ms to start (it loads
 * remark), so small runs stay in-process (see `shouldUseWorkers`).
 */
const BATCH_SIZE = 16;
const MIN_FILES_FOR_WORKERS = 24;

export function shouldUseWorkers(fileCount: number): boolean {
  return fileCount >= MIN_FILES_FOR_WORKERS && availableParallelism() > 1;
}

export async function lintInWorkers(sources: readonly IssueSource[], config: Config): Promise<FileOutcome[]> {
  const batches: IssueSource[][] = [];
  for (let i = 0; i < sources.length; i += BATCH_SIZE) batches.push(sources.slice(i, i + BATCH_SIZE));
  const workerCount = Math.min(availableParallelism(), batches.length);
  // Under tsx (tests, benchmarks) this module is TypeScript and so is the worker.
  const workerUrl = new URL(import.meta.url.endsWith('.ts') ? './worker.ts' : './worker.js', import.meta.url);
  const results: FileOutcome[][] = new Array<FileOutcome[]>(batches.length);
  let next = 0;

  const runWorker = () =>
    new Promise<void>((resolve, reject) => {
      const worker = new Worker(workerUrl, { workerData: { config } });
      let current = -1;
      const dispatch = () => {
        if (next >= batches.length) {
          void worker.terminate().then(() => resolve());
          return;
        }
        current = next++;
        worker.postMessage(batches[current]);
      };
      worker.on('message', (outcomes: FileOutcome[]) => {
        results[current] = outcomes;
        dispatch();
      });
      worker.on('error', reject);
      worker.on('exit', (code) => {
        if (code !== 0 && code !== 1) reject(new Error(`lint worker exited with code ${code}`));
      });
      dispatch();
    });

  await Promise.all(Array.from({ length: workerCount }, runWorker));
  return results.flat();
}
