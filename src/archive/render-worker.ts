import type { Config } from '../config/load.js';
import { FactsCache } from '../issue/facts-cache.js';
import { Workspace } from '../issue/workspace.js';
import { loadTemplates, type TemplateSet } from '../render/templates.js';
import { serveBatches } from '../workers/process-pool.js';
import { BuildCache } from './build-cache.js';
import { renderAndStore, type RenderItem, type RenderOutcome } from './published.js';

/**
 * A render worker process (see workers/process-pool.ts and published.ts):
 * receives the config, then batches of issue files, each with the hash of
 * the bytes the main process read; renders each as the main process would,
 * stores the output in the build cache and answers with its summary. A
 * file whose bytes hash otherwise here (edited during the build) is sent
 * back to be rendered by the main process.
 *
 * Started ahead of a cold build (render-workers.ts), it gets the config
 * while the main process still reads the issues' frontmatter: it loads the
 * templates then, and the workspace at the first batch, once the main
 * process has stored the facts it read (the workspace reads them back from
 * the facts cache rather than parsing every frontmatter again).
 */
let prepared: Promise<{ templates: TemplateSet; cache: BuildCache }> | undefined;
let ready: Promise<{ workspace: Workspace; templates: TemplateSet; cache: BuildCache }> | undefined;
let config: Config | undefined;

serveBatches<Config, RenderItem, RenderOutcome>(
  (setup) => {
    config = setup;
    // A template's mistake is the first batch's failure, as before: not a crash of the process now.
    prepared = Promise.resolve().then(() => ({ templates: loadTemplates(setup.templatesDir), cache: BuildCache.inDataDir(setup.dataDir) }));
    prepared.catch(() => undefined);
  },
  async (items) => {
    ready ??= prepared!.then(async ({ templates, cache }) => ({
      workspace: await Workspace.load(config!, { facts: FactsCache.inDataDir(config!.dataDir), tags: false }),
      templates,
      cache,
    }));
    const { workspace, templates, cache } = await ready;
    return items.map((item) => renderAndStore(workspace, templates, cache, item));
  },
);
