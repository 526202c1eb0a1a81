import { formatMailbox } from '../../config/address.js';
import type { Config } from '../../config/load.js';
import { fillWord, newsletterWords, type Words, type WordsSetting } from '../../config/words.js';
import type { Issue, Paper } from '../../issue/model.js';
import { isolatePiecesText, isolateText } from '../bidi.js';
import { formatDate, reviewersThanksPieces, thanksLanguage } from '../format.js';
import type { LinkContext } from '../links.js';
import { arrangePapers, type SectionGroup } from '../sections.js';
import { renderIssueText, type IssueText } from '../text-parts.js';
import { formatHeading, type TextStyle } from '../text/index.js';
import { countIssue } from './counts.js';
import { dimLines } from './dim-lines.js';
import { formatInboxHeader } from './inbox-header.js';
import { layoutPaper, NOTES_INDENT } from './paper.js';
import { mutedStyle, terminalStyle } from './style.js';

/** What a terminal preview shows: the issue, and what only the caller can know. */
export interface TerminalPreviewInput {
  issue: Issue;
  config: Pick<Config, 'from' | 'sections' | 'email' | 'language' | 'words'>;
  /** Resolves cross-references and relative links, as the email does. */
  links: LinkContext;
  /** The size of the rendered HTML email, in bytes. */
  htmlBytes: number;
}

export interface TerminalPreviewOptions {
  /** Columns, by display width. */
  width: number;
  /** ANSI escape codes; without them the output is plain text. */
  color: boolean;
  /** OSC 8 hyperlinks (with `color` only); otherwise URLs follow their text. */
  hyperlinks: boolean;
}

/**
 * The issue as the editor previews it in a terminal: the inbox header, then
 * the email's content in the email's order (introduction, highlights,
 * sections, closing, footnotes), with each paper's private notes. What the
 * email says in paperboy's words it says in the same (the config's
 * `words:` and `language`, config/words.ts: section titles, the issue's
 * line, each paper's labels, the authors joined, the reviewers' thanks,
 * an image's label);
 * what only the editor sees (the inbox header, the private notes' label,
 * the issue's status) stays English, as the review proof's banner does.
 * Pure: the same input gives the same string, with no trailing newline.
 */
export function renderTerminalPreview(input: TerminalPreviewInput, options: TerminalPreviewOptions): string {
  const { issue, links, config } = input;
  const { words } = newsletterWords(config.words, config.language);
  const width = Math.max(1, options.width);
  const style = terminalStyle(options);
  const { highlights, sections, readingOrder } = arrangePapers(issue.papers, config.sections, words);
  const layout = { width, style, notes: { width: Math.max(1, width - NOTES_INDENT), style: mutedStyle(style) } };
  const texts = renderIssueText(issue, readingOrder, links, true, layout, words);
  const numbers = new Map(readingOrder.map((paper, i) => [paper, i + 1]));
  const paper = (p: Paper) => layoutPaper(p, numbers.get(p)!, texts.papers.get(p)!, { style, width, links, maxAuthors: config.email.maxAuthors, language: config.language, words });
  const section = (group: SectionGroup<Paper>, depth: number): string[] => [
    // The issue title is the only depth 1: sections 2, subsections 3, as in the email.
    group.title ? formatHeading(isolateText(group.title), Math.min(depth + 1, 6), width, style) : '',
    ...group.papers.map(paper),
    ...group.subsections.flatMap((child) => section(child, depth + 1)),
  ];

  const header = formatInboxHeader(
    { from: formatMailbox(config.from), subject: issue.subject, preheader: issue.preheader, htmlBytes: input.htmlBytes, counts: countIssue(issue, links) },
    width,
    style,
  );
  const blocks = [
    header,
    formatHeading(isolateText(issue.title), 1, width, style),
    dimLines(issueLine(issue, words, config.words), width, style).join('\n'),
    texts.intro,
    ...(highlights ? section(highlights, 1) : []),
    ...sections.flatMap((group) => section(group, 1)),
    texts.outro,
    dimLines(isolatePiecesText(reviewersThanksPieces(issue.reviewers, words.reviewersThanks, thanksLanguage(config.words, config.language))), width, style).join('\n'),
    ...footnotes(texts, words, width, style),
  ];
  return blocks.filter((block) => block !== '').join('\n\n');
}

/**
 * "Issue #5 · 29 September 2023 · edited by Mira Okafor · ready": the
 * number, date and editor in the email's words (`issueNumber`, `date`,
 * `editedBy`), the status the frontmatter's. The editor is "edited by",
 * lower case within the line, while `setting` leaves `editedBy` English;
 * a translation is said as written ("Herausgegeben von …").
 */
function issueLine(issue: Issue, words: Words, setting: WordsSetting | undefined): string {
  const edited = setting?.editedBy ?? 'edited by {name}';
  const editor = issue.editor ? fillWord(edited, { name: isolateText(issue.editor) }) : undefined;
  return [fillWord(words.issueNumber, { number: issue.number }), formatDate(issue.date, words), editor, issue.status].filter(Boolean).join(' · ');
}

/** The body's footnotes under the email's heading for them (`words.notes`, "Notes"); none without footnotes. */
function footnotes(texts: IssueText, words: Words, width: number, style: TextStyle): string[] {
  return texts.footnotes === '' ? [] : [formatHeading(words.notes, 2, width, style), texts.footnotes];
}
