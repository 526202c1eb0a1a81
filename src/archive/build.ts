import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Config } from '../config/load.js';
import { PaperboyError } from '../errors.js';
import type { ParseProblem } from '../issue/parse.js';
import { listIssueFiles } from '../issue/load.js';
import { Workspace, type IssueFile } from '../issue/workspace.js';
import { renderFailure } from '../render/issue-email.js';
import { BUILTIN_TEMPLATES_DIR, templateFiles } from '../render/template-files.js';
import { loadTemplates, type TemplateSet } from '../render/templates.js';
import { VERSION } from '../version.js';
import { bibtexEntries } from './bibtex.js';
import { BuildCache } from './build-cache.js';
import { papersCsv, papersJson } from './data-files.js';
import { buildFeeds } from './feeds.js';
import { renderIssueOutput, type IssueOutput } from './issue-output.js';
import { buildPaperDatabase, type PaperDatabase } from './paper-database.js';
import { planPages, renderPage } from './pages.js';
import { buildSearchIndex } from './search-index.js';
import { sitemap } from './sitemap.js';
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
  const workspace = await Workspace.load(config);
  const templates = loadTemplates(config.templatesDir);
  const { issues, rendered } = publishedIssues(workspace, { ...options, templates });
  const database = buildPaperDatabase(issues);
  const files = await writeSite(options.outDir, siteFiles(config, issues, database, templates), key);
  return { outDir: options.outDir, upToDate: false, issues: issues.length, papers: database.papers.length, files, rendered };
}

/**
 * A hash of every input of a site, read without parsing anything: the
 * issue files' names and bytes, the config, every template and asset, the
 * drafts flag, and the versions of paperboy and of what it copies in
 * (KaTeX) or runs (Pagefind). Equal keys, equal sites.
 */
async function siteKey(config: Config, drafts: boolean): Promise<string> {
  const hash = createHash('sha256');
  const { ruleSettingPositions: _positions, ...settings } = config;
  // Pagefind exports no package.json: its version is read beside its entry point (lib/index.js).
  const versionOf = (name: string) => (JSON.parse(readFileSync(new URL('../package.json', import.meta.resolve(name)), 'utf8')) as { version: string }).version;
  hash.update(`${VERSION}\0${versionOf('katex')}\0${versionOf('pagefind')}\0${drafts}\0${JSON.stringify(settings)}\0`);
  for (const { relativePath, file } of templateFiles(config.templatesDir)) hash.update(`${relativePath}\0${readFileSync(file, 'utf8')}\0`);
  for (const [path, contents] of assetSources(config.templatesDir)) hash.update(`${path}\0`).update(readFileSync(contents)).update('\0');
  for (const path of await listIssueFiles(config.issuesDir)) hash.update(`${path}\0`).update(await readFile(path).catch(() => 'unreadable')).update('\0');
  return hash.digest('hex').slice(0, 32);
}

/**
 * Every issue to publish (drafts too with `drafts`), oldest first, each from
 * the build cache or rendered anew: what the archive and `paperboy papers`
 * read. Throws (exit 1) naming every issue that cannot be published.
 */
export function publishedIssues(
  workspace: Workspace,
  options: { drafts: boolean; cache: boolean; templates?: TemplateSet },
): { issues: IssueOutput[]; rendered: number } {
  const files = publishedFiles(workspace, options.drafts);
  const templates = options.templates ?? loadTemplates(workspace.config.templatesDir);
  const cache = options.cache ? BuildCache.inDataDir(workspace.config.dataDir) : BuildCache.disabled();
  const inputs = sharedInputsHash(workspace);
  const issues: IssueOutput[] = [];
  const failures: PaperboyError[] = [];
  let rendered = 0;
  for (const file of files) {
    const key = `${file.source.hash}:${inputs}`;
    const cached = cache.get(file.path, key);
    if (cached) {
      issues.push(cached);
      continue;
    }
    try {
      const output = renderIssue(workspace, file, templates);
      cache.set(file.path, key, output);
      issues.push(output);
      rendered++;
    } catch (error) {
      const failure = renderFailure(file.path, error);
      if (failure.exitCode === 2) throw failure;
      failures.push(failure);
    }
  }
  if (failures.length > 0) throw unpublishable(failures);
  return { issues, rendered };
}

/** The issues to publish, by number: every one not a draft (drafts too with `drafts`); an unreadable file is an error. */
function publishedFiles(workspace: Workspace, drafts: boolean): IssueFile[] {
  const unreadable = workspace.issueFiles.filter((file) => file.facts.number === undefined);
  if (unreadable.length > 0) throw unpublishable(unreadable.map((file) => unreadableIssue(file, workspace.parse(file).problems[0])));
  const files = workspace.issueFiles.filter((file) => drafts || file.facts.status !== 'draft').sort((a, b) => a.facts.number! - b.facts.number!);
  const duplicate = files.find((file, i) => i > 0 && files[i - 1]!.facts.number === file.facts.number);
  if (duplicate) {
    const other = files.find((file) => file !== duplicate && file.facts.number === duplicate.facts.number)!;
    throw new PaperboyError('ISSUE_NUMBER_TAKEN', `Cannot publish two issues numbered ${duplicate.facts.number}: ${other.path} and ${duplicate.path}`, {
      exitCode: 1,
      hint: 'Give each issue its own number (`paperboy lint` reports it as issue-number-unique).',
    });
  }
  return files;
}

function renderIssue(workspace: Workspace, file: IssueFile, templates: TemplateSet): IssueOutput {
  const parsed = workspace.parse(file);
  if (!parsed.issue) throw unreadableIssue(file, parsed.problems[0]);
  return renderIssueOutput(parsed.issue, { config: workspace.config, corpus: workspace.corpus, facts: file.facts }, templates);
}

