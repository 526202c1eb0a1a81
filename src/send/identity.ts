/**
 * Which issue a send is of, besides its number: the issue's `title` and
 * `date` as its file said them when the send started. A number names an
 * issue only as long as its file keeps it: an issue renumbered, or deleted
 * and its number given to a new one, leaves a journal under a number that
 * is now another issue's. Read by number alone, the new issue found every
 * recipient "sent" and was marked so, never having reached anyone.
 */
export interface IssueIdentity {
  title: string;
  /** YYYY-MM-DD, as the frontmatter writes it. */
  date: string;
}

/** Two identities of one issue: the same title and the same date. */
function sameIssue(a: IssueIdentity, b: IssueIdentity): boolean {
  return a.title === b.title && a.date === b.date;
}

/**
 * The send `run` (journal.ts `SendRun`) when it is recorded as of an issue other than `file`
 * (its title or its date differ); undefined when it is of `file`, when
 * there is none, or when it recorded no identity (a send started before
 * identities were: it keeps working by its number, as it did).
 */
export function ofAnotherIssue<Run extends { identity: IssueIdentity | undefined }>(run: Run | undefined, file: IssueIdentity): Run | undefined {
  return run?.identity !== undefined && !sameIssue(run.identity, file) ? run : undefined;
}
