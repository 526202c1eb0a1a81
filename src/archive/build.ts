import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { paperDatabaseFile } from './paper-database-cache.js';
import type { Config } from '../config/load.js';
import { readCacheJson, writeCacheFile } from '../cache-file.js';
import { FILE_CHANGED, PaperboyError } from '../errors.js';
import { readIssueSources } from '../issue/known-hashes.js';
import type { IssueFacts } from '../issue/facts.js';
import type { IssueSource } from '../issue/source.js';
import { templatesFingerprint } from '../render/template-files.js';
import type { TemplateProblem } from '../render/template-errors.js';
import { VERSION } from '../version.js';
import { growHeapSlowly } from '../workers/heap.js';
import type { ChildrenAhead } from '../workers/process-pool.js';
import { readCopiedFiles, type CopiedFiles } from './copied-files.js';
import { linkTarget } from './link-target.js';
import { packageVersion } from './package-version.js';
import type { IssueAddress } from './former-issue-pages.js';
import type { FileValues, PublishedIssues } from './published.js';
import { renderersAhead } from './render-workers.js';
import type { SiteCache } from './site-plan.js';
import { lintPublished } from './sent-linted.js';
import { lockSite } from './site-lock.js';
import { builtKey, filesNotAsBuilt } from './site-marker.js';
import { assertReplaceable, openSite, writeSite } from './site-writer.js';
import { INDEX_FORMAT, SHAPE_FORMAT, SHARD_FORMAT } from './formats.js';

export interface BuildOptions {
  /** The folder the site replaces (default: the config's outDir). */
  outDir: string;
  /** Where `outDir` was set, as a refusal to replace it names it: `--out` (default: the config's `outDir`). */
  outDirFrom?: '--out' | 'outDir';
  /** Publish drafts too (a preview of the archive). */
  drafts: boolean;
  /** Keep renderings between builds under dataDir (default true). */
  cache: boolean;
  /** Told how far the long stages are (the CLI draws it on stderr). */
  progress?: BuildProgress;
  /**
   * Checks of settings the site does not depend on (the config's lint
   * rules), run once the site is known not to be up to date, before
   * anything is written: a build with nothing to do does not pay for them,
   * and a setting changed since the last build makes the site not up to date.
   */
  check?: () => Promise<void>;
  /**
   * The linter, for the errors of the issues the site publishes that are
   * not drafts, and not sent unless changed since (sent-linted.ts;
   * `BuildReport.lintErrors`): `errors` lints those files
   * (paths, in file order) once the site is written; `key` names the
   * linter's make (lint/cache.ts `LINT_FORMAT`), kept with its answer, so
   * that a build with nothing to do says the errors again without linting
   * while the linter is the one that found them. `facts`: those of the
   * other issues the build published, by path, each with its tags, as the
   * lint's rules across issues read them (sent-linted.ts `lintPublished`).
   * Without it, nothing is linted (`serve --dev`'s preview).
   */
  lint?: { key: string; errors: (paths: readonly string[], facts: ReadonlyMap<string, IssueFacts>) => Promise<FileValues[]> };
}

export type { FileValues } from './published.js';

/** The stages of a build that take long on a big archive: rendering the issues, writing the site's files. */
export type BuildStage = 'render' | 'write';

/** How far a stage is: `done` of `total` (issues rendered, files written). */
export type BuildProgress = (stage: BuildStage, done: number, total: number) => void;

export interface BuildReport {
  outDir: string;
  /** Nothing changed since the site in `outDir` was built: nothing was read or written (but what that build left unread, and its templates' unread files, which it says again). */
  upToDate: boolean;
  issues: number;
  papers: number;
  /** Files the site has. */
  files: number;
  /** Files written anew; the others were the previous build's, unchanged. */
  written: number;
  /** Issues rendered anew; the others came from the cache. */
  rendered: number;
  /** Drafts left out of the site (0 with `drafts`). */
  drafts: number;
  /** Values of published issue files the parser could not read (each published without them), by file. */
  unread: PublishedIssues['unread'];
  /** The lint errors (`BuildOptions.lint`) of the published issues that are not drafts, and not sent unless changed since (sent-linted.ts), by file: the issues published with errors. */
  lintErrors: FileValues[];
  /** The addresses `issues/<number>/` the site has (`IssueAddress`), by number: what `build` compares with the issues already sent (the site's, up to date). */
  addresses: IssueAddress[];
  /** The mistakes of template files no template reads (`TemplateSet.unread`), and the HTML mistakes of the newsletter's templates (template-html.ts): the templates' loaded now, or, up to date, the build's before. */
  unreadTemplates: readonly TemplateProblem[];
}

