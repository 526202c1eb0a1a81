import type { RootContent } from 'mdast';
import { DEFAULT_WORDS } from '../../config/words.js';
import type { LinkContext } from '../links.js';
import { layoutBlocks } from './blocks.js';
import type { RenderContext, TextWords } from './context.js';
import { collectDefinitions, type MarkdownDefinitions } from './definitions.js';
import type { CollectedFootnote, FootnoteCollector } from './footnotes.js';
import { footnoteMarker } from './inline.js';
import { limitLineOctets } from './octets.js';
import type { ReferenceList } from './references.js';
import type { TextStyle } from './style.js';
import { displayWidth, indentLines } from './wrap.js';
import { append } from '../../arrays.js';

export interface TextRenderOptions {
  /** Columns to wrap at, by display width: 72 for the plaintext email. */
  width: number;
  /** `plainStyle` for the email; the terminal preview brings its own. */
  style: TextStyle;
  /** Resolves cross-references and relative links to absolute URLs. */
  links: LinkContext;
  /**
   * The reference scope that links number into: one per paper (its
   * prerequisites, summary and opinion share one), one per part of the body.
   */
  references: ReferenceList;
  /** The email's footnotes, numbered across all of its texts. */
  footnotes: FootnoteCollector;
  /** paperboy's words the text says (an image's label, `[image: alt]`): the config's `words:`; default English. */
  words?: TextWords;
  /**
   * The definitions of the whole Markdown text, when `nodes` is only part of
   * it (the body split at `Issue.papersMarker`); default: those in `nodes`.
   */
  definitions?: MarkdownDefinitions;
  /**
   * The Markdown text the nodes were parsed from, for what the tree does not
   * record of how it was written (the `$$` of inline math, the `)` of
   * `1)`): the layout may change, the characters never. Without it,
   * CommonMark's usual form.
   */
  source?: string;
}

/**
 * Markdown blocks as text of `options.width` columns: paragraphs wrapped by
 * display width (a URL or a longer word overflows, never broken, unless the
 * style cuts words: `TextStyle.cutsWords`), headings
 * underlined, lists indented, quotes prefixed `> `, code verbatim, tables in
 * columns, links as the style presents them (` [1]` into
 * `options.references`), footnote references as `¹` (the notes themselves
 * come from `renderFootnotes`). Raw HTML is dropped. No line
 * exceeds `style.maxLineOctets`. Blocks are separated by a blank line; no
 * trailing newline; an empty string when nothing is left to show.
 */
export function renderBlocks(nodes: readonly RootContent[], options: TextRenderOptions): string {
  const context = contextOf(options, options.definitions ?? collectDefinitions(nodes), options.source);
  return limitLineOctets(layoutBlocks(nodes, context, options.width).join('\n'), options.style.maxLineOctets);
}

/**
 * `notes` laid out for where they are placed (after a paper's texts, or at
 * the end of the email), in number order: each starts with its marker, the
 * same as in the text (`¹`), with a hanging indent, a blank line apart.
 * Links in the notes number into `options.references`; a note that
 * references another note not shown yet brings it along after the others.
 */
export function renderFootnotes(notes: readonly CollectedFootnote[], options: Omit<TextRenderOptions, 'definitions' | 'source'>): string {
  const rendered: string[] = [];
  const queue = [...notes];
  for (let footnote = queue.shift(); footnote; footnote = queue.shift()) {
    const marker = footnoteMarker(footnote.number);
    const indentation = displayWidth(marker) + 1;
    const context = contextOf(options, footnote.definitions, footnote.source);
    const lines = layoutBlocks(footnote.definition.children, context, Math.max(1, options.width - indentation));
    const prefix = `${options.style.decorate(marker, { muted: true })} `;
    rendered.push(indentLines(lines.length > 0 ? lines : [''], prefix, ' '.repeat(indentation)).join('\n'));
    append(queue, options.footnotes.takeNew());
  }
  return limitLineOctets(rendered.join('\n\n'), options.style.maxLineOctets);
}

function contextOf(options: Omit<TextRenderOptions, 'definitions' | 'source'>, definitions: MarkdownDefinitions, source: string | undefined): RenderContext {
  const { style, links, references, footnotes, words = DEFAULT_WORDS } = options;
  return { style, links, references, footnotes, definitions, source, words };
}
