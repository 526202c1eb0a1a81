import type { Config } from '../config/load.js';
import { FactsCache } from '../issue/facts-cache.js';
import { readIssueSource } from '../issue/source.js';
import { frontmatterFacts, Workspace } from '../issue/workspace.js';
import { loadTemplates, type TemplateSet } from '../render/templates.js';
import { serveBatches } from '../workers/process-pool.js';
import { BuildCache } from './build-cache.js';
import { renderAndStore } from './published.js';
import type { FactsItem, FactsOutcome, RenderItem, RenderOutcome } from './render-pool.js';

/**
 * A render worker process (see workers/process-pool.ts and published.ts):
 * receives the config, then batches of issue files, each with the hash of
 * the bytes the main process read: first (on a cold build) files to read
 * the facts of, answered with them; then files to render, each rendered as
 * the main process would, its output stored in the build cache, answered
 * with its summary. A file whose bytes hash otherwise here (edited during
 * the build) is sent back to the main process, which reads it again. The
 * workspace is loaded at the first file to render, from the facts cache
 * the main process has saved by then.
 */
let config: Config | undefined;
let ready: Promise<{ workspace: Workspace; templates: TemplateSet; cache: BuildCache }> | undefined;

serveBatches<Config, RenderItem | FactsItem, RenderOutcome | FactsOutcome>(
  (setup) => (config = setup),
  async (items) => {
    if (items.every(isFactsItem)) return Promise.all(items.map(factsOf));
    ready ??= (async () => ({
      workspace: await Workspace.load(config!, { facts: FactsCache.inDataDir(config!.dataDir), tags: false }),
      templates: loadTemplates(config!.templatesDir),
      cache: BuildCache.inDataDir(config!.dataDir),
    }))();
    const { workspace, templates, cache } = await ready;
    return items.map((item) => renderAndStore(workspace, templates, cache, item));
  },
);

function isFactsItem(item: RenderItem | FactsItem): item is FactsItem {
  return 'facts' in item;
}

/** The facts of the file `item` names, read here, unless its bytes are no longer those the main process read. */
async function factsOf({ path, hash }: FactsItem): Promise<FactsOutcome> {
  const source = await readIssueSource(path);
  return source.hash === hash && !source.unreadable ? { path, facts: frontmatterFacts(source) } : { path, stale: true };
}
