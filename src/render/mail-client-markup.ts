import type { CheerioAPI } from 'cheerio/slim';
import type { Element } from 'domhandler';

/**
 * The HTML email's markup as the mail clients readers use keep it, per
 * caniemail.com's tests (the data `@jsx-email/doiuse-email` carries; the
 * test of this module checks the email against it):
 *
 * - `<bdi>` ("html-bdi"): Gmail (web and apps), Outlook (Windows, Windows
 *   Mail, outlook.com, iOS, Android) do not support it, so a right-to-left
 *   name lost its isolation there and pulled the commas and names around it
 *   out of place. A `<span dir="auto">` isolates the same way (HTML's
 *   rendering rules give an element with `dir` `unicode-bidi: isolate`, its
 *   direction from its first strong letter, as `<bdi>`), and every one of
 *   them keeps `dir` ("html-dir").
 * - HTML5 sectioning elements ("html-semantics": `<section>`, `<article>`,
 *   `<aside>`, `<header>`, `<footer>`, `<nav>`, `<main>`): Outlook for
 *   Windows does not support them, outlook.com and Outlook's apps strip
 *   their tags, with the styles they carry (the footnotes' smaller type and
 *   the rule above them, `<section class="footnotes">`). Each is a `<div>`.
 * - Local anchors ("html-anchor-links", note 7): Gmail's webmail and Outlook
 *   for Windows follow `href="#x"` only to an empty `<a name="x">`, not to
 *   an element's `id`, so a footnote's number and its back-link led nowhere.
 *   Each element an in-email link points to gets one, unless it has it.
 *
 * Run on the email after its CSS is inlined, so a template's selectors
 * (`section.footnotes`, `bdi`) still find the elements they were written for.
 */
export function adaptForMailClients($: CheerioAPI): void {
  for (const element of $('bdi').toArray()) {
    element.name = 'span';
    // A `dir` the template set wins, as it would on the `<bdi>`.
    element.attribs.dir ??= 'auto';
  }
  for (const element of $<Element, string>(SECTIONING.join(',')).toArray()) element.name = 'div';
  addNamedAnchors($);
}

/** The elements of "html-semantics" that carry content (caniemail's notes name them); `<time>`, which Outlook keeps, is left. */
const SECTIONING = ['section', 'article', 'aside', 'header', 'footer', 'nav', 'main'];

/** Elements that hold no `<a>` before their content: a named anchor goes before them. */
const ANCHOR_BEFORE = new Set(['a', 'img', 'br', 'hr', 'input', 'wbr', 'table', 'ul', 'ol', 'dl']);

/** Elements whose children are rows or cells: the named anchor goes into their first cell. */
const ANCHOR_IN_FIRST_CELL = new Set(['thead', 'tbody', 'tfoot', 'tr']);

/**
 * An empty `<a name="x">` for each element `id="x"` that a link of the email
 * points to (`href="#x"`), where no `<a name="x">` is yet: before the
 * element when it cannot hold one first (a link, an image, a list, a
 * table), else as its first child.
 */
function addNamedAnchors($: CheerioAPI): void {
  const targets = new Set<string>();
  for (const link of $('a[href^="#"]').toArray()) targets.add(link.attribs.href!.slice(1));
  if (targets.size === 0) return;
  const named = new Set($('a[name]').toArray().map((anchor) => anchor.attribs.name!));
  for (const element of $('[id]').toArray()) {
    const id = element.attribs.id!;
    if (!targets.has(id) || named.has(id)) continue;
    named.add(id);
    const anchor = $('<a></a>').attr('name', id);
    if (ANCHOR_BEFORE.has(element.name)) {
      $(element).before(anchor);
    } else if (ANCHOR_IN_FIRST_CELL.has(element.name)) {
      $(element).find('td, th').first().prepend(anchor);
    } else {
      $(element).prepend(anchor);
    }
  }
}
