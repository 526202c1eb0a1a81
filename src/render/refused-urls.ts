import type { Position } from 'unist';
import { markdownTexts } from '../issue/model.js';
import type { ParsedIssue } from '../issue/parse.js';
import { nodePosition } from '../issue/text-position.js';
import { nodesInTree } from '../issue/tree-index.js';
import { paperLink, resolveLink, type LinkContext, type UrlUse } from './links.js';

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
 * apply (`resolveLink`): paper URLs, then links, images and link definitions
 * of each Markdown text. What a renderer does is silent by design (a
 * template cannot report), so the CLI says it here, with positions. Empty
 * when the frontmatter could not be read (lint reports that).
 */
export function refusedUrls(parsed: ParsedIssue, links: LinkContext): RefusedUrl[] {
  const issue = parsed.issue;
  if (!issue) return [];
  const refused: RefusedUrl[] = [];
  const check = (url: string, use: UrlUse, position: () => Position, consequence: string, resolve = resolveLink) => {
    const reason = resolve(url, links, use).refused;
    if (reason !== undefined) refused.push({ url, position: position(), message: `${reason}; ${consequence}` });
  };
  for (const paper of issue.papers) {
    check(paper.url, 'href', () => parsed.locate(['papers', paper.index, 'url']), 'the title is shown without a link', paperLink);
  }
  for (const text of markdownTexts(issue)) {
    const at = (node: Parameters<typeof nodePosition>[2]) => () => nodePosition(parsed, text, node);
    for (const node of nodesInTree(text.tree, 'link')) check(node.url, 'href', at(node), 'only the link text is shown');
    for (const node of nodesInTree(text.tree, 'definition')) check(node.url, 'href', at(node), 'links to it show only their text');
    for (const node of nodesInTree(text.tree, 'image')) check(node.url, 'src', at(node), 'only the alt text is shown');
  }
  return refused.sort((a, b) => a.position.start.line - b.position.start.line || a.position.start.column - b.position.start.column);
}
