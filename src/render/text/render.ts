import type { RootContent } from 'mdast';
import type { LinkContext } from '../links.js';
import { layoutBlocks } from './blocks.js';
import type { RenderContext } from './context.js';
import { collectDefinitions, type MarkdownDefinitions } from './definitions.js';
import type { FootnoteCollector } from './footnotes.js';
import { footnoteMarker } from './inline.js';
import { limitLineOctets } from './octets.js';
import type { ReferenceList } from './references.js';
import type { TextStyle } from './style.js';
import { displayWidth, indentLines } from './wrap.js';

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
  /**
   * The definitions of the whole Markdown text, when `nodes` is only part of
   * it (the body split at `Issue.papersMarker`); default: those in `nodes`.
   */
  definitions?: MarkdownDefinitions;
}

/**
 * Markdown blocks as text of `options.width` columns: paragraphs wrapped by
 * display width (a URL or a longer word overflows, never broken), headings
 * underlined, lists indented, quotes prefixed `> `, code verbatim, tables in
 * columns, links as the style presents them (` [1]` into
 * `options.references`), footnote references as `[^1]` (the notes
 * themselves come from `renderFootnotes`). Raw HTML is dropped. No line
 * exceeds `style.maxLineOctets`. Blocks are separated by a blank line; no
 * trailing newline; an empty string when nothing is left to show.
 */
export function renderBlocks(nodes: readonly RootContent[], options: TextRenderOptions): string {
  const context = contextOf(options, options.definitions ?? collectDefinitions(nodes));
  return limitLineOctets(layoutBlocks(nodes, context, options.width).join('\n'), options.style.maxLineOctets);
}

/**
 * The notes of every footnote referenced so far, in number order, for the
 * end of the email: `[^1] text` with a hanging indent, a blank line apart.
 * Links in the notes number into `options.references` (a scope of their
 * own); a note that references another note adds it to the end.
 */
export function renderFootnotes(options: Omit<TextRenderOptions, 'definitions'>): string {
  const notes: string[] = [];
  for (let i = 0; i < options.footnotes.size; i++) {
    const footnote = options.footnotes.footnotes[i]!;
    const marker = footnoteMarker(footnote.number);
    const indentation = displayWidth(marker) + 1;
    const context = contextOf(options, footnote.definitions);
    const lines = layoutBlocks(footnote.definition.children, context, Math.max(1, options.width - indentation));
    const prefix = `${options.style.decorate(marker, { muted: true })} `;
    notes.push(indentLines(lines.length > 0 ? lines : [''], prefix, ' '.repeat(indentation)).join('\n'));
  }
  return limitLineOctets(notes.join('\n\n'), options.style.maxLineOctets);
}

function contextOf(options: Omit<TextRenderOptions, 'definitions'>, definitions: MarkdownDefinitions): RenderContext {
  const { style, links, references, footnotes } = options;
  return { style, links, references, footnotes, definitions };
}
