/**
 * The floor: remark's own parse (remark-parse + remark-gfm) of every Markdown
 * text of the corpus once, in a fresh process as a lint run would. Lint and
 * render figures are compared with it (row id `remark.parse`). Beside it,
 * paperboy's parser (src/issue/markdown.ts: the same trees plus math and
 * single tildes as text, each construct left out of a text that lacks what
 * starts it), on one thread and on every core: the best any lint could do
 * on the machine, whatever else it computes.
 *
 * The floor is one thread of JavaScript. V8's garbage collector and
 * compiler threads run beside it on the other core, so the same parse pinned
 * to one core (`taskset`, where there is one) is shown too.
 *
 * The texts are exactly those the linter parses: `parseIssue` is run with a
 * parser that only records them.
 */
import { execFile, fork, spawnSync, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { Root } from 'mdast';
import { listIssueFiles } from '../src/issue/load.js';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { parseMarkdown } from '../src/issue/markdown.js';
import { parseIssue } from '../src/issue/parse.js';
import { childExecArgv } from '../src/workers/process-pool.js';
import { readIssueSource } from '../src/issue/source.js';
import { median, REPO, type BenchContext, type BenchRow, type BenchSuite } from './bench-harness.js';

/** Every Markdown text of every issue under `issuesDir`, in file order. */
export async function markdownTextsOf(issuesDir: string): Promise<string[]> {
  const texts: string[] = [];
  const empty: Root = { type: 'root', children: [] };
  for (const path of await listIssueFiles(issuesDir)) {
    parseIssue(await readIssueSource(path), {
      parseMarkdown: (text) => {
        texts.push(text);
        return empty;
      },
    });
  }
  return texts;
}

/**
 * The floor is remark's own parse (remark-parse + the whole of remark-gfm);
 * `paperboy` is src/issue/markdown.ts, which also parses math, and leaves
 * out of each text the constructs it cannot hold, for the same trees.
 */
const remarkWithGfm = unified().use(remarkParse).use(remarkGfm).freeze();
const PARSERS = { 'remark-gfm': (text: string) => remarkWithGfm.parse(text), paperboy: parseMarkdown };
type ParserName = keyof typeof PARSERS;

interface ParseTiming {
  texts: number;
  bytes: number;
  ms: number;
}

/** In the child process: parse every text once, on one thread or split over `threads` processes, timing only the parsing. */
async function timeParsing(issuesDir: string, threads: number, parser: ParserName): Promise<ParseTiming> {
  const parse = PARSERS[parser];
  const texts = await markdownTextsOf(issuesDir);
  const bytes = texts.reduce((sum, text) => sum + Buffer.byteLength(text), 0);
  if (threads === 1) {
    const started = performance.now();
    for (const text of texts) parse(text);
    return { texts: texts.length, bytes, ms: performance.now() - started };
  }
  // One process per share, started as the lint starts its workers (one GC
  // thread each); each says when its texts are ready, and the clock starts when all are.
  const shares = Array.from({ length: threads }, (_, share) =>
    fork(fileURLToPath(import.meta.url), [SHARE_FLAG, issuesDir, String(threads), String(share), parser], { execArgv: childExecArgv() }),
  );
  const next = (child: ChildProcess) => new Promise((answered) => child.once('message', answered));
  await Promise.all(shares.map(next));
  const started = performance.now();
  const done = shares.map(next);
  for (const child of shares) child.send('go');
  await Promise.all(done);
  return { texts: texts.length, bytes, ms: performance.now() - started };
}

const SHARE_FLAG = '--share';

/** In a share's process: every `threads`-th text from `share` on, parsed when the coordinator says go. */
async function parseShareWhenTold(issuesDir: string, threads: number, share: number, parser: ParserName): Promise<void> {
  const parse = PARSERS[parser];
  const texts = (await markdownTextsOf(issuesDir)).filter((_, i) => i % threads === share);
  process.once('message', () => {
    for (const text of texts) parse(text);
    process.send!('done', () => process.disconnect());
  });
  process.send!('ready');
}

const execute = promisify(execFile);
const CAN_PIN = process.platform === 'linux' && spawnSync('taskset', ['-c', '0', 'true']).status === 0;

async function measure(context: BenchContext, label: string, threads: number, pinned: boolean, parser: ParserName = 'remark-gfm'): Promise<{ seconds: number; timing: ParseTiming }> {
  const timings: ParseTiming[] = [];
  const child = [process.execPath, '--import', 'tsx', fileURLToPath(import.meta.url), resolve(context.root, 'issues'), String(threads), parser];
  for (let i = 0; i < context.repeat; i++) {
    context.log(`remark: ${label} (${i + 1}/${context.repeat})`);
    const [command, ...args] = pinned ? ['taskset', '-c', '0', ...child] : child;
    const { stdout } = await execute(command!, args, { cwd: REPO, maxBuffer: 1 << 20 });
    timings.push(JSON.parse(stdout) as ParseTiming);
  }
  return { seconds: median(timings.map((timing) => timing.ms)) / 1000, timing: timings[0]! };
}

export const remarkSuite: BenchSuite = {
  name: 'remark',
  async run(context) {
    const cores = availableParallelism();
    const floor = await measure(context, 'one thread', 1, false);
    const { texts, bytes } = floor.timing;
    const megabytes = bytes / 1e6;
    const rows: BenchRow[] = [
      {
        id: 'remark.parse',
        figure: `remark-parse + remark-gfm, ${texts.toLocaleString('en')} texts (${megabytes.toFixed(1)} MB), one thread: the floor`,
        value: floor.seconds,
        unit: 's',
        detail: `${(megabytes / floor.seconds).toFixed(2)} MB/s`,
      },
    ];
    const ratio = (seconds: number) => `${(megabytes / seconds).toFixed(2)} MB/s; ${(seconds / floor.seconds).toFixed(2)} × floor`;
    if (CAN_PIN) {
      const pinned = await measure(context, 'one core (taskset)', 1, true);
      rows.push({ id: 'remark.parse.one-core', figure: 'the same, pinned to one core (V8 collects garbage and compiles on it too)', value: pinned.seconds, unit: 's', detail: ratio(pinned.seconds) });
    }
    if (cores > 1) {
      const all = await measure(context, `${cores} processes`, cores, false);
      rows.push({ id: 'remark.parse.all-cores', figure: `the same, split over ${cores} processes (one GC thread each, as lint's workers)`, value: all.seconds, unit: 's', detail: ratio(all.seconds) });
    }
    const ours = await measure(context, "paperboy's parser, one thread", 1, false, 'paperboy');
    rows.push({ id: 'paperboy.parse', figure: "paperboy's parser (GFM + math, only the constructs a text can hold), same texts, one thread", value: ours.seconds, unit: 's', detail: ratio(ours.seconds) });
    if (cores > 1) {
      const oursAll = await measure(context, `paperboy's parser, ${cores} processes`, cores, false, 'paperboy');
      rows.push({ id: 'paperboy.parse.all-cores', figure: `the same, split over ${cores} processes: the best a lint could do`, value: oursAll.seconds, unit: 's', detail: ratio(oursAll.seconds) });
    }
    return rows;
  },
};

if (process.argv[2] === SHARE_FLAG) {
  const [issuesDir, threads, share, parser] = process.argv.slice(3);
  await parseShareWhenTold(issuesDir!, Number(threads), Number(share), parser as ParserName);
} else if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.stdout.write(JSON.stringify(await timeParsing(process.argv[2]!, Number(process.argv[3] ?? 1), (process.argv[4] ?? 'remark-gfm') as ParserName)));
}
