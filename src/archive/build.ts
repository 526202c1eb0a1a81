import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from '../config/load.js';
import { listIssueFiles } from '../issue/load.js';
import { templateFiles } from '../render/template-files.js';
import { VERSION } from '../version.js';
import { assetSources } from './assets.js';
import { builtKey, writeSite } from './site-writer.js';

export interface BuildOptions {
  /** The folder the site replaces (default: the config's outDir). */
  outDir: string;
  /** Publish drafts too (a preview of the archive). */
  drafts: boolean;
  /** Keep renderings between builds under dataDir (default true). */
  cache: boolean;
}

export interface BuildReport {
  outDir: string;
  /** Nothing changed since the site in `outDir` was built: nothing was read or written. */
  upToDate: boolean;
  issues: number;
  papers: number;
  files: number;
  /** Issues rendered anew; the others came from the cache. */
  rendered: number;
}

/**
 * `paperboy build`: plan (which issues, from cache or rendered anew), then
 * write the whole site at once (site-writer.ts). The same input gives the
 * same bytes: nothing reads the clock, every list has a fixed order.
 * When every input is as it was for the site in `outDir` (its key, see
 * `siteKey`), nothing is done. Throws ISSUE_UNRENDERABLE/ISSUE_UNREADABLE
 * (exit 1) naming every issue that cannot be published, before anything
 * is written.
 */
export async function buildSite(config: Config, options: BuildOptions): Promise<BuildReport> {
  const key = await siteKey(config, options.drafts);
  if (options.cache && builtKey(options.outDir) === key) {
    return { outDir: options.outDir, upToDate: true, issues: 0, papers: 0, files: 0, rendered: 0 };
  }
  // Loaded only now: a build with nothing to do does not pay for the renderers, MiniSearch and KaTeX.
  const [{ Workspace }, { FactsCache }, { loadTemplates }, { publishedIssues }, { buildPaperDatabase }, { siteFiles }] = await Promise.all([
    import('../issue/workspace.js'),
    import('../issue/facts-cache.js'),
    import('../render/templates.js'),
    import('./published.js'),
    import('./paper-database.js'),
    import('./site-files.js'),
  ]);
  const workspace = await Workspace.load(config, options.cache ? { facts: FactsCache.inDataDir(config.dataDir) } : {});
  const templates = loadTemplates(config.templatesDir);
  const { issues, rendered } = publishedIssues(workspace, { ...options, templates });
  const database = buildPaperDatabase(issues);
  const files = await writeSite(options.outDir, siteFiles(config, issues, database, templates, options.cache ? join(config.dataDir, 'cache', 'search') : undefined), key, { reuse: options.cache });
  return { outDir: options.outDir, upToDate: false, issues: issues.length, papers: database.papers.length, files, rendered };
}

/**
 * A hash of every input of a site, read without parsing anything: the
 * issue files' names and bytes, the config, every template and asset, the
 * drafts flag, and the versions of paperboy and KaTeX (MiniSearch's
 * browser build, one of the assets, is the very file the build indexes
 * with). Equal keys, equal sites.
 */
async function siteKey(config: Config, drafts: boolean): Promise<string> {
  const hash = createHash('sha256');
  const { ruleSettingPositions: _positions, ...settings } = config;
  // KaTeX's version is read beside its entry point (dist/katex.mjs).
  const versionOf = (name: string) => (JSON.parse(readFileSync(new URL('../package.json', import.meta.resolve(name)), 'utf8')) as { version: string }).version;
  hash.update(`${VERSION}\0${versionOf('katex')}\0${drafts}\0${JSON.stringify(settings)}\0`);
  for (const { relativePath, file } of templateFiles(config.templatesDir)) hash.update(`${relativePath}\0${readFileSync(file, 'utf8')}\0`);
  for (const [path, contents] of assetSources(config.templatesDir)) hash.update(`${path}\0`).update(readFileSync(contents)).update('\0');
  for (const path of await listIssueFiles(config.issuesDir)) hash.update(`${path}\0`).update(await readFile(path).catch(() => 'unreadable')).update('\0');
  return hash.digest('hex').slice(0, 32);
}

