/**
 * Build figures: `paperboy build` of the generated corpus, beside Eleventy 3
 * building an equivalent site and remark's own single-thread parse of the
 * same texts (the floor; from the remark suite when it ran, else measured
 * here in-process).
 *
 * - cold: no cache at all (no parsed trees, no renderings), CLI wall and
 *   peak RSS (the processes' resident sets added up at each moment, and
 *   each process's own peak added up, an upper bound);
 * - nothing changed: the same build again;
 * - one edit: one word of one summary changed, then a one-shot build,
 *   whose output must equal a clean build's byte for byte;
 * - one issue retitled (its facts, which other issues' links read), then a
 *   one-shot build: how many issues it renders again, and how long;
 * - Eleventy 3, cold: one page per issue and one per paper, Markdown per
 *   summary through its default markdown-it, one Nunjucks layout.
 *
 * Run alone: `node --import tsx scripts/bench.ts --suite build`.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { loadConfig } from '../src/config/load.js';
import { Workspace } from '../src/issue/workspace.js';
import { FRONTMATTER_ONLY, parseIssue } from '../src/issue/parse.js';
import { median, REPO, runCli, type BenchContext, type BenchRow, type BenchSuite } from './bench-harness.js';
import { markdownTextsOf } from './bench-remark.js';

async function digest(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files.set(relative(dir, path), createHash('sha256').update(await readFile(path)).digest('hex'));
  }
  return files;
}

function sameSite(a: Map<string, string>, b: Map<string, string>): boolean {
  return a.size === b.size && [...a].every(([path, hash]) => b.get(path) === hash);
}

/** remark-parse + remark-gfm over every text once, in this process: the floor when the remark suite did not run. */
async function remarkFloorSeconds(root: string): Promise<number> {
  const texts = await markdownTextsOf(join(root, 'issues'));
  const processor = unified().use(remarkParse).use(remarkGfm).freeze();
  const started = performance.now();
  for (const text of texts) processor.parse(text);
  return (performance.now() - started) / 1000;
}

/** Eleventy's input for the same corpus: a page per issue (intro, each paper's summary and opinion) and per paper, Markdown each. */
async function writeEleventyInput(root: string, input: string): Promise<void> {
  const config = await loadConfig(root);
  const workspace = await Workspace.load(config);
  await mkdir(join(input, '_includes'), { recursive: true });
  await writeFile(
    join(input, '_includes', 'layout.njk'),
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{{ title }}</title><link rel="stylesheet" href="/assets/archive.css"></head>' +
      '<body><nav><a href="/">Home</a> <a href="/papers/">Papers</a></nav><main>{{ content | safe }}</main></body></html>\n',
  );
  const quote = (text: string) => JSON.stringify(text);
  for (const file of workspace.issueFiles) {
    const issue = parseIssue(file.source, FRONTMATTER_ONLY).issue;
    if (!issue || issue.status === 'draft') continue;
    const papers = issue.papers.map((paper) => `## ${paper.title}\n\n${paper.summary.text}\n\n${paper.opinion ? `**Opinion.** ${paper.opinion.text}` : ''}`);
    await mkdir(join(input, 'issues', String(issue.number)), { recursive: true });
    await writeFile(join(input, 'issues', String(issue.number), 'index.md'), `---\nlayout: layout.njk\ntitle: ${quote(issue.title)}\n---\n\n${issue.body.text}\n\n${papers.join('\n\n')}\n`);
    for (const paper of issue.papers) {
      const dir = join(input, 'papers', createHash('sha256').update(paper.id).digest('hex').slice(0, 16));
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, 'index.md'), `---\nlayout: layout.njk\ntitle: ${quote(paper.title)}\n---\n\n# ${paper.title}\n\n${paper.summary.text}\n`);
    }
  }
}