/**
 * `paperboy build`: plan (which issues, from cache or rendered anew), then
 * write the whole site at once (site-writer.ts). The same input gives the
 * same bytes: nothing reads the clock, every list has a fixed order.
 * When every input is as it was for the site in `outDir` (its key, see
 * `siteKey`), nothing is done. Throws ISSUE_UNRENDERABLE/ISSUE_UNREADABLE
 * (exit 1) naming every issue that cannot be published, before anything
 * is written. An `outDir` that is a symbolic link is built where it points
 * (the link stays, still pointing at the site).
 */
export async function buildSite(config: Config, requested: BuildOptions): Promise<BuildReport> {
  const options = { ...requested, outDir: linkTarget(requested.outDir) };
  const report = await buildSiteAt(config, options);
  return { ...report, outDir: requested.outDir };
}

async function buildSiteAt(config: Config, options: BuildOptions): Promise<BuildReport> {
  // Hashed once: for the key, then for the site (copied as hashed, or the build is run again below).
  const copied = readCopiedFiles(config, options.cache ? 'stored' : 'none');
  const shared = sharedInputs(config, options.drafts, copied);
  // Read once: for the key, then for the workspace.
  const sources = await readIssueSources(config, options.cache ? 'stored' : 'none');
  const key = siteKey(shared, sources.values());
  const built = builtKey(options.outDir);
  // Up to date, and what its build published without is known (every build says it again), and every file it wrote still there as written: nothing to do.
  const stored = options.cache && built === key ? storedUnread(config.dataDir, key, options.lint?.key) : undefined;
  if (stored && filesNotAsBuilt(options.outDir).length === 0) return { outDir: options.outDir, upToDate: true, issues: 0, papers: 0, files: 0, written: 0, rendered: 0, drafts: 0, ...stored };
  await options.check?.();
  // From here the build writes: one build at a time per output folder (site-lock.ts).
  const release = lockSite(options.outDir);
  try {
    assertReplaceable(options.outDir, options.outDirFrom);
    // A site written whole (the first, or --no-cache): thousands of pages made here.
    if (!options.cache || built === undefined) growHeapSlowly();
    try {
      return await renderAndWrite(config, options, copied, sources, key);
    } catch (error) {
      if (!(error instanceof PaperboyError && error.code === FILE_CHANGED)) throw error;
      // A file saved while the build ran (a source read late, or a file copied, not the bytes its stored hash names): once more, every file read now.
      const copiedNow = readCopiedFiles(config, options.cache ? 'read' : 'none');
      const read = await readIssueSources(config, 'read');
      return await renderAndWrite(config, options, copiedNow, read, siteKey(sharedInputs(config, options.drafts, copiedNow), read.values()));
    }
  } finally {
    release();
  }
}

/** What `buildSite` does once it knows the site is not up to date: render what changed, plan, write. */
async function renderAndWrite(config: Config, options: BuildOptions, copied: CopiedFiles, sources: ReadonlyMap<string, IssueSource>, key: string): Promise<BuildReport> {
  // A cold build's render workers load their modules while this process loads its own and reads every frontmatter.
  const ahead = renderersAhead(config, options, sources.size);
  try {
    return await renderAndWriteWith(config, options, copied, sources, key, ahead);
  } finally {
    ahead?.release();
  }
}

