/**
 * What every benchmark suite shares: the rows of the table, the context a
 * suite measures in (the generated corpus, figures of earlier suites), and
 * running the CLI as a user would, with its wall time and peak RSS.
 *
 * A suite is one module exporting a `BenchSuite`; scripts/bench.ts lists
 * them in order and prints their rows as one table.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('..', import.meta.url));
export const CLI = join(REPO, 'bin', 'paperboy.js');
const USAGE_REPORTER = new URL('./bench-usage-reporter.mjs', import.meta.url).href;

export type Unit = 's' | 'ms' | 'µs' | 'MB' | 'MB/s' | 'req/s' | 'msg/s';

/** A target a figure must meet: `value` in the row's unit, compared with `comparison`. */
export interface Target {
  /** `<`, `<=` for times and sizes; `>=` for throughputs. */
  comparison: '<' | '<=' | '>=';
  value: number;
  /** How the target was set, e.g. `0.75 × remark`. */
  basis?: string;
}

export interface BenchRow {
  /** Stable name for tools reading `--json`, e.g. `lint.cold`. */
  id: string;
  figure: string;
  value: number;
  unit: Unit;
  /** Shown after the value, e.g. the throughput beside a time. */
  detail?: string;
  target?: Target;
}

export interface BenchContext {
  /** The generated newsletter root (paperboy.config.yaml, issues/); after the lint suite, its lint cache is primed. */
  root: string;
  issueCount: number;
  /** Times each measurement is taken; rows report the median. */
  repeat: number;
  /** Rows of the suites that ran before, by id (a target may be relative to one). */
  figures: ReadonlyMap<string, BenchRow>;
  /** Progress for the person waiting (stderr). */
  log(message: string): void;
}

export interface BenchSuite {
  name: string;
  /** The suite builds the newsletter it measures: no corpus is generated for it alone. */
  ownRoot?: boolean;
  run(context: BenchContext): Promise<BenchRow[]>;
}

export function passes(row: BenchRow): boolean | undefined {
  if (!row.target) return undefined;
  const { comparison, value } = row.target;
  return comparison === '<' ? row.value < value : comparison === '>=' ? row.value >= value : row.value <= value;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export interface CliRun {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** From spawn to exit, process start included. */
  wallMs: number;
  /**
   * The peak resident sets of the command's processes, added up (lint's
   * workers run beside the main process the whole time, so their peaks
   * nearly coincide: the sum is close to the true peak, and never under it).
   */
  maxRssMb: number;
  /**
   * The peak of the resident sets of all the command's processes at the
   * same moment: their sum, sampled every 50 ms from /proc (NaN where
   * there is no /proc). Never above `maxRssMb`, and below it when the
   * processes peak at different times (a build's workers exit before its
   * main process writes the site).
   */
  peakTogetherMb: number;
  /** User and system CPU time of every thread of every process: less sensitive than wall time to a busy machine. */
  cpuSeconds: number;
}

interface Usage {
  maxRSS: number;
  cpuTime: number;
}

/**
 * Runs `paperboy ARGS` in a fresh process. Every process of the command
 * (lint's workers too, through NODE_OPTIONS) loads a tiny module that writes
 * its `process.resourceUsage()` to a file at exit, so the figures are the
 * command's own, not a wrapper's.
 */
export async function runCli(args: readonly string[], options: { cwd?: string } = {}): Promise<CliRun> {
  const usageDir = await mkdtemp(join(tmpdir(), 'paperboy-usage-'));
  try {
    const nodeOptions = [process.env.NODE_OPTIONS, `--import=${USAGE_REPORTER}`].filter(Boolean).join(' ');
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: options.cwd ?? REPO,
      env: { ...process.env, NODE_OPTIONS: nodeOptions, PAPERBOY_BENCH_USAGE_DIR: usageDir, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const started = performance.now();
    const sampler = sampleTreeRss(child.pid!);
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    // 'close': every process holding the output (workers share stderr) has exited and reported.
    const exitCode = await new Promise<number>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (code) => resolve(code ?? -1));
    });
    const wallMs = performance.now() - started;
    const peakTogetherKb = sampler.stop();
    const usages = await Promise.all((await readdir(usageDir)).map(async (name) => JSON.parse(await readFile(join(usageDir, name), 'utf8')) as Usage));
    const total = (key: keyof Usage) => (usages.length === 0 ? NaN : usages.reduce((sum, usage) => sum + usage[key], 0));
    return {
      exitCode,
      stdout: Buffer.concat(stdout).toString('utf8'),
      stderr: Buffer.concat(stderr).toString('utf8'),
      wallMs,
      maxRssMb: total('maxRSS') / 1024,
      peakTogetherMb: peakTogetherKb / 1024,
      cpuSeconds: total('cpuTime') / 1e6,
    };
  } finally {
    await rm(usageDir, { recursive: true, force: true });
  }
}

/** The resident set of process `pid` in kB (VmRSS), 0 once it has exited. */
function rssKb(pid: number): number {
  try {
    return Number(/^VmRSS:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** `pid` and its descendants, from each process's `children` list in /proc (Linux 3.5+). */
function processTree(pid: number): number[] {
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) {
    try {
      tree.push(...readFileSync(`/proc/${tree[i]}/task/${tree[i]}/children`, 'utf8').split(' ').filter(Boolean).map(Number));
    } catch {
      // Exited meanwhile: no children to add.
    }
  }
  return tree;
}

/** Samples the summed RSS of `pid`'s process tree every 50 ms; `stop` gives the highest sum in kB (NaN without /proc). */
function sampleTreeRss(pid: number): { stop(): number } {
  let peak = 0;
  const sample = () => (peak = Math.max(peak, processTree(pid).reduce((sum, member) => sum + rssKb(member), 0)));
  // Unreferenced: a command that fails to start (its error rejects before `stop`) leaves no timer keeping the bench alive.
  const timer = setInterval(sample, 50).unref();
  return {
    stop() {
      clearInterval(timer);
      return process.platform === 'linux' ? peak : NaN;
    },
  };
}

// ---------------------------------------------------------------- output

function formatNumber(value: number, unit: Unit): string {
  const digits = unit === 'MB' || unit === 'req/s' ? 0 : value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${value.toFixed(digits)} ${unit}`;
}

function formatTarget(row: BenchRow): string {
  if (!row.target) return '—';
  const { comparison, value, basis } = row.target;
  const bound = `${{ '<': '<', '<=': '≤', '>=': '≥' }[comparison]} ${formatNumber(value, row.unit)}`;
  return basis ? `${bound} (${basis})` : bound;
}

export function markdownTable(rows: readonly BenchRow[]): string {
  const lines = ['| figure | value | target | result |', '| --- | ---: | --- | --- |'];
  for (const row of rows) {
    const value = formatNumber(row.value, row.unit) + (row.detail ? ` (${row.detail})` : '');
    const verdict = passes(row);
    lines.push(`| ${row.figure} | ${value} | ${formatTarget(row)} | ${verdict === undefined ? '' : verdict ? 'pass' : '**fail**'} |`);
  }
  return lines.join('\n');
}
