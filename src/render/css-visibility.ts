import convert from 'color-convert';
import colorString from 'color-string';
import { offscreenDeclaration, PX_PER } from './css-offscreen.js';
import { recentlyUsed } from '../recently-used.js';

/**
 * What an element's inline style (and its presentational attributes) does
 * to whether a reader sees it, for visible-html.ts: CSS is inlined before
 * the check (inline-css.ts), so a class's rules are here too. Only what
 * surely hides counts: a style this cannot judge (a colour it does not
 * know, a background image) leaves the text shown, so a footer is never
 * refused for a style it merely does not understand.
 */

/** An RGB colour (0–255 each) and its alpha (0–1); never changed once made (`parseColor` gives one colour to every caller that reads the same text). */
export interface Rgba {
  readonly r: number;
  readonly g: number;
  readonly b: number;
  readonly a: number;
}

/** A style's declarations, property (lower case) → value (without `!important`); the last of a property wins, as in a browser without `!important`. */
export function declarations(style: string | undefined): Map<string, string> {
  const found = new Map<string, string>();
  for (const declaration of (style ?? '').split(';')) {
    const colon = declaration.indexOf(':');
    if (colon === -1) continue;
    const value = declaration.slice(colon + 1).replace(/!\s*important\s*$/i, '').trim();
    found.set(declaration.slice(0, colon).trim().toLowerCase(), value);
  }
  return found;
}

/** A CSS length of zero (`0`, `0px`, `0.0em`, `0%`). */
function isZero(value: string | undefined): boolean {
  return value !== undefined && /^[+-]?0*\.?0*(?:[a-z]+|%)?$/i.test(value) && /0/.test(value);
}

/**
 * Why a declaration of `style` hides the element and all it holds, or
 * undefined. `display: none` and `visibility: hidden` (CSS 2.1 § 9.2.4,
 * § 11.2), Outlook's `mso-hide: all`, `opacity: 0` (CSS Color 4 § 4: the
 * element is painted fully transparent, whatever its descendants say), and a
 * box of no height or width whose overflow is hidden (`max-height: 0;
 * overflow: hidden`, as a preheader is hidden). A width or height of 0
 * alone hides nothing: what the box holds overflows it, shown. Then what
 * moves, clips or shrinks the element (of kind `name`) out of sight
 * (css-offscreen.ts: `left: -9999px`, `clip: rect(0 0 0 0)`, `transform:
 * scale(0)`, `text-indent: -9999px`).
 */
export function hidingDeclaration(style: ReadonlyMap<string, string>, name: string): string | undefined {
  if (style.get('display')?.toLowerCase() === 'none') return '`display: none`';
  if (style.get('visibility')?.toLowerCase() === 'hidden') return '`visibility: hidden`';
  if (style.get('mso-hide')?.toLowerCase() === 'all') return '`mso-hide: all`';
  const opacity = style.get('opacity');
  if (opacity !== undefined && /^[+-]?0*\.?0*%?$/.test(opacity) && /0/.test(opacity)) return `\`opacity: ${opacity}\``;
  const clipped = ['overflow', 'overflow-x', 'overflow-y'].find((property) => /^(?:hidden|clip)$/i.test(style.get(property) ?? ''));
  const zero = ['height', 'max-height', 'width', 'max-width'].find((property) => isZero(style.get(property)));
  if (clipped && zero) return `\`${zero}: ${style.get(zero)}\` with \`${clipped}: ${style.get(clipped)}\``;
  return offscreenDeclaration(name, style);
}

/**
 * Text set under this size (CSS pixels) cannot be read: `font-size: 1px`
 * hides a link as surely as `font-size: 0`. Mail programs' smallest
 * keyword size, `xx-small`, is 9 px (CSS Fonts 4 § 2.5's 3/5 of 16 px).
 */
export const UNREADABLE_FONT_PX = 4;

/** CSS Fonts 4 § 2.5's absolute-size keywords, in CSS pixels at a 16 px `medium`. */
const FONT_SIZE_KEYWORDS: Readonly<Record<string, number>> = { 'xx-small': 9, 'x-small': 10, small: 13, medium: 16, large: 18, 'x-large': 24, 'xx-large': 32, 'xxx-large': 48 };

/**
 * The font size (CSS pixels) `style` sets, its parent's being `parentPx`
 * (16 at the top, mail programs' default): a length, a percentage or
 * `em` of the parent's, `rem` of 16, a keyword; undefined when it declares
 * none or one this cannot read (`calc()`, `var()`), which inherits.
 */
export function fontSizePx(style: ReadonlyMap<string, string>, parentPx: number): number | undefined {
  const written = style.get('font-size')?.trim().toLowerCase();
  if (written === undefined) return undefined;
  if (written in FONT_SIZE_KEYWORDS) return FONT_SIZE_KEYWORDS[written];
  // CSS Fonts 4 § 2.5: `smaller` and `larger` step by about 1.2.
  if (written === 'smaller') return parentPx / 1.2;
  if (written === 'larger') return parentPx * 1.2;
  const match = /^\+?(\d*\.?\d+)([a-z%]*)$/.exec(written);
  if (!match) return undefined;
  const amount = parseFloat(match[1]!);
  const unit = match[2]!;
  if (unit === '') return amount === 0 ? 0 : undefined;
  if (unit === '%') return (parentPx * amount) / 100;
  if (unit === 'em') return parentPx * amount;
  const perUnit = PX_PER[unit];
  return perUnit === undefined ? undefined : amount * perUnit;
}

