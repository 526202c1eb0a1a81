/**
 * `paperboy preview --watch` as an editor uses it: the latency from writing
 * the issue file to the preview on screen, median over 20 saves of the
 * newest issue of a newsletter root. The CLI runs in its own process with
 * PAPERBOY_WATCH_TRACE=1, which reports on stderr when the render of each
 * version of the file (known by its sha256) is written out, and when its
 * lint diagnostics are. The root is copied first: its files are never
 * touched.
 *
 *     const row = await measureWatchLatency('/path/to/newsletter');
 *     // { figure: 'watch: file write → render finished', value: 41.2, target: 100, pass: true, lintMs: 180.3 }
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative } from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import { CONFIG_FILE, loadConfig } from '../src/config/load.js';
import { Workspace } from '../src/issue/workspace.js';
import { CLI, median, type BenchRow, type BenchSuite } from './bench-harness.js';

export const WATCH_TARGET_MS = 100;
const SAVES = 20;
/** Between saves, so each is measured alone, as an editor's would be. */
const PAUSE_MS = 150;
const SAVE_TIMEOUT_MS = 10_000;
/** The first render lints every issue of the copy, with no cache: long on a large corpus. */
const START_TIMEOUT_MS = 180_000;

export interface WatchLatency {
  figure: string;
  /** Median milliseconds from the write to the preview written to the terminal. */
  value: number;
  target: number;
  pass: boolean;
  /** Median milliseconds from the write to the lint diagnostics shown above it (no target). */
  lintMs: number;
}

export async function measureWatchLatency(root: string, saves = SAVES): Promise<WatchLatency> {
  const copy = await copyNewsletter(root);
  try {
    const workspace = await Workspace.load(await loadConfig(copy));
    const newest = workspace.newest();
    if (!newest) throw new Error(`Unexpected newsletter without issues in ${root}`);
    const original = await readFile(newest.path, 'utf8');
    const child = spawn(process.execPath, [CLI, 'preview', '--watch', '--root', copy, newest.path], {
      env: { ...process.env, PAPERBOY_WATCH_TRACE: '1', NO_COLOR: '1' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const trace = new TraceReader(createInterface({ input: child.stderr }));
    try {
      await trace.next('linted', sha256(original), START_TIMEOUT_MS);
      const render: number[] = [];
      const lint: number[] = [];
      for (let round = 1; round <= saves; round++) {
        const text = edited(original, round);
        const hash = sha256(text);
        const rendered = trace.next('rendered', hash);
        const linted = trace.next('linted', hash);
        const written = performance.now();
        await writeFile(newest.path, text);
        render.push((await rendered) - written);
        lint.push((await linted) - written);
        await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
      }
      const value = median(render);
      return { figure: 'watch: file write → render finished', value, target: WATCH_TARGET_MS, pass: value < WATCH_TARGET_MS, lintMs: median(lint) };
    } finally {
      child.kill('SIGTERM');
    }
  } finally {
    await rm(copy, { recursive: true, force: true });
  }
}

/** The suite for scripts/bench.ts: render latency against its target, lint latency beside it. */
export const watchSuite: BenchSuite = {
  name: 'watch',
  async run(context) {
    context.log(`watch: ${SAVES} saves of the newest issue`);
    const latency = await measureWatchLatency(context.root);
    const rows: BenchRow[] = [
      { id: 'watch.render', figure: latency.figure, value: latency.value, unit: 'ms', target: { comparison: '<', value: latency.target, basis: 'debounce included' } },
      { id: 'watch.lint', figure: 'watch: file write → lint diagnostics shown', value: latency.lintMs, unit: 'ms' },
    ];
    return rows;
  },
};

/** An editor's save: a sentence added to the first paragraph of the body. */
function edited(text: string, round: number): string {
  const bodyStart = text.indexOf('\n---\n', 4) + '\n---\n'.length;
  return `${text.slice(0, bodyStart)}\nSaved ${round} times while writing.\n${text.slice(bodyStart)}`;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The config, issues and templates of a root in a temporary directory (never a repository's node_modules). */
async function copyNewsletter(root: string): Promise<string> {
  const config = await loadConfig(root);
  const copy = await mkdtemp(join(tmpdir(), 'paperboy-bench-watch-'));
  await cp(join(config.root, CONFIG_FILE), join(copy, CONFIG_FILE));
  for (const dir of [config.issuesDir, config.templatesDir]) {
    const inside = relative(config.root, dir);
    if (inside.startsWith('..') || isAbsolute(inside)) continue;
    await cp(dir, join(copy, inside), { recursive: true }).catch(() => undefined);
  }
  return copy;
}

/** Waits for `paperboy-watch <event> <hash> <ms>` lines; resolves with the time each arrived. */
class TraceReader {
  private readonly waiting = new Map<string, (at: number) => void>();
  /** Anything else the CLI said, for the error when a trace never comes. */
  private readonly other: string[] = [];

  constructor(lines: Interface) {
    lines.on('line', (line) => {
      const at = performance.now();
      const [marker, event, hash] = line.split(' ');
      if (marker !== 'paperboy-watch') {
        this.other.push(line);
        return;
      }
      const key = `${event} ${hash}`;
      this.waiting.get(key)?.(at);
      this.waiting.delete(key);
    });
  }

  next(event: 'rendered' | 'linted', hash: string, timeoutMs = SAVE_TIMEOUT_MS): Promise<number> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        const said = this.other.length > 0 ? `; the CLI said:\n${this.other.join('\n')}` : '';
        reject(new Error(`Unexpected silence: no "${event}" trace within ${timeoutMs} ms${said}`));
      }, timeoutMs);
      this.waiting.set(`${event} ${hash}`, (at) => {
        clearTimeout(timer);
        resolve(at);
      });
    });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = process.argv[2] ?? '.';
  process.stdout.write(`${JSON.stringify(await measureWatchLatency(root), null, 2)}\n`);
}
