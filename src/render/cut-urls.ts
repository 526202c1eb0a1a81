import { Buffer } from 'node:buffer';
import type { Definition, Image, Link, LinkReference } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { Position } from 'unist';
import { markdownTexts, type Issue, type MarkdownText } from '../issue/model.js';
import type { ParsedIssue } from '../issue/parse.js';
import { nodePosition } from '../issue/text-position.js';
import { nodesInTree } from '../issue/tree-index.js';
import { paperLink, resolveLink, type LinkContext } from './links.js';
import { renderIssueText, TEXT_WIDTH } from './text-parts.js';
import { collectDefinitions, limitLineOctets, plainStyle, referenceLines, type TextStyle, type TextWords } from './text/index.js';
import { printedLink } from './text/inline.js';

/** A URL that the plaintext email cuts over two lines, and where the editor wrote it. */
export interface CutUrl {
  /** As written in the issue. */
  url: string;
  /**
   * As the plaintext writes it: a paper's or a reference's absolute and
   * percent-encoded (`resolveLink`'s), an autolink's as written (`printedLink`).
   */
  href: string;
  /** UTF-8 octets of `href`. */
  octets: number;
  /** The most octets `href` may have and stay whole: the line's 998 less what precedes the URL on it. */
  limit: number;
  /** In the issue file's coordinates (1-based lines and columns). */
  position: Position;
}

/**
 * What the plaintext writes before a paper's URL, on the line under its
 * title: the built-in templates/partials/paper.txt.hbs indents it so.
 */
const PAPER_URL_INDENT = '   ';

/**
 * Every URL of an issue whose line in the plaintext email (or a review
 * proof's) is over `plainStyle.maxLineOctets`, which the renderer then cuts
 * (`limitLineOctets`, SPEC: no line over 998 octets) through the URL: a
 * paper's URL under its title; each link, image and link definition whose
 * `[N] URL` line of a reference list is (a non-ASCII autolink's too); and
 * each address the text prints itself (`<https://…>`, a bare `https://…` or
 * `www.…`, an e-mail address, `[https://x.org](https://x.org)`), on its
 * line of the text as laid out
 * (indented in a list, after `> ` in a quote, in a table's row). The URL is
 * measured as the plaintext writes it (`paperLink`, `resolveLink`,
 * `printedLink`) and each line as the renderer lays it out
 * (`renderIssueText`, `referenceLines`), so the marker's width (`[7] `,
 * `[12] `) is that of its own list, an image's label in `words` (the
 * config's `words.image`: `[Bild: alt]` on a table's row). In file order. Empty when the
 * frontmatter could not be read (lint reports that).
 *
 * Within the one file: a cross-reference into another issue does not
 * resolve, so it takes no number here, which could narrow a list's markers.
 */
export function cutUrls(parsed: ParsedIssue, links: LinkContext, words: TextWords): CutUrl[] {
  const issue = parsed.issue;
  if (!issue) return [];
  const cut = [...cutPaperUrls(parsed, issue, links), ...cutMarkdownUrls(parsed, issue, links), ...cutAddresses(parsed, issue, links, words)];
  return cut.sort((a, b) => a.position.start.line - b.position.start.line || a.position.start.column - b.position.start.column);
}

const MAX_LINE_OCTETS = plainStyle.maxLineOctets;

function octetsOf(text: string): number {
  return Buffer.byteLength(text);
}

function cutPaperUrls(parsed: ParsedIssue, issue: Issue, links: LinkContext): CutUrl[] {
  const limit = MAX_LINE_OCTETS - octetsOf(PAPER_URL_INDENT);
  return issue.papers.flatMap((paper) => {
    const href = paperLink(paper.url, links).href;
    if (href === undefined || octetsOf(href) <= limit) return [];
    return [{ url: paper.url, href, octets: octetsOf(href), limit, position: parsed.locate(['papers', paper.index, 'url']) }];
  });
}

/** A link, image or link definition of a Markdown text, with its URL as the plaintext writes it. */
interface LinkedUrl {
  text: MarkdownText;
  node: Link | Image | Definition;
  href: string;
}