/** An image of no width or no height (`width="0"`, `height: 0`): nothing to see or click on. */
export function zeroSizedImage(attributes: Readonly<Record<string, string>>, style: ReadonlyMap<string, string>): boolean {
  return ['width', 'height'].some((dimension) => isZero(attributes[dimension]?.trim()) || isZero(style.get(dimension)) || isZero(style.get(`max-${dimension}`)));
}

/** The colour a background declaration paints (`background-color`, the colour of a `background` shorthand, the `bgcolor` attribute): `unknown` for an image or a colour this cannot read, undefined for none. */
export function backgroundOf(attributes: Readonly<Record<string, string>>, style: ReadonlyMap<string, string>): Rgba | 'unknown' | undefined {
  const shorthand = style.get('background');
  if (/url\(|gradient\(/i.test(shorthand ?? '') || /url\(|gradient\(/i.test(style.get('background-image') ?? '')) return 'unknown';
  const written = style.get('background-color') ?? shorthand ?? attributes['bgcolor'];
  if (written === undefined) return undefined;
  // A shorthand's colour among its other values (`#fff no-repeat`); `none` and the like paint nothing.
  const colours = written.split(/\s+(?![^(]*\))/).map(parseColor);
  const colour = colours.find((parsed) => parsed !== undefined);
  if (colour) return colour;
  return /^(?:none|initial|inherit|unset)$/i.test(written.trim()) ? undefined : 'unknown';
}

/**
 * A CSS colour as written (any of CSS Color 4's named colours, `#rgb` to
 * `#rrggbbaa`, `rgb()`/`rgba()`, `hsl()`/`hsla()`, `hwb()`, `transparent`;
 * case and surrounding spaces ignored), read by color-string and, for
 * `hsl()` and `hwb()`, converted to RGB by color-convert; undefined for
 * anything else (`currentcolor`, `var(…)`, a typo), which the check leaves
 * unjudged.
 */
export function parseColor(written: string): Rgba | undefined {
  return coloursRead(written);
}

/**
 * Colours read, by their text: the footer check (visible-html.ts) reads
 * the colours of every element of every email, and an email's inline
 * styles are its stylesheet's few dozen rules copied onto each element
 * they style (inline-css.ts). Kept, a colour is also the same object each
 * time, which `invisibleOn` keeps its answers by. At most 4,096: an email
 * has a few dozen; `serve --dev` reads each version of an edited template's.
 */
const coloursRead = recentlyUsed(4096, readColor);

function readColor(written: string): Rgba | undefined {
  const parsed = colorString.get(written.trim());
  if (!parsed) return undefined;
  const [x, y, z, a = 1] = parsed.value as [number, number, number, number?];
  const [r, g, b] = parsed.model === 'rgb' ? [x, y, z] : convert[parsed.model].rgb.raw(x, y, z);
  return { r, g, b, a };
}

/**
 * Text of colour `text` on a background of colour `background` (opaque)
 * shows nothing when its contrast ratio (WCAG 2.x: relative luminances,
 * the text's alpha blended over the background) is under `INVISIBLE_CONTRAST`:
 * white on white, `#fefefe` on white, `transparent` on anything. The
 * lightest grey a footer is usually written in (`#999` on white, 2.8:1) is
 * far above it.
 */
export function invisibleOn(text: Rgba, background: Rgba): boolean {
  let onText = contrasts.get(text);
  if (!onText) contrasts.set(text, (onText = new WeakMap()));
  let invisible = onText.get(background);
  if (invisible === undefined) onText.set(background, (invisible = lowContrast(text, background)));
  return invisible;
}

/**
 * `invisibleOn`'s answers by text colour, then background (the same
 * objects: `parseColor`'s, the page's, a link's blue): the check asks for
 * every run of text of an email, in a handful of colours over a handful of
 * backgrounds.
 */
const contrasts = new WeakMap<Rgba, WeakMap<Rgba, boolean>>();

function lowContrast(text: Rgba, background: Rgba): boolean {
  const blend = (channel: 'r' | 'g' | 'b') => text[channel] * text.a + background[channel] * (1 - text.a);
  const shown = { r: blend('r'), g: blend('g'), b: blend('b'), a: 1 };
  const [lighter, darker] = [luminance(shown), luminance(background)].sort((x, y) => y - x);
  return (lighter! + 0.05) / (darker! + 0.05) < INVISIBLE_CONTRAST;
}

/** Under this contrast ratio, text cannot be told from its background (1:1 is the same colour; WCAG asks 4.5:1 of body text). */
const INVISIBLE_CONTRAST = 1.1;

function luminance({ r, g, b }: Rgba): number {
  const linear = (channel: number) => {
    const c = channel / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** A colour as written in messages: `#rrggbb`, with its alpha when not opaque. */
export function colorName({ r, g, b, a }: Rgba): string {
  const hex = [r, g, b].map((n) => Math.round(n).toString(16).padStart(2, '0')).join('');
  return a >= 1 ? `#${hex}` : `#${hex} at ${Math.round(a * 100)}% opacity`;
}
