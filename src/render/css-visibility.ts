import { offscreenDeclaration } from './css-offscreen.js';

/**
 * What an element's inline style (and its presentational attributes) does
 * to whether a reader sees it, for visible-html.ts: CSS is inlined before
 * the check (inline-css.ts), so a class's rules are here too. Only what
 * surely hides counts: a style this cannot judge (a colour it does not
 * know, a background image) leaves the text shown, so a footer is never
 * refused for a style it merely does not understand.
 */

/** An RGB colour (0–255 each) and its alpha (0–1). */
export interface Rgba {
  r: number;
  g: number;
  b: number;
  a: number;
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

/** Whether a declared `font-size` is zero (its text shows nothing), non-zero, or not declared (inherited). */
export function fontSizeZero(style: ReadonlyMap<string, string>): boolean | undefined {
  const size = style.get('font-size');
  return size === undefined ? undefined : isZero(size);
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

/*
 * Colours are parsed here by hand because no colour parser is among
 * paperboy's dependencies (color-name sits in node_modules only under a dev
 * tool, autocannon, so the published package would not have it). The one to
 * add would be color-string 2.1.4 (MIT, Node >= 18, with color-name 2): it
 * reads every CSS named colour, `hsl()` and `hwb()` too, where this reads the
 * forms below and leaves any other colour unjudged (shown).
 */

/** The 16 HTML 4 colours, `grey`'s spelling, `transparent`: what a template writing a colour by name most likely writes. Any other name is a colour this does not judge. */
const NAMED: Readonly<Record<string, string>> = {
  black: '#000000',
  silver: '#c0c0c0',
  gray: '#808080',
  grey: '#808080',
  white: '#ffffff',
  maroon: '#800000',
  red: '#ff0000',
  purple: '#800080',
  fuchsia: '#ff00ff',
  green: '#008000',
  lime: '#00ff00',
  olive: '#808000',
  yellow: '#ffff00',
  navy: '#000080',
  blue: '#0000ff',
  teal: '#008080',
  aqua: '#00ffff',
  transparent: '#00000000',
};

/** A colour written as `#rgb`, `#rgba`, `#rrggbb`, `#rrggbbaa`, `rgb(…)`, `rgba(…)` or one of `NAMED`; undefined for anything else. */
export function parseColor(written: string): Rgba | undefined {
  const value = written.trim().toLowerCase();
  const hex = /^#([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/.exec(NAMED[value] ?? value)?.[1];
  if (hex) {
    const digits = hex.length <= 4 ? [...hex].map((digit) => digit + digit) : hex.match(/../g)!;
    const [r, g, b, a = 255] = digits.map((pair) => parseInt(pair, 16));
    return { r: r!, g: g!, b: b!, a: a / 255 };
  }
  const functional = /^rgba?\(\s*([^)]*)\)$/.exec(value)?.[1];
  if (!functional) return undefined;
  const parts = functional.split(/\s*[,/]\s*|\s+/).filter(Boolean);
  if (parts.length < 3 || parts.length > 4) return undefined;
  const channel = (part: string) => (part.endsWith('%') ? (parseFloat(part) * 255) / 100 : parseFloat(part));
  const [r, g, b] = parts.slice(0, 3).map(channel);
  const alpha = parts[3] === undefined ? 1 : parts[3].endsWith('%') ? parseFloat(parts[3]) / 100 : parseFloat(parts[3]);
  return [r, g, b, alpha].some((n) => Number.isNaN(n)) ? undefined : { r: r!, g: g!, b: b!, a: alpha };
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