async function eleventyColdSeconds(context: BenchContext): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), 'paperboy-bench-eleventy-'));
  try {
    await writeEleventyInput(context.root, join(dir, 'input'));
    const started = performance.now();
    await runEleventy(join(dir, 'input'), join(dir, 'output'));
    return (performance.now() - started) / 1000;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Eleventy in a fresh process (scripts/bench-eleventy.mjs), as its CLI runs it. */
async function runEleventy(input: string, output: string): Promise<void> {
  const child = spawn(process.execPath, [join(REPO, 'scripts', 'bench-eleventy.mjs'), input, output], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number>((resolve) => child.on('close', (status) => resolve(status ?? -1)));
  if (code !== 0) throw new Error(`Eleventy failed (${code}): ${stderr.slice(0, 500)}`);
}

export const buildSuite: BenchSuite = {
  name: 'build',
  async run(context: BenchContext): Promise<BenchRow[]> {
    const { root } = context;
    const dataDir = join(root, '.paperboy');
    const cold: number[] = [];
    const rss: number[] = [];
    const peaksAdded: number[] = [];
    for (let round = 0; round < context.repeat; round++) {
      context.log(`build: cold (round ${round + 1}/${context.repeat})`);
      await rm(dataDir, { recursive: true, force: true });
      await rm(join(root, 'dist'), { recursive: true, force: true });
      const run = await runCli(['build', '--root', root]);
      if (run.exitCode !== 0) throw new Error(`paperboy build failed: ${run.stderr}`);
      cold.push(run.wallMs / 1000);
      rss.push(run.peakTogetherMb);
      peaksAdded.push(run.maxRssMb);
    }
    const unchanged: number[] = [];
    for (let round = 0; round < context.repeat; round++) {
      context.log(`build: nothing changed (round ${round + 1}/${context.repeat})`);
      unchanged.push((await runCli(['build', '--root', root])).wallMs / 1000);
    }

    context.log('build: one summary edited, then a one-shot build');
    const issues = (await readdir(join(root, 'issues'))).sort();
    const edited = join(root, 'issues', issues[Math.floor(issues.length / 2)]!);
    const oneEdit: number[] = [];
    for (let round = 0; round < context.repeat; round++) {
      const text = await readFile(edited, 'utf8');
      await writeFile(edited, text.replace(/( {4}summary: \|\n {6})/, `$1Edited ${round}. `));
      const run = await runCli(['build', '--root', root]);
      if (run.exitCode !== 0) throw new Error(`paperboy build failed: ${run.stderr}`);
      oneEdit.push(run.wallMs / 1000);
    }
    // An edit of the issue's facts (what other issues' links resolve to): that issue is rendered again, and those whose links read it.
    context.log('build: one issue retitled, then a one-shot build');
    const retitle: number[] = [];
    const rerendered: number[] = [];
    for (let round = 0; round < context.repeat; round++) {
      const text = await readFile(edited, 'utf8');
      await writeFile(edited, text.replace(/^title: "(.*)"$/m, `title: "$1 (retitled ${round})"`));
      const run = await runCli(['build', '--root', root]);
      if (run.exitCode !== 0) throw new Error(`paperboy build failed: ${run.stderr}`);
      retitle.push(run.wallMs / 1000);
      rerendered.push(Number(/\((\d+) rendered/.exec(run.stdout)?.[1] ?? NaN));
    }
    context.log('build: a clean build to compare with');
    const clean = await runCli(['build', '--root', root, '--no-cache', '--out', join(root, 'clean')]);
    if (clean.exitCode !== 0) throw new Error(`paperboy build failed: ${clean.stderr}`);
    const identical = sameSite(await digest(join(root, 'dist')), await digest(join(root, 'clean')));
    await rm(join(root, 'clean'), { recursive: true, force: true });

    context.log('build: Eleventy 3, cold');
    const eleventy = await eleventyColdSeconds(context);
    const floor = context.figures.get('remark.parse')?.value ?? (context.log('build: remark floor, in-process'), await remarkFloorSeconds(root));

    const coldSeconds = median(cold);
    return [
      { id: 'build.remark-floor', figure: 'remark-parse + remark-gfm of the same texts, one thread (the floor)', value: floor, unit: 's' },
      { id: 'build.eleventy', figure: `Eleventy 3, cold: an equivalent site (a page per issue and per paper, Markdown per summary)`, value: eleventy, unit: 's' },
      {
        id: 'build.cold',
        figure: `paperboy build, cold (no cache): ${context.issueCount} issues, CLI wall`,
        value: coldSeconds,
        unit: 's',
        detail: `${(coldSeconds / floor).toFixed(2)} × remark, ${(coldSeconds / eleventy).toFixed(2)} × Eleventy`,
        target: { comparison: '<=', value: 0.75 * floor, basis: '0.75 × remark' },
      },
      {
        id: 'build.cold.rss',
        figure: 'paperboy build, cold: peak RSS of its processes together (sampled every 50 ms)',
        value: median(rss),
        unit: 'MB',
        target: { comparison: '<', value: 500 },
      },
      { id: 'build.cold.rss-peaks-added', figure: "the same: each process's own peak, added up (peaks at different moments)", value: median(peaksAdded), unit: 'MB' },
      {
        id: 'build.unchanged',
        figure: 'paperboy build, nothing changed',
        value: median(unchanged),
        unit: 's',
        target: { comparison: '<', value: eleventy, basis: "Eleventy's cold build" },
      },
      {
        id: 'build.one-edit',
        figure: 'paperboy build after editing one summary (one-shot, no watcher)',
        value: median(oneEdit) * 1000,
        unit: 'ms',
        detail: identical ? 'byte-identical to a clean build' : 'DIFFERS from a clean build',
        target: { comparison: '<', value: 300 },
      },
      {
        id: 'build.retitle',
        figure: 'paperboy build after retitling one issue (one-shot)',
        value: median(retitle),
        unit: 's',
        detail: `${median(rerendered)} issues rendered again`,
      },
    ];
  },
};