/** `renderAndWrite` with the render workers started `ahead`, if any (render-workers.ts). */
async function renderAndWriteWith(config: Config, options: BuildOptions, copied: CopiedFiles, sources: ReadonlyMap<string, IssueSource>, key: string, ahead: ChildrenAhead | undefined): Promise<BuildReport> {
  // Loaded only now: a build with nothing to do does not pay for the renderers, MiniSearch and KaTeX.
  const [{ Workspace }, { FactsCache }, { loadTemplates }, { publishedIssues }, { planSite }, { templateHtmlProblems }, { issueAddresses }] = await Promise.all([
    import('../issue/workspace.js'),
    import('../issue/facts-cache.js'),
    import('../render/templates.js'),
    import('./published.js'),
    import('./site-plan.js'),
    import('./template-html.js'),
    import('./former-issue-pages.js'),
  ]);
  // The papers' tags are kept when the build lints: the lint's rules across issues read them of every issue (tag-spelling).
  const workspace = await Workspace.load(config, { sources, ...(options.lint ? {} : { tags: false as const }), ...(options.cache ? { facts: FactsCache.inDataDir(config.dataDir) } : {}) });
  const templates = loadTemplates(config.templatesDir);
  // The site's own files by path: an issue's image of the site is looked for among them (published.ts `missingImages`).
  const siteFiles = new Set(copied.own.keys());
  const published = await publishedIssues(workspace, { ...options, templates, siteFiles, ahead, progress: (done, total) => options.progress?.('render', done, total) }).catch((error: unknown) => {
    throw siteUnchanged(error);
  });
  const maker = makers();
  const previous = openSite(options.outDir, maker, options.cache);
  // A site another paperboy made is written whole too, from cached renderings (an upgrade): 558 MB of RSS on the bench corpus without.
  if (previous.paths.length === 0) growHeapSlowly();
  const { files, papers, shape, outputs, samples } = planSite(config, published, templates, copied, options.cache ? siteCache(config.dataDir) : undefined, previous);
  const written = await writeSite(options.outDir, files, { site: key, maker, shape, outputs }, previous, { progress: (done, total) => options.progress?.('write', done, total) });
  // The newsletter's templates' HTML mistakes, in the pages just written (template-html.ts): said with the unread templates', and again while the site is up to date.
  const invalid = await templateHtmlProblems(templates, samples, options.outDir, options.cache ? config.dataDir : undefined);
  const unreadTemplates = [...templates.unread, ...invalid];
  const addresses = issueAddresses(published.issues);
  // Once the site is written: an issue with lint errors is published all the same, and said. A sent issue only when its file
  // changed since a build last accepted it (sent-linted.ts): linting them all cost a cold build of the bench corpus 42 → 51 s.
  const lintErrors = options.lint ? await lintPublished(workspace.issueFiles, options.lint.errors, { dataDir: config.dataDir, issuesDir: config.issuesDir, keep: options.cache }) : [];
  if (options.cache) storeUnread(config.dataDir, key, { unread: published.unread, unreadTemplates, addresses, lintErrors }, options.lint?.key);
  return {
    outDir: options.outDir,
    upToDate: false,
    issues: published.issues.length,
    drafts: options.drafts ? 0 : workspace.issueFiles.filter(({ facts }) => !facts.statusUnread && facts.status === 'draft').length,
    papers,
    files: files.length,
    written,
    rendered: published.rendered,
    unread: published.unread,
    lintErrors,
    unreadTemplates,
    addresses,
  };
}

/** What a build says again when the site is up to date, and the addresses it compares with the issues sent. */
type Unread = Pick<BuildReport, 'unread' | 'lintErrors' | 'unreadTemplates' | 'addresses'>;

/**
 * What the build of the site with `key` published without (`BuildReport.unread`)
 * and its templates' unread files (`unreadTemplates`: the key holds the
 * templates' fingerprint), kept in `<dataDir>/cache/build-unread.json` so
 * that a build with nothing to do says them again without reading the
 * issues or loading the templates; undefined when it was another site's,
 * cannot be read, changed since (cache-file.ts) or was written without
 * `unreadTemplates` or `addresses` (the build then runs). The addresses
 * too: `build` compares them with the issues sent. The lint errors too,
 * found by the linter `lintKey` names (`BuildOptions.lint`): under another
 * one, or none, the build runs and lints. Not under `cache/build/`, whose
 * files the build cache owns.
 */
function storedUnread(dataDir: string, key: string, lintKey: string | undefined): Unread | undefined {
  const stored = readCacheJson(unreadFile(dataDir)) as { key?: unknown; lintKey?: unknown; unread?: unknown; lintErrors?: unknown; unreadTemplates?: unknown; addresses?: unknown } | null | undefined;
  if (stored?.key !== key || stored.lintKey !== (lintKey ?? null)) return undefined;
  if (!Array.isArray(stored.unread) || !Array.isArray(stored.lintErrors) || !Array.isArray(stored.unreadTemplates) || !Array.isArray(stored.addresses)) return undefined;
  return {
    unread: stored.unread as BuildReport['unread'],
    lintErrors: stored.lintErrors as FileValues[],
    unreadTemplates: stored.unreadTemplates as BuildReport['unreadTemplates'],
    addresses: stored.addresses as IssueAddress[],
  };
}

