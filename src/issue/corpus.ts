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

/** The indexes `CorpusIndex.of` made, by their list of facts: none kept past its list. */
const indexes = new WeakMap<readonly IssueFacts[], CorpusIndex>();

/**
 * Every issue and paper of the newsletter, built from the facts of each file,
 * for resolving `paper:` and `issue:` links (SPEC). Drafts are not published:
 * a reference into one resolves only from within that same draft.
 */
export class CorpusIndex {
  private readonly issues = new Map<number, IssueFacts>();
  private readonly firstCoverage = new Map<string, { facts: IssueFacts; paper: IssueFacts['papers'][number] }>();
  /** The issue each number no issue has now was renumbered from (its `formerly`), as the build gives it the old address. */
  private readonly renumbered = new Map<number, IssueFacts>();

  /**
   * The index of `facts`, made once per list of facts (by its identity, as
   * the lint hands one list to every rule across issues: two of them
   * resolve links, and indexing the bench corpus's 1,000 issues twice took
   * ~35 ms of a rebuild after one edit). The list must not change after.
   */
  static of(facts: readonly IssueFacts[]): CorpusIndex {
    let index = indexes.get(facts);
    if (!index) indexes.set(facts, (index = new CorpusIndex(facts)));
    return index;
  }

  constructor(readonly facts: readonly IssueFacts[]) {
    const byNumber = [...facts].filter((f) => f.number !== undefined).sort((a, b) => a.number! - b.number!);
    for (const issue of byNumber) {
      if (!this.issues.has(issue.number!)) this.issues.set(issue.number!, issue);
      for (const paper of issue.papers) {
        if (!this.firstCoverage.has(paper.id) && issue.status !== 'draft') this.firstCoverage.set(paper.id, { facts: issue, paper });
      }
    }
    // As the build keeps old addresses (archive/former-issue-pages.ts): a published issue's, by number, the first to name an old number keeps it.
    for (const issue of byNumber) {
      if (issue.status === 'draft') continue;
      for (const { number } of issue.formerly ?? []) if (!this.issues.has(number) && !this.renumbered.has(number)) this.renumbered.set(number, issue);
    }
  }

  /**
   * Where a reference leads, from the issue `from`: an `issue:` link to the
   * issue numbered so, or, for a number no issue has now, to the issue
   * renumbered from it (its `formerly`: issues/<old>/ leads there too);
   * undefined for nothing published (a draft is seen from itself only).
   */
  resolve(reference: CrossReference, from: IssueFacts | undefined): ResolvedReference | undefined {
    if (reference.kind === 'issue') {
      const number = reference.issueNumber;
      const issue = number === undefined ? undefined : (this.issues.get(number) ?? this.renumbered.get(number));
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

/** What rendering an issue reads of the newsletter's other issues: a `CorpusIndex`, or a `CorpusReading` of one. */
export type Corpus = Pick<CorpusIndex, 'facts' | 'resolve' | 'publishedPapers' | 'publishedIssues'>;

/** What one issue read of the others through a `CorpusReading`: each reference it resolved, with what it resolved to (JSON), and whether it read every issue. */
export interface CorpusReads {
  resolved: { reference: CrossReference; answer: string }[];
  /** It read the whole index (a broken reference's hints: "the newest is #41", "did you mean"): any issue's facts may change what it says. */
  everything: boolean;
}

/**
 * A corpus that notes what is read of it, so that a build keeps an issue's
 * rendering for as long as what it read still reads the same (`readsHold`).
 * Every issue's facts used to be part of every rendering's key: retitling
 * one issue of the bench corpus re-rendered all 999 (27.7 s, to write 19
 * files); now it re-renders that issue and those whose links lead to it.
 */
export class CorpusReading implements Corpus {
  readonly reads: CorpusReads = { resolved: [], everything: false };
  private readonly noted = new Set<string>();

  constructor(private readonly corpus: Corpus) {}

  get facts(): readonly IssueFacts[] {
    this.reads.everything = true;
    return this.corpus.facts;
  }

  resolve(reference: CrossReference, from: IssueFacts | undefined): ResolvedReference | undefined {
    const resolved = this.corpus.resolve(reference, from);
    const key = JSON.stringify(reference);
    if (!this.noted.has(key)) {
      this.noted.add(key);
      this.reads.resolved.push({ reference, answer: answerOf(resolved) });
    }
    return resolved;
  }

  publishedPapers(): ReturnType<CorpusIndex['publishedPapers']> {
    this.reads.everything = true;
    return this.corpus.publishedPapers();
  }

  publishedIssues(): IssueFacts[] {
    this.reads.everything = true;
    return this.corpus.publishedIssues();
  }
}

/**
 * Whether every reference `reads` noted resolves in `corpus`, from `from`
 * (the reading issue's facts, as when it read them), to what it resolved
 * to then. `reads.everything` is the caller's to check (by a hash of every
 * issue's facts).
 */
export function readsHold(reads: CorpusReads, corpus: Corpus, from: IssueFacts | undefined): boolean {
  return reads.resolved.every(({ reference, answer }) => answerOf(corpus.resolve(reference, from)) === answer);
}

function answerOf(resolved: ResolvedReference | undefined): string {
  return JSON.stringify(resolved ?? null);
}
