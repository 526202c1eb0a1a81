import { namedIn, type LinePiece } from '../render/bidi.js';
import { boundedNames, formatDate, type DateWords, joinPieces, listedNames, paperSourceLine, sourcePieces } from '../render/format.js';
import type { PaperView, SectionView } from '../render/view-model.js';
import { bibtexEntry } from './bibtex.js';
import type { IssueRendering, IssueSummary, PaperRecord, RecordSummary } from './issue-output.js';
import { paperFacts, papersByYear, UNDATED, type Facet, type PaperDatabase, type PaperEntry } from './paper-database.js';
import { keyOf, pageLinks, type PagePlan, type SiteConfig } from './page-render.js';
import { append } from '../arrays.js';
import { firstLast } from '../issue/names.js';
import type { Config } from '../config/load.js';
import { papersScriptWords, phrasebook, type Phrasebook, type WordKey } from '../config/words.js';
import { LIST_PAGE_SIZE, listPages, pagerLinks, YEAR_PAGE_SIZE, type ListPage } from './list-pages.js';
import { NO_SECTION, sectionChoices } from './section-choices.js';

/** Where the full texts come from when a page is rendered (see `PublishedIssues.output`). */
export interface TextSource {
  rendering(number: number): IssueRendering;
  records(number: number): PaperRecord[];
}

/** How a list shows papers: each paper's row key, and the rows as a page at `path` links them. */
interface Rows {
  keys(papers: readonly PaperEntry<RecordSummary>[]): string[];
  views(path: string, papers: readonly PaperEntry<RecordSummary>[]): unknown[];
}

/**
 * A list of papers: its key from its view without the rows and the rows'
 * keys (hashing every list's rows as views cost a second per build on a
 * 1,000-issue archive), its rows made only when it is rendered.
 */
function listPlan(shell: Omit<PagePlan, 'key' | 'issues' | 'view'>, view: () => Record<string, unknown>, papers: readonly PaperEntry<RecordSummary>[], rows: Rows): PagePlan {
  // Made when the key or the view first needs it: a rebuild after one edit keeps nearly every list's previous key.
  let made: Record<string, unknown> | undefined;
  const shown = () => (made ??= view());
  return { ...shell, key: () => keyOf([shell.template, shell.title, shell.script, shown(), rows.keys(papers)]), issues: [], view: () => ({ ...shown(), rows: rows.views(shell.path, papers) }) };
}

const paperKeys = new WeakMap<PaperEntry<RecordSummary>, string>();

/**
 * The key of a paper's entry: its folder, its tags and its records (each
 * by its `recordHash`: facts, and texts by their hash; `latest` is the last
 * of them), computed once per entry: a paper page, its `papers.json` part
 * and its year's search shard each need it.
 */
export function paperKey(paper: PaperEntry<RecordSummary>): string {
  let key = paperKeys.get(paper);
  if (key === undefined) paperKeys.set(paper, (key = keyOf([paper.slug, paper.tags, paper.coverage.map((record) => record.recordHash)])));
  return key;
}

/** A plan whose view is made now (a small view of facts): its key is the hash of that view. */
function eager(plan: Omit<PagePlan, 'key' | 'issues' | 'view'> & { view: Record<string, unknown> }): PagePlan {
  const { view } = plan;
  return { ...plan, key: () => keyOf([plan.template, plan.title, plan.script, view]), issues: [], view: () => view };
}

/** A paper's texts from the issues that carry them: what its page and the data files show. */
export function withTexts(paper: PaperEntry<RecordSummary>, texts: TextSource): PaperEntry {
  const full = (record: RecordSummary): PaperRecord => texts.records(record.issue.number).find((other) => other.anchor === record.anchor)!;
  const coverage = paper.coverage.map(full);
  return { id: paper.id, slug: paper.slug, tags: paper.tags, latest: paperFacts(coverage), coverage };
}

/**
 * Every page of the site: the home page, one page per issue, the papers
 * pages (one per year: each page stays small on a thousand-issue archive),
 * one per paper, per tag and per author. `issues` is oldest first.
 * `citation`: a paper's citation key, asked for only when its page's key or
 * view is made (a rebuild keeps most pages' previous keys, site-plan.ts).
 */
