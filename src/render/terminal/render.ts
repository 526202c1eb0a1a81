import { formatMailbox } from '../../config/address.js';
import type { Config } from '../../config/load.js';
import type { Issue, Paper } from '../../issue/model.js';
import { isolatePiecesText, isolateText } from '../bidi.js';
import { formatDate, reviewersThanksPieces } from '../format.js';
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
  config: Pick<Config, 'from' | 'sections' | 'email'>;
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
 * sections, closing, footnotes), with each paper's private notes. Pure: the
 * same input gives the same string, with no trailing newline.
 */
export function renderTerminalPreview(input: TerminalPreviewInput, options: TerminalPreviewOptions): string {
  const { issue, links } = input;
  const width = Math.max(1, options.width);
  const style = terminalStyle(options);
  const { highlights, sections, readingOrder } = arrangePapers(issue.papers, input.config.sections);
  const texts = renderIssueText(issue, readingOrder, links, true, {
    width,
    style,
    notes: { width: Math.max(1, width - NOTES_INDENT), style: mutedStyle(style) },
  });
  const numbers = new Map(readingOrder.map((paper, i) => [paper, i + 1]));
  const paper = (p: Paper) => layoutPaper(p, numbers.get(p)!, texts.papers.get(p)!, { style, width, links, maxAuthors: input.config.email.maxAuthors });
  const section = (group: SectionGroup<Paper>, depth: number): string[] => [
    // The issue title is the only depth 1: sections 2, subsections 3, as in the email.
    group.title ? formatHeading(isolateText(group.title), Math.min(depth + 1, 6), width, style) : '',
    ...group.papers.map(paper),
    ...group.subsections.flatMap((child) => section(child, depth + 1)),
  ];

  const header = formatInboxHeader(
    { from: formatMailbox(input.config.from), subject: issue.subject, preheader: issue.preheader, htmlBytes: input.htmlBytes, counts: countIssue(issue, links) },
    width,
    style,
  );
  const blocks = [
    header,
    formatHeading(isolateText(issue.title), 1, width, style),
    dimLines(issueLine(issue), width, style).join('\n'),
    texts.intro,
    ...(highlights ? section(highlights, 1) : []),
    ...sections.flatMap((group) => section(group, 1)),
    texts.outro,
    dimLines(isolatePiecesText(reviewersThanksPieces(issue.reviewers)), width, style).join('\n'),
    ...footnotes(texts, width, style),
  ];
  return blocks.filter((block) => block !== '').join('\n\n');
}

/** "Issue #5 · 29 September 2023 · edited by Mira Okafor · ready" */
function issueLine(issue: Issue): string {
  const editor = issue.editor ? `edited by ${isolateText(issue.editor)}` : undefined;
  return [`Issue #${issue.number}`, formatDate(issue.date), editor, issue.status].filter(Boolean).join(' · ');
}

function footnotes(texts: IssueText, width: number, style: TextStyle): string[] {
  return texts.footnotes === '' ? [] : [formatHeading('Notes', 2, width, style), texts.footnotes];
}
