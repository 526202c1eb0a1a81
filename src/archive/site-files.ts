import { readFileSync } from 'node:fs';
import type { Config } from '../config/load.js';
import type { TemplateSet } from '../render/templates.js';
import { assetSources } from './assets.js';
import { bibtexEntries } from './bibtex.js';
import { papersCsv, papersJson } from './data-files.js';
import { buildFeeds } from './feeds.js';
import type { IssueOutput } from './issue-output.js';
import type { PaperDatabase } from './paper-database.js';
import { planPages, renderPage } from './pages.js';
import { buildSearchIndex } from './search-index.js';
import { sitemap } from './sitemap.js';

type SiteConfig = Pick<Config, 'name' | 'description' | 'baseUrl' | 'templatesDir'>;

/**
 * Every file of the site, in path order within each kind: pages, email
 * files, data, feeds, sitemap, search index (its shards from
 * `searchCacheDir` where their papers did not change), assets.
 */
export async function* siteFiles(
  config: SiteConfig,
  issues: readonly IssueOutput[],
  database: PaperDatabase,
  templates: TemplateSet,
  searchCacheDir: string | undefined,
): AsyncGenerator<readonly [string, string | Uint8Array]> {
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
  for (const { year, contents } of buildSearchIndex(database, searchCacheDir)) yield [`search/${year}.json`, contents];
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

