import type { Element, ElementContent, Root, RootContent } from 'hast';
import { isShortFormula } from './math.js';
import { resolveLink, type LinkContext } from './links.js';

/**
 * The width given to every image: the email's content column. A `width`
 * attribute is what Outlook honours; the stylesheet scales it down on phones.
 */
const IMAGE_WIDTH = 560;

// mdast-util-to-hast gives the footnotes' label this id whatever the prefix
// (it expects a sanitizer to prefix it): two texts would share it.
const FOOTNOTE_LABEL_ID = 'footnote-label';

interface RewriteContext {
  links: LinkContext;
  idPrefix: string;
}

/**
 * Rewrites a converted text in place (the hast is fresh from the conversion,
 * never the shared mdast): every href absolute or an in-page footnote,
 * cross-references followed by "(#N)", unsafe or unresolvable links reduced
 * to their text, images absolute with `alt` and `width` (http(s) only, the
 * sanitizer's `src` schemes), any other image (`data:`, `javascript:`)
 * replaced by its alt text, and the footnote label's id prefixed like the
 * other footnote ids.
 */
export function rewriteHast(tree: Root, context: RewriteContext): void {
  tree.children = rewriteChildren(tree.children, context) as RootContent[];
}

function rewriteChildren(children: readonly (ElementContent | RootContent)[], context: RewriteContext): (ElementContent | RootContent)[] {
  return children.flatMap((node): (ElementContent | RootContent)[] => {
    if (node.type !== 'element') return [node];
    node.children = rewriteChildren(node.children, context) as ElementContent[];
    prefixFootnoteLabel(node, context.idPrefix);
    if (node.tagName === 'a') return rewriteAnchor(node, context.links);
    if (node.tagName === 'img') return rewriteImage(node, context.links);
    if (node.tagName === 'code') markShortFormula(node);
    return [node];
  });
}

function prefixFootnoteLabel(element: Element, idPrefix: string): void {
  const { properties } = element;
  if (properties.id === FOOTNOTE_LABEL_ID) properties.id = idPrefix + FOOTNOTE_LABEL_ID;
  const describedBy = properties.ariaDescribedBy;
  if (Array.isArray(describedBy) && describedBy.includes(FOOTNOTE_LABEL_ID)) {
    properties.ariaDescribedBy = describedBy.map((id) => (id === FOOTNOTE_LABEL_ID ? idPrefix + FOOTNOTE_LABEL_ID : id));
  }
}

function rewriteAnchor(anchor: Element, context: LinkContext): ElementContent[] {
  const href = anchor.properties.href;
  if (typeof href !== 'string') return anchor.children;
  const resolved = resolveLink(href, context);
  if (resolved.href === undefined) return anchor.children;
  anchor.properties.href = resolved.href;
  if (resolved.issueNumber === undefined) return [anchor];
  return [anchor, { type: 'text', value: ` (#${resolved.issueNumber})` }];
}

/**
 * Inline math comes from mdast-util-math as `<code class="language-math
 * math-inline">` holding its TeX source (emails cannot typeset it). A short
 * formula gets `math-nowrap`, so the stylesheet keeps it on one line.
 */
function markShortFormula(code: Element): void {
  const classes = code.properties.className;
  if (!Array.isArray(classes) || !classes.includes('math-inline')) return;
  const [source] = code.children;
  if (source?.type === 'text' && isShortFormula(source.value)) code.properties.className = [...classes, 'math-nowrap'];
}

function rewriteImage(image: Element, context: LinkContext): ElementContent[] {
  const src = image.properties.src;
  const alt = typeof image.properties.alt === 'string' ? image.properties.alt : '';
  const resolved = typeof src === 'string' ? resolveLink(src, context, 'src').href : undefined;
  if (resolved === undefined) return alt ? [{ type: 'text', value: alt }] : [];
  image.properties.src = resolved;
  image.properties.alt = alt;
  image.properties.width = IMAGE_WIDTH;
  return [image];
}
