import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Config } from '../config/load.js';
import { PaperboyError } from '../errors.js';
import type { ParseProblem } from '../issue/parse.js';
import type { IssueFile, Workspace } from '../issue/workspace.js';
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
import { writeSite } from './site-writer.js';

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
 * Throws ISSUE_UNRENDERABLE/ISSUE_UNREADABLE (exit 1) naming every issue
 * that cannot be published, before anything is written.
 */
export async function buildSite(workspace: Workspace, options: BuildOptions): Promise<BuildReport> {
  const { config } = workspace;
  const templates = loadTemplates(config.templatesDir);
  const { issues, rendered } = publishedIssues(workspace, { ...options, templates });
  const database = buildPaperDatabase(issues);
  const site = await siteFiles(config, issues, database, templates);
  writeSite(options.outDir, site);
  return { outDir: options.outDir, issues: issues.length, papers: database.papers.length, files: site.size, rendered };
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

/** Every file of the site, by path: pages, email files, data, feeds, sitemap, search index, assets. */
async function siteFiles(config: SiteConfig, issues: readonly IssueOutput[], database: PaperDatabase, templates: TemplateSet): Promise<Map<string, string | Uint8Array>> {
  const files = new Map<string, string | Uint8Array>();
  const bibtex = bibtexEntries(database.papers);
  const pages = planPages(config, issues, database, bibtex);
  const html = new Map<string, string>();
  for (const page of pages) {
    const rendered = renderPage(templates, config, page);
    files.set(page.path, rendered);
    html.set(page.path, rendered);
  }
  for (const issue of issues) {
    files.set(`issues/${issue.number}/email.html`, issue.email.html);
    files.set(`issues/${issue.number}/email.txt`, issue.email.text);
  }
  files.set('papers.json', papersJson(config, database));
  files.set('papers.csv', papersCsv(database));
  files.set('papers.bib', database.papers.map((paper) => bibtex.get(paper)!).join('\n'));
  files.set('papers/catalog.json', catalog(database));
  const feeds = buildFeeds(config, issues, (issue) => feedHtml(issue));
  files.set('feed.xml', feeds.rss);
  files.set('atom.xml', feeds.atom);
  files.set('feed.json', feeds.json);
  files.set('sitemap.xml', sitemap(config.baseUrl, pages.map((page) => page.path)));
  for (const [path, contents] of await buildSearchIndex(database)) files.set(`pagefind/${path}`, contents);
  for (const [path, contents] of assets(config.templatesDir)) files.set(path, contents);
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : 1)));
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

/** The stylesheet and script of `templates/web/` (a newsletter's templatesDir overrides them), and KaTeX's CSS and fonts. */
function assets(templatesDir: string): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  for (const name of ['archive.css', 'papers.js']) {
    const own = join(templatesDir, 'web', name);
    files.set(`assets/${name}`, readFileSync(existsSync(own) ? own : join(BUILTIN_TEMPLATES_DIR, 'web', name)));
  }
  const katexDist = dirname(requireFromHere.resolve('katex/dist/katex.min.css'));
  files.set('assets/katex/katex.min.css', readFileSync(join(katexDist, 'katex.min.css')));
  for (const font of readdirSync(join(katexDist, 'fonts')).sort()) files.set(`assets/katex/fonts/${font}`, readFileSync(join(katexDist, 'fonts', font)));
  return files;
}
