import { paperAnchors } from '../issue/anchors.js';
import type { Issue, MarkdownText, Paper } from '../issue/model.js';
import { buildContentView, type RenderContext } from '../render/build-view.js';
import { personalize, renderEmail } from '../render/email.js';
import type { TemplateSet } from '../render/templates.js';
import type { ContentView, PaperView, RichText, SectionView } from '../render/view-model.js';
import { unsubscribeUrl } from '../mail/unsubscribe-url.js';
import { issueUrl } from '../render/links.js';
import { EXCERPT_LENGTH, firstSentence, type Lead } from './excerpt.js';
import { fragmentsToIssuePage } from './fragment-links.js';
import { leadWords, plainWords } from './words.js';
import { typesetMath } from './math.js';
import { linkRemoteImages } from './remote-images.js';
import { scrollingTables } from './table-scroll.js';
import { sha256 } from '../sha256.js';

/**
 * Everything the archive takes from one published issue, rendered once: the
 * unit the build cache stores (plain JSON), so an unchanged issue is never
 * parsed or rendered again and every page listing it reads this.
 */
export interface IssueOutput {
  number: number;
  /** The numbers it was published under before (`Issue.formerly`): old addresses that lead to its page, the first its feed entry's id. */
  formerly: number[];
  title: string;
  /** YYYY-MM-DD. */
  date: string;
  subject: string;
  /** Whether the issue is a draft (`status: draft`, published by `build --drafts` alone): its page says so and asks search engines not to index it. */
  draft: boolean;
  /** The content view with web HTML: math typeset by KaTeX, the plaintext left empty. */
  content: ContentView;
  /** The placeholder recipient's copy (no real unsubscribe token): `issues/<n>/email.html` and `email.txt`. */
  email: { html: string; text: string };
  /** One record per paper, in reading order. */
  papers: PaperRecord[];
}

/** An issue's rendering without its records: what its page, email files and feed entries show. */
export type IssueRendering = Omit<IssueOutput, 'papers'>;

/**
 * What pages that list an issue, and the build's plan, read of it: an
 * `IssueOutput` without its renderings (content view, email, the records'
 * texts), with hashes that tell when those changed. A rebuild reads every
 * issue's summary (one small file) and an issue's full output only where a
 * page shows it (build-cache.ts).
 */
export interface IssueSummary {
  number: number;
  /** `IssueOutput.formerly`. */
  formerly: number[];
  title: string;
  date: string;
  subject: string;
  /** `IssueOutput.draft`. */
  draft: boolean;
  /**
   * A hash of the `IssueOutput` without its email: what its page, the feeds
   * and the data files show of it. An edit of a template only the emails
   * use changes `email` and not this, so it rewrites the email files alone.
   */
  pageHash: string;
  /** A hash of each email file's text (`email.html`, `email.txt`): an edit that changes one (a plaintext-only partial) rewrites that one alone. */
  email: { html: string; text: string };
  /**
   * A hash of this summary without the hashes of its renderings and texts
   * (`hash`, each record's `textHash` and `recordHash`): what lists of
   * issues and papers show of it. The site's shape (site-plan.ts) is made
   * of these.
   */
  factsHash: string;
  papers: RecordSummary[];
  /** Values of its file the parser could not read (`year: twenty`), published without them: what every build warns about. */
  unread: UnreadValue[];
  /** The images of the site's own its texts show (issue/site-images.ts), which every build looks for among the site's files as they are then (published.ts). */
  images: SiteImage[];
}

/** An image of the site's own an issue shows: its URL as written, the site path it names (`img/chart.png`), and where it is (1-based line and column). */
export interface SiteImage {
  url: string;
  path: string;
  line: number;
  column: number;
}

/** A value of an issue file published without it, where it is (1-based line and column, characters). */
export interface UnreadValue {
  line: number;
  column: number;
  message: string;
  /** The lint rule that reports it (`frontmatter-schema`, say). */
  ruleId: string;
}

