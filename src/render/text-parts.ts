import type { RootContent } from 'mdast';
import type { Issue, MarkdownText, Paper } from '../issue/model.js';
import type { LinkContext } from './links.js';
import { collectDefinitions, FootnoteCollector, formatReferences, plainStyle, ReferenceList, renderBlocks, renderFootnotes, type TextStyle, type TextWords } from './text/index.js';
import { DEFAULT_WORDS } from '../config/words.js';
import { append } from '../arrays.js';

/** Columns of the plaintext email (SPEC). */
export const TEXT_WIDTH = 72;

/** How the texts are laid out: the plaintext email's, or the terminal preview's. */
export interface TextLayout {
  width: number;
  style: TextStyle;
  /** The private notes' own layout, where they are set apart (the terminal dims them); default this one. */
  notes?: { width: number; style: TextStyle };
}

const EMAIL_TEXT_LAYOUT: TextLayout = { width: TEXT_WIDTH, style: plainStyle };

/** The texts of one paper in plaintext; links number into one list, printed after the paper. */
export interface PaperText {
  prerequisites: string | undefined;
  summary: string;
  opinion: string | undefined;
  notes: string | undefined;
  /** The notes of its texts' footnotes, to place after them; empty when none. */
  footnotes: string;
  /** `[1] https://…` lines; empty when the paper's texts (and notes) have no links. */
  references: string;
}

export interface IssueText {
  /** The introduction, then its own references. */
  intro: string;
  /** The closing, then its own references. */
  outro: string;
  /** The body's footnotes (intro and closing), numbered, then the notes' references, for the end. */
  footnotes: string;
  papers: Map<Paper, PaperText>;
  /** Every reference list printed, with the texts whose links number into it: what lint's link-url-length measures. */
  referenceScopes: ReferenceScope[];
}

/** One reference list (a paper's, a part of the body's) and the Markdown texts whose links it numbers. */
interface ReferenceScope {
  texts: readonly MarkdownText[];
  references: ReferenceList;
}

/**
 * The plaintext of every Markdown text of an issue, rendered by
 * src/render/text in reading order (intro, papers as they appear, outro),
 * which is the order footnotes are numbered in (the HTML numbers them alike:
 * markdown-html's FootnoteNumbering). Each paper's notes follow its texts;
 * the body's are for the end. `review` includes the
 * private notes (review proofs and the terminal preview). `words`: what
 * the texts say in paperboy's words (an image's label), the config's
 * `words:` (`newsletterWords`); default English.
 */
export function renderIssueText(
  issue: Issue,
  readingOrder: readonly Paper[],
  links: LinkContext,
  review: boolean,
  layout: TextLayout = EMAIL_TEXT_LAYOUT,
  words: TextWords = DEFAULT_WORDS,
): IssueText {
  const footnotes = new FootnoteCollector();
  const common = { width: layout.width, style: layout.style, links, footnotes, words };
  const referenceScopes: ReferenceScope[] = [];
  const withReferences = (text: string, references: ReferenceList) => joinBlocks(text, formatReferences(references, layout.style, layout.width));

  const body = issue.body.tree;
  const marker = issue.papersMarker ?? body.children.length;
  const bodyPart = (nodes: RootContent[]) => {
    const references = new ReferenceList([issue.body.tree]);
    referenceScopes.push({ texts: [issue.body], references });
    const definitions = collectDefinitions([body]);
    return withReferences(renderBlocks(nodes, { ...common, references, definitions, source: issue.body.text }), references);
  };
  const intro = bodyPart(body.children.slice(0, marker));
  const bodyNotes = footnotes.takeNew();

  const papers = new Map<Paper, PaperText>();
  for (const paper of readingOrder) {
    const scopeTexts = [paper.prerequisites, paper.summary, paper.opinion, review ? paper.notes : undefined].flatMap((text) => (text ? [text] : []));
    const references = new ReferenceList(scopeTexts.map((text) => text.tree));
    referenceScopes.push({ texts: scopeTexts, references });
    const render = (text: MarkdownText | undefined, { width, style } = layout) =>
      text ? renderBlocks(text.tree.children, { ...common, width, style, references, source: text.text }) : undefined;
    const texts = {
      prerequisites: render(paper.prerequisites),
      summary: render(paper.summary) ?? '',
      opinion: render(paper.opinion),
      notes: review ? render(paper.notes, layout.notes) : undefined,
    };
    // After the texts: the notes, numbered on from the texts before; their links join the paper's list.
    const notes = renderFootnotes(footnotes.takeNew(), { ...common, references });
    papers.set(paper, { ...texts, footnotes: notes, references: formatReferences(references, layout.style, layout.width) });
  }

  const outro = bodyPart(body.children.slice(marker + 1));
  append(bodyNotes, footnotes.takeNew());
  const noteReferences = new ReferenceList([issue.body.tree]);
  referenceScopes.push({ texts: [issue.body], references: noteReferences });
  const notes = renderFootnotes(bodyNotes, { ...common, references: noteReferences });
  return { intro, outro, footnotes: withReferences(notes, noteReferences), papers, referenceScopes };
}

function joinBlocks(...blocks: string[]): string {
  return blocks.filter((block) => block !== '').join('\n\n');
}
