import type { Config } from '../config/load.js';
import { textDirection } from '../config/language.js';
import { newsletterWords } from '../config/words.js';
import { paperAnchors } from '../issue/anchors.js';
import { BODY_FOOTNOTE_PREFIX, paperFootnotePrefix } from '../issue/footnote-ids.js';
import type { Corpus } from '../issue/corpus.js';
import type { IssueFacts } from '../issue/facts.js';
import type { Element } from 'hast';
import type { Issue, Paper } from '../issue/model.js';
import { briefAuthorPieces, briefAuthors, formatDate, joinNames, namePieces, paperSourceLine, reviewersThanks, reviewersThanksPieces, sourcePieces, thanksLanguage } from './format.js';
import { issueUrl, paperLink, paperUrl, serializedUrl, type LinkContext } from './links.js';
import { FootnoteNumbering, fragmentToHtml, markdownToHast, notesToHtml, splitAtMarker } from './markdown-html.js';
import { arrangePapers, type SectionGroup } from './sections.js';
import { renderIssueText } from './text-parts.js';
import type { ContentView, EmailView, EnvelopeView, PaperView, ReviewView, RichText, SectionView } from './view-model.js';
import { append } from '../arrays.js';

/** The newsletter settings a rendering reads. */
type NewsletterConfig = Pick<Config, 'name' | 'description' | 'baseUrl' | 'language' | 'postalAddress' | 'sections' | 'email' | 'words'>;

/** Everything a rendering needs besides the issue. */
export interface RenderContext {
  config: NewsletterConfig;
  /** Every issue's facts, for `paper:`/`issue:` links. */
  corpus: Corpus;
  /** The facts of the issue being rendered (a draft may link to its own papers). */
  facts: IssueFacts;
  /** A review proof: private notes and these lint messages are shown. */
  review?: ReviewView | undefined;
}

export interface ContentOptions {
  /** Render the plaintext too (default true); HTML alone is enough for a web page or a size estimate. */
  text?: boolean;
}

export interface ViewOptions extends ContentOptions {
  /** What templates write as the unsubscribe link (the personalization placeholder). */
  unsubscribeUrl: string;
}

/**
 * What an issue says, rendered once for every output (see `ContentView`).
 * Private notes are rendered only when `context.review` is set (a review
 * proof), so no other output can hold them.
 */
export function buildContentView(issue: Issue, context: RenderContext, options: ContentOptions = {}): ContentView {
  const { config } = context;
  const review = context.review !== undefined;
  const links: LinkContext = { baseUrl: config.baseUrl, corpus: context.corpus, from: context.facts };

  const { words } = newsletterWords(config.words, config.language);
  // The reviewers are joined in the language of the sentence around them.
  const namesLanguage = thanksLanguage(config.words, config.language);
  const { highlights, sections: groups, readingOrder } = arrangePapers(issue.papers, config.sections, words);

  const text = options.text === false ? undefined : renderIssueText(issue, readingOrder, links, review, undefined, words);
  // Footnotes are numbered in reading order across the email, as the plaintext numbers them.
  const numbering = new FootnoteNumbering();
  const body = markdownToHast(issue.body.tree, { idPrefix: BODY_FOOTNOTE_PREFIX, links, source: issue.body.text });
  const { intro, outro } = splitAtMarker(body.content);
  const introHtml = fragmentToHtml(intro, numbering);

  const anchors = paperAnchors(issue.papers.map((paper) => paper.title));
  const levels = paperHeadingLevels(highlights, groups);
  const views = new Map<Paper, PaperView>();
  readingOrder.forEach((paper, i) => {
    const anchor = anchors[issue.papers.indexOf(paper)]!;
    const texts = text?.papers.get(paper);
    const notes: Element[] = [];
    const rich = (field: 'prerequisites' | 'summary' | 'opinion' | 'notes'): RichText | undefined => {
      const markdown = paper[field];
      if (!markdown) return undefined;
      const parts = markdownToHast(markdown.tree, { idPrefix: paperFootnotePrefix(issue.number, paper.index, field), links, source: markdown.text });
      append(notes, parts.notes);
      return { html: fragmentToHtml(parts.content, numbering), text: texts?.[field] ?? '' };
    };
    const prerequisites = rich('prerequisites');
    const summary = rich('summary')!;
    const opinion = rich('opinion');
    // Private: rendered only for a review proof, so no other output can hold them.
    const privateNotes = review ? rich('notes') : undefined;
    const footnotes = notesToHtml(notes, numbering, words.backToReference);
    views.set(paper, {
      ...paperFacts(paper, config.email.maxAuthors, config.language),
      // The same filter as a Markdown link (`javascript:` in the frontmatter never becomes a link), and never relative.
      url: paperLink(paper.url, links).href,
      number: i + 1,
      anchor,
      headingLevel: levels.get(paper)!,
      // Serialized as `url` and `issue.url` are: a plaintext template writing it writes an address a mail program can find whole.
      webUrl: serializedUrl(paperUrl(config.baseUrl, issue.number, anchor)),
      prerequisites,
      summary,
      opinion,
      notes: privateNotes,
      footnotes: footnotes === '' && !texts?.footnotes ? undefined : { html: footnotes, text: texts?.footnotes ?? '' },
      references: texts?.references ?? '',
    });
  });
  const view = (paper: Paper) => views.get(paper)!;

  return {
    newsletter: { name: config.name, description: config.description, baseUrl: config.baseUrl, language: config.language, direction: textDirection(config.language), ...newsletterWords(config.words, config.language) },
    issue: {
      number: issue.number,
      title: issue.title,
      date: issue.date,
      dateFormatted: formatDate(issue.date, words),
      subject: issue.subject,
      editor: issue.editor,
      reviewers: issue.reviewers,
      reviewersThanks: reviewersThanks(issue.reviewers, words.reviewersThanks, namesLanguage),
      reviewersThanksListed: reviewersThanksPieces(issue.reviewers, words.reviewersThanks, namesLanguage),
      url: issueUrl(config.baseUrl, issue.number),
    },
    intro: { html: introHtml, text: text?.intro ?? '' },
    // After the papers, so the closing's notes number after theirs; the body's notes end the email.
    outro: { html: fragmentToHtml(outro, numbering) + notesToHtml(body.notes, numbering, words.backToReference), text: text?.outro ?? '' },
    footnotes: text?.footnotes ?? '',
    highlights: highlights && sectionView(highlights, 1, view),
    sections: groups.map((group) => sectionView(group, 1, view)),
    papers: readingOrder.map(view),
  };
}