export function planPages(
  config: SiteConfig & Pick<Config, 'sections'>,
  issues: readonly IssueSummary[],
  database: PaperDatabase<RecordSummary>,
  citation: (paper: PaperEntry<RecordSummary>) => string,
  texts: TextSource,
): PagePlan[] {
  const slugOf = new Map(database.papers.map((paper) => [paper.id, paper.slug]));
  // Every spelling a record gives a tag or an author links to its facet's page.
  const tagSlug = new Map(database.tags.flatMap((tag) => tag.spellings.map((spelling) => [spelling, tag.slug] as const)));
  const authorSlug = new Map(database.authors.flatMap((author) => author.spellings.map((spelling) => [spelling, author.slug] as const)));
  const years = papersByYear(database.papers);
  const words = phrasebook(config.words, config.language);
  const papersAndIssues = words.say('papersFromIssues', { papers: words.counted('paperCount', database.papers.length), issues: words.counted('issueCount', issues.length) });
  // What the papers pages' search form offers: made once, when the first of those pages' key or view needs it.
  let searchMade: Record<string, unknown> | undefined;
  const search = () => (searchMade ??= {
    // The lead once the script has shown the search form (papers.js); the page's own lead offers what works without JavaScript.
    lead: words.say('searchLead', { counts: papersAndIssues }),
    tags: database.tags.map((tag) => tag.name),
    // In the issues' order of sections, each parent a choice too, and "No section" (section-choices.ts).
    sections: sectionChoices(database.papers, config.sections, words.say('noSection')),
    noSection: NO_SECTION,
    // What its script says (papers.js), in the config's `words:` translation.
    words: papersScriptWords(config.words, config.language),
    // Papers without a year are a choice too (`undated`, as their shard and folder are named).
    years: years.map(([year]) => ({ value: year, label: year === UNDATED ? words.say('noYear') : year })),
    // The search index's shards (search-index.ts), the newest first: the one loaded first.
    shards: years.map(([year]) => year).join(' '),
  });

  // What a paper's row in a list shows, apart from where its links point (relative to each page): made once, when a list
  // first needs the paper's row, and hashed once, when a list's key is needed. Not for every paper up front: a rebuild after
  // one edit keeps nearly every list's previous key and renders a few lists, and every row's authors took ~0.17 s of its CPU.
  const rowFacts = new Map<PaperEntry<RecordSummary>, { facts: RowFacts; key: string | undefined }>();
  const rowOf = (paper: PaperEntry<RecordSummary>) => {
    let row = rowFacts.get(paper);
    if (!row) rowFacts.set(paper, (row = { facts: rowFactsOf(paper, tagSlug, words, config.language), key: undefined }));
    return row;
  };
  const rows: Rows = {
    keys: (papers) =>
      papers.map((paper) => {
        const row = rowOf(paper);
        return (row.key ??= keyOf(row.facts));
      }),
    views: (path, papers) => {
      const link = pageLinks(path);
      return papers.map((paper) => {
        const { facts } = rowOf(paper);
        return {
          title: facts.title,
          href: link.paper(facts.slug),
          authors: joinPieces(facts.authors.names),
          // One name at a time, for `{{isolate authorsListed}}` (render/bidi.ts): a right-to-left name kept in its place.
          authorsListed: facts.authors.names,
          // "and 2,990 more authors", linking to the paper's page, which lists them all (`rowAuthors`); undefined for a list shown whole.
          moreAuthors: facts.authors.more,
          year: facts.year,
          section: facts.section,
          // Each section of the path its own value, for `{{isolate sectionListed}}`: an Arabic parent before a Latin child stays first.
          sectionListed: facts.sections.map((text, i): LinePiece => ({ text, after: i < facts.sections.length - 1 ? ' / ' : '' })),
          tags: facts.tags.map(([name, slug]) => ({ name, href: link.tag(slug) })),
          issue: facts.issue,
          issueHref: link.issue(facts.issue, facts.anchor),
        };
      });
    },
  };

  const pages: PagePlan[] = [];
  pages.push(homePage(issues, words.words));
  const coverageOf = new Map(database.papers.map((paper) => [paper.id, paper.coverage]));
  issues.forEach((issue, i) => pages.push(issuePage(issue, issues[i - 1], issues[i + 1], { slugOf, tagSlug, coverageOf }, texts)));

  // A year's papers, at most `YEAR_PAGE_SIZE` a page; `page` of them at `path`.
  const yearPlan = (path: string, current: string, all: readonly PaperEntry<RecordSummary>[], page: ListPage): PagePlan => {
    const link = pageLinks(path);
    const dated = current !== UNDATED;
    const withYear = (key: WordKey, values: Record<string, unknown> = {}) => words.say(key, { ...values, year: current });
    // The papers page is every paper's (its search and filters reach them all); a year's page, the year's. Its title says what its heading says.
    const heading = path === 'papers/index.html' ? words.say('everyPaper') : dated ? withYear('papersFromYear') : words.say('papersWithoutYear');
    const view = () => ({
      pageTitle: heading,
      pageHeading: namedIn(heading, ''),
      lead: words.say('yearsLead', { counts: papersAndIssues }),
      search: search(),
      navs: [
        { label: words.say('papersByYear'), pages: years.map(([year]) => ({ label: year === UNDATED ? words.say('noYear') : year, href: link.year(year), current: year === current })) },
        { label: dated ? withYear('pagesOfPapersFromYear') : words.say('pagesOfPapersWithoutYear'), pages: pagerLinks(path, page) },
      ],
      caption: dated ? withYear('countFromYear', { papers: words.counted('paperCount', all.length) }) : words.say('countWithoutYear', { papers: words.counted('paperCount', all.length) }),
    });
    const title = page.count === 1 || path === 'papers/index.html' ? heading : words.say('pageOfPages', { title: heading, number: page.number, count: page.count });
    return listPlan({ path, template: 'web/paper-list.html', title, script: 'papers.js' }, view, page.papers, rows);
  };
  // The papers page is the newest year's first page: every page stays small, and each year has its own address too.
  const [newestYear, newestPapers] = years[0] ?? [UNDATED, []];
  pages.push(yearPlan('papers/index.html', newestYear, newestPapers, listPages(`papers/year/${newestYear}`, newestPapers, YEAR_PAGE_SIZE)[0]!));
  for (const [year, papers] of years) {
    for (const page of listPages(`papers/year/${year}`, papers, YEAR_PAGE_SIZE)) pages.push(yearPlan(page.path, year, papers, page));
  }

  for (const paper of database.papers) pages.push(paperPage(paper, citation, tagSlug, authorSlug, texts, words.words, config.language));
  const [taggedBefore, taggedAfter] = words.around('papersTagged');
  const [byBefore, byAfter] = words.around('papersBy');
  pages.push(facetIndex('tags/index.html', words.say('tags'), database.tags, (link, slug) => link.tag(slug)));
  for (const tag of database.tags) append(pages, facetPages(`tags/${tag.slug}`, namedIn(taggedBefore, tag.name, taggedAfter), tag, rows, words));
  pages.push(facetIndex('authors/index.html', words.say('authors'), database.authors, (link, slug) => link.author(slug)));
  for (const author of database.authors) append(pages, facetPages(`authors/${author.slug}`, namedIn(byBefore, firstLast(author.name) ?? author.name, byAfter), author, rows, words));
  return pages;
}