/** An issue file the build cannot publish, at the place of its first problem. */
function unreadableIssue(file: IssueFile, problem: ParseProblem | undefined): PaperboyError {
  const at = problem ? `:${problem.position.start.line}:${problem.position.start.column}` : '';
  return new PaperboyError('ISSUE_UNREADABLE', `Cannot publish ${file.path}${at}: ${problem?.message ?? 'the frontmatter gives no readable number'}`, { exitCode: 1 });
}

function unpublishable(failures: readonly PaperboyError[]): PaperboyError {
  const lines = failures.map((failure) => failure.message).join('\n  ');
  return new PaperboyError('ISSUE_UNRENDERABLE', failures.length === 1 ? failures[0]!.message : `Cannot publish ${failures.length} issues:\n  ${lines}`, {
    exitCode: 1,
    hint: 'Nothing was written: the previous site is unchanged. `paperboy lint` lists every problem with its line.',
  });
}

/**
 * What every issue's rendering depends on besides its own file: paperboy's
 * version, the config, the email templates (not the web ones, which only
 * pages use) and every issue's facts (cross-references resolve against them;
 * a summary's edit leaves them unchanged).
 */
function sharedInputsHash(workspace: Workspace): string {
  const hash = createHash('sha256');
  const { ruleSettingPositions: _positions, ...config } = workspace.config;
  hash.update(`${VERSION}\0${JSON.stringify(config)}\0`);
  for (const { relativePath, file } of templateFiles(workspace.config.templatesDir)) {
    if (!relativePath.startsWith(`web${'/'}`)) hash.update(`${relativePath}\0${readFileSync(file, 'utf8')}\0`);
  }
  const facts = workspace.issueFiles.map(({ facts }) => [facts.number, facts.title, facts.status, facts.papers.map((paper) => [paper.id, paper.title, paper.anchor])]);
  hash.update(JSON.stringify(facts));
  return hash.digest('hex').slice(0, 32);
}

type SiteConfig = Pick<Config, 'name' | 'description' | 'baseUrl' | 'templatesDir'>;

/** Every file of the site, in path order within each kind: pages, email files, data, feeds, sitemap, search index, assets. */
async function* siteFiles(config: SiteConfig, issues: readonly IssueOutput[], database: PaperDatabase, templates: TemplateSet): AsyncGenerator<readonly [string, string | Uint8Array]> {
  const bibtex = bibtexEntries(database.papers);
  const pages = planPages(config, issues, database, bibtex);
  for (const page of pages) yield [page.path, renderPage(templates, config, page)];
  for (const issue of issues) {
    yield [`issues/${issue.number}/email.html`, issue.email.html];
    yield [`issues/${issue.number}/email.txt`, issue.email.text];
  }
  yield ['papers.json', papersJson(config, database)];
  yield ['papers.csv', papersCsv(database)];
  yield ['papers.bib', database.papers.map((paper) => bibtex.get(paper)!).join('\n')];
  yield ['papers/catalog.json', catalog(database)];
  const feeds = buildFeeds(config, issues, (issue) => feedHtml(issue));
  yield ['feed.xml', feeds.rss];
  yield ['atom.xml', feeds.atom];
  yield ['feed.json', feeds.json];
  yield ['sitemap.xml', sitemap(config.baseUrl, pages.map((page) => page.path))];
  for (const [path, contents] of await buildSearchIndex(database)) yield [`pagefind/${path}`, contents];
  for (const [path, source] of assetSources(config.templatesDir)) yield [path, readFileSync(source)];
}

/** A feed entry: the issue's web content (intro, papers, closing), links absolute. */
function feedHtml(issue: IssueOutput): string {
  const { content } = issue;
  const papers = content.papers.map(
    (paper) => `<h2><a href="${paper.webUrl}">${escapeText(paper.title)}</a></h2>\n${paper.summary.html}${paper.opinion ? `\n<p><strong>Opinion:</strong></p>\n${paper.opinion.html}` : ''}`,
  );
  return [content.intro.html, ...papers, content.outro.html].filter(Boolean).join('\n');
}

function escapeText(text: string): string {
  return text.replace(/[&<>]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** What the papers page's filters read (loaded only when a reader filters): one short entry per paper. */
function catalog(database: PaperDatabase): string {
  return JSON.stringify(
    database.papers.map((paper) => ({
      url: `papers/${paper.slug}/`,
      title: paper.latest.title,
      authors: paper.latest.authors.join(', '),
      year: paper.latest.year ?? null,
      section: paper.latest.section.join(' / '),
      tags: paper.tags,
      issue: paper.coverage[0]!.issue.number,
    })),
  );
}

const requireFromHere = createRequire(import.meta.url);

/** The stylesheet and script of `templates/web/` (a newsletter's templatesDir overrides them), and KaTeX's CSS and fonts: site path → source file. */
function assetSources(templatesDir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const name of ['archive.css', 'papers.js']) {
    const own = join(templatesDir, 'web', name);
    files.set(`assets/${name}`, existsSync(own) ? own : join(BUILTIN_TEMPLATES_DIR, 'web', name));
  }
  const katexDist = dirname(requireFromHere.resolve('katex/dist/katex.min.css'));
  files.set('assets/katex/katex.min.css', join(katexDist, 'katex.min.css'));
  for (const font of readdirSync(join(katexDist, 'fonts')).sort()) files.set(`assets/katex/fonts/${font}`, join(katexDist, 'fonts', font));
  return files;
}
