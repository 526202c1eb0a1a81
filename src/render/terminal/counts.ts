import { visit } from 'unist-util-visit';
import type { Issue, MarkdownText } from '../../issue/model.js';
import { countWords, countWordsIn } from '../../issue/words.js';
import { resolveLink, type LinkContext } from '../links.js';

/** What the inbox header counts of an issue: only what subscribers read (never the private notes). */
export interface IssueCounts {
  papers: number;
  /** Links a reader can follow: each paper's own link and every link in the texts that resolves. */
  links: number;
  words: number;
  /** At about 230 words a minute, never less than one. */
  readingMinutes: number;
}

const WORDS_PER_MINUTE = 230;

function countLinks(text: MarkdownText, links: LinkContext): number {
  const definitions = new Map<string, string>();
  visit(text.tree, 'definition', (node) => {
    if (!definitions.has(node.identifier)) definitions.set(node.identifier, node.url);
  });
  let count = 0;
  visit(text.tree, (node) => {
    const url = node.type === 'link' ? node.url : node.type === 'linkReference' ? definitions.get(node.identifier) : undefined;
    if (url !== undefined && resolveLink(url, links).href !== undefined) count += 1;
  });
  return count;
}

export function countIssue(issue: Issue, links: LinkContext): IssueCounts {
  const texts = [issue.body, ...issue.papers.flatMap((paper) => [paper.prerequisites, paper.summary, paper.opinion])].filter(
    (text): text is MarkdownText => text !== undefined,
  );
  const wordCount =
    countWordsIn(issue.title) +
    issue.papers.reduce((sum, paper) => sum + countWordsIn(paper.title), 0) +
    texts.reduce((sum, text) => sum + countWords(text.tree), 0);
  const paperLinks = issue.papers.filter((paper) => resolveLink(paper.url, links).href !== undefined).length;
  return {
    papers: issue.papers.length,
    links: paperLinks + texts.reduce((sum, text) => sum + countLinks(text, links), 0),
    words: wordCount,
    readingMinutes: Math.max(1, Math.round(wordCount / WORDS_PER_MINUTE)),
  };
}
