import type { Config } from '../config/load.js';
import { isolateHtml, isolatePiecesHtml, type LinePiece } from '../render/bidi.js';
import { escapeHtml } from '../render/escape-html.js';
import { fillWord } from '../config/words.js';
import { pageTemplatesHash } from '../render/template-files.js';
import type { TemplateSet } from '../render/templates.js';
import type { CopiedFiles } from './copied-files.js';
import { builtPathClash, staticCollision } from './static-files.js';
import { papersBib } from './bibtex.js';
import { CATALOG_PARTS, catalogEntry } from './catalog.js';
import { cachedCitationKeys } from './citation-cache.js';
import { paperFactsById, papersCsvPart, papersCsvParts, papersJsonPart, papersJsonParts } from './data-files.js';
import { newestIssues } from './feed-issues.js';
import type { Feeds } from './feeds.js';
import { feedIdNumber, formerIssueNumbers, formerIssuePages } from './former-issue-pages.js';
import { formerPages } from './former-pages.js';
import type { PaperView, SectionView } from '../render/view-model.js';
import type { IssueRendering, IssueSummary, RecordSummary } from './issue-output.js';
import { paperFields, papersByYear, type PaperDatabase, type PaperEntry } from './paper-database.js';
import { keyOf, PAGE_LAYOUT, renderPage } from './page-render.js';
import { cachedPaperDatabase } from './paper-database-cache.js';
import { paperKey, planPages, withTexts } from './pages.js';
import type { PublishedIssues } from './published.js';
import { cachedShard, shardKey } from './search-index.js';
import { sitemap } from './sitemap.js';
import { spliceParts, type PartIndex, type SplicedChunk } from './splice.js';
import { sha256 } from '../sha256.js';
import { SHAPE_FORMAT } from './formats.js';
import type { FileCopy } from './folder-writer.js';

type SiteConfig = Pick<Config, 'name' | 'description' | 'baseUrl' | 'feedIdBase' | 'language' | 'sections' | 'words'>;

/** A file's bytes, a file copied as it is (folder-writer.ts), or a data file made of parts with where each part lies (see splice.ts): new bytes and ranges of the previous build's file at the same path. */
export type FileBytes = string | Uint8Array | { chunks: SplicedChunk[]; index: PartIndex } | FileCopy;

/** What the site in the output folder holds, as the previous build's marker says (site-writer.ts). */
export interface PreviousSite {
  /** The shape it was planned with (see `siteShape`), if its marker says. */
  shape: string | undefined;
  /** The hash of issue `number`'s output it shows (`IssueSummary.pageHash`), if its marker says. */
  output(number: number): string | undefined;
  /** The key a file was written from. */
  key(path: string): string | undefined;
  /** A spliced file's size in bytes and part index, when both are still there. */
  spliced(path: string): { size: number; index: PartIndex } | undefined;
}

/**
 * One file of the site: its path (relative, `/`-separated), its key (a hash
 * of everything its bytes are made of: equal keys, equal bytes) and how to
 * make it. A rebuild makes only the files whose key changed.
 */
export interface SiteFile {
  path: string;
  key: string;
  /** Its bytes; a promise for a file whose maker is loaded only then (the feeds). */
  contents(previous: PreviousSite): FileBytes | Promise<FileBytes>;
}

/** Where the plan keeps what a rebuild reads back: the search shards' folder, the citation keys' file, the paper database's layout's file. */
export interface SiteCache {
  search: string;
  citations: string;
  database: string;
}

/**
 * Every file of the site, planned from the issues' summaries alone: pages,
 * email files, data, feeds, sitemap, search index, assets. Each key holds
 * exactly what its file depends on besides paperboy itself (whose version
 * the marker keeps, site-writer.ts): a page its view, its templates and the
 * settings it shows; an email file its issue's rendering; an asset its
 * bytes. So a changed template or setting remakes what uses it, and no
 * more. `copied`: the assets and the site's own files with their bytes, as
 * the build read them for its key (copied-files.ts). `cache`: where search shards are kept (for `paperboy papers search`
 * too), the citation keys (citation-cache.ts) and the paper database's
 * layout (paper-database-cache.ts); undefined with `--no-cache`.
 *
 * Hashing every page's view took ~0.45 s of a rebuild after one edit on
 * the 1,000-issue bench corpus, for 13,926 keys of which a handful change.
 * So a file whose key is made only of the site's shape (`siteShape`) and
 * the outputs of some issues takes `previous`'s key while the shape is the
 * previous build's and none of those issues' outputs changed (the hashes
 * its marker keeps, `outputs`, say so): the key it would get again.
 * Returns the files, the number of papers, the shape and each issue's
 * output hash (`IssueSummary.pageHash`, by number) for the marker, and a
 * page of each template (`samplesOf`).
 */