function cutMarkdownUrls(parsed: ParsedIssue, issue: Issue, links: LinkContext): CutUrl[] {
  const linked = linkedUrls(issue, links);
  // No prefix of a reference line comes near half a line: with no URL that
  // long, nothing needs rendering (the rule then costs a lint nothing).
  if (!linked.some(({ href }) => 2 * octetsOf(href) > MAX_LINE_OCTETS)) return [];
  const limits = cutReferenceLimits(issue, links);
  return linked.flatMap(({ text, node, href }) => {
    const limit = limits.get(text)?.get(href);
    return limit === undefined ? [] : [{ url: node.url, href, octets: octetsOf(href), limit, position: nodePosition(parsed, text, node) }];
  });
}

function linkedUrls(issue: Issue, links: LinkContext): LinkedUrl[] {
  return markdownTexts(issue).flatMap((text) => {
    const nodes = [
      ...nodesInTree(text.tree, 'link').map((node) => ({ node, use: 'href' as const })),
      ...nodesInTree(text.tree, 'definition').map((node) => ({ node, use: 'href' as const })),
      ...nodesInTree(text.tree, 'image').map((node) => ({ node, use: 'src' as const })),
    ];
    return nodes.flatMap(({ node, use }) => {
      const href = resolveLink(node.url, links, use).href;
      return href === undefined ? [] : [{ text, node, href }];
    });
  });
}

/**
 * For each Markdown text, the URLs that a reference list of its texts cuts,
 * each with the lowest limit of its lines: in the email, and in a review
 * proof, whose lists also number the private notes' links.
 */
function cutReferenceLimits(issue: Issue, links: LinkContext): Map<MarkdownText, Map<string, number>> {
  const limits = new Map<MarkdownText, Map<string, number>>();
  const proofDiffers = issue.papers.some((paper) => paper.notes !== undefined);
  for (const review of proofDiffers ? [false, true] : [false]) {
    for (const scope of renderIssueText(issue, issue.papers, links, review).referenceScopes) {
      for (const { reference, lines } of referenceLines(scope.references)) {
        // One line each: the email never wraps a URL.
        const line = lines[0] ?? '';
        const limit = MAX_LINE_OCTETS - (octetsOf(line) - octetsOf(reference.href));
        if (octetsOf(reference.href) <= limit) continue;
        for (const text of scope.texts) {
          const cut = limits.get(text) ?? new Map<string, number>();
          cut.set(reference.href, Math.min(limit, cut.get(reference.href) ?? limit));
          limits.set(text, cut);
        }
      }
    }
  }
  return limits;
}

/** A link that the text shows by its address (an autolink), with the address as printed and where it leads. */
interface PrintedAddress {
  text: MarkdownText;
  node: Link | LinkReference;
  /** As written, for the message: the link's text, or its URL when it has none. */
  url: string;
  address: string;
  href: string;
}

function printedAddresses(issue: Issue, links: LinkContext): PrintedAddress[] {
  return markdownTexts(issue).flatMap((text) => {
    const definitions = collectDefinitions([text.tree]).links;
    const nodes = [...nodesInTree(text.tree, 'link'), ...nodesInTree(text.tree, 'linkReference')];
    return nodes.flatMap((node) => {
      const url = node.type === 'link' ? node.url : definitions.get(node.identifier)?.url;
      if (url === undefined) return [];
      const literal = toString(node);
      const { href, address } = printedLink(url, literal, links);
      return href === undefined || address === undefined ? [] : [{ text, node, url: literal || url, address, href }];
    });
  });
}

/**
 * Whether the line of `printed` could pass the limit, before rendering
 * (most issues then cost a lint nothing): the wrapper gives an address
 * wider than the width a line of its own, shared only with what is written
 * against it and the line's indentation, and fits a narrower one in 72
 * columns with other words, so a line holds two thirds of the limit besides
 * the address only in a table's row (or after a list nested hundreds deep,
 * a 600-octet word glued to the address, 72 columns of stacked accents).
 */
function mayBeCut({ text, node, address }: PrintedAddress): boolean {
  if (3 * octetsOf(address) > MAX_LINE_OCTETS) return true;
  const at = node.position?.start.offset ?? 0;
  return nodesInTree(text.tree, 'table').some(({ position }) => position !== undefined && (position.start.offset ?? 0) <= at && at < (position.end.offset ?? 0));
}

/**
 * Sets apart, on each line, the runs of text that are a link's own address
 * (`Format.address`): `\0href\0address\0`. No Markdown text holds a NUL
 * (CommonMark reads it as U+FFFD), so the marks never meet one written.
 * Lines are not cut (`maxLineOctets`), to be measured whole.
 */
