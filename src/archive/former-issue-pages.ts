import { issueUrl } from '../render/links.js';
import { movedPageHtml } from './former-pages.js';

/** What of an issue its old addresses need: its number now, the numbers it had, its title. */
type Renumbered = { number: number; formerly: readonly number[]; title: string };

/**
 * The old addresses a build keeps (`formerly` of the published issues, in
 * number order): old number → the number of the issue `issues/<old>/`
 * leads to now. Never in place of an issue's own page: an old number a
 * published issue has now is passed over, as is one an issue numbered
 * before already took (lint's issue-formerly says both). Pure.
 */
export function formerIssueNumbers(issues: readonly Renumbered[]): Map<number, number> {
  const live = new Set(issues.map((issue) => issue.number));
  const kept = new Map<number, number>();
  for (const issue of [...issues].sort((a, b) => a.number - b.number)) {
    for (const old of issue.formerly) if (!live.has(old) && !kept.has(old)) kept.set(old, issue.number);
  }
  return kept;
}

/**
 * An address `issues/<number>/` of a site: an issue's page, with its
 * title and date, or an old number of a renumbered one leading to it
 * (`formerOf`, its number now; the title and date its).
 */
export interface IssueAddress {
  number: number;
  title: string;
  date: string;
  formerOf?: number;
}

/** The addresses of the issues published (`issues`, each `IssueAddress`), the old numbers kept (`formerIssueNumbers`) among them, by number. Pure. */
export function issueAddresses(issues: readonly (Renumbered & { date: string })[]): IssueAddress[] {
  const byNumber = new Map(issues.map((issue) => [issue.number, issue]));
  const addresses: IssueAddress[] = issues.map(({ number, title, date }) => ({ number, title, date }));
  for (const [old, number] of formerIssueNumbers(issues)) {
    const { title, date } = byNumber.get(number)!;
    addresses.push({ number: old, title, date, formerOf: number });
  }
  return addresses.sort((a, b) => a.number - b.number);
}

/**
 * The number an issue's feed entry is known by (its id, feeds.ts): the
 * first old number whose address it keeps (`kept`, `formerIssueNumbers`),
 * so a feed reader does not show a renumbered issue again as new; else its
 * own. No two issues get one: a kept number is no live issue's and leads to one.
 */
export function feedIdNumber(issue: Pick<Renumbered, 'number' | 'formerly'>, kept: ReadonlyMap<number, number>): number {
  return issue.formerly.find((old) => kept.get(old) === issue.number) ?? issue.number;
}

/**
 * The pages at an old address `old` of `issue`: `index.html` and
 * `email.html` lead to the issue's page and HTML email now
 * (former-pages.ts `movedPageHtml`: a refresh, a link, `noindex`, a
 * canonical link; in no sitemap, feed or search), so the "view in
 * browser" link of every email sent under the old number, and links
 * shared since, are not met by a 404. `email.txt` is left to the caller
 * (the plaintext cannot lead elsewhere: it is the issue's own, copied).
 */
export function formerIssuePages(old: number, issue: Renumbered, config: { baseUrl: string; language: string }): { path: string; html: string }[] {
  const page = (file: string, what: string, link: string) => ({
    path: `issues/${old}/${file}`,
    html: movedPageHtml({ what, link, title: issue.title, target: `../${issue.number}/${file}`, canonical: `${issueUrl(config.baseUrl, issue.number)}${file === 'index.html' ? '' : file}`, language: config.language }),
  });
  return [page('index.html', `Issue ${old}'s page`, `issue ${issue.number} now`), page('email.html', `Issue ${old}'s email`, `issue ${issue.number}'s email now`)];
}
