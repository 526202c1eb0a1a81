/**
 * Rendering figures: the HTML and plaintext email of every issue of the
 * corpus, from the Markdown trees (src/render/email.ts), on one core.
 *
 * - cold: an empty tree cache, so remark parses every text, then renders;
 * - warm: the trees are read back from the cache (`<dataDir>/cache/trees`);
 * - the render stage alone (mdast-util-to-hast, sanitize, stringify, Handlebars,
 *   CSS inlining, plaintext), which the task wants no costlier than the
 *   parse of the same texts (`remark.parse`);
 * - personalizing one copy for one recipient, over 100,000 copies;
 * - `paperboy render N` of one issue in a fresh process, once the corpus
 *   was read before (its hashes and facts cached): what an editor waits
 *   for in a newsletter with a long past.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config/load.js';
import { TreeCache } from '../src/issue/tree-cache.js';
import { Workspace } from '../src/issue/workspace.js';
import { personalize, renderEmail, type RenderedEmail } from '../src/render/email.js';
import { loadTemplates } from '../src/render/templates.js';
import { median, runCli, type BenchContext, type BenchRow, type BenchSuite } from './bench-harness.js';

const COPIES = 100_000;

interface RenderTiming {
  totalMs: number;
  /** Time spent in parseIssue (remark, or reading trees back). */
  parseMs: number;
  /** Time spent rendering from the trees. */
  renderMs: number;
  sample: RenderedEmail | undefined;
}

async function renderAll(root: string, trees: TreeCache): Promise<RenderTiming> {
  const config = await loadConfig(root);
  const templates = loadTemplates(config.templatesDir);
  const workspace = await Workspace.load(config, { trees });
  let parseMs = 0;
  let renderMs = 0;
  let sample: RenderedEmail | undefined;
  const started = performance.now();
  for (const file of workspace.issueFiles) {
    const parseStart = performance.now();
    const parsed = workspace.parse(file);
    const renderStart = performance.now();
    parseMs += renderStart - parseStart;
    if (!parsed.issue) continue;
    sample = renderEmail(parsed.issue, { config, corpus: workspace.corpus, facts: file.facts }, templates);
    renderMs += performance.now() - renderStart;
  }
  return { totalMs: performance.now() - started, parseMs, renderMs, sample };
}

/** Wall ms of `paperboy render N` (the middle issue), process start included: the median of `repeat` runs after one that fills the caches. */
async function renderOneMs(context: BenchContext): Promise<number> {
  const args = ['render', String(Math.ceil(context.issueCount / 2))];
  const runs: number[] = [];
  for (let round = 0; round <= context.repeat; round++) {
    const run = await runCli(args, { cwd: context.root });
    if (run.exitCode !== 0) throw new Error(`paperboy ${args.join(' ')} exited with ${run.exitCode}: ${run.stderr}`);
    if (round > 0) runs.push(run.wallMs);
  }
  return median(runs);
}

function personalizeMicroseconds(rendered: RenderedEmail): number {
  const started = performance.now();
  let bytes = 0;
  for (let i = 0; i < COPIES; i++) {
    const copy = personalize(rendered, { unsubscribeUrl: `https://news.example.org/unsubscribe?token=k1.${i.toString(36)}` });
    bytes += copy.html.length;
  }
  const elapsed = performance.now() - started;
  if (bytes === 0) throw new Error('personalize produced nothing');
  return (elapsed * 1000) / COPIES;
}

export const renderSuite: BenchSuite = {
  name: 'render',
  async run(context: BenchContext): Promise<BenchRow[]> {
    const seconds = (ms: number) => ms / 1000;
    const cold: RenderTiming[] = [];
    const warm: RenderTiming[] = [];
    for (let round = 0; round < context.repeat; round++) {
      const dataDir = await mkdtemp(join(tmpdir(), 'paperboy-bench-trees-'));
      try {
        context.log(`render: every issue, cold then warm (round ${round + 1}/${context.repeat})`);
        cold.push(await renderAll(context.root, TreeCache.inDataDir(dataDir)));
        warm.push(await renderAll(context.root, TreeCache.inDataDir(dataDir)));
      } finally {
        await rm(dataDir, { recursive: true, force: true });
      }
    }
    const floor = context.figures.get('remark.parse');
    const renderStage = median(warm.map((t) => t.renderMs));
    const sample = warm[0]?.sample;
    const rows: BenchRow[] = [
      { id: 'render.cold', figure: `render: HTML + plaintext of ${context.issueCount} issues, cold (remark parses every text)`, value: seconds(median(cold.map((t) => t.totalMs))), unit: 's' },
      {
        id: 'render.warm',
        figure: 'render: the same, warm (trees read back from the cache)',
        value: seconds(median(warm.map((t) => t.totalMs))),
        unit: 's',
        detail: `trees read in ${seconds(median(warm.map((t) => t.parseMs))).toFixed(2)} s`,
      },
      {
        id: 'render.stage',
        figure: 'render stage alone (rehype, sanitize, Handlebars, juice, plaintext), from the trees',
        value: seconds(renderStage),
        unit: 's',
        ...(floor ? { target: { comparison: '<=' as const, value: floor.value, basis: 'remark.parse of the same texts' } } : {}),
      },
    ];
    if (sample) {
      rows.push({
        id: 'render.personalize',
        figure: `personalize one copy for one recipient (mean over ${COPIES.toLocaleString("en")} copies)`,
        value: personalizeMicroseconds(sample),
        unit: 'µs',
        target: { comparison: '<', value: 50 },
      });
    }
    context.log('render: one issue in a fresh process');
    rows.push({ id: 'render.one', figure: `\`paperboy render N\`: one issue of the ${context.issueCount}, in a fresh process, caches warm`, value: seconds(await renderOneMs(context)), unit: 's' });
    return rows;
  },
};