export function planSite(
  config: SiteConfig,
  published: PublishedIssues,
  templates: TemplateSet,
  copied: CopiedFiles,
  cache: SiteCache | undefined,
  previous: PreviousSite,
): { files: SiteFile[]; papers: number; shape: string; outputs: ReadonlyMap<number, string>; samples: ReadonlyMap<string, string> } {
  const { issues } = published;
  const database = cachedPaperDatabase(issues, cache?.database);
  // Made, or read back under the shape, when a key or view first needs one: after the shape is known.
  let citationMap: ReadonlyMap<PaperEntry<RecordSummary>, string> | undefined;
  const citations = () => (citationMap ??= cachedCitationKeys(database.papers, cache?.citations, shape));
  const pages = planPages(config, issues, database, (paper) => citations().get(paper)!, published);
  const file = (path: string, key: string, contents: SiteFile['contents']): SiteFile => ({ path, key, contents });
  // What the pages show of the config: the layout's name, description, links and language (its direction follows from it), the order of the papers page's sections (pages.ts), and paperboy's words in them (`words`).
  const settings = [config.name, config.description ?? null, config.baseUrl, config.language, config.sections === undefined ? null : JSON.stringify(config.sections), config.words === undefined ? null : JSON.stringify(config.words)];
  const templateHashes = new Map<string, string>();
  const templateHash = (name: string) => templateHashes.get(name) ?? templateHashes.set(name, pageTemplatesHash(templates.reads([name, PAGE_LAYOUT]), templates.texts)).get(name)!;
  const shape = siteShape(settings, [...new Set(pages.map((page) => page.template))].sort().map((name) => [name, templateHash(name)]), issues);
  // Whether an issue's output changed since the previous site, as the files showing it see it (its email files have keys of their own).
  const hashOf = new Map(issues.map((issue) => [issue.number, issue.pageHash]));
  const unchanged = (number: number) => previous.output(number) === hashOf.get(number);
  const keyFor = (path: string, shows: readonly number[], key: () => string) => (previous.shape === shape && shows.every(unchanged) && previous.key(path)) || key();
  // An issue's email files come right after its page: the three are made from one rendering, read once
  // (a build keeps only a few renderings in memory; after every page, each was read a second time).
  const issueAt = new Map(issues.map((issue) => [`issues/${issue.number}/index.html`, issue]));
  const files: SiteFile[] = pages.flatMap((page) => {
    const key = keyFor(page.path, page.issues, () => keyOf([templateHash(page.template), settings, page.key()]));
    const made = file(page.path, key, () => renderPage(templates, config, { ...page, view: page.view() }));
    const issue = issueAt.get(page.path);
    if (!issue) return [made];
    return [
      made,
      // Each keyed by its own text's hash: an edit changing one part of the email rewrites that file alone.
      file(`issues/${issue.number}/email.html`, issue.email.html, () => published.rendering(issue.number).email.html),
      file(`issues/${issue.number}/email.txt`, issue.email.text, () => published.rendering(issue.number).email.text),
    ];
  });
  // A paper's former addresses (`formerly`) lead to its page: no 404 for a link to its page before a correction.
  for (const { path, html } of formerPages(database, config)) files.push(file(path, keyOf([html]), () => html));
  // An issue's former numbers (`formerly`) lead to it: the "view in browser" link of mail sent under an old number is no 404.
  const kept = formerIssueNumbers(issues);
  const byNumber = new Map(issues.map((issue) => [issue.number, issue]));
  for (const [old, number] of kept) {
    const issue = byNumber.get(number)!;
    for (const { path, html } of formerIssuePages(old, issue, config)) files.push(file(path, keyOf([html]), () => html));
    files.push(file(`issues/${old}/email.txt`, issue.email.text, () => published.rendering(number).email.text));
  }
  // With the shape unchanged the papers are the previous build's in its order, which is the order of the parts of a file with a part per paper.
  const previousPartKey = (path: string): PreviousPartKey => {
    const keys = previous.shape === shape ? [...(previous.spliced(path)?.index.keys() ?? [])] : [];
    const reusable = keys.length === database.papers.length ? keys : [];
    return (paper, i) => (paper.coverage.every((record) => unchanged(record.issue.number)) && reusable[i]) || undefined;
  };
  files.push(papersJsonFile(config, database, published, file, previousPartKey('papers.json')));
  files.push(papersCsvFile(published, database, file));
  // What an entry is made of (bibtex.ts): the paper's merged facts, not the texts.
  const bibKey = () => keyOf(database.papers.map((paper) => [citations().get(paper), paperFields(paper.latest)]));
  files.push(file('papers.bib', keyFor('papers.bib', [], bibKey), () => papersBib(database.papers, citations())));
  files.push(catalogFile(database, file, previousPartKey(CATALOG), config.language));
  // A draft (published by `build --drafts` alone, for a preview) is in no feed: a reader keeps every entry it once fetched.
  const newest = newestIssues(issues.filter((issue) => !issue.draft));
  let made: Promise<Feeds> | undefined;
  const idNumber = (issue: { number: number; formerly: readonly number[] }) => feedIdNumber(issue, kept);
  // `feed` is loaded only when a feed is made: a rebuild whose newest issues are unchanged keeps the feeds, and never does.
  const feeds = () => (made ??= import('./feeds.js').then(({ buildFeeds }) => buildFeeds(config, newest.map((issue) => published.rendering(issue.number)), feedHtml, idNumber)));
  const feedKey = keyOf([settings, config.feedIdBase ?? null, newest.map((issue) => [issue.pageHash, idNumber(issue)])]);
  files.push(file('feed.xml', feedKey, async () => (await feeds()).rss));
  files.push(file('atom.xml', feedKey, async () => (await feeds()).atom));
  files.push(file('feed.json', feedKey, async () => (await feeds()).json));
  let sitemapText: string | undefined;
  // A page search engines are asked not to index (a draft's) is not offered to them either.
  const sitemapOf = () => (sitemapText ??= sitemap(config.baseUrl, pages.filter((page) => !page.noindex).map((page) => page.path)));
  files.push(file('sitemap.xml', keyFor('sitemap.xml', [], () => keyOf(sitemapOf())), sitemapOf));
  // The search index, one shard per year of papers (search-index.ts): an edit remakes its paper's year only; `paperboy papers search` reads them from the cache.
  for (const [year, papers] of papersByYear(database.papers)) {
    const path = `search/${year}.js`;
    const shard = () => cachedShard(year, papers, published, cache?.search, config.language);
    files.push(file(path, keyFor(path, issuesCovering(papers), () => shardKey(papers, config.language)), () => dataScript(`(self.paperboySearchIndex = self.paperboySearchIndex || {})[${JSON.stringify(year)}]`, shard())));
  }
  for (const [path, { source, hash, size }] of copied.assets) files.push(file(path, hash.slice(0, 32), () => ({ copy: source, hash, size })));
  const clash = builtPathClash(files.map((made) => made.path));
  for (const [path, { source, hash, size }] of copied.own) {
    const built = clash(path);
    if (built !== undefined) throw staticCollision(source, built);
    files.push(file(path, hash.slice(0, 32), () => ({ copy: source, hash, size })));
  }
  return { files, papers: database.papers.length, shape, outputs: hashOf, samples: samplesOf(pages, issues) };
}