const ADDRESS_MARK = '\u0000';
const MEASURED_STYLE: TextStyle = {
  ...plainStyle,
  maxLineOctets: Infinity,
  decorate: (text, format) => (format.address && format.link !== undefined ? `${ADDRESS_MARK}${format.link}${ADDRESS_MARK}${text}${ADDRESS_MARK}` : text),
};

/** An address printed on a line of the text: the limit of its line there, when the line cuts it. */
interface AddressOnLine {
  href: string;
  address: string;
  /** Undefined when the address stays whole. */
  limit: number | undefined;
}

/**
 * The addresses on a line marked by `MEASURED_STYLE`, each cut or not as
 * `limitLineOctets` cuts the line as the email has it (unmarked): a cut
 * falls inside it. Its limit: the octets left on its piece of the line.
 */
function addressesOnLine(marked: string): AddressOnLine[] {
  if (!marked.includes(ADDRESS_MARK)) return [];
  const parts = marked.split(ADDRESS_MARK);
  const line = parts.filter((_, i) => i % 3 !== 1).join('');
  const cuts: number[] = [];
  let end = 0;
  for (const piece of limitLineOctets(line, MAX_LINE_OCTETS).split('\n').slice(0, -1)) cuts.push((end += octetsOf(piece)));
  const found: AddressOnLine[] = [];
  let start = octetsOf(parts[0] ?? '');
  for (let i = 1; i + 1 < parts.length; i += 3) {
    const [href, address, after] = [parts[i]!, parts[i + 1]!, parts[i + 2] ?? ''];
    const stop = start + octetsOf(address);
    const pieceStart = Math.max(0, ...cuts.filter((cut) => cut <= start));
    const cut = cuts.some((at) => at > start && at < stop);
    found.push({ href, address, limit: cut ? pieceStart + MAX_LINE_OCTETS - start : undefined });
    start = stop + octetsOf(after);
  }
  return found;
}

/** What the plaintext prints of an issue's texts (references included), each part with the Markdown texts it shows. */
function renderedParts(issue: Issue, links: LinkContext, review: boolean, words: TextWords): { texts: readonly MarkdownText[]; rendered: string }[] {
  const output = renderIssueText(issue, issue.papers, links, review, { width: TEXT_WIDTH, style: MEASURED_STYLE }, words);
  const parts = [output.intro, output.outro, output.footnotes].map((rendered) => ({ texts: [issue.body], rendered }));
  for (const [paper, text] of output.papers) {
    const own = (markdown: MarkdownText | undefined, rendered: string | undefined) => (markdown && rendered ? [{ texts: [markdown], rendered }] : []);
    const all = [paper.prerequisites, paper.summary, paper.opinion, paper.notes].flatMap((markdown) => (markdown ? [markdown] : []));
    parts.push(
      ...own(paper.prerequisites, text.prerequisites),
      ...own(paper.summary, text.summary),
      ...own(paper.opinion, text.opinion),
      ...own(paper.notes, text.notes),
      { texts: all, rendered: text.footnotes },
    );
  }
  return parts;
}

/**
 * The addresses printed in the texts (autolinks, bare URLs) that a line of
 * the email or of a review proof cuts, each reported wherever its text
 * writes it (as a reference list's URLs are: the lines do not say which of
 * two places wrote one address), with the lowest limit of its lines.
 * Renders only an issue whose texts print an address.
 */
function cutAddresses(parsed: ParsedIssue, issue: Issue, links: LinkContext, words: TextWords): CutUrl[] {
  const printed = printedAddresses(issue, links);
  if (!printed.some(mayBeCut)) return [];
  const limits = new Map<MarkdownText, Map<string, number>>();
  const key = (href: string, address: string) => `${href}${ADDRESS_MARK}${address}`;
  for (const review of issue.papers.some((paper) => paper.notes !== undefined) ? [false, true] : [false]) {
    for (const { texts, rendered } of renderedParts(issue, links, review, words)) {
      for (const { href, address, limit } of rendered.split('\n').flatMap(addressesOnLine)) {
        if (limit === undefined) continue;
        for (const text of texts) {
          const cut = limits.get(text) ?? new Map<string, number>();
          cut.set(key(href, address), Math.min(limit, cut.get(key(href, address)) ?? limit));
          limits.set(text, cut);
        }
      }
    }
  }
  return printed.flatMap(({ text, node, url, address, href }) => {
    const limit = limits.get(text)?.get(key(href, address));
    return limit === undefined ? [] : [{ url, href: address, octets: octetsOf(address), limit, position: nodePosition(parsed, text, node) }];
  });
}
