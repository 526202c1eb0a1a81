import { load, type CheerioAPI } from 'cheerio/slim';
import { Feed, type FeedOptions } from 'feed';
import type { Config } from '../config/load.js';
import { issueUrl } from '../render/links.js';
import type { IssueRendering } from './issue-output.js';
import { feedIdBase } from './feed-issues.js';
import { escapeHtml } from '../render/escape-html.js';

type FeedConfig = Pick<Config, 'name' | 'description' | 'baseUrl' | 'feedIdBase' | 'language'>;

export interface Feeds {
  rss: string;
  atom: string;
  json: string;
}

/**
 * RSS 2.0, Atom and JSON Feed of the newest issues, each entry the issue's
 * full web HTML (readers complain about title-only feeds), through `feed` 6.
 * Every URL is absolute under `baseUrl` (an entry's links too: see
 * `entryHtml`); dates are the issues' dates (never the clock), so the same
 * issues give the same bytes. The feed's author is the newsletter (Atom
 * requires one, RFC 4287 §4.1.1).
 *
 * How each format reads a title and a summary (`description`): `feed` 6
 * writes Atom's `<title type="html">` and `<summary type="html">`, and RSS
 * readers take `<description>` as HTML, the channel's too, so those are
 * escaped here (`A <B>` would otherwise be read as markup and vanish); the
 * channel's description in Atom (`<subtitle>`, text), an RSS `<title>` and JSON
 * Feed's `title` and `summary` are plain text and stay as written (a `]]>`
 * in an RSS title too: see `CDATA_END_STANDIN`).
 *
 * The newsletter's `language` is each feed's: RSS `<language>`, Atom
 * `xml:lang` on `<feed>` (inherited by every element, RFC 4287 §2), JSON
 * Feed's `language` (a key of version 1.1, which the feed says it is;
 * `feed` 6 writes version 1 and knows only RSS's).
 *
 * An entry's id (RSS `<guid>`, Atom `<id>`, JSON Feed `id`) is the issue's
 * page address under `feedIdBase`, else `baseUrl`, and the feed's own
 * Atom `<id>` is that base: feed readers know an entry by its id alone, so
 * after a move of `baseUrl` (`feedIdBase` the old one) they keep every
 * entry they hold, where new ids would show each issue again as new.
 * Links (`<link>`, JSON Feed `url`) follow `baseUrl`.
 *
 * A renumbered issue's id is that of the number it was first published
 * under (`idNumber`, former-issue-pages.ts `feedIdNumber`): its readers
 * hold the entry under that id.
 *
 * `newest` is `newestIssues` of the published issues; `html(issue)` is an
 * entry's content; `idNumber(issue)` the number its id is made of (default: its own).
 */
export function buildFeeds(config: FeedConfig, newest: readonly IssueRendering[], html: (issue: IssueRendering) => string, idNumber: (issue: IssueRendering) => number = (issue) => issue.number): Feeds {
  const links = newest.map((issue) => issueUrl(config.baseUrl, issue.number));
  const ids = newest.map((issue) => issueUrl(feedIdBase(config), idNumber(issue)));
  const contents = newest.map((issue, i) => cdataSafe(entryHtml(xmlCharacters(html(issue)), links[i]!)));
  const channel = { ...config, name: xmlCharacters(config.name), description: config.description === undefined ? undefined : xmlCharacters(config.description) };
  const make = (title: (text: string) => string, summary: (text: string) => string, channelText: (text: string) => string, channelDescription = channelText) => {
    const feed = new Feed(feedOptions(channel, newest[0], channelText, channelDescription));
    newest.forEach((issue, i) => {
      const link = links[i]!;
      const id = ids[i]!;
      const date = issueDate(issue.date);
      // `date` is what an entry was last changed (JSON Feed's `date_modified`, Atom's `<updated>`), `published` when it came out
      // (`date_published`, `<published>`; RSS's `pubDate` either): both the issue's date, which a rebuild does not move.
      feed.addItem({ title: title(xmlCharacters(issue.subject)), id, link, date, published: date, description: summary(xmlCharacters(issue.title)), content: contents[i] });
    });
    return feed;
  };
  // XML titles sit in CDATA sections; JSON has none, so its text stays exactly as written.
  const markup = (text: string) => cdataSafe(escapeHtml(text));
  const asIs = (text: string) => text;
  // RSS readers take the channel's `<description>` as HTML, as an item's (feedparser does: `<b>` showed bold, `<best>` vanished): escaped as markup.
  const rss = make((text) => text.replaceAll(CDATA_END, CDATA_END_STANDIN), markup, xmlJsText, (text) => xmlJsText(escapeHtml(text))).rss2().replaceAll(CDATA_END_STANDIN, SPLIT_CDATA_END);
  const atom = make(markup, markup, xmlJsText).atom1().replace(ATOM_ROOT, `${ATOM_ROOT.slice(0, -1)} xml:lang="${config.language}">`);
  return { rss, json: withJsonFeedLanguage(make(asIs, asIs, asIs).json1(), config.language), atom };
}

