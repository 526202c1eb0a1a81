import type { IssueFacts } from './facts.js';
import type { CrossReference } from './xref.js';

/** Where a cross-reference leads: an issue page, or a paper's summary in the issue that first covered it. */
export interface ResolvedReference {
  issueNumber: number;
  issueTitle: string;
  /** The paper's anchor in that issue; undefined for an `issue:` reference. */
  anchor: string | undefined;
  paperTitle: string | undefined;
}

/**
 * Every issue and paper of the newsletter, built from the facts of each file,
 * for resolving `paper:` and `issue:` links (SPEC). Drafts are not published:
 * a reference into one resolves only from within that same draft.
 */
export class CorpusIndex {
  private readonly issues = new Map<number, IssueFacts>();
  private readonly firstCoverage = new Map<string, { facts: IssueFacts; paper: IssueFacts['papers'][number] }>();

  constructor(readonly facts: readonly IssueFacts[]) {
    const byNumber = [...facts].filter((f) => f.number !== undefined).sort((a, b) => a.number! - b.number!);
    for (const issue of byNumber) {
      if (!this.issues.has(issue.number!)) this.issues.set(issue.number!, issue);
      for (const paper of issue.papers) {
        if (!this.firstCoverage.has(paper.id) && issue.status !== 'draft') this.firstCoverage.set(paper.id, { facts: issue, paper });
      }
    }
  }

  resolve(reference: CrossReference, from: IssueFacts | undefined): ResolvedReference | undefined {
    if (reference.kind === 'issue') {
      const issue = reference.issueNumber === undefined ? undefined : this.issues.get(reference.issueNumber);
      if (!issue || !this.isVisibleFrom(issue, from)) return undefined;
      return { issueNumber: issue.number!, issueTitle: issue.title, anchor: undefined, paperTitle: undefined };
    }
    if (reference.paperId === undefined) return undefined;
    const covered = this.firstCoverage.get(reference.paperId);
    if (covered) return this.paperTarget(covered.facts, covered.paper);
    // A paper of this very issue (even a draft) can be referenced from within it.
    const own = from?.papers.find((paper) => paper.id === reference.paperId);
    return own && from ? this.paperTarget(from, own) : undefined;
  }

  /** Every published paper, for "did you mean" suggestions. */
  publishedPapers(): { id: string; title: string; issueNumber: number }[] {
    return [...this.firstCoverage.values()].map(({ facts, paper }) => ({ id: paper.id, title: paper.title, issueNumber: facts.number! }));
  }

  publishedIssues(): IssueFacts[] {
    return [...this.issues.values()].filter((issue) => issue.status !== 'draft');
  }

  private isVisibleFrom(issue: IssueFacts, from: IssueFacts | undefined): boolean {
    return issue.status !== 'draft' || issue.path === from?.path;
  }

  private paperTarget(issue: IssueFacts, paper: IssueFacts['papers'][number]): ResolvedReference {
    return { issueNumber: issue.number!, issueTitle: issue.title, anchor: paper.anchor, paperTitle: paper.title };
  }
}
