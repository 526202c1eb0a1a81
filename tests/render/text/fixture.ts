import type { RootContent } from 'mdast';
import { CorpusIndex } from '../../../src/issue/corpus.js';
import type { IssueFacts } from '../../../src/issue/facts.js';
import { parseMarkdown } from '../../../src/issue/markdown.js';
import type { LinkContext } from '../../../src/render/links.js';
import { FootnoteCollector, plainStyle, ReferenceList, renderBlocks, type TextRenderOptions } from '../../../src/render/text/index.js';

const nowhere = { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };

/** The facts of a hand-made issue, enough for cross-references to resolve. */
export function issueFacts(number: number, papers: { id: string; title: string; anchor: string }[], status: IssueFacts['status'] = 'sent'): IssueFacts {
  return {
    path: `issues/${number}.md`,
    readable: true,
    number,
    numberPosition: nowhere,
    datePosition: nowhere,
    title: `Issue ${number}`,
    date: '2023-01-01',
    status,
    statusUnread: false,
    papers: papers.map((paper) => ({ ...paper, position: nowhere })),
    references: [],
  };
}

export const BASE_URL = 'https://news.example.org/';

export function linkContext(facts: IssueFacts[] = []): LinkContext {
  return { baseUrl: BASE_URL, corpus: new CorpusIndex(facts), from: undefined };
}

/** Markdown rendered as the plaintext email renders it, with fresh collectors unless given. */
export function render(markdown: string, options: Partial<TextRenderOptions> = {}): string {
  return renderNodes(parseMarkdown(markdown).children, { source: markdown, ...options });
}

/** mdast blocks (made by hand: no parse) rendered as the plaintext email renders them, with fresh collectors unless given. */
export function renderNodes(nodes: RootContent[], options: Partial<TextRenderOptions> = {}): string {
  return renderBlocks(nodes, {
    width: 72,
    style: plainStyle,
    links: linkContext(),
    references: new ReferenceList(),
    footnotes: new FootnoteCollector(),
    source: '',
    ...options,
  });
}
