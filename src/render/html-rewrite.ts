import type { Element, ElementContent, Root, RootContent } from 'hast';
import { toString as hastToString } from 'hast-util-to-string';
import { repeatedIssueSuffixes } from './issue-suffix.js';
import type { InlineMath } from 'mdast-util-math';
import { isShortFormula } from './math.js';
import { displayMath, writtenMath } from './text/written.js';
import { resolveLink, type LinkContext } from './links.js';

// mdast-util-to-hast gives the footnotes' label this id whatever the prefix
// (it expects a sanitizer to prefix it): two texts would share it.
const FOOTNOTE_LABEL_ID = 'footnote-label';

interface RewriteContext {
  links: LinkContext;
  idPrefix: string;
  /** The Markdown text the hast was made from (its positions' offsets), to show math as written. */
  source?: string;
}

/**
 * Rewrites a converted text in place (the hast is fresh from the conversion,
 * never the shared mdast): every href absolute or an in-page footnote,
 * cross-references followed by "(#N)", unsafe or unresolvable links reduced
 * to their text, images absolute with `alt` (http(s) only, the sanitizer's
 * `src` schemes), any other image (`data:`, `javascript:`) replaced by its
 * alt text, header cells scoped to their column, task-list checkboxes as
 * ☐/☑ characters, and the footnote label's id prefixed like the other
 * footnote ids.
 */
export function rewriteHast(tree: Root, context: RewriteContext): void {
  tree.children = rewriteChildren(tree.children, context) as RootContent[];
}

function rewriteChildren(children: readonly (ElementContent | RootContent)[], context: RewriteContext): (ElementContent | RootContent)[] {
  const issues = new Map<Element, number>();
  const rewritten = children.flatMap((node): (ElementContent | RootContent)[] => {
    if (node.type !== 'element') return [node];
    node.children = rewriteChildren(node.children, context) as ElementContent[];
    prefixFootnoteLabel(node, context.idPrefix);
    if (node.tagName === 'a') return rewriteAnchor(node, context.links, issues);
    if (node.tagName === 'img') return rewriteImage(node, context.links);
    if (node.tagName === 'code') return [writtenFormula(node, context.source)];
    if (node.tagName === 'th') node.properties.scope = 'col';
    if (node.tagName === 'input') return taskCheckbox(node);
    return [node];
  });
  return withIssueSuffixes(rewritten, issues);
}

/** Each cross-reference followed by " (#N)", once per sentence and issue (issue-suffix.ts). */
function withIssueSuffixes(nodes: (ElementContent | RootContent)[], issues: ReadonlyMap<Element, number>): (ElementContent | RootContent)[] {
  if (issues.size === 0) return nodes;
  const issueOf = (node: ElementContent | RootContent) => (node.type === 'element' ? issues.get(node) : undefined);
  // A cross-reference is an element: its text is its text nodes' (hast-util-to-string).
  const repeated = repeatedIssueSuffixes(nodes, issueOf, (node) => (node.type === 'text' ? node.value : ''), (node) => (node.type === 'element' ? hastToString(node) : ''));
  return nodes.flatMap((node) => {
    const issue = issueOf(node);
    return issue === undefined || repeated.has(node) ? [node] : [node, { type: 'text', value: ` (#${issue})` }];
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

/** The anchor resolved, or its text alone; a cross-reference's issue goes into `issues`. */
function rewriteAnchor(anchor: Element, context: LinkContext, issues: Map<Element, number>): ElementContent[] {
  const href = anchor.properties.href;
  if (typeof href !== 'string') return anchor.children;
  const resolved = resolveLink(href, context);
  if (resolved.href === undefined) return anchor.children;
  anchor.properties.href = resolved.href;
  if (resolved.issueNumber !== undefined) issues.set(anchor, resolved.issueNumber);
  return [anchor];
}

/**
 * Inline math comes from mdast-util-math as `<code class="language-math
 * math-inline">` holding its TeX (emails cannot typeset it). It shows as
 * written, between the dollars it was written with (text/written.ts), as
 * the plaintext and the preview show it: the TeX alone lost the dollars of
 * `$5 to $10`, which reads as math, and the space before `10`. The web
 * page's typesetter takes the dollars off again (archive/math.ts). A short
 * formula gets `math-nowrap`, so the stylesheet keeps it on one line.
 * Display math (`math-display`) shows between its `$$` lines likewise.
 */
function writtenFormula(code: Element, source: string | undefined): Element {
  const classes = code.properties.className;
  if (!Array.isArray(classes)) return code;
  const [tex] = code.children;
  if (tex?.type !== 'text') return code;
  // Display math between its `$$` lines, as the plaintext and the preview show it. A new element: mdast-util-math
  // gives this one as its node's `data.hChildren`, handed over as it is, so the shared parsed tree holds it.
  if (classes.includes('math-display')) return { ...code, children: [{ type: 'text', value: displayMath(tex.value) }] };
  if (!classes.includes('math-inline')) return code;
  // The element has its mdast node's position (mdast-util-to-hast copies it): the dollars are read there.
  const math: InlineMath = { type: 'inlineMath', value: tex.value, ...(code.position ? { position: code.position } : {}) };
  // A new text node: mdast-util-math's node carries this one as `data.hChildren`, which mdast-util-to-hast hands over as it is, so the parsed tree (shared by every rendering in the run) would keep the dollars.
  code.children = [{ type: 'text', value: writtenMath(math, source).join('') }];
  if (isShortFormula(math.value)) code.properties.className = [...classes, 'math-nowrap'];
  return code;
}

/** The width of the email's content column, in CSS pixels (the 600 px card less its padding). */
const IMAGE_COLUMN_WIDTH = 560;

function rewriteImage(image: Element, context: LinkContext): ElementContent[] {
  const src = image.properties.src;
  const alt = typeof image.properties.alt === 'string' ? image.properties.alt : '';
  const resolved = typeof src === 'string' ? resolveLink(src, context, 'src').href : undefined;
  if (resolved === undefined) return alt ? [{ type: 'text', value: alt }] : [];
  image.properties.src = resolved;
  image.properties.alt = alt;
  // Every image has a `width` (RELIABILITY 4): Outlook's Word engine reads
  // only the attribute, and without one draws a 2,000-pixel chart at full
  // size. Markdown cannot say an image's size, so the attribute is the
  // column's; the stylesheets' `width: auto; max-width: 100%` (inlined in
  // the email) override it wherever CSS is read, so an 88×20 badge keeps
  // its own size there and only Outlook draws it at the column's width.
  image.properties.width = IMAGE_COLUMN_WIDTH;
  return [image];
}

/**
 * A GFM task list's `<input type="checkbox">` (the only input Markdown
 * makes) as ☐ or ☑: Gmail and most clients drop form controls, which left
 * a bare bullet; the stylesheets hide the bullet of a task item instead.
 */
function taskCheckbox(input: Element): ElementContent[] {
  return [{ type: 'text', value: input.properties.checked ? '\u2611' : '\u2610' }];
}