/** What a record says of its paper and issue, without its texts. */
export type RecordFacts = Omit<PaperRecord, 'summary' | 'opinion' | 'prerequisites' | 'footnotes'>;

/** A `PaperRecord` without its texts, with a hash of them. */
export type RecordSummary = RecordFacts & {
  /** sha256 of the record's summary, opinion, prerequisites (Markdown, words and HTML) and footnotes. */
  textHash: string;
  /** sha256 of its facts and `textHash`: the whole record, as a paper's key is made of it (pages.ts `paperKey`), hashed once when its issue is rendered. */
  recordHash: string;
  /** The first sentence of its summary's lead (`SummaryText.lead`), at most `EXCERPT_LENGTH` characters (excerpt.ts): what papers/catalog.js shows of it without reading the texts. */
  excerpt: string;
};

/** The hashes of what an issue's files are made of (build-cache.ts `storedOutput`): its output without the email, and each email file. */
export type OutputHashes = Pick<IssueSummary, 'pageHash' | 'email'>;

/** An issue's summary (pure): the output without its renderings, with `hashes` (`storedOutput`), each record with its texts' hash, what of its file was not read, and the site's images it shows. */
export function summarizeIssue(output: IssueOutput, hashes: OutputHashes, unread: UnreadValue[], images: SiteImage[] = []): IssueSummary {
  const facts = output.papers.map(({ summary: _summary, opinion: _opinion, prerequisites: _prerequisites, footnotes: _footnotes, ...rest }): RecordFacts => rest);
  const papers = output.papers.map(({ summary, opinion, prerequisites, footnotes }, i): RecordSummary => {
    const textHash = hashOf([summary, opinion ?? null, prerequisites ?? null, footnotes ?? null]);
    return { ...facts[i]!, textHash, recordHash: hashOf([facts[i], textHash]), excerpt: firstSentence(summary.lead, EXCERPT_LENGTH) };
  });
  const factsHash = hashOf([output.number, output.title, output.date, output.subject, output.draft, facts, unread]);
  return { number: output.number, formerly: output.formerly, title: output.title, date: output.date, subject: output.subject, draft: output.draft, pageHash: hashes.pageHash, email: hashes.email, factsHash, papers, unread, images };
}

function hashOf(value: unknown): string {
  return sha256(JSON.stringify(value)).slice(0, 32);
}

/** A text of a paper as the data files and search carry it. */
export interface RecordText {
  /** As the editor wrote it. */
  markdown: string;
  /** The words alone (Markdown syntax removed): what search indexes. */
  plain: string;
  /** Sanitized HTML for the web, math typeset. */
  html: string;
}

/** A paper's summary as the data files and search carry it, with what its excerpt is taken from. */
export interface SummaryText extends RecordText {
  /** Its first paragraph of prose as words, and where math is in them (words.ts `leadWords`): what excerpts show the first sentence of. */
  lead: Lead;
}

/** One summary of one paper in one issue: a row of `papers.csv`, an entry of `papers.json`. */
export interface PaperRecord {
  /** The paper's identity across issues (issue/paper-id.ts: arXiv id, else normalized URL, else its place `issue:5/2`). */
  id: string;
  title: string;
  url: string | undefined;
  authors: string[];
  year: number | undefined;
  venue: string | undefined;
  arxiv: string | undefined;
  /** The identities it was published under before (`Paper.formerly`). */
  formerly: string[];
  tags: string[];
  section: string[];
  highlight: boolean;
  summarizer: string | undefined;
  via: string | undefined;
  issue: { number: number; date: string; title: string };
  /** The paper's place in its issue's reading order (highlights, then sections), from 1: the number its email shows. */
  number: number;
  /** The paper's anchor in its issue page. */
  anchor: string;
  summary: SummaryText;
  opinion: RecordText | undefined;
  prerequisites: RecordText | undefined;
  /** The notes its texts' footnote references point to, as sanitized web HTML (`<section class="footnotes">`); undefined when none. */
  footnotes: string | undefined;
}