/** The numbers of the issues that cover `papers`, each once: what a search shard shows. In loops: 9,990 papers' coverage mapped and flattened took ~40 ms of a one-edit rebuild of the bench corpus (`node --cpu-prof`). */
function issuesCovering(papers: readonly PaperEntry<RecordSummary>[]): number[] {
  const numbers = new Set<number>();
  for (const paper of papers) for (const record of paper.coverage) numbers.add(record.issue.number);
  return [...numbers];
}

/** A page each template renders (template name → the first such page's path), and the email's (`email.html` → the first issue's): what template-html.ts checks. */
function samplesOf(pages: readonly { template: string; path: string }[], issues: readonly IssueSummary[]): Map<string, string> {
  const samples = new Map<string, string>();
  for (const { template, path } of pages) if (!samples.has(template)) samples.set(template, path);
  if (issues[0]) samples.set('email.html', `issues/${issues[0].number}/email.html`);
  return samples;
}

/**
 * What every file's key is made of besides the outputs of issues: the
 * settings pages show, the page templates (with the layout and partials)
 * by their hash, and each published issue's facts (`factsHash`: numbers,
 * titles, dates, each paper's facts), from which the paper database, its
 * slugs, tags, authors and citation keys all follow. Equal shapes, equal
 * lists of papers and issues on every page.
 */
