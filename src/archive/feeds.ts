import { Feed, type FeedOptions } from 'feed';
import type { Config } from '../config/load.js';
import { issueUrl } from '../render/links.js';
import type { IssueRendering } from './issue-output.js';
import { escapeHtml } from '../render/escape-html.js';

/** How many issues a feed holds, newest first: a reader's first fetch stays small (Hugo's default limit is similar). */
const FEED_ISSUES = 50;

type FeedConfig = Pick<Config, 'name' | 'description' | 'baseUrl'>;

export interface Feeds {
  rss: string;
  atom: string;
  json: string;
}

/** The issues a feed holds, newest first, of `issues` oldest first. */
export function newestIssues<T>(issues: readonly T[]): T[] {
  return [...issues].reverse().slice(0, FEED_ISSUES);
}

/**
 * RSS 2.0, Atom and JSON Feed of the newest issues, each entry the issue's
 * full web HTML (readers complain about title-only feeds), through `feed` 6.
 * Every URL is absolute under `baseUrl`; dates are the issues' dates (never
 * the clock), so the same issues give the same bytes.
 *
 * How each format reads a title and a summary (`description`): `feed` 6
 * writes Atom's `<title type="html">` and `<summary type="html">`, and RSS
 * readers take `<description>` as HTML, so those are escaped here (`A <B>`
 * would otherwise be read as markup and vanish); an RSS `<title>` and JSON
 * Feed's `title` and `summary` are plain text and stay as written.
 *
 * `newest` is `newestIssues` of the published issues; `html(issue)` is an entry's content.
 */
export function buildFeeds(config: FeedConfig, newest: readonly IssueRendering[], html: (issue: IssueRendering) => string): Feeds {
  const contents = newest.map((issue) => cdataSafe(html(issue)));
  const make = (title: (text: string) => string, summary: (text: string) => string) => {
    const feed = new Feed(feedOptions(config, newest[0]));
    newest.forEach((issue, i) => {
      const link = issueUrl(config.baseUrl, issue.number);
      feed.addItem({ title: title(issue.subject), id: link, link, date: issueDate(issue.date), description: summary(issue.title), content: contents[i] });
    });
    return feed;
  };
  // XML titles sit in CDATA sections; JSON has none, so its text stays exactly as written.
  const markup = (text: string) => cdataSafe(escapeHtml(text));
  const asIs = (text: string) => text;
  return { rss: make(cdataSafe, markup).rss2(), json: make(asIs, asIs).json1(), atom: make(markup, markup).atom1() };
}

function feedOptions(config: FeedConfig, newest: IssueRendering | undefined): FeedOptions {
  const url = (path: string) => new URL(path, config.baseUrl).href;
  return {
    id: config.baseUrl,
    title: config.name,
    description: config.description,
    link: config.baseUrl,
    language: 'en',
    // The newest issue's date, not the clock: the same input, the same bytes.
    updated: issueDate(newest?.date ?? '1970-01-01'),
    generator: 'paperboy',
    feedLinks: { rss: url('feed.xml'), atom: url('atom.xml'), json: url('feed.json') },
  };
}

function issueDate(date: string): Date {
  const parsed = new Date(`${date}T00:00:00Z`);
  return Number.isNaN(parsed.getTime()) ? new Date(0) : parsed;
}

/** `feed` puts titles and content in CDATA sections, which `]]>` would end: `]]&gt;` reads the same in HTML. */
function cdataSafe(text: string): string {
  return text.replaceAll(']]>', ']]&gt;');
}
