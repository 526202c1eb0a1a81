import GithubSlugger from 'github-slugger';
import { isFootnoteId } from './footnote-ids.js';

/**
 * The ids the built-in templates (`templates/`, web and email) write
 * themselves: a paper's anchor never takes one (a paper titled "Main" is not
 * the layout's `<main id="main">`). tests/issue/anchors.test.ts reads the
 * templates and fails when one gains an id missing here.
 */
export const TEMPLATE_IDS: ReadonlySet<string> = new Set([
  'main',
  'subscribe-email',
  'subscribe-website',
  'paper-query',
  'filter-tag',
  'filter-section',
  'filter-year',
  'filter-author',
  'bibtex-label',
  'bibtex-entry',
  'copy-status',
]);

/**
 * A slug kept as an anchor: one starting with a letter or a digit, not with
 * `-` or `_` (`-1`, which github-slugger gives a second title with nothing to
 * slug) or a lone combining mark (the `≠` of a title written decomposed).
 * Every slug is a valid HTML id (WHATWG HTML §3.2.6.1: not empty, no ASCII
 * whitespace); one starting with a digit (`1-bit-llms`) or holding a
 * combining mark stays as GitHub writes it, though html-validate's strict
 * `valid-id` wants a letter first: papers' URLs do not move for a linter.
 */
const KEPT_SLUG = /^[\p{L}\p{N}]/u;

/**
 * The HTML anchor of each paper of an issue (`#steering-gpt-2-xl-by-adding-an-activation-vector`),
 * unique within the issue: the whole title as GitHub slugs a heading (github-slugger:
 * lower case, punctuation dropped, spaces to `-`, letters of every script kept),
 * a repeated title gets `-1`, `-2`. Never cut, so an anchor never ends mid-word.
 * Every output links to papers with these, and cross-references in other issues
 * compute them from the stored facts.
 *
 * A slug that would be another id of the page (one of `TEMPLATE_IDS`, or a
 * footnote's: `isFootnoteId`) or that starts with no letter or digit
 * (`KEPT_SLUG`) is `Paper-` and its letters, digits, `-` and `_` (`Paper-main`; `-1`,
 * `-2` after a repeat). No slug has a capital letter, so this changes no
 * other anchor: every other title keeps the anchor github-slugger gives it.
 */
export function paperAnchors(titles: readonly string[]): string[] {
  const slugger = new GithubSlugger();
  const renamed = new Set<string>();
  return titles.map((title) => {
    const slug = slugger.slug(title) || slugger.slug('paper');
    return isFreeAnchor(slug) ? slug : renamedAnchor(slug, renamed);
  });
}

function isFreeAnchor(slug: string): boolean {
  return KEPT_SLUG.test(slug) && !TEMPLATE_IDS.has(slug) && !isFootnoteId(slug);
}

/** `Paper-` and what of `slug` a valid id may hold, unique among the issue's `renamed` ones (which it joins). */
function renamedAnchor(slug: string, renamed: Set<string>): string {
  const kept = slug.normalize('NFC').replace(/[^\p{L}\p{N}_-]/gu, '').replace(/^[-_]+/, '');
  const base = kept ? `Paper-${kept}` : 'Paper';
  let anchor = base;
  for (let repeat = 1; renamed.has(anchor); repeat++) anchor = `${base}-${repeat}`;
  renamed.add(anchor);
  return anchor;
}
