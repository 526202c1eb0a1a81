import { CorpusIndex } from '../../issue/corpus.js';
import type { IssueFacts } from '../../issue/facts.js';
import { parseArxivId } from '../../issue/paper-id.js';
import { closest } from '../../diagnostics/did-you-mean.js';
import type { CrossReference } from '../../issue/xref.js';
import type { CorpusRule } from '../types.js';

/**
 * Every `paper:` and `issue:` link (SPEC) leads to something published: a
 * paper summarized in an issue that is not a draft (or in this very issue),
 * or a published issue. Unknown papers get the closest published title.
 *
 * ok:     `[the mirage paper](paper:2304.15004)` once an issue covering it is sent
 * not ok: `[it](paper:2304.1500)` → Unexpected reference `paper:2304.1500`, expected a paper summarized in a published issue (did you mean `Are Emergent Abilities of Large Language Models a Mirage?` (#3)?)
 * not ok: `[it](issue:abc)` → Unexpected reference `issue:abc`, expected `issue:` and an issue number, such as `issue:41`
 */

const HTTP_URL = /^https?:\/\/[^\s/]+/i;

function problemWith(reference: CrossReference, corpus: CorpusIndex, from: IssueFacts, facts: readonly IssueFacts[]): string | undefined {
  const written = `Unexpected reference \`${reference.kind}:${reference.target}\``;
  if (reference.kind === 'issue') {
    if (reference.issueNumber === undefined) return `${written}, expected \`issue:\` and an issue number, such as \`issue:41\``;
    if (corpus.resolve(reference, from)) return undefined;
    return `${written}, expected a published issue${issueHint(reference.issueNumber, corpus, facts)}`;
  }
  if (!parseArxivId(reference.target) && !HTTP_URL.test(reference.target)) {
    return `${written}, expected \`paper:\` and an arXiv id or a paper URL, such as \`paper:2304.15004\``;
  }
  if (corpus.resolve(reference, from)) return undefined;
  return `${written}, expected a paper summarized in a published issue${paperHint(reference.paperId, corpus, from)}`;
}

function issueHint(number: number, corpus: CorpusIndex, facts: readonly IssueFacts[]): string {
  if (facts.some((issue) => issue.number === number && issue.status === 'draft')) return ` (#${number} is a draft)`;
  const newest = corpus.publishedIssues().at(-1);
  return newest ? ` (the newest is #${newest.number}, \`${newest.title}\`)` : '';
}

/** Ids compare without their `arxiv:`/`url:` kind, so a typo in either part is one edit away. */
function bareId(paperId: string): string {
  return paperId.replace(/^(arxiv|url):/, '');
}

function paperHint(paperId: string, corpus: CorpusIndex, from: IssueFacts): string {
  // The papers a reference from `from` could lead to: published ones and its own.
  const candidates = [...corpus.publishedPapers(), ...from.papers.map((paper) => ({ ...paper, issueNumber: from.number }))];
  const suggestion = closest(bareId(paperId), candidates.map((paper) => bareId(paper.id)));
  const paper = candidates.find((candidate) => bareId(candidate.id) === suggestion);
  if (!paper) return '';
  return ` (did you mean \`${paper.title}\`${paper.issueNumber === undefined ? '' : ` (#${paper.issueNumber})`}?)`;
}

const rule: CorpusRule = {
  id: 'xref-unknown',
  severity: 'error',
  scope: 'corpus',
  doc: 'Every `paper:` and `issue:` link leads to a published paper or issue',
  check({ facts, report }) {
    const corpus = new CorpusIndex(facts);
    for (const from of facts) {
      for (const { reference, position } of from.references) {
        const message = problemWith(reference, corpus, from, facts);
        if (message) report(from.path, { message, position });
      }
    }
  },
};
export default rule;
