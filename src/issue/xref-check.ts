import type { Position } from 'unist';
import { closest } from '../diagnostics/did-you-mean.js';
import type { Corpus } from './corpus.js';
import type { IssueFacts } from './facts.js';
import { parseArxivId } from './paper-id.js';
import type { CrossReference } from './xref.js';

/** A `paper:` or `issue:` link that leads nowhere published, where its file says it. */
export interface UnknownReference {
  path: string;
  position: Position;
  /** "Unexpected reference `paper:2304.1500`, expected … (did you mean …?)" */
  message: string;
}

/**
 * Every `paper:` and `issue:` link of `from` (SPEC) that leads to nothing
 * published: neither a paper summarized in an issue that is not a draft
 * (or in `from` itself) nor a published issue. Unknown papers get the
 * closest published title. From the facts alone (no parse): lint's
 * xref-unknown reports these, and a build says which links it left out.
 */
export function unknownReferences(from: IssueFacts, corpus: Corpus): UnknownReference[] {
  return from.references.flatMap(({ reference, position }) => {
    const message = problemWith(reference, corpus, from);
    return message ? [{ path: from.path, position, message }] : [];
  });
}

const HTTP_URL = /^https?:\/\/[^\s/]+/i;

function problemWith(reference: CrossReference, corpus: Corpus, from: IssueFacts): string | undefined {
  const written = `Unexpected reference \`${reference.kind}:${reference.target}\``;
  if (reference.kind === 'issue') {
    if (reference.issueNumber === undefined) return `${written}, expected \`issue:\` and an issue number, such as \`issue:41\``;
    if (corpus.resolve(reference, from)) return undefined;
    return `${written}, expected a published issue${issueHint(reference.issueNumber, corpus)}`;
  }
  if (reference.paperId === undefined || (!parseArxivId(reference.target) && !HTTP_URL.test(reference.target))) {
    return `${written}, expected \`paper:\` and an arXiv id or a paper URL, such as \`paper:2304.15004\``;
  }
  if (corpus.resolve(reference, from)) return undefined;
  return `${written}, expected a paper summarized in a published issue${paperHint(reference.paperId, corpus, from)}`;
}

function issueHint(number: number, corpus: Corpus): string {
  if (corpus.facts.some((issue) => issue.number === number && issue.status === 'draft')) return ` (#${number} is a draft)`;
  const newest = corpus.publishedIssues().at(-1);
  return newest ? ` (the newest is #${newest.number}, \`${newest.title}\`)` : '';
}

/** Ids compare without their `arxiv:`/`url:` kind, so a typo in either part is one edit away. */
function bareId(paperId: string): string {
  return paperId.replace(/^(arxiv|url):/, '');
}

function paperHint(paperId: string, corpus: Corpus, from: IssueFacts): string {
  // The papers a reference from `from` could lead to: published ones and its own.
  const candidates = [...corpus.publishedPapers(), ...from.papers.map((paper) => ({ ...paper, issueNumber: from.number }))];
  // Two edits at most (a wrong or a swapped digit): arXiv ids all look alike, and three digits apart is another paper.
  const suggestion = closest(bareId(paperId), candidates.map((paper) => bareId(paper.id)), 2);
  const paper = candidates.find((candidate) => bareId(candidate.id) === suggestion);
  if (!paper) return '';
  return ` (did you mean \`${paper.title}\`${paper.issueNumber === undefined ? '' : ` (#${paper.issueNumber})`}?)`;
}
