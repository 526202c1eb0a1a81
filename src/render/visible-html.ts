import { Parser } from 'htmlparser2';
import { backgroundOf, colorName, declarations, fontSizePx, hidingDeclaration, invisibleOn, parseColor, UNREADABLE_FONT_PX, zeroSizedImage, type Rgba } from './css-visibility.js';
import { HIDDEN_ELEMENTS } from './raw-html.js';
import { recentlyUsed } from '../recently-used.js';

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
  /** Why a reader does not see what a link holds, for the `href` of each `<a>` with text or an image that is hidden (`font-size: 0`, `aria-hidden="true"`…): the first such link's. */
  hiddenLinks: Map<string, Hidden>;
  /** The text a reader does not see, in runs (one per element and reason), in the order written. */
  hiddenText: (Hidden & { text: string })[];
}

/** An element of the HTML as parsed: its name (lower case), attributes (names lower case, values decoded) and where its start tag begins (UTF-16 offset). */
export interface HtmlElement {
  name: string;
  attributes: Readonly<Record<string, string>>;
  offset: number;
}

/** What hides something, and the element that does: the one written with it (the `display: none` block, the link coloured as its background). */
export interface Hidden {
  reason: string;
  element: HtmlElement;
}

/**
 * Elements whose content is never shown in the body: the document's head,
 * scripts, styles, `<template>` (HTML § 4.12.3, its content is inert) and
 * `<noscript>` (mail programs run no script, but neither do they agree on it).
 */
const UNSHOWN_ELEMENTS = new Set([...HIDDEN_ELEMENTS, 'head', 'title', 'noscript']);

/** Text a reader can see and click: a character other than white space (a no-break space too) and the format characters that show nothing (U+200B zero-width space, U+2060 word joiner: Unicode's Cf). */
const SHOWS_SOMETHING = /[^\s\p{Cf}]/u;

/** A link's default colour in mail programs (and browsers): an `<a>` does not take its parent's text colour. */
const LINK_BLUE: Rgba = { r: 0, g: 0, b: 238, a: 1 };
/** What a message is shown on and in, unless it says otherwise: black on white, at mail programs' 16 px. */
const PAGE: Pick<Rendered, 'color' | 'background' | 'font'> = { color: { r: 0, g: 0, b: 0, a: 1 }, background: { r: 255, g: 255, b: 255, a: 1 }, font: { px: 16, setBy: undefined } };

/**
 * Why an element hides itself and all it holds from a reader, or
 * undefined: unshown by kind, the `hidden` attribute (HTML § 6.1),
 * `aria-hidden="true"` (WAI-ARIA 1.2 § 6.6: a screen reader skips it, so a
 * reader who listens gets none of it), or a hiding style (css-visibility.ts).
 */
function hiddenBy(name: string, attributes: Record<string, string>, style: ReadonlyMap<string, string>): string | undefined {
  if (UNSHOWN_ELEMENTS.has(name)) return `a \`<${name}>\` element`;
  if ('hidden' in attributes) return 'the `hidden` attribute';
  if (attributes['aria-hidden']?.trim().toLowerCase() === 'true') return '`aria-hidden="true"` (a screen reader skips it)';
  return hidingDeclaration(style, name);
}

/** What an open element gives what it holds: whether it is hidden (and why), and the text's size, colour and background there. */
interface Rendered {
  /** The element itself. */
  element: HtmlElement;
  hidden: Hidden | undefined;
  /** The font size in CSS pixels, and the element that set it with its declaration as written (undefined for the default). */
  font: { px: number; setBy: { element: HtmlElement; written: string } | undefined };
  /** The text colour; `unknown` for one this cannot read. */
  color: Rgba | 'unknown';
  /** The nearest background painted behind it; `unknown` for an image or a colour this cannot read. */
  background: Rgba | 'unknown';
  link: { href: string; shown: boolean; hiddenBy: Hidden | undefined } | undefined;
}

/** What `element` (with its parsed style) renders as, inside `parent`. */
function rendered(element: HtmlElement, style: ReadonlyMap<string, string>, parent: Rendered | undefined): Omit<Rendered, 'link'> {
  const { name, attributes } = element;
  const inherited = parent ?? { hidden: undefined, font: PAGE.font, color: PAGE.color, background: PAGE.background };
  const reason = inherited.hidden ? undefined : name === 'summary' || !closedDetails(parent?.element) ? hiddenBy(name, attributes, style) : CLOSED_DETAILS;
  const hidden = inherited.hidden ?? (reason === undefined ? undefined : { reason, element: reason === CLOSED_DETAILS ? parent!.element : element });
  const px = fontSizePx(style, inherited.font.px);
  const written = style.get('color') ?? (name === 'font' ? attributes['color'] : undefined);
  const color =
    written === undefined ? (name === 'a' ? LINK_BLUE : inherited.color) : /^\s*(?:inherit|currentcolor)\s*$/i.test(written) ? inherited.color : (parseColor(written) ?? 'unknown');
  return {
    element,
    hidden,
    font: px === undefined ? inherited.font : { px, setBy: { element, written: style.get('font-size')!.trim() } },
    color,
    background: backgroundOf(attributes, style) ?? inherited.background,
  };
}

