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
 */
let config: Config | undefined;
let ready: Promise<{ workspace: Workspace; templates: TemplateSet; cache: BuildCache }> | undefined;

serveBatches<Config, RenderItem, RenderOutcome>(
  (setup) => (config = setup),
  async (items) => {
    ready ??= (async () => ({
      workspace: await Workspace.load(config!, { facts: FactsCache.inDataDir(config!.dataDir), tags: false }),
      templates: loadTemplates(config!.templatesDir),
      cache: BuildCache.inDataDir(config!.dataDir),
    }))();
    const { workspace, templates, cache } = await ready;
    return items.map((item) => renderAndStore(workspace, templates, cache, item));
  },
);
