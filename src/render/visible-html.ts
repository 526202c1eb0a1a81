import { Parser } from 'htmlparser2';
import { HIDDEN_ELEMENTS } from './raw-html.js';

/**
 * What a reader of an HTML email sees of it: its visible text, and whether
 * it holds a visible link to a given address. A string search of the
 * markup cannot tell: `<!-- {{links.unsubscribe}} -->`, a `title="…"`
 * attribute, a `<style>` rule or a `display: none` block all hold the text
 * and show none of it. Parsed as mail programs parse it (htmlparser2:
 * comments, raw-text `<script>`/`<style>`, entities decoded).
 */

/** What a visible HTML email shows: its text (whitespace as written) and the visible links' targets. */
export interface VisibleHtml {
  text: string;
  /** The `href` of each `<a>` that is shown and has something to click on (text or an image). */
  linkTargets: Set<string>;
}

/**
 * Elements whose content is never shown in the body: the document's head,
 * scripts, styles, `<template>` (HTML § 4.12.3, its content is inert) and
 * `<noscript>` (mail programs run no script, but neither do they agree on it).
 */
const UNSHOWN_ELEMENTS = new Set([...HIDDEN_ELEMENTS, 'head', 'title', 'noscript']);

/** Text a reader can see and click: a character other than white space (a no-break space too) and the format characters that show nothing (U+200B zero-width space, U+2060 word joiner: Unicode's Cf). */
const SHOWS_SOMETHING = /[^\s\p{Cf}]/u;

/**
 * Inline styles that hide an element and what it holds (CSS is inlined
 * before the check, so a class's `display: none` is here too): CSS 2.1
 * § 9.2.4 `display: none`, § 11.2 `visibility: hidden`, and Outlook's
 * `mso-hide: all`.
 */
const HIDING_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden|mso-hide\s*:\s*all)\s*(?:!important\s*)?(?:;|$)/i;

/** Whether an element hides its content: unshown by kind, the `hidden` attribute (HTML § 6.1), or an inline style. */
function hides(name: string, attributes: Record<string, string>): boolean {
  return UNSHOWN_ELEMENTS.has(name) || 'hidden' in attributes || HIDING_STYLE.test(attributes['style'] ?? '');
}

/** Parses `html` into what a reader sees of it. */
export function visibleHtml(html: string): VisibleHtml {
  const linkTargets = new Set<string>();
  const text: string[] = [];
  /** Per open element: whether it or an ancestor hides its content, and the visible link it opens. */
  const open: { hidden: boolean; link: { href: string; shown: boolean } | undefined }[] = [];
  const hidden = () => open.at(-1)?.hidden ?? false;
  const currentLink = () => {
    for (let i = open.length - 1; i >= 0; i--) if (open[i]!.link) return open[i]!.link;
    return undefined;
  };
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        const isHidden = hidden() || hides(name, attributes);
        const link = name === 'a' && attributes['href'] !== undefined && !isHidden ? { href: attributes['href'].trim(), shown: false } : undefined;
        if (name === 'img' && !isHidden) markShown(currentLink());
        open.push({ hidden: isHidden, link });
      },
      ontext(data) {
        if (hidden()) return;
        text.push(data);
        if (SHOWS_SOMETHING.test(data)) markShown(currentLink());
      },
      onclosetag() {
        const element = open.pop();
        if (element?.link?.shown) linkTargets.add(element.link.href);
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.end(html);
  return { text: text.join(''), linkTargets };
}

function markShown(link: { shown: boolean } | undefined): void {
  if (link) link.shown = true;
}
