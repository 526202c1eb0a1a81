import type { TextDirection } from '../config/language.js';
import type { WordKey, Words } from '../config/words.js';
import type { LinePiece } from './bidi.js';

/**
 * The data every Handlebars template receives: a `ContentView` (what an
 * issue *says*, the same for the email, the archive page, the feed entries
 * and the reviewers' proof) and, for an email, an `EmailView` that adds the
 * envelope around it (preheader, "view in browser", unsubscribe, postal
 * address, the review banner).
 *
 * Strings are plain text: Handlebars escapes them (`{{issue.title}}`). Fields
 * of type `RichText` are rendered Markdown: write `{{{summary.html}}}` in an
 * HTML template (it is already sanitized) and `{{summary.text}}` in a text one.
 * Every key is always present (optional values are `undefined`), so every
 * path a template reads, a block's or a helper's argument included, is
 * looked up strictly (template-outline.ts): a misspelt field is an error
 * with its line and column, not an empty string, while `{{#if opinion}}`
 * on a paper without an opinion renders its `{{else}}`.
 *
 * Example, a paper in an HTML partial:
 *
 *     <h3 id="{{anchor}}">{{#if url}}<a href="{{url}}">{{title}}</a>{{else}}{{title}}{{/if}}</h3>
 *     <p>{{authorsLine}}{{#if sourceLine}} · {{sourceLine}}{{/if}}</p>
 *     {{{summary.html}}}
 */
export interface ContentView {
  newsletter: NewsletterView;
  issue: IssueView;
  /**
   * The body before the `<!-- papers -->` marker (all of it without a
   * marker); its plaintext ends with the list of its link references.
   */
  intro: RichText;
  /**
   * The body after the marker: in HTML followed by the body's footnotes, in
   * plaintext by its link references (the footnotes are in `footnotes`).
   */
  outro: RichText;
  /**
   * Plaintext only: the footnotes of the body (intro and closing), with
   * their link references, for the end of the email. In HTML they end the
   * outro. A paper's own notes are in its `footnotes`.
   */
  footnotes: string;
  /** The highlighted papers, first, under a "Highlights" heading; undefined when none. */
  highlights: SectionView | undefined;
  /** The other papers by section: the config's `sections` order, else first appearance. */
  sections: SectionView[];
  /** Every paper in reading order (highlights, then sections), `number` 1, 2, 3… */
  papers: PaperView[];
}

/** What an email wraps around an issue's content: every field an email template sees besides the `ContentView`'s. */
export interface EnvelopeView {
  /** Inbox preview text; empty when the issue has none. */
  preheader: string;
  /** Shown in every footer (anti-spam laws require it). */
  postalAddress: string;
  links: LinksView;
  /** Present only in a review proof (`--review`). */
  review: ReviewView | undefined;
}

/**
 * The view of `email.html` and `email.txt`: the content, with the envelope's
 * fields where email templates have always found them (`issue.preheader`,
 * `newsletter.postalAddress`, `links`, `review`).
 */
export interface EmailView extends ContentView {
  newsletter: NewsletterView & Pick<EnvelopeView, 'postalAddress'>;
  issue: IssueView & Pick<EnvelopeView, 'preheader'>;
  links: LinksView;
  review: ReviewView | undefined;
}

/** Rendered Markdown, in each output format. */
export interface RichText {
  /** A sanitized HTML fragment: output it with `{{{…}}}`. */
  html: string;
  /** Wrapped plaintext, link references as `[1]`; empty when only HTML was rendered. */
  text: string;
}

export interface NewsletterView {
  name: string;
  description: string | undefined;
  /** Where the archive is published, with a trailing slash. */
  baseUrl: string;
  /** The config's `language`, a canonical BCP 47 tag (`en`, `de-AT`, `he`): `<html lang="{{newsletter.language}}">`. */
  language: string;
  /**
   * Which way that language's text runs, `ltr` or `rtl` (from ICU's locale
   * data): `{{#if (eq newsletter.direction "rtl")}} dir="rtl"{{/if}}`.
   */
  direction: TextDirection;
  /**
   * paperboy's own words by key (config/words.ts: "Unsubscribe", `Issue
   * #{number}`): the config's `words:`, else English. Templates say them
   * with `{{word "unsubscribe"}}`, which fills the placeholders.
   */
  words: Words;
  /** The language tag (`en`) of each word left English on pages in another language while `words:` translates others: `word` marks it `lang`. */
  wordsApart: Partial<Record<WordKey, string>>;
}

