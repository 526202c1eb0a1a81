import type { PhrasingContent } from 'mdast';
import type { InlineMath } from 'mdast-util-math';
import { toString } from 'mdast-util-to-string';
import { normalizeUri } from 'micromark-util-sanitize-uri';
import { resolveLink, serializedUrl, type LinkContext } from '../links.js';
import type { RenderContext } from './context.js';
import { referenceMarker } from './references.js';
import { PLAIN, type DelimitedSpan, type Format } from './style.js';
import type { Fragment } from './wrap.js';
import { fenced, longerFence, wrappableParts } from './fence.js';
import { repeatedIssueSuffixes } from '../issue-suffix.js';
import { isShortFormula, isShortSpan } from '../math.js';
import { writtenMath } from './written.js';
import { inlineHtml, visibleSiblings } from '../raw-html.js';
import { settleNeighbours } from './neighbours.js';
import { LINE_EDGES, softBreaksJoined, textAround, type TextAround } from './soft-breaks.js';

const SUPERSCRIPT_DIGITS = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/**
 * The marker of footnote `number`, in the text and before the note itself:
 * superscript digits (`¹²`), as the HTML's `<sup>`; `[^1]` read as leftover
 * Markdown, and `[1]` is a link reference. In the text, a space sets it
 * apart from what it would read as the exponent of (a number, a
 * superscript, a closing bracket, a percent sign: neighbours.ts).
 */
export function footnoteMarker(number: number): string {
  return [...String(number)].map((digit) => SUPERSCRIPT_DIGITS[Number(digit)]).join('');
}

/**
 * Phrasing content as fragments for the wrapper; raw HTML is dropped. The
 * whole of a paragraph, heading or table cell: the marks that depend on
 * their neighbours are settled here (neighbours.ts).
 */
export function renderInline(written: readonly PhrasingContent[], context: RenderContext, format: Format = PLAIN): Fragment[] {
  return settleNeighbours(inlineFragments(written, context, format), context.style);
}

/** Phrasing content as fragments, its marks not settled yet; `around`: the text around the run (soft-breaks.ts). */
function inlineFragments(written: readonly PhrasingContent[], context: RenderContext, format: Format, around: TextAround = LINE_EDGES): Fragment[] {
  // What an inline <script> or <style> holds is no text a reader sees (raw-html.ts).
  const nodes = visibleSiblings(written);
  const repeated = repeatedIssueSuffixes(
    nodes,
    (node) => issueOf(node, context),
    (node) => (node.type === 'link' ? '' : toString(node)),
    (node) => toString(node),
  );
  return nodes.flatMap((node, i) =>
    node.type === 'html' ? htmlFragments(nodes, i, format) : renderPhrasing(node, context, format, textAround(nodes, i, around), repeated.has(node)),
  );
}

/** The issue a cross-reference link leads to; undefined for any other node. */
function issueOf(node: PhrasingContent, context: RenderContext): number | undefined {
  const url = node.type === 'link' ? node.url : node.type === 'linkReference' ? context.definitions.links.get(node.identifier)?.url : undefined;
  return url === undefined ? undefined : resolveLink(url, context.links).issueNumber;
}

/**
 * One node as fragments; `around`: the text around it, `quietIssue`: leave
 * out its "(#N)", a later link of the sentence says it.
 */