function siteShape(settings: readonly (string | null)[], templateHashes: readonly (readonly [string, string])[], issues: readonly IssueSummary[]): string {
  return sha256(JSON.stringify([SHAPE_FORMAT, settings, templateHashes, issues.map((issue) => issue.factsHash)])).slice(0, 32);
}

type FileMaker = (path: string, key: string, contents: SiteFile['contents']) => SiteFile;

/** The key paper `at` (its place in the database) had as a part of the previous build's file, if that part is still its bytes (the shape held, its issues' outputs too). */
type PreviousPartKey = (paper: PaperEntry<RecordSummary>, at: number) => string | undefined;

const CATALOG = 'papers/catalog.js';

/**
 * `papers/catalog.js` (catalog.ts), a part per paper: a part's key is its
 * entry's hash, or the one `previousKey` gives, whose entry is not made.
 */
function catalogFile(database: PaperDatabase<RecordSummary>, file: FileMaker, previousKey: PreviousPartKey, language: string): SiteFile {
  const parts = database.papers.map((paper, i) => {
    const key = previousKey(paper, i);
    if (key) return { key, text: () => catalogEntry(paper, language) };
    const text = catalogEntry(paper, language);
    return { key: sha256(text).slice(0, 32), text: () => text };
  });
  return file(CATALOG, keyOf(parts.map((part) => part.key)), (previous) => spliceParts(CATALOG_PARTS, parts, previous.spliced(CATALOG)));
}

/**
 * `papers.json`, a part per paper: a part's key is the paper's summary (its
 * texts by their hash), or the one `previousKey` gives (the previous
 * build's, for a paper whose issues did not change): hashing 9,990 papers'
 * records took ~70 ms of a rebuild after one edit on the bench corpus.
 */
function papersJsonFile(
  config: SiteConfig,
  database: PaperDatabase<RecordSummary>,
  published: PublishedIssues,
  file: FileMaker,
  previousKey: PreviousPartKey,
): SiteFile {
  const parts = database.papers.map((paper, i) => ({ key: previousKey(paper, i) ?? keyOf([config.baseUrl, paperKey(paper)]), text: () => papersJsonPart(config, withTexts(paper, published)) }));
  return file('papers.json', keyOf([config.name, parts.map((part) => part.key)]), (previous) => spliceParts(papersJsonParts(config), parts, previous.spliced('papers.json')));
}

/**
 * `papers.csv`, a part per issue (its rows): a part's key is its issue's
 * output and the merged facts of its papers that other issues cover too
 * (a paper covered once has its facts from this issue alone).
 */
function papersCsvFile(published: PublishedIssues, database: PaperDatabase<RecordSummary>, file: FileMaker): SiteFile {
  const paperOf = paperFactsById(database);
  const shared = new Set(database.papers.filter((paper) => paper.coverage.length > 1).map((paper) => paper.id));
  const sharedFacts = (issue: IssueSummary) => issue.papers.filter((record) => shared.has(record.id)).map((record) => paperFields(paperOf(record.id)));
  const parts = published.issues.map((issue) => ({
    key: keyOf([issue.number, issue.pageHash, sharedFacts(issue)]),
    text: () => papersCsvPart(published.records(issue.number), paperOf),
  }));
  return file('papers.csv', keyOf(parts.map((part) => part.key)), (previous) => spliceParts(papersCsvParts(), parts, previous.spliced('papers.csv')));
}

