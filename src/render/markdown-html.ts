import type { Element, ElementContent, Root as HastRoot } from 'hast';
import type { Html, Nodes as MdastNodes, Parent as MdastParent, Root as MdastRoot } from 'mdast';
import { toHast as mdastToHast, type Options as ToHastOptions } from 'mdast-util-to-hast';
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import { unified } from 'unified';
import { footnoteIdLabel } from '../issue/footnote-ids.js';
import { PAPERS_MARKER } from '../issue/model.js';
import { htmlBlockParagraph, inlineHtml, isHtmlBlock, visibleTree } from './raw-html.js';
import { nodesInTree } from '../issue/tree-index.js';
import { rewriteHast } from './html-rewrite.js';
import { markRightToLeftBlocks } from './block-direction.js';
import { withTightItemLines } from './tight-lists.js';
import { withUnspacedBreaksJoined } from './text/soft-breaks.js';
import type { LinkContext } from './links.js';
import { DEFAULT_WORDS, fillWord } from '../config/words.js';

/**
 * Markdown trees to HTML fragments for every HTML output (email, archive).
 * The trees come from the one shared parse (never parsed again, never
 * mutated); raw HTML in them is dropped, and everything passes the sanitizer
 * after our own rewriting, so nothing we add can bypass it either.
 */

export interface HtmlOptions {
  /**
   * Prefix of footnote ids (`p3-summary-`), unique per text within a page so
   * two papers' `[^1]` never collide and every back-link lands on its own note.
   */
  idPrefix: string;
  links: LinkContext;
  /** The Markdown text the tree was parsed from, to show math as it was written (html-rewrite.ts). */
  source?: string;
}

// The sanitizer's own prefix would be added on top of ours and break the
// footnote links; ours (from `idPrefix`) already keeps ids apart.
// Math keeps the classes the stylesheet sets it apart by (see html-rewrite).
const schema: SanitizeSchema = {
  ...defaultSchema,
  clobberPrefix: '',
  attributes: {
    ...defaultSchema.attributes,
    code: [['className', /^language-./, 'math-inline', 'math-display', 'math-nowrap']],
    // A note's number across the email (FootnoteNumbering); `scope` on a table's header cells (WCAG H63).
    li: [...(defaultSchema.attributes?.li ?? []), 'value'],
    th: [...(defaultSchema.attributes?.th ?? []), 'scope'],
  },
};
const sanitizeAndStringify = unified().use(rehypeSanitize, schema).use(rehypeStringify).freeze();

// Where the papers go, kept through the conversion as a comment (the
// sanitizer drops comments, so it can never leak into the output).
const MARKER_COMMENT = 'paperboy:papers';

/**
 * remark-rehype's options but the prefix, which is per text. Called as
 * mdast-util-to-hast, what remark-rehype runs (it only adds the file, which
 * the conversion does not read): a processor per prefix was kept for the
 * process's life, two per paper, ~30 KB of heap each that a build of 1,000
 * issues never gave back (75 MB by its end in each render process).
 */
const TO_HAST_OPTIONS: Omit<ToHastOptions, 'clobberPrefix'> = {
  allowDangerousHtml: false,
  footnoteLabel: 'Notes',
  footnoteLabelTagName: 'p',
  footnoteLabelProperties: {},
  // U+FE0E keeps the arrow text, not an emoji, on phones.
  footnoteBackContent: '\u21a9\ufe0e',
  handlers: {
    // Raw HTML as a reader of it sees it (raw-html.ts): its text, never a tag.
    html: (state, node: Html, parent) => {
      if (node.value.trim() === PAPERS_MARKER) return { type: 'comment', value: MARKER_COMMENT };
      if (isHtmlBlock(parent)) {
        const paragraph = htmlBlockParagraph(node);
        return paragraph ? state.one(paragraph, parent) : undefined;
      }
      const siblings = (parent as MdastParent).children as MdastNodes[];
      const shown = inlineHtml(siblings, siblings.indexOf(node));
      if (shown === 'break') return { type: 'element', tagName: 'br', properties: {}, children: [] };
      return shown === 'space' ? { type: 'text', value: ' ' } : undefined;
    },
  },
};

function toHast(tree: MdastRoot, options: HtmlOptions): HastRoot {
  const hast = mdastToHast(withIdSafeFootnotes(withTightItemLines(withUnspacedBreaksJoined(visibleTree(tree)))), { ...TO_HAST_OPTIONS, clobberPrefix: options.idPrefix }) as HastRoot;
  rewriteHast(hast, options);
  return hast;
}

const ID_SAFE_IDENTIFIER = /^[A-Z0-9]+$/i;

/**
 * `tree`, or, when a footnote's label is more than ASCII letters and
 * digits, a copy whose footnote identifiers are `footnoteIdLabel`'s:
 * mdast-util-to-hast would percent-encode the label into ids html-validate
 * refuses (`fn-%C3%BC`), which two labels could share (`[^"]`, `[^%22]`).
 * The shared tree is never changed.
 */
function withIdSafeFootnotes(tree: MdastRoot): MdastRoot {
  const footnotes = (root: MdastRoot) => [...nodesInTree(root, 'footnoteReference'), ...nodesInTree(root, 'footnoteDefinition')];
  if (footnotes(tree).every((node) => ID_SAFE_IDENTIFIER.test(node.identifier))) return tree;
  const copy = structuredClone(tree);
  for (const node of footnotes(copy)) node.identifier = footnoteIdLabel(node.identifier);
  return copy;
}