function renderPhrasing(node: PhrasingContent, context: RenderContext, format: Format, around: TextAround, quietIssue = false): Fragment[] {
  switch (node.type) {
    case 'text':
      // A soft line break is a space (none between two Chinese or Japanese characters); only `break` forces a new line.
      return [{ text: softBreaksJoined(node.value, around), format }];
    case 'break':
      return [{ text: '\n', format }];
    case 'emphasis':
      return delimited('emphasis', format, context, (inner) => inlineFragments(node.children, context, inner, around));
    case 'strong':
      return delimited('strong', format, context, (inner) => inlineFragments(node.children, context, inner, around));
    case 'delete':
      return delimited('strikethrough', format, context, (inner) => inlineFragments(node.children, context, inner, around));
    case 'inlineCode':
      return codeSpan(node.value, context, format);
    case 'inlineMath':
      return inlineMath(node, context, format);
    case 'link':
      return renderLink(node.url, toString(node), (linkFormat) => inlineFragments(node.children, context, linkFormat, around), context, format, quietIssue);
    case 'linkReference': {
      const definition = context.definitions.links.get(node.identifier);
      const text = (linkFormat: Format): Fragment[] => inlineFragments(node.children, context, linkFormat, around);
      return definition ? renderLink(definition.url, toString(node), text, context, format, quietIssue) : text(format);
    }
    case 'image':
      return renderLink(node.url, undefined, (linkFormat) => [imageLabel(node.alt, context, linkFormat)], context, format);
    case 'imageReference': {
      const definition = context.definitions.links.get(node.identifier);
      const label = (linkFormat: Format): Fragment[] => [imageLabel(node.alt, context, linkFormat)];
      return definition ? renderLink(definition.url, undefined, label, context, format) : label(format);
    }
    case 'footnoteReference': {
      const definition = context.definitions.footnotes.get(node.identifier);
      if (!definition) return [{ text: `[^${node.label ?? node.identifier}]`, format }];
      const number = context.footnotes.number(definition, context.definitions, context.source);
      // Set apart after a number, a bracket… (neighbours.ts).
      return [{ text: footnoteMarker(number), format: { ...format, muted: true }, role: 'footnote-marker' }];
    }
    case 'html':
      return htmlFragments([node], 0, format);
    default: {
      const unexpected: never = node;
      return unexpected;
    }
  }
}

/** The inline tag `siblings[index]` as a reader of it sees it (raw-html.ts): a line break, a space, or nothing. */
function htmlFragments(siblings: readonly PhrasingContent[], index: number, format: Format): Fragment[] {
  const shown = inlineHtml(siblings, index);
  return shown === undefined ? [] : [{ text: shown === 'break' ? '\n' : ' ', format }];
}

const SPAN_FORMATS: Readonly<Record<DelimitedSpan, Format>> = {
  strong: { strong: true },
  emphasis: { emphasis: true },
  strikethrough: { strikethrough: true },
  code: { code: true },
};

function delimited(span: DelimitedSpan, format: Format, context: RenderContext, content: (inner: Format) => Fragment[]): Fragment[] {
  const [open, close] = context.style.delimiters[span];
  const inner: Format = { ...format, ...SPAN_FORMATS[span] };
  // Emphasis is written another way within a word (neighbours.ts).
  if (span === 'emphasis') return [{ text: open, format: inner, role: 'emphasis-open' }, ...content(inner), { text: close, format: inner, role: 'emphasis-close' }];
  return [{ text: open, format: inner }, ...content(inner), { text: close, format: inner }];
}

/**
 * Inline code between the style's code delimiter, taken as a CommonMark
 * fence (`` `x` ``, ``` `` a `tick` `` ```): long enough that no backtick
 * inside closes it, so the reader sees the code exactly.
 */
function codeSpan(code: string, context: RenderContext, format: Format): Fragment[] {
  const [delimiter] = context.style.delimiters.code;
  return fencedSpan(fenced(code, longerFence(code, delimiter)), { ...format, ...SPAN_FORMATS.code }, isShortSpan(code));
}

/**
 * A fenced span as fragments: when short, one word; else words that wrap
 * at the spaces `wrappableParts` allows, every other character kept.
 */
function fencedSpan([open, code, close]: readonly [string, string, string], format: Format, short: boolean): Fragment[] {
  const parts = short ? [open + code + close] : wrappableParts(open, code, close);
  return parts.flatMap((part, i): Fragment[] => {
    const word: Fragment = { text: part, format, keepTogether: true };
    return i === 0 ? [word] : [{ text: ' ', format }, word];
  });
}

/**
 * Inline math as its TeX source between the dollars it was written with
 * (`$x$`, `$$x$$`), styled as code (no email client or terminal typesets
 * TeX). A short formula is never broken across lines, like a word; a long
 * one wraps as long code does.
 */
function inlineMath(math: InlineMath, context: RenderContext, format: Format): Fragment[] {
  return fencedSpan(writtenMath(math, context.source), { ...format, code: true }, isShortFormula(math.value));
}

/** What stands for an image, which text cannot show: `[image: alt]`, `[image]` without alt text, in the newsletter's word (`words.image`: `[Bild: alt]`). */
function imageLabel(alt: string | null | undefined, context: RenderContext, format: Format): Fragment {
  const { image } = context.words;
  return { text: alt ? `[${image}: ${alt}]` : `[${image}]`, format };
}