/**
 * A feed entry: what the issue page says, from the same content view
 * (render/view-model.ts `ContentView`, web/issue.html.hbs), links absolute:
 * the intro; the highlights and each section under their headings, at the
 * page's levels (a section's papers, then its subsections); each paper's
 * title, a link to the paper when it has a URL, under it its source line as the email shows it
 * (partials/paper.html.hbs): the authors ("A et al." past
 * `email.maxAuthors`), then the view's `sourceLine` (render/format.ts
 * `paperSourceLine`: venue and year), "Summarized by" (`summarizer`),
 * prerequisites, summary, opinion, "H/T" (`via`) and its notes; the
 * closing; the reviewers' thanks (`issue.reviewersThanks`). A right-to-left
 * newsletter's entry is a `<div dir="rtl">`, its left-to-right values isolated.
 */
function feedHtml(issue: IssueRendering): string {
  const { content } = issue;
  // The entry's lines run as the newsletter's (`newsletter.direction`): values of the other direction are isolated, and a right-to-left entry says it is one.
  const { direction, words } = content.newsletter;
  const isolate = (text: string) => isolateHtml(text, escapeText, direction);
  const isolatePieces = (pieces: readonly LinePiece[]) => isolatePiecesHtml(pieces, escapeText, direction);
  const paperHtml = (paper: PaperView) => {
    // Each name, the venue and the title isolated as on the page (render/bidi.ts): a right-to-left one stays in its place.
    const source = [isolatePieces(paper.authorsBriefListed), isolatePieces(paper.sourceListed)].filter(Boolean).join(' · ');
    const title = isolate(paper.title);
    return [
      // As the page and the email: the title is the paper's own link (the entry itself links to the issue page).
      heading(paper.headingLevel, paper.url ? `<a href="${escapeHtml(paper.url)}">${title}</a>` : title),
      source && `<p>${source}</p>`,
      paper.summarizer && `<p>${fillWord(escapeText(words.summarizedBy), { name: isolate(paper.summarizer) })}</p>`,
      paper.prerequisites && `<p><strong>${escapeText(words.prerequisites)}:</strong></p>\n${paper.prerequisites.html}`,
      paper.summary.html,
      paper.opinion && `<p><strong>${escapeText(words.opinion)}:</strong></p>\n${paper.opinion.html}`,
      paper.via && `<p>${fillWord(escapeText(words.hatTip), { name: isolate(paper.via) })}</p>`,
      // The notes the summary's and opinion's references point to.
      paper.footnotes?.html,
    ]
      .filter(Boolean)
      .join('\n');
  };
  // A section without a title (papers that name none) has no heading, as on the page.
  const sectionHtml = (section: SectionView): string[] => [
    ...(section.title ? [heading(section.headingLevel, isolate(section.title))] : []),
    ...section.papers.map(paperHtml),
    ...section.subsections.flatMap(sectionHtml),
  ];
  const sections = [...(content.highlights ? [content.highlights] : []), ...content.sections].flatMap(sectionHtml);
  const thanks = content.issue.reviewersThanks && `<p>${isolatePieces(content.issue.reviewersThanksListed)}</p>`;
  const html = [content.intro.html, ...sections, content.outro.html, thanks].filter(Boolean).join('\n');
  return direction === 'rtl' ? `<div dir="rtl">\n${html}\n</div>` : html;
}

/** `<hN>` around `html`, N the view's level (2 to 6). */
function heading(level: number, html: string): string {
  return `<h${level}>${html}</h${level}>`;
}

/** Numeric references for `&`, `<`, `>`: what feed entries have always carried (render/escape-html.ts writes named ones). */
function escapeText(text: string): string {
  return text.replace(/[&<>]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * JSON data as a classic script that hands it to the papers page (papers.js)
 * by assigning it to `target`: a script element loads from `file://`, where
 * browsers refuse `fetch` and module scripts, so search works from a site
 * opened on disk as well as served. JSON is JavaScript (ES2019 took in
 * U+2028 and U+2029), so the data's bytes go in as they are.
 */
function dataScript(target: string, json: Uint8Array): Buffer {
  // The shard's bytes as they are: copying them first cost a copy of the whole index (~14 MB on the bench corpus) per build.
  return Buffer.concat([Buffer.from(`${target} = `), json, Buffer.from(';\n')]);
}
