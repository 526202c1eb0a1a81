import { fillWord, type Words } from '../../config/words.js';
import type { Paper } from '../../issue/model.js';
import { balanceIsolates, isolatePiecesText, isolateText } from '../bidi.js';
import { briefAuthorPieces, sourcePieces } from '../format.js';
import { resolveLink, type LinkContext } from '../links.js';
import type { PaperText } from '../text-parts.js';
import { displayWidth, indentLines, renderLine, wrapFragments, wrapText, type TextStyle } from '../text/index.js';
import { dimLines } from './dim-lines.js';
import { append } from '../../arrays.js';

const NOTES_LABEL = 'Private notes (not sent)';
/** The notes sit this many columns in from the paper's texts, under their label. */
export const NOTES_INDENT = 2;

/** What laying out a paper needs: the style, the width, where links lead, and the words the email says. */
export interface PaperLayout {
  style: TextStyle;
  width: number;
  links: LinkContext;
  /** The config's `email.maxAuthors`: a longer author list is shown as the email shows it, "First Author et al.". */
  maxAuthors: number;
  /** The newsletter's `language`: the authors are joined in it, as the email joins them (render/format.ts `joinNames`). */
  language: string;
  /** paperboy's words (config/words.ts `newsletterWords`): the email's labels, "Summarized by", "Opinion", "H/T". */
  words: Pick<Words, 'summarizedBy' | 'prerequisites' | 'opinion' | 'hatTip'>;
}

/**
 * One paper as the plaintext email orders it (title, metadata, summary,
 * opinion, H/T, footnotes, references), for the terminal: the title bold and linked, the metadata
 * on one compact dim line, and the private notes last, dimmed and labelled.
 */
export function layoutPaper(paper: Paper, number: number, text: PaperText, layout: PaperLayout): string {
  const { style, width, words } = layout;
  const label = (name: string) => style.decorate(name, { strong: true });
  const href = resolveLink(paper.url, layout.links).href;

  const marker = `${number}.`;
  const indentation = displayWidth(marker) + 1;
  // The title, URL and metadata hang under the number, like a list item.
  const inner = Math.max(1, width - indentation);
  // Each value that may be right-to-left isolated, as in the plaintext email (bidi.ts).
  const title = wrapFragments([{ text: isolateText(paper.title), format: { title: true, ...(href ? { link: href } : {}) } }], inner, style.cutsWords);
  const head = indentLines(
    balanceIsolates(title.map((line) => renderLine(line, style))),
    `${style.decorate(marker, { strong: true })} `,
    ' '.repeat(indentation),
  );
  const details = [
    // A terminal without hyperlinks shows the URL, as the plaintext email does.
    ...(href && style.links !== 'hyperlinks' ? dimLines(href, inner, style) : []),
    ...dimLines(metadataLine(paper, layout.maxAuthors, layout.language), inner, style),
    ...dimLines(paper.summarizer ? fillWord(words.summarizedBy, { name: isolateText(paper.summarizer) }) : '', inner, style),
  ];
  append(head, indentLines(details, ' '.repeat(indentation)));

  const blocks = [head.join('\n')];
  if (text.prerequisites) blocks.push(`${label(`${words.prerequisites}:`)}\n${text.prerequisites}`);
  blocks.push(text.summary);
  if (text.opinion) blocks.push(`${label(`${words.opinion}:`)}\n${text.opinion}`);
  if (paper.via) blocks.push(dimLines(fillWord(words.hatTip, { name: isolateText(paper.via) }), width, style).join('\n'));
  if (text.notes) {
    const notes = indentLines(text.notes.split('\n'), ' '.repeat(NOTES_INDENT));
    const heading = wrapText(NOTES_LABEL, width)
      .split('\n')
      .map((line) => style.decorate(line, { strong: true, muted: true }));
    blocks.push([...heading, ...notes].join('\n'));
  }
  // The notes of its footnotes follow the paper's texts, numbered as in the email.
  if (text.footnotes) blocks.push(text.footnotes);
  if (text.references) blocks.push(text.references);
  return blocks.filter((block) => block !== '').join('\n\n');
}

/**
 * Authors, venue and year, tags: "A, B and C · LessWrong, 2023 · #steering
 * #rlhf", wrapped by the caller. The authors as the email lists them
 * (`briefAuthorPieces`: every name up to `maxAuthors`, else "First Author
 * et al."), joined in the newsletter's `language` as the email joins them
 * ("A, B und C"), so the preview shows the names a reader will read.
 */
function metadataLine(paper: Paper, maxAuthors: number, language: string): string {
  const tags = paper.tags.map((tag) => `#${isolateText(tag)}`).join(' ');
  return [isolatePiecesText(briefAuthorPieces(paper.authors, maxAuthors, language)), isolatePiecesText(sourcePieces(paper)), tags].filter(Boolean).join(' · ');
}