function homePage(issues: readonly IssueSummary[], dates: DateWords): PagePlan {
  const path = 'index.html';
  const link = pageLinks(path);
  return eager({
    path,
    template: 'web/index.html',
    title: '',
    script: undefined,
    view: {
      issues: [...issues].reverse().map((issue) => ({
        number: issue.number,
        title: issue.title,
        date: issue.date,
        dateFormatted: formatDate(issue.date, dates),
        href: link.issue(issue.number),
        paperCount: issue.papers.length,
        highlights: issue.papers.filter((paper) => paper.highlight).map((paper) => ({ title: paper.title, href: link.issue(issue.number, paper.anchor) })),
      })),
    },
  });
}

/**
 * What an issue page links to besides its neighbours, by paper id or tag
 * name: each paper's page folder (`slugOf`), each tag's (`tagSlug`), and
 * every issue covering each paper (`coverageOf`, oldest first).
 */
interface IssueLinks {
  slugOf: ReadonlyMap<string, string>;
  tagSlug: ReadonlyMap<string, string>;
  coverageOf: ReadonlyMap<string, readonly RecordSummary[]>;
}

function issuePage(issue: IssueSummary, previous: IssueSummary | undefined, next: IssueSummary | undefined, links: IssueLinks, texts: TextSource): PagePlan {
  const path = `issues/${issue.number}/index.html`;
  const link = pageLinks(path);
  const neighbour = (other: IssueSummary | undefined) => other && { number: other.number, title: other.title, href: link.issue(other.number) };
  const around = { previous: neighbour(previous), next: neighbour(next) };
  const template = 'web/issue.html';
  const title = `#${issue.number}: ${issue.title}`;
  // Made when the key or the view first needs them: a rebuild after one edit keeps the other issues' pages' previous keys.
  let made: ReturnType<typeof issuePageLinks> | undefined;
  const linked = () => (made ??= issuePageLinks(issue, link, links));
  return {
    path,
    template,
    title,
    script: undefined,
    noindex: issue.draft,
    // The issue's rendering (its hash), its neighbours and where its papers and tags link: all its view is made of.
    key: () => {
      const { paperPages, tagLinks, alsoCovered } = linked();
      return keyOf([template, title, issue.pageHash, around, [...paperPages], [...tagLinks], [...alsoCovered]]);
    },
    issues: [issue.number],
    view: () => {
      const { content } = texts.rendering(issue.number);
      const { paperPages, tagLinks, alsoCovered } = linked();
      const paper = (view: PaperView) => ({
        ...view,
        paperPage: paperPages.get(view.anchor)!,
        tagLinks: view.tags.map((name) => ({ name, href: tagLinks.get(name)! })),
        // Empty for a paper this issue alone covered: the template says nothing.
        alsoCoveredIn: alsoCovered.get(view.anchor) ?? [],
      });
      // `neighbours`: whether there is a previous or next issue to link to (a one-issue archive has no pager).
      const neighbours = around.previous !== undefined || around.next !== undefined;
      return { ...content, draft: issue.draft, blocks: sectionBlocks(content.highlights, content.sections).map((block) => ({ ...block, papers: block.papers.map(paper) })), ...around, neighbours };
    },
  };
}

