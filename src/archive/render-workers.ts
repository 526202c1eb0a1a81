import { existsSync } from 'node:fs';
import type { Config } from '../config/load.js';
import { childModule, ProcessPool, worthAPool, type ChildrenAhead } from '../workers/process-pool.js';
import { buildCacheIndex } from './build-cache.js';

/**
 * The render workers of a build (render-worker.ts): one child process per
 * core beside the main process, which renders a share itself. Each process
 * holds its own modules and workspace (~150 MB on 1,000 issues), so the
 * main process works rather than waits: three processes peaked at 709 MB
 * together, two at 465–476 MB, with the main heap growing slowly
 * (workers/heap.ts). A child's heap is capped at 384 MB, its young
 * generation at 2 × 8 MB (V8's default is 2 × 16 MB: the worker's peak went
 * from ~245 to ~220 MB).
 */
export function renderPool(config: Config): { module: URL; setup: Config; execArgv: string[] } {
  return { module: childModule('render-worker', import.meta.url), setup: config, execArgv: ['--max-old-space-size=384', '--max-semi-space-size=8'] };
}

/**
 * The render workers started as a build begins, when it will render every
 * issue (`<dataDir>/cache/build/` holds no index of renderings: the first
 * build, or its cache removed) and there are enough of them (`issueFiles`,
 * workers/process-pool.ts `worthAPool`), so that they load their modules
 * and templates while the main process reads every issue's frontmatter
 * (~3.5 s on the 1,000-issue bench corpus; a worker took ~1.5 s from its
 * start to its first rendering). Undefined otherwise: a build that renders a
 * few issues starts none, one that renders many for another reason starts
 * them once it knows (published.ts `renderOnEveryCore`). The caller releases them
 * (`ChildrenAhead.release`) once the build has rendered.
 */
export function renderersAhead(config: Config, options: { cache: boolean }, issueFiles: number): ChildrenAhead | undefined {
  if (!options.cache || !worthAPool(issueFiles) || existsSync(buildCacheIndex(config.dataDir))) return undefined;
  return ProcessPool.startAhead(renderPool(config), true);
}