/** What an email wraps around the content of `issue` (see `EnvelopeView`). */
function buildEnvelope(issue: Issue, context: RenderContext, options: ViewOptions): EnvelopeView {
  const { config } = context;
  return {
    preheader: issue.preheader ?? '',
    postalAddress: config.postalAddress,
    links: { viewInBrowser: issueUrl(config.baseUrl, issue.number), archive: config.baseUrl, unsubscribe: options.unsubscribeUrl },
    review: context.review,
  };
}

/** The email templates' view: `content` with `envelope`'s fields where the templates read them. */
function emailView(content: ContentView, envelope: EnvelopeView): EmailView {
  return {
    ...content,
    newsletter: { ...content.newsletter, postalAddress: envelope.postalAddress },
    issue: { ...content.issue, preheader: envelope.preheader },
    links: envelope.links,
    review: envelope.review,
  };
}

/**
 * The view model of one issue's email: its content in its envelope (see
 * view-model.ts). `content` is the issue's content view when the caller
 * already built it (the archive renders the web page from the same one).
 */
export function buildEmailView(issue: Issue, context: RenderContext, options: ViewOptions, content = buildContentView(issue, context, options)): EmailView {
  return emailView(content, buildEnvelope(issue, context, options));
}

/** The fields of a paper that are copied as they are, and its metadata lines: its authors joined in `language` (render/format.ts `joinNames`). */
function paperFacts(paper: Paper, maxAuthors: number, language: string): Omit<PaperView, 'number' | 'anchor' | 'headingLevel' | 'url' | 'webUrl' | 'prerequisites' | 'summary' | 'opinion' | 'notes' | 'footnotes' | 'references'> {
  return {
    title: paper.title,
    authors: paper.authors,
    authorsLine: joinNames(paper.authors, language),
    authorsBrief: briefAuthors(paper.authors, maxAuthors, language),
    authorsListed: namePieces(paper.authors, language),
    authorsBriefListed: briefAuthorPieces(paper.authors, maxAuthors, language),
    venue: paper.venue,
    year: paper.year,
    sourceLine: paperSourceLine(paper),
    sourceListed: sourcePieces(paper),
    arxiv: paper.arxiv,
    tags: paper.tags,
    highlight: paper.highlight,
    section: paper.section,
    summarizer: paper.summarizer,
    via: paper.via,
  };
}

/**
 * The heading level of each paper's title: one below its section's heading
 * (h3 under a section's h2, h4 under a subsection's h3), h2 when the papers
 * have no section heading at all.
 */
function paperHeadingLevels(highlights: SectionGroup<Paper> | undefined, groups: readonly SectionGroup<Paper>[]): Map<Paper, number> {
  const levels = new Map<Paper, number>();
  const visit = (group: SectionGroup<Paper>, depth: number) => {
    const level = Math.min(group.title === '' ? depth + 1 : depth + 2, 6);
    for (const paper of group.papers) levels.set(paper, level);
    for (const child of group.subsections) visit(child, depth + 1);
  };
  for (const group of highlights ? [highlights, ...groups] : groups) visit(group, 1);
  return levels;
}

function sectionView(group: SectionGroup<Paper>, depth: number, view: (paper: Paper) => PaperView): SectionView {
  return {
    title: group.title,
    path: group.path,
    depth,
    headingLevel: Math.min(depth + 1, 6),
    papers: group.papers.map(view),
    subsections: group.subsections.map((child) => sectionView(child, depth + 1, view)),
  };
}
