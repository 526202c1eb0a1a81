import type { Definition, Image, Link } from 'mdast';
import type { Position } from 'unist';
import { markdownTexts } from '../issue/model.js';
import type { ParsedIssue } from '../issue/parse.js';
import { nodePosition } from '../issue/text-position.js';
import { nodesInTree } from '../issue/tree-index.js';
import { paperLink, resolveLink, type LinkContext, type ResolvedLink, type UrlUse } from './links.js';
import { append } from '../arrays.js';

/** A URL of an issue that no output links to, and where the editor wrote it. */
export interface RefusedUrl {
  url: string;
  /** In the issue file's coordinates (1-based lines and columns). */
  position: Position;
  /** "Unexpected URL scheme `javascript:` …, expected one of http, https, …; …" */
  message: string;
}

/**
 * Every URL of an issue that the renderers drop, by the very filter they
 * apply (`resolveLink`): paper URLs, then those of `refusedMarkdownUrls`.
 * What a renderer does is silent by design (a template cannot report), so
 * the CLI says it here, with positions. Empty when the frontmatter could not
 * be read (lint reports that).
 */
export function refusedUrls(parsed: ParsedIssue, links: LinkContext): RefusedUrl[] {
  const issue = parsed.issue;
  if (!issue) return [];
  const papers = issue.papers.flatMap((paper) => refusal(paper.url, paperLink(paper.url, links), () => parsed.locate(['papers', paper.index, 'url']), 'the title is shown without a link'));
  return [...papers, ...refusedMarkdownUrls(parsed, links)].sort((a, b) => a.position.start.line - b.position.start.line || a.position.start.column - b.position.start.column);
}

/**
 * The links, images and link definitions of each Markdown text whose URL
 * the renderers drop (`resolveLink`), in text order: what lint's
 * `link-url-refused` reports and `render` warns of, from this one list so
 * the two never disagree. A cross-reference is never refused here (its
 * target is `xref-unknown`'s), so `links.corpus` changes nothing.
 */
export function refusedMarkdownUrls(parsed: ParsedIssue, links: LinkContext): RefusedUrl[] {
  const refused: RefusedUrl[] = [];
  for (const text of parsed.issue ? markdownTexts(parsed.issue) : []) {
    const check = (node: Link | Definition | Image, use: UrlUse, consequence: string) =>
      append(refused, refusal(node.url, resolveLink(node.url, links, use), () => nodePosition(parsed, text, node), consequence));
    for (const node of nodesInTree(text.tree, 'link')) check(node, 'href', 'only the link text is shown');
    for (const node of nodesInTree(text.tree, 'definition')) check(node, 'href', 'links to it show only their text');
    for (const node of nodesInTree(text.tree, 'image')) check(node, 'src', 'only the alt text is shown');
  }
  return refused;
}

function refusal(url: string, resolved: ResolvedLink, position: () => Position, consequence: string): RefusedUrl[] {
  return resolved.refused === undefined ? [] : [{ url, position: position(), message: `${resolved.refused}; ${consequence}` }];
}
