import type { Element, ElementContent, Root as HastRoot } from 'hast';
import type { Html, Root as MdastRoot } from 'mdast';
import remarkRehype, { type Options as ToHastOptions } from 'remark-rehype';
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import { unified, type Processor } from 'unified';
import { PAPERS_MARKER } from '../issue/model.js';
import { rewriteHast } from './html-rewrite.js';
import type { LinkContext } from './links.js';

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
}

/** The body of an issue split where the papers go. */
export interface BodyHtml {
  intro: string;
  /** The closing text, then the footnotes of the whole body ("collected at the end"). */
  outro: string;
}

// The sanitizer's own prefix would be added on top of ours and break the
// footnote links; ours (from `idPrefix`) already keeps ids apart.
// Math keeps the classes the stylesheet sets it apart by (see html-rewrite).
const schema: SanitizeSchema = {
  ...defaultSchema,
  clobberPrefix: '',
  attributes: { ...defaultSchema.attributes, code: [['className', /^language-./, 'math-inline', 'math-display', 'math-nowrap']] },
};
const sanitizeAndStringify = unified().use(rehypeSanitize, schema).use(rehypeStringify).freeze();

// Where the papers go, kept through the conversion as a comment (the
// sanitizer drops comments, so it can never leak into the output).
const MARKER_COMMENT = 'paperboy:papers';

const toHastProcessors = new Map<string, Processor<undefined, MdastRoot, HastRoot>>();

/** One frozen processor per id prefix: remark-rehype takes the prefix as a plugin option. */
function toHastProcessor(idPrefix: string): Processor<undefined, MdastRoot, HastRoot> {
  let processor = toHastProcessors.get(idPrefix);
  if (!processor) {
    const options: ToHastOptions = {
      allowDangerousHtml: false,
      clobberPrefix: idPrefix,
      footnoteLabel: 'Notes',
      footnoteLabelTagName: 'p',
      footnoteLabelProperties: {},
      // U+FE0E keeps the arrow text, not an emoji, on phones.
      footnoteBackContent: '\u21a9\ufe0e',
      handlers: {
        html: (_state, node: Html) => (node.value.trim() === PAPERS_MARKER ? { type: 'comment', value: MARKER_COMMENT } : undefined),
      },
    };
    processor = unified().use(remarkRehype, options).freeze() as unknown as Processor<undefined, MdastRoot, HastRoot>;
    toHastProcessors.set(idPrefix, processor);
  }
  return processor;
}

function toHast(tree: MdastRoot, options: HtmlOptions): HastRoot {
  const hast = toHastProcessor(options.idPrefix).runSync(tree);
  rewriteHast(hast, options);
  return hast;
}

function toHtml(children: ElementContent[]): string {
  const root: HastRoot = { type: 'root', children };
  return sanitizeAndStringify.stringify(sanitizeAndStringify.runSync(root));
}

/** One Markdown text (a summary, an opinion…) as an HTML fragment. */
export function markdownToHtml(tree: MdastRoot, options: HtmlOptions): string {
  return toHtml(toHast(tree, options).children as ElementContent[]);
}

/**
 * The issue body, split at the `<!-- papers -->` marker. Rendered as one tree
 * so footnotes are numbered once and a note defined before the marker can be
 * referenced after it.
 */
export function bodyToHtml(tree: MdastRoot, options: HtmlOptions): BodyHtml {
  const children = toHast(tree, options).children as ElementContent[];
  const isFootnotes = (node: ElementContent): node is Element => node.type === 'element' && node.properties.dataFootnotes !== undefined;
  const footnotes = children.filter(isFootnotes);
  const content = children.filter((node) => !isFootnotes(node));
  const marker = content.findIndex((node) => node.type === 'comment' && node.value === MARKER_COMMENT);
  const intro = marker === -1 ? content : content.slice(0, marker);
  const outro = marker === -1 ? [] : content.slice(marker + 1);
  return { intro: toHtml(intro), outro: toHtml([...outro, ...footnotes]) };
}