/** The root element `feed` 6 writes: the canonical tag (language.ts) holds only letters, digits and hyphens, so it goes in as an attribute as it is. */
const ATOM_ROOT = '<feed xmlns="http://www.w3.org/2005/Atom">';

/**
 * A JSON Feed of `feed` 6 (version 1, four-space indents) as version 1.1,
 * with `language` (JSON Feed 1.1 §"Top-level") before its items: version 1
 * has no such key. The rest of 1.1 is 1's (its `author` is deprecated, not
 * removed), so nothing else changes.
 */
function withJsonFeedLanguage(json: string, language: string): string {
  const { items, ...top } = JSON.parse(json) as Record<string, unknown>;
  return JSON.stringify({ ...top, version: 'https://jsonfeed.org/version/1.1', language, items }, null, 4);
}

/**
 * Plain text for an element xml-js (under `feed` 6) writes as text, the
 * channel's title, description and author: xml-js first turns every
 * `&amp;` back into `&` ("desanitize", so as not to escape twice) and then
 * escapes, so a name written `Fish &amp; Chips` would read `Fish & Chips`.
 * Each `&` is handed over as `&amp;`, which that first step turns back
 * exactly: every text shows as written.
 */
function xmlJsText(text: string): string {
  return text.replaceAll('&', '&amp;');
}

/**
 * `text` with each character XML 1.0 § 2.2 `Char` excludes replaced by
 * U+FFFD: a document holds tab, line feed, carriage return and
 * U+0020–U+D7FF, U+E000–U+FFFD, U+10000–U+10FFFF only, and a feed with any
 * other is not well-formed (feed readers drop it whole). Issue text has
 * such characters replaced (diagnostics/control-characters.ts) and the
 * config refuses them, so none should arrive: every text a feed is made of
 * goes through here all the same, before `CDATA_END_STANDIN` (U+FFFF) is
 * used, so no text can be mistaken for it.
 */
function xmlCharacters(text: string): string {
  return text.replace(NOT_XML_CHAR, '\ufffd');
}

const NOT_XML_CHAR = /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;

/**
 * An RSS `<title>` is plain text in a CDATA section, where `]]&gt;` would show
 * as written. xml-js (under `feed` 6) splits only a section's first `]]>`
 * (`String.replace` with a string), so each goes in as U+FFFF, which no
 * text of a feed holds (`xmlCharacters` makes it U+FFFD), and
 * is split in the XML afterwards: `]]` ends the section, `>` starts the next.
 */
const CDATA_END = ']]>';
const CDATA_END_STANDIN = '\uffff';
const SPLIT_CDATA_END = ']]]]><![CDATA[>';