/** Keeps what the build of `key` published without, for `storedUnread`; a file that cannot be written only costs the next build its shortcut. */
function storeUnread(dataDir: string, key: string, unread: Unread, lintKey: string | undefined): void {
  try {
    writeCacheFile(unreadFile(dataDir), JSON.stringify({ key, lintKey: lintKey ?? null, ...unread }));
  } catch {
    // The next build with nothing changed builds again, and says it then.
  }
}

/** Where the plan keeps what a rebuild reads back (site-plan.ts `planSite`): the search shards, also `paperboy papers search`'s, the citation keys and the paper database's layout. */
function siteCache(dataDir: string): SiteCache {
  return { search: join(dataDir, 'cache', 'search'), citations: join(dataDir, 'cache', 'citations.json'), database: paperDatabaseFile(dataDir) };
}

function unreadFile(dataDir: string): string {
  return join(dataDir, 'cache', 'build-unread.json');
}

/** An issue that cannot be published (exit 1) stops the build before anything is written: its hint says so. Anything else as it is. */
function siteUnchanged(error: unknown): unknown {
  if (!(error instanceof PaperboyError) || error.exitCode !== 1) return error;
  return new PaperboyError(error.code, error.message, { cause: error.cause, exitCode: 1, hint: `Nothing was written: the previous site is unchanged. ${error.hint ?? ''}`.trimEnd() });
}

/**
 * What makes the files besides their inputs: paperboy (its version, and
 * the formats bumped within one when renderings, the site's plan or the
 * search index are made otherwise: a checkout between releases), and the
 * libraries whose output it writes (KaTeX's typesetting, MiniSearch's
 * index, any-ascii's transliteration in citation keys and author and tag
 * folders). The marker keeps it (site-writer.ts): a site another one made
 * is written whole; the files' keys say the rest.
 */
function makers(): string {
  return `paperboy ${VERSION} (${INDEX_FORMAT}, ${SHAPE_FORMAT}, ${SHARD_FORMAT}) katex ${packageVersion('katex')} minisearch ${packageVersion('minisearch')} any-ascii ${packageVersion('any-ascii')}`;
}

/**
 * A hash of every input of a site besides the issues, read without parsing
 * anything: the config, every template and asset, the site's own files
 * (`staticDir`; these two as `readCopiedFiles` read them), the drafts flag, and
 * `makers()`. With the issues' bytes it is the site's key: a site whose
 * key is the one in `dist/` is up to date, and nothing is done.
 */
function sharedInputs(config: Config, drafts: boolean, copied: CopiedFiles): string {
  const hash = createHash('sha256');
  const { ruleSettingPositions: _positions, ...settings } = config;
  hash.update(`${makers()}\0${drafts}\0${JSON.stringify(settings)}\0`);
  hash.update(`${templatesFingerprint(config.templatesDir)}\0`);
  // By their bytes' hashes (copied-hashes.ts), the site's own files as the assets: a key of times would differ between two clones of one newsletter.
  for (const [path, { hash: bytes }] of copied.assets) hash.update(`${path}\0${bytes}\0`);
  for (const [path, { hash: bytes }] of copied.own) hash.update(`static ${path}\0${bytes}\0`);
  return hash.digest('hex').slice(0, 32);
}

/**
 * A hash of every input of a site: the shared inputs and the issue files'
 * names and bytes (by their hash; a file that cannot be read, by why).
 * Equal keys, equal sites.
 */
function siteKey(shared: string, sources: Iterable<IssueSource>): string {
  const hash = createHash('sha256').update(`${shared}\0`);
  // A file with a hash is its bytes; one without (not a regular file, too large) is why it was not read.
  for (const source of sources) hash.update(`${source.path}\0${source.hash}\0${source.hash ? '' : (source.unreadable?.message ?? '')}\0`);
  return hash.digest('hex').slice(0, 32);
}