/**
 * Why what a `<details>` holds besides its `<summary>` is hidden until a
 * reader opens it (HTML § 4.11.1), as mail programs that show `<details>`
 * do; one without the `open` attribute starts closed.
 */
const CLOSED_DETAILS = 'a closed `<details>` (shown only when a reader opens it)';

function closedDetails(element: HtmlElement | undefined): boolean {
  return element?.name === 'details' && !('open' in element.attributes);
}

/** Why text rendered as `at` shows nothing (a colour by the element holding the text), or undefined when a reader sees it. */
function textHiddenBy(at: Omit<Rendered, 'link'>): Hidden | undefined {
  if (at.hidden) return at.hidden;
  if (closedDetails(at.element)) return { reason: CLOSED_DETAILS, element: at.element };
  const { px, setBy } = at.font;
  if (px < UNREADABLE_FONT_PX && setBy) return { reason: px === 0 ? '`font-size: 0`' : `\`font-size: ${setBy.written}\` (too small to read)`, element: setBy.element };
  if (at.color === 'unknown' || at.background === 'unknown') return undefined;
  if (at.color.a === 0) return { reason: '`color: transparent`', element: at.element };
  if (invisibleOn(at.color, at.background)) return { reason: `the text colour ${colorName(at.color)} on the background ${colorName(at.background)}, the same or nearly`, element: at.element };
  return undefined;
}

/**
 * The declarations of each `style` attribute read (css-visibility.ts
 * `declarations`), by its text, never changed by their readers: an email's
 * inline styles are its stylesheet's few dozen rules copied onto every
 * element they style (inline-css.ts), read again for each. At most 4,096:
 * an email has a few dozen; `serve --dev` reads each version of an edited
 * template's.
 */
const stylesRead = recentlyUsed(4096, (written: string): ReadonlyMap<string, string> => declarations(written));
const NO_STYLE: ReadonlyMap<string, string> = new Map();

function styleOf(written: string | undefined): ReadonlyMap<string, string> {
  return written === undefined ? NO_STYLE : stylesRead(written);
}

/** Parses `html` into what a reader sees of it. */
export function visibleHtml(html: string): VisibleHtml {
  const linkTargets = new Set<string>();
  const hiddenLinks = new Map<string, Hidden>();
  const hiddenText: VisibleHtml['hiddenText'] = [];
  const text: string[] = [];
  const open: Rendered[] = [];
  const currentLink = () => {
    for (let i = open.length - 1; i >= 0; i--) if (open[i]!.link) return open[i]!.link;
    return undefined;
  };
  /** Something to click on (`reason` undefined) or something hidden (why) inside the current link. */
  const holds = (reason: Hidden | undefined) => {
    const link = currentLink();
    if (!link) return;
    if (reason === undefined) link.shown = true;
    else link.hiddenBy ??= reason;
  };
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        const style = styleOf(attributes['style']);
        const at = rendered({ name, attributes, offset: parser.startIndex }, style, open.at(-1));
        const link = name === 'a' && attributes['href'] !== undefined ? { href: attributes['href'].trim(), shown: false, hiddenBy: undefined } : undefined;
        open.push({ ...at, link });
        if (name === 'img') holds(at.hidden ?? (zeroSizedImage(attributes, style) ? { reason: 'an image of no width or height', element: at.element } : undefined));
      },
      ontext(data) {
        const at = open.at(-1);
        const reason = at && textHiddenBy(at);
        if (reason === undefined) text.push(data);
        else if (hiddenText.at(-1)?.element === reason.element && hiddenText.at(-1)?.reason === reason.reason) hiddenText.at(-1)!.text += data;
        else hiddenText.push({ ...reason, text: data });
        if (SHOWS_SOMETHING.test(data)) holds(reason);
      },
      onclosetag() {
        const link = open.pop()?.link;
        if (link?.shown) linkTargets.add(link.href);
        else if (link?.hiddenBy !== undefined && !hiddenLinks.has(link.href)) hiddenLinks.set(link.href, link.hiddenBy);
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.end(html);
  return { text: text.join(''), linkTargets, hiddenLinks, hiddenText };
}