/** The channel's settings; `text` prepares each of its plain texts for the format (`xmlJsText` for RSS and Atom), `description` its description (as HTML for RSS). */
function feedOptions(config: FeedConfig, newest: IssueRendering | undefined, text: (text: string) => string, description: (text: string) => string): FeedOptions {
  const url = (path: string) => new URL(path, config.baseUrl).href;
  return {
    id: feedIdBase(config),
    title: text(config.name),
    description: config.description === undefined ? undefined : description(config.description),
    link: config.baseUrl,
    language: config.language,
    // The newest issue's date, not the clock: the same input, the same bytes.
    updated: issueDate(newest?.date ?? '1970-01-01'),
    generator: 'paperboy',
    // RFC 4287 §3.2: a name, and optionally an IRI "associated with the person" (the site; `feed` writes it as <uri>).
    // Not the `from` address as <email> (optional there): a public feed is where address harvesters look.
    author: { name: text(config.name), link: config.baseUrl },
    feedLinks: { rss: url('feed.xml'), atom: url('atom.xml'), json: url('feed.json') },
  };
}

function issueDate(date: string): Date {
  const parsed = new Date(`${date}T00:00:00Z`);
  return Number.isNaN(parsed.getTime()) ? new Date(0) : parsed;
}

/**
 * An entry's HTML as a feed reader can show it, which has neither the issue
 * page's address nor its stylesheet:
 * - every `href`, `src` and `cite` absolute, resolved against the issue page
 *   (`pageUrl`) as the page itself resolves them: a footnote's `#i1-p0-…-fn-1`
 *   leads to the note on the issue page, which holds those ids. A reader
 *   resolves a relative link against the feed's URL or not at all
 *   (RSS 2.0 has no base; Atom's xml:base is seldom honoured).
 * - each formula as its MathML alone: KaTeX writes a formula twice, as
 *   MathML and as spans (`.katex-html`) that only its CSS lays out, so
 *   without that CSS a reader shows both, the spans garbled. Readers and
 *   browsers render MathML natively (MathML Core).
 * Both on the parsed fragment (cheerio's htmlparser2 build, as
 * render/inline-css.ts uses it; it reads MathML as foreign content).
 */
function entryHtml(html: string, pageUrl: string): string {
  const $ = load(html, { xml: FRAGMENT }, false);
  mathmlOnly($);
  absoluteUrls($, pageUrl);
  return $.html();
}

/**
 * HTML, not XML; written back with characters as they are (dom-serializer's
 * `utf8`: only `&`, `<`, `>`, `"` and U+00A0 as references; by default it
 * writes every non-ASCII character as one). cheerio hands these options to
 * dom-serializer, though its type names only the parser's.
 */
const FRAGMENT = { xmlMode: false, decodeEntities: true, encodeEntities: 'utf8' as const };

/** Each KaTeX formula (`.katex`: its `.katex-mathml` and `.katex-html` parts) replaced by its `<math>` element. */
function mathmlOnly($: CheerioAPI): void {
  $('.katex').each((_, formula) => {
    const math = $(formula).find('.katex-mathml > math').first();
    if (math.length > 0) $(formula).replaceWith(math);
  });
}

/** The attributes whose value is a URL in the sanitized HTML (rehype-sanitize keeps `cite` on quotes and edits). */
const URL_ATTRIBUTES = ['href', 'src', 'cite'];

function absoluteUrls($: CheerioAPI, pageUrl: string): void {
  for (const name of URL_ATTRIBUTES) {
    $(`[${name}]`).each((_, element) => {
      const url = absoluteUrl($(element).attr(name)!, pageUrl);
      if (url) $(element).attr(name, url);
    });
  }
}

/** `url` resolved against `base`; undefined when it is no URL (left as written: the sanitizer let it through). */
function absoluteUrl(url: string, base: string): string | undefined {
  try {
    return new URL(url, base).href;
  } catch {
    return undefined;
  }
}

/** `feed` puts titles and content in CDATA sections, which `]]>` would end: `]]&gt;` reads the same in HTML. */
function cdataSafe(text: string): string {
  return text.replaceAll(']]>', ']]&gt;');
}
