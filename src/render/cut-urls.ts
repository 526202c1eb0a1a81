import { Buffer } from 'node:buffer';
import type { Definition, Image, Link } from 'mdast';
import type { Position } from 'unist';
import { markdownTexts, type Issue, type MarkdownText } from '../issue/model.js';
import type { ParsedIssue } from '../issue/parse.js';
import { nodePosition } from '../issue/text-position.js';
import { nodesInTree } from '../issue/tree-index.js';
import { paperLink, resolveLink, type LinkContext } from './links.js';
import { renderIssueText } from './text-parts.js';
import { plainStyle, referenceLines } from './text/index.js';

/** A URL that the plaintext email cuts over two lines, and where the editor wrote it. */
export interface CutUrl {
  /** As written in the issue. */
  url: string;
  /** As the plaintext writes it: absolute, percent-encoded (`resolveLink`'s). */
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
 * (`limitLineOctets`, SPEC: no line over 998 octets): a paper's URL under
 * its title, and each link, image and link definition whose `[N] URL` line
 * of a reference list is. The URL is measured as the plaintext writes it
 * (`paperLink`, `resolveLink`) and each reference line as the renderer lays
 * it out (`renderIssueText`, `referenceLines`), so the marker's width
 * (`[7] `, `[12] `) is that of its own list. In file order. Empty when the
 * frontmatter could not be read (lint reports that).
 *
 * Within the one file: a cross-reference into another issue does not
 * resolve, so it takes no number here, which could narrow a list's markers.
 */
export function cutUrls(parsed: ParsedIssue, links: LinkContext): CutUrl[] {
  const issue = parsed.issue;
  if (!issue) return [];
  const cut = [...cutPaperUrls(parsed, issue, links), ...cutMarkdownUrls(parsed, issue, links)];
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