interface IssueView {
  number: number;
  title: string;
  /** YYYY-MM-DD, as written in the issue. */
  date: string;
  /** "29 May 2023": the same date for readers, in every locale. */
  dateFormatted: string;
  subject: string;
  editor: string | undefined;
  reviewers: string[];
  /** "Thanks to A and B for reviewing this issue."; undefined without reviewers. */
  reviewersThanks: string | undefined;
  /** `reviewersThanks` one name at a time, for `{{isolate issue.reviewersThanksListed}}` (helpers.ts); empty without reviewers. */
  reviewersThanksListed: LinePiece[];
  /** The issue's page in the web archive. */
  url: string;
}

export interface SectionView {
  /** The heading: the last part of the section path ("Interpretability"). */
  title: string;
  /** The full path, `["Technical alignment", "Interpretability"]`. */
  path: string[];
  /** 1 for a top-level section, 2 for a subsection… */
  depth: number;
  /** The HTML heading level to use, `<h{{headingLevel}}>`: 2 for top level, up to 6. */
  headingLevel: number;
  /** Papers directly in this section, before the subsections. */
  papers: PaperView[];
  subsections: SectionView[];
}

export interface PaperView {
  /** Position in reading order, from 1. */
  number: number;
  /** The id of the paper's block, `#anchor` in the archive page: the whole title as github-slugger slugs it. */
  anchor: string;
  /** The HTML heading level of its title, `<h{{headingLevel}}>`: one below its section's heading. */
  headingLevel: number;
  title: string;
  /**
   * The paper itself, absolute; undefined when its scheme is unsafe (the
   * same filter as Markdown links): write `{{#if url}}` around the link.
   */
  url: string | undefined;
  /** The paper's summary in the web archive (the issue page and its anchor), serialized as `url` is: ASCII, the anchor percent-encoded (links.ts `serializedUrl`). */
  webUrl: string;
  authors: string[];
  /** "A, B and C": every author (the archive page). */
  authorsLine: string;
  /** The list as emails show it: `authorsLine`, or "A et al." past the config's `email.maxAuthors`. */
  authorsBrief: string;
  /**
   * `authorsLine` and `authorsBrief` one name at a time, each `text` and
   * the `after` it (`", "`, `" and "`, `""`), for `{{isolate authorsBriefListed}}`:
   * each name kept in its place when one is right-to-left (helpers.ts).
   */
  authorsListed: LinePiece[];
  authorsBriefListed: LinePiece[];
  venue: string | undefined;
  year: number | undefined;
  /** "LessWrong, 2023", or whichever of the two is known; undefined if neither. */
  sourceLine: string | undefined;
  /** `sourceLine` one part at a time (the venue, the year), for `{{isolate sourceListed}}`; empty when `sourceLine` is undefined. */
  sourceListed: LinePiece[];
  arxiv: string | undefined;
  tags: string[];
  highlight: boolean;
  /** The section path, as in `SectionView.path`. */
  section: string[];
  /** "Summarized by" this person, when not the editor. */
  summarizer: string | undefined;
  /** Hat tip: who pointed the editor to the paper ("H/T"). */
  via: string | undefined;
  prerequisites: RichText | undefined;
  summary: RichText;
  opinion: RichText | undefined;
  /** Private notes: only in a review proof, undefined in every other output. */
  notes: RichText | undefined;
  /**
   * The footnotes of the paper's texts, to place after them: numbered across
   * the email in reading order, the same numbers in the HTML (`<li value>`),
   * the plaintext and the preview; undefined when it has none.
   */
  footnotes: RichText | undefined;
  /** Plaintext: the numbered list of the paper's link targets, `[1] https://…`; empty in HTML. */
  references: string;
}

interface LinksView {
  /** The issue in the web archive. */
  viewInBrowser: string;
  /** The archive's home page. */
  archive: string;
  /**
   * The recipient's unsubscribe link. While rendering this is a placeholder
   * that `personalize` replaces for each recipient: use it as is.
   */
  unsubscribe: string;
}

export interface ReviewView {
  /** Lint messages of the issue, shown at the top of the proof. */
  warnings: ReviewMessage[];
}

/** A lint message as the proof shows it (the renderer does not depend on the linter). */
export interface ReviewMessage {
  line: number;
  column: number;
  severity: 'error' | 'warning';
  message: string;
  ruleId: string;
}