/** Where an issue page's papers and tags link, by anchor and tag name, and the other issues covering each of its papers, by anchor: links relative to the page (`link`). */
function issuePageLinks(issue: IssueSummary, link: Links, { slugOf, tagSlug, coverageOf }: IssueLinks) {
  const paperPages = new Map(issue.papers.map((record) => [record.anchor, link.paper(slugOf.get(record.id)!)]));
  // "Also covered in #5, #12": the other issues that summarized each paper, oldest first, each once, linking to its (first) summary there:
  // a sent issue listing one paper twice (a lint error a build does not check again on a sent issue) said "#2, #2".
  // Their numbers and anchors are facts (the site's shape): a new coverage changes the shape, so this page's key is made again.
  const alsoCovered = new Map(
    issue.papers.map((record) => {
      const others = new Map<number, string>();
      for (const other of coverageOf.get(record.id)!) {
        if (other.issue.number !== issue.number && !others.has(other.issue.number)) others.set(other.issue.number, other.anchor);
      }
      return [record.anchor, [...others].map(([number, anchor]) => ({ number, href: link.issue(number, anchor) }))];
    }),
  );
  const tagLinks = new Map(issue.papers.flatMap((record) => record.tags).map((name) => [name, link.tag(tagSlug.get(name)!)]));
  return { paperPages, tagLinks, alsoCovered };
}

/** The sections of an issue in reading order, flat (a web template needs no recursive partial), each with its heading levels. */
function sectionBlocks(highlights: SectionView | undefined, sections: readonly SectionView[]) {
  const blocks: { title: string; headingLevel: number; paperLevel: number; papers: PaperView[] }[] = [];
  const visit = (section: SectionView) => {
    blocks.push({ title: section.title, headingLevel: section.headingLevel, paperLevel: Math.min(section.headingLevel + 1, 6), papers: section.papers });
    section.subsections.forEach(visit);
  };
  if (highlights) visit(highlights);
  sections.forEach(visit);
  return blocks;
}

function paperPage(
  paper: PaperEntry<RecordSummary>,
  citation: (paper: PaperEntry<RecordSummary>) => string,
  tagSlug: ReadonlyMap<string, string>,
  authorSlug: ReadonlyMap<string, string>,
  texts: TextSource,
  dates: DateWords,
  language: string,
): PagePlan {
  const path = `papers/${paper.slug}/index.html`;
  const template = 'web/paper.html';
  const { latest } = paper;
  return {
    path,
    template,
    title: latest.title,
    // The BibTeX entry's "Copy" button (templates/web/copy.js).
    script: 'copy.js',
    // Its records (texts by their hash), its citation key and where its authors and tags link: all the view is made of.
    key: () => keyOf([template, paperKey(paper), citation(paper), [latest.authors.map((name) => authorSlug.get(name)), paper.tags.map((name) => tagSlug.get(name))]]),
    issues: paper.coverage.map((record) => record.issue.number),
    view: () => {
      const link = pageLinks(path);
      const source = { authors: latest.authors, venue: latest.venue ?? undefined, year: latest.year ?? undefined };
      return {
        title: latest.title,
        // Joined as every list of names is, in the newsletter's language (render/format.ts `joinNames`: semicolons when a name is written "Last, First"); an "et al." has no page.
        authors: listedNames(latest.authors, language).map(({ name, after, written = name, others }) => ({ name, after, href: !others && authorSlug.has(written) ? link.author(authorSlug.get(written)!) : undefined })),
        // Said once: a venue that is also an author is left out, as in the email.
        sourceLine: paperSourceLine(source),
        sourceListed: sourcePieces(source),
        url: latest.url,
        arxiv: latest.arxiv,
        arxivUrl: latest.arxiv ? `https://arxiv.org/abs/${latest.arxiv}` : undefined,
        tags: paper.tags.map((name) => ({ name, href: link.tag(tagSlug.get(name)!) })),
        bibtex: bibtexEntry(paper, citation(paper)),
        coverage: withTexts(paper, texts).coverage.map((record) => ({
          ...record,
          dateFormatted: formatDate(record.issue.date, dates),
          issueHref: link.issue(record.issue.number, record.anchor),
        })),
      };
    },
  };
}

