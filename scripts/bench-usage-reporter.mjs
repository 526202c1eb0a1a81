// Loaded (through NODE_OPTIONS `--import`) into every process of a command
// that scripts/bench.ts measures, lint's worker processes included: at exit,
// each writes its peak RSS (kB) and CPU time (µs), its threads included, as
// JSON to `<pid>.json` in the directory named by PAPERBOY_BENCH_USAGE_DIR.
// Plain JavaScript so it loads without a TypeScript loader.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.PAPERBOY_BENCH_USAGE_DIR;
if (dir) {
  process.on('exit', () => {
    const { maxRSS, userCPUTime, systemCPUTime } = process.resourceUsage();
    writeFileSync(join(dir, `${process.pid}.json`), JSON.stringify({ maxRSS, cpuTime: userCPUTime + systemCPUTime }));
  });
}
