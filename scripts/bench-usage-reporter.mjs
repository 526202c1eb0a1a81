// Loaded with `node --import` into processes that scripts/bench.ts measures:
// at exit, writes the process's peak RSS (kB) and CPU time (µs), worker
// threads included, as JSON to the file named by PAPERBOY_BENCH_USAGE_FILE.
// Plain JavaScript so it loads without a TypeScript loader. Workers inherit
// `--import`; only the main thread reports.
import { writeFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';

const file = process.env.PAPERBOY_BENCH_USAGE_FILE;
if (file && isMainThread) {
  process.on('exit', () => {
    const { maxRSS, userCPUTime, systemCPUTime } = process.resourceUsage();
    writeFileSync(file, JSON.stringify({ maxRSS, cpuTime: userCPUTime + systemCPUTime }));
  });
}
