/**
 * `npm run bench`: generates a corpus in a temporary directory, runs every
 * suite on it and prints one Markdown table (figure, value, target, result),
 * or JSON with `--json`.
 *
 *     node --import tsx scripts/bench.ts [--issues 1000] [--repeat 3] [--json]
 *         [--suite remark|lint|render|watch|build|serve|send ...] [--recipients 10000,100000]
 *
 * `--suite` runs only the named suites (`npm run bench -- --suite send`:
 * the send figures alone, without generating a corpus).
 *
 * A suite is a module exporting a `BenchSuite` (see bench-harness.ts); add
 * render, watch… figures by appending to SUITES. Suites run in order and see
 * the rows of those before them (targets relative to the remark floor).
 * The CLI runs from lib/bundle/, which is rebuilt first when src/ is newer.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeCorpus } from './generate-corpus.js';
import { markdownTable, passes, REPO, type BenchContext, type BenchRow, type BenchSuite } from './bench-harness.js';
import { lintSuite } from './bench-lint.js';
import { remarkSuite } from './bench-remark.js';
import { renderSuite } from './bench-render.js';
import { buildSuite } from './bench-build.js';
import { sendSuite } from './bench-send.js';
import { serveSuite } from './bench-serve.js';
import { watchSuite } from './bench-watch.js';

const SUITES: BenchSuite[] = [remarkSuite, lintSuite, renderSuite, watchSuite, buildSuite, serveSuite];
const DEFAULT_RECIPIENTS = '10000,100000';

function log(message: string): void {
  process.stderr.write(`bench: ${message}\n`);
}

async function newestMtime(dir: string): Promise<number> {
  let newest = 0;
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    newest = Math.max(newest, (await stat(join(entry.parentPath, entry.name))).mtimeMs);
  }
  return newest;
}

/** Rebuilds lib/bundle/ (what bin/paperboy.js runs) when a source file is newer than the last build (templates/web/search-options.cjs is bundled too). */
async function buildIfStale(): Promise<void> {
  const built = await stat(join(REPO, 'lib', 'bundle', 'main.js')).then((info) => info.mtimeMs, () => 0);
  if (built >= Math.max(await newestMtime(join(REPO, 'src')), await newestMtime(join(REPO, 'templates')))) return;
  log('lib/bundle/ is older than src/: node scripts/build-cli.mjs');
  const build = spawnSync(process.execPath, [join(REPO, 'scripts', 'build-cli.mjs')], { cwd: REPO, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('scripts/build-cli.mjs failed: fix the build before measuring it');
}

async function main(): Promise<void> {
  const usage = 'usage: node --import tsx scripts/bench.ts [--issues N] [--repeat N] [--json] [--suite NAME ...] [--recipients N,N]';
  let values: { issues: string; repeat: string; json: boolean; suite?: string[]; recipients: string };
  try {
    ({ values } = parseArgs({
      options: {
        issues: { type: 'string', default: '1000' },
        repeat: { type: 'string', default: '3' },
        json: { type: 'boolean', default: false },
        suite: { type: 'string', multiple: true },
        recipients: { type: 'string', default: DEFAULT_RECIPIENTS },
      },
    }));
  } catch (error) {
    log(`${(error as Error).message}\n${usage}`);
    process.exitCode = 2;
    return;
  }
  const issueCount = Number(values.issues);
  const repeat = Number(values.repeat);
  const recipients = values.recipients.split(',').map(Number);
  const all = [...SUITES, sendSuite(recipients)];
  const suites = values.suite ? all.filter((suite) => values.suite!.includes(suite.name)) : all;
  const badSuite = values.suite?.find((name) => !all.some((suite) => suite.name === name));
  if (!Number.isInteger(issueCount) || issueCount < 1 || !Number.isInteger(repeat) || repeat < 1 || recipients.some((n) => !Number.isInteger(n) || n < 1) || badSuite) {
    log(badSuite ? `unknown suite ${badSuite}, expected ${all.map((suite) => suite.name).join(', ')}\n${usage}` : usage);
    process.exitCode = 2;
    return;
  }
  const needsCorpus = suites.some((suite) => !suite.ownRoot);

  await buildIfStale();
  // Other processes on the machine skew every figure: say how busy it was.
  const loadAtStart = loadavg()[0]!;
  if (loadAtStart > availableParallelism() / 2) log(`warning: load average ${loadAtStart.toFixed(1)} on ${availableParallelism()} cores: figures will be noisy`);
  const root = await mkdtemp(join(tmpdir(), 'paperboy-bench-'));
  try {
    if (needsCorpus) {
      log(`generating ${issueCount} issues in ${root}`);
      await writeCorpus(root, { issues: issueCount });
    }
    const corpusBytes = needsCorpus ? await directoryBytes(join(root, 'issues')) : 0;
    const figures = new Map<string, BenchRow>();
    const context: BenchContext = { root, issueCount, repeat, figures, log };
    const rows: BenchRow[] = [];
    for (const suite of suites) {
      for (const row of await suite.run(context)) {
        rows.push(row);
        figures.set(row.id, row);
      }
    }
    const environment = {
      node: process.version,
      cores: availableParallelism(),
      cpu: cpus()[0]?.model.trim() ?? 'unknown',
      issues: issueCount,
      corpusMB: Number((corpusBytes / 1e6).toFixed(1)),
      repeat,
      loadAverageAtStart: Number(loadAtStart.toFixed(2)),
    };
    if (values.json) {
      process.stdout.write(`${JSON.stringify({ environment, rows: rows.map((row) => ({ ...row, pass: passes(row) })) }, null, 2)}\n`);
    } else {
      process.stdout.write(
        `Node ${environment.node}, ${environment.cores} cores (${environment.cpu}); ${issueCount.toLocaleString('en')} issues × 10 papers ` +
          `(${environment.corpusMB} MB); median of ${repeat} run${repeat === 1 ? '' : 's'}; load average ${environment.loadAverageAtStart} at start\n\n${markdownTable(rows)}\n`,
      );
    }
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

async function directoryBytes(dir: string): Promise<number> {
  let total = 0;
  for (const name of await readdir(dir)) total += (await stat(join(dir, name))).size;
  return total;
}

await main();