/** Autolinks (`<https://…>`, GFM's bare `www.…` and e-mail addresses) show their address instead of their text. */
function isAutolink(text: string, url: string): boolean {
  return text === '' || text === url || url === `http://${text}` || url === `mailto:${text}`;
}

/**
 * What an autolink shows: its address as written (`www.example.com`, not
 * the `http://` URL the parser made of it; `<HTTPS://Example.org/ä>`, not
 * its normalized form). A cross-reference's `<paper:…>`, which no reader can
 * follow, and a link with no text show the URL they lead to instead.
 */
function autolinkText(literal: string, href: string, crossReference: boolean): string {
  return literal === '' || crossReference ? href.replace(/^mailto:/, '') : literal;
}

/** A character outside ASCII, where some mail programs end a link they find in a plaintext (docs/outputs.md). */
const NON_ASCII = /[^\p{ASCII}]/u;

/** Where a link leads in the plaintext, the address it shows in the text if it is an autolink, and whether a reference follows. */
interface PrintedLink {
  /** Absolute (`resolveLink`); undefined where the link leads nowhere once the text stands on its own (no URL, a same-page anchor). */
  href: string | undefined;
  issueNumber: number | undefined;
  /** The address the text shows in place of the link's text (an autolink, `[https://x.org](https://x.org)`); undefined for a link shown by its text. */
  address: string | undefined;
  /**
   * Whether a reference to `href` follows (where the style numbers links):
   * for every link but an autolink whose address is ASCII. A non-ASCII one
   * (`https://de.wikipedia.org/wiki/Überwachung`) shows as written but takes
   * a reference too, whose line has it percent-encoded, as every link's
   * has: some mail programs end the address as written at its `Ü`.
   */
  referenced: boolean;
}

/**
 * How the plaintext prints a link to `url` whose text is `literal` (as
 * written; undefined for an image, never an autolink). The one decision of
 * `renderLink`, which lint's link-url-length shares to find the addresses
 * the text prints, whose lines it measures.
 */
export function printedLink(url: string, literal: string | undefined, links: LinkContext): PrintedLink {
  // Encoded as mdast-util-to-hast encodes the HTML's href and src (`\` is `%5C`, never the `/` a URL parser reads it as), so the plaintext shows the address the HTML links to.
  const resolved = resolveLink(normalizeUri(url), links, literal === undefined ? 'src' : 'href');
  const { issueNumber } = resolved;
  if (resolved.href === undefined || resolved.href.startsWith('#')) return { href: undefined, issueNumber, address: undefined, referenced: false };
  // ASCII, as a mail program finds a link in plain text: a cross-reference's anchor is written as the HTML's id is (`#résumé`).
  const href = serializedUrl(resolved.href);
  const address = literal !== undefined && isAutolink(literal, url) ? autolinkText(literal, href, issueNumber !== undefined) : undefined;
  return { href, issueNumber, address, referenced: address === undefined || NON_ASCII.test(address) };
}

/**
 * A link as its text (or its address, for an autolink), then "(#N)" for a
 * cross-reference, then the target as the style presents links.
 * `literal` is the text as written; undefined for an image, never an autolink.
 */
function renderLink(
  url: string,
  literal: string | undefined,
  text: (linkFormat: Format) => Fragment[],
  context: RenderContext,
  format: Format,
  quietIssue = false,
): Fragment[] {
  const { href, issueNumber, address, referenced } = printedLink(url, literal, context.links);
  // A same-page anchor leads nowhere once the text stands on its own.
  if (href === undefined) return text(format);
  const linkFormat: Format = { ...format, link: href };
  // An address is never broken, not even between the Chinese or Japanese characters it may hold (`https://例え.jp/パス`).
  const fragments = address !== undefined ? [{ text: address, format: { ...linkFormat, address: true as const }, keepTogether: true }] : text(linkFormat);
  if (issueNumber !== undefined && !quietIssue) fragments.push({ text: ` (#${issueNumber})`, format, keepTogether: true });
  if (!referenced) return fragments;
  const muted: Format = { ...format, muted: true };
  switch (context.style.links) {
    case 'references':
      return [...fragments, { text: ` ${referenceMarker(context.references.number(href))}`, format: muted, keepTogether: true }];
    case 'hyperlinks':
      return fragments;
  }
}