/**
 * Renders one issue for the archive: one content view (with plaintext) feeds
 * both the email files and the web page, so the page says exactly what the
 * email says. Private notes are never rendered (no review context).
 * Throws what `renderEmail` throws (a template's error).
 */
export function renderIssueOutput(issue: Issue, context: Omit<RenderContext, 'review'>, templates: TemplateSet): IssueOutput {
  const content = buildContentView(issue, context);
  const rendered = renderEmail(issue, context, templates, content);
  // A published copy is for anyone: its Unsubscribe leads to the page that says how to leave (`GET /unsubscribe` without a token), not to a placeholder token the server calls invalid.
  const email = personalize(rendered, { unsubscribeUrl: unsubscribeUrl(context.config.baseUrl, undefined) });
  const web = webContent(content, context.config.baseUrl);
  const byAnchor = new Map(paperAnchors(issue.papers.map((paper) => paper.title)).map((anchor, i) => [anchor, issue.papers[i]!]));
  const papers = web.papers.map((view) => paperRecord(issue, view, byAnchor.get(view.anchor)!, issueUrl(context.config.baseUrl, issue.number)));
  return { number: issue.number, formerly: issue.formerly, title: issue.title, date: issue.date, subject: issue.subject, draft: issue.status === 'draft', content: web, email: { html: email.html, text: email.text }, papers };
}

/** The content view for a web page: math typeset, images from other hosts as links (remote-images.ts), tables that scroll inside themselves (table-scroll.ts), no plaintext (a page shows HTML only). */
function webContent(content: ContentView, baseUrl: string): ContentView {
  const { words, language } = content.newsletter;
  const rich = (text: RichText): RichText => ({ html: scrollingTables(linkRemoteImages(typesetMath(text.html), baseUrl, words.image, language)), text: '' });
  const optional = (text: RichText | undefined) => text && rich(text);
  const papers = new Map<PaperView, PaperView>(
    content.papers.map((paper) => [
      paper,
      {
        ...paper,
        summary: rich(paper.summary),
        opinion: optional(paper.opinion),
        prerequisites: optional(paper.prerequisites),
        footnotes: optional(paper.footnotes),
        notes: undefined,
        references: '',
      },
    ]),
  );
  const section = (view: SectionView): SectionView => ({ ...view, papers: view.papers.map((paper) => papers.get(paper)!), subsections: view.subsections.map(section) });
  return {
    ...content,
    intro: rich(content.intro),
    outro: rich(content.outro),
    footnotes: '',
    highlights: content.highlights && section(content.highlights),
    sections: content.sections.map(section),
    papers: content.papers.map((paper) => papers.get(paper)!),
  };
}

/** One paper of `issue` as the data files and the paper's page carry it; `issuePage`: the issue page's URL, which its texts' links to the page's anchors lead to from there (fragment-links.ts). */
function paperRecord(issue: Issue, view: PaperView, paper: Paper, issuePage: string): PaperRecord {
  const [summary, opinion, prerequisites, footnotes] = fragmentsToIssuePage([view.summary.html, view.opinion?.html, view.prerequisites?.html, view.footnotes?.html], issuePage);
  const text = (markdown: MarkdownText | undefined, html: string | undefined): RecordText | undefined =>
    markdown && html !== undefined ? { markdown: markdown.text, plain: plainWords(markdown.tree, markdown.text), html } : undefined;
  return {
    id: paper.id,
    title: paper.title,
    url: view.url,
    authors: paper.authors,
    year: paper.year,
    venue: paper.venue,
    arxiv: paper.arxiv,
    formerly: paper.formerly,
    tags: paper.tags,
    section: paper.section,
    highlight: paper.highlight,
    summarizer: paper.summarizer,
    via: paper.via,
    issue: { number: issue.number, date: issue.date, title: issue.title },
    number: view.number,
    anchor: view.anchor,
    summary: { ...text(paper.summary, summary)!, lead: leadWords(paper.summary.tree, paper.summary.text) },
    opinion: text(paper.opinion, opinion),
    prerequisites: text(paper.prerequisites, prerequisites),
    footnotes: footnotes || undefined,
  };
}