type Links = ReturnType<typeof pageLinks>;

function facetIndex(path: string, heading: string, facets: readonly Facet<RecordSummary>[], href: (link: Links, slug: string) => string): PagePlan {
  const link = pageLinks(path);
  return eager({
    path,
    template: 'web/name-list.html',
    title: heading,
    script: undefined,
    view: { pageTitle: heading, pageHeading: namedIn(heading, ''), entries: facets.map((facet) => ({ name: facet.name, href: href(link, facet.slug), count: facet.papers.length })) },
  });
}

/**
 * The papers of a tag or an author, at most `LIST_PAGE_SIZE` a page: the
 * first at `<folder>/`, the next at `<folder>/page/2/`… (the biggest tag of
 * a thousand-issue archive would otherwise be a page near 1 MB).
 */
function facetPages(folder: string, pageHeading: readonly LinePiece[], facet: Facet<RecordSummary>, rows: Rows, words: Phrasebook): PagePlan[] {
  // The page's title (a browser tab) has no isolates: a tab shows them as boxes in places.
  const heading = joinPieces(pageHeading);
  return listPages(folder, facet.papers, LIST_PAGE_SIZE).map((page) => {
    const title = page.count === 1 ? heading : words.say('pageOfPages', { title: heading, number: page.number, count: page.count });
    const view = () => ({ pageTitle: heading, pageHeading, lead: undefined, search: undefined, navs: [{ label: words.say('pages'), pages: pagerLinks(page.path, page) }], caption: words.counted('paperCount', facet.papers.length) });
    return listPlan({ path: page.path, template: 'web/paper-list.html', title, script: undefined }, view, page.papers, rows);
  });
}

/** What a paper's row in a list shows, apart from where its links point: its merged facts, its first coverage's issue and anchor, its tags with their folders (`tagSlug`). */
function rowFactsOf(paper: PaperEntry<RecordSummary>, tagSlug: ReadonlyMap<string, string>, words: Phrasebook, language: string) {
  const first = paper.coverage[0]!;
  return {
    title: paper.latest.title,
    slug: paper.slug,
    authors: rowAuthors(paper.latest.authors, words, language),
    year: paper.latest.year ?? '',
    section: paper.latest.section.join(' / '),
    sections: paper.latest.section,
    tags: paper.tags.map((name) => [name, tagSlug.get(name)!] as const),
    issue: first.issue.number,
    anchor: first.anchor,
  };
}

type RowFacts = ReturnType<typeof rowFactsOf>;

/**
 * The authors a row of a list of papers shows: every name up to
 * `ROW_AUTHORS_MAX`, else the first `ROW_AUTHORS_SHOWN` and a link's text
 * for the others, "2,990 more authors" (render/format.ts `boundedNames`;
 * `words.moreAuthorsOne`/`moreAuthorsOther`, its count grouped as their
 * language writes numbers: "2.990 weitere Autoren"), joined in the
 * newsletter's `language`.
 * A paper of 3,000 authors is on 3,000 author pages: with its whole list
 * in each row, they took 292 MB (names of 28 characters), with ten names 8.3 MB.
 */
function rowAuthors(names: readonly string[], words: Phrasebook, language: string): { names: LinePiece[]; more: { before: string; label: string } | undefined } {
  const { names: shown, more } = boundedNames(names, ROW_AUTHORS_MAX, ROW_AUTHORS_SHOWN, language);
  return { names: shown, more: more && { before: more.before, label: words.counted('moreAuthors', more.count, { grouped: true }) } };
}

/** A row names every author of a paper of at most this many (an ordinary paper's list, whole); past it, `ROW_AUTHORS_SHOWN`. */
const ROW_AUTHORS_MAX = 20;

/** The authors a row names of a paper of more than `ROW_AUTHORS_MAX`: fewer than the most it shows whole, so "and N more" is never "and 1 more". */
const ROW_AUTHORS_SHOWN = 10;