function toHtml(children: ElementContent[]): string {
  const root: HastRoot = { type: 'root', children };
  const sanitized = sanitizeAndStringify.runSync(root) as HastRoot;
  markRightToLeftBlocks(sanitized);
  return sanitizeAndStringify.stringify(sanitized);
}

/**
 * The footnote numbers of one email: every footnote numbered once, in
 * reading order across all of its texts (intro, each paper's texts, outro),
 * as the plaintext numbers them (text/footnotes.ts), so `[3]` is the same
 * note in the HTML, the plaintext and the preview. mdast-util-to-hast numbers
 * each text from 1; the numbers are rewritten from this one sequence.
 */
export class FootnoteNumbering {
  private readonly numbers = new Map<string, number>();

  /** The number of the note whose element id is `id`: the next free one on its first reference. */
  number(id: string): number {
    let number = this.numbers.get(id);
    if (number === undefined) {
      number = this.numbers.size + 1;
      this.numbers.set(id, number);
    }
    return number;
  }
}

/** One Markdown text converted, its footnotes apart so a template can place them. */
export interface HtmlParts {
  /** The text, its footnote references not yet numbered. */
  content: ElementContent[];
  /** The `<li>` of each of its footnotes. */
  notes: Element[];
}

/** A Markdown text (a summary, an opinion, the whole body…) as hast, its footnote list taken apart. */
export function markdownToHast(tree: MdastRoot, options: HtmlOptions): HtmlParts {
  const children = toHast(tree, options).children as ElementContent[];
  const isFootnotes = (node: ElementContent): node is Element => node.type === 'element' && node.properties.dataFootnotes !== undefined;
  const notes = children.filter(isFootnotes).flatMap((section) => findAll(section, 'li'));
  return { content: children.filter((node) => !isFootnotes(node)), notes };
}

/**
 * Sanitized HTML of `content`, its footnote references numbered by
 * `numbering` in document order. Call it in reading order.
 */
export function fragmentToHtml(content: ElementContent[], numbering: FootnoteNumbering): string {
  numberReferences(content, numbering);
  return toHtml(content);
}

/**
 * The notes of a paper (or of the body) as one list, `<li value="N">` with
 * the numbers their references got, each back-link labelled with that
 * number (`backLabel`, the config's `words.backToReference`); references
 * inside the notes are numbered now. An empty string when there are none.
 */
export function notesToHtml(notes: Element[], numbering: FootnoteNumbering, backLabel: string = DEFAULT_WORDS.backToReference): string {
  if (notes.length === 0) return '';
  numberReferences(notes, numbering);
  const numberOf = (note: Element) => numbering.number(String(note.properties.id));
  for (const note of notes) {
    note.properties.value = String(numberOf(note));
    labelBackReferences(note, numberOf(note), backLabel);
  }
  const sorted = [...notes].sort((a, b) => numberOf(a) - numberOf(b));
  const list: Element = { type: 'element', tagName: 'ol', properties: {}, children: sorted };
  return toHtml([{ type: 'element', tagName: 'section', properties: { className: ['footnotes'] }, children: [list] }]);
}

/**
 * The content before and after the `<!-- papers -->` marker of a body
 * converted as one tree (so a note defined before the marker can be
 * referenced after it); without a marker, everything is intro.
 */
export function splitAtMarker(content: ElementContent[]): { intro: ElementContent[]; outro: ElementContent[] } {
  const marker = content.findIndex((node) => node.type === 'comment' && node.value === MARKER_COMMENT);
  return marker === -1 ? { intro: content, outro: [] } : { intro: content.slice(0, marker), outro: content.slice(marker + 1) };
}

function numberReferences(nodes: readonly ElementContent[], numbering: FootnoteNumbering): void {
  for (const node of nodes) {
    if (node.type !== 'element') continue;
    if (node.tagName === 'a' && node.properties.dataFootnoteRef !== undefined) {
      const href = String(node.properties.href ?? '');
      // The href is `#` and the note's id, as it is (withIdSafeFootnotes): nothing to decode.
      node.children = [{ type: 'text', value: String(numbering.number(href.slice(1))) }];
      // The label it pointed at ("Notes", for screen readers) is not kept: the numbered list speaks for itself.
      delete node.properties.ariaDescribedBy;
      continue;
    }
    numberReferences(node.children, numbering);
  }
}

/**
 * mdast-util-to-hast labels a note's back-links from the note's place in its own
 * text ("Back to reference 1"); a screen reader must hear the number the
 * list shows instead. The note's k-th back-link returns to its k-th
 * reference, labelled "-k" from the second on, as mdast-util-to-hast does.
 * `label`: the words, its `{number}` the note's.
 */
function labelBackReferences(note: Element, number: number, label: string): void {
  const backReferences = findAll(note, 'a').filter((link) => link.properties.dataFootnoteBackref !== undefined);
  backReferences.forEach((link, index) => {
    link.properties.ariaLabel = fillWord(label, { number: `${number}${index > 0 ? `-${index + 1}` : ''}` });
  });
}

function findAll(node: Element, tagName: string): Element[] {
  return node.children.flatMap((child) => (child.type !== 'element' ? [] : child.tagName === tagName ? [child] : findAll(child, tagName)));
}
