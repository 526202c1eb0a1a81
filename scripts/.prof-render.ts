import { loadConfig } from '../src/config/load.js';
import { FactsCache } from '../src/issue/facts-cache.js';
import { Workspace } from '../src/issue/workspace.js';
import { loadTemplates } from '../src/render/templates.js';
import { BuildCache } from '../src/archive/build-cache.js';
import { renderAndStore } from '../src/archive/published.js';
const config = await loadConfig(process.argv[2]!);
const workspace = await Workspace.load(config, { facts: FactsCache.inDataDir(config.dataDir) });
const templates = loadTemplates(config.templatesDir);
const cache = BuildCache.disabled();
const t0 = performance.now();
let n = 0;
for (const file of workspace.issueFiles) { if (file.facts.status === 'draft') continue; const r = renderAndStore(workspace, templates, cache, { path: file.path, hash: file.source.hash }); if ('failure' in r && r.failure) console.log(r.failure.message); n++; }
console.log(n, 'issues', ((performance.now() - t0)/n).toFixed(1), 'ms/issue');
