/**
 * The ways an inline style moves or clips an element out of sight without
 * `display: none`, for css-visibility.ts `hidingDeclaration`: off the
 * screen (`position: absolute; left: -9999px`, `position: fixed; bottom:
 * -9999px`, `margin-left: -9999px`, `transform: translateX(-9999px)`,
 * `text-indent: -9999px`), clipped to nothing (`clip: rect(0 0 0 0)`, `clip-path: inset(50%)`) or
 * shrunk to nothing (`transform: scale(0)`). Only what surely hides counts,
 * as there: an offset of a few pixels (`position: relative; left: 2px`), a
 * clip or an inset in pixels (the box's size is not known here) and a
 * length in a unit not listed in `PX_PER` leave the element shown.
 */

/**
 * How far (in CSS pixels) an offset or an indent must take an element to
 * be off the screen: wider than any email (600 to 800 px) and than a
 * phone's or a laptop's window, and short of the values written to hide
 * (`-999px`, `-9999px`, `-10000px`, `-999em`). A layout's nudges are a few
 * pixels.
 */
const FAR_OFF_PX = 999;

/** CSS pixels in one of each absolute unit (CSS Values 4 § 6.2), and in an `em`/`rem` at the 16 px mail programs default to. */
export const PX_PER: Readonly<Record<string, number>> = { px: 1, pt: 4 / 3, pc: 16, in: 96, cm: 96 / 2.54, mm: 96 / 25.4, q: 96 / 101.6, em: 16, rem: 16 };

/** Offsets that take a box off the screen when far negative: above the page or left of it, where no scrolling reaches, or right of the email's width, which mail programs clip. `bottom` only moves it further down the page, where a reader scrolls to it. */
const OFF_SCREEN_SIDES = ['left', 'top', 'right'] as const;

/** Elements whose box is a block container by default (HTML § 15.3.3), where `text-indent` moves the first line; on an inline element it does nothing. */
const BLOCKS = new Set(['address', 'article', 'aside', 'blockquote', 'body', 'center', 'dd', 'div', 'dl', 'dt', 'fieldset', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'td', 'th', 'ul']);

/**
 * Why `style` (an element `name`'s declarations, property in lower case)
 * moves, clips or shrinks the element out of sight, or undefined; the
 * reason names the declarations, as a message says it.
 */
export function offscreenDeclaration(name: string, style: ReadonlyMap<string, string>): string | undefined {
  const position = style.get('position')?.trim().toLowerCase();
  // `static` (the default) ignores the offsets and the clip; `sticky`'s offsets are thresholds, not moves.
  const moved = position === 'absolute' || position === 'fixed' || position === 'relative';
  if (moved) {
    // A fixed box stays put while the page scrolls: below the window's bottom edge, no scrolling reaches it either.
    const sides = position === 'fixed' ? [...OFF_SCREEN_SIDES, 'bottom'] : OFF_SCREEN_SIDES;
    const side = sides.find((property) => farNegative(style.get(property)));
    if (side) return `\`${side}: ${style.get(side)}\` with \`position: ${position}\` (off the screen)`;
  }
  const margin = farNegativeMargin(style);
  if (margin) return `${margin} (off the screen)`;
  // `clip` applies to an absolutely positioned box only (CSS 2.1 § 11.1.2).
  const clip = style.get('clip');
  if ((position === 'absolute' || position === 'fixed') && clip !== undefined && emptyRect(clip)) return `\`clip: ${clip}\` with \`position: ${position}\``;
  const clipPath = style.get('clip-path');
  if (clipPath !== undefined && emptyClipPath(clipPath)) return `\`clip-path: ${clipPath}\``;
  const transform = style.get('transform');
  if (transform !== undefined && scalesToNothing(transform)) return `\`transform: ${transform}\``;
  if (transform !== undefined && translatesAway(transform)) return `\`transform: ${transform}\` (off the screen)`;
  const translate = style.get('translate');
  if (translate !== undefined && movesAway(translate.trim().split(/\s+/))) return `\`translate: ${translate}\` (off the screen)`;
  const scale = style.get('scale');
  if (scale !== undefined && scale.trim().split(/\s+/).slice(0, 2).some(isZeroNumber)) return `\`scale: ${scale}\``;
  const indent = style.get('text-indent');
  if (indent !== undefined && farNegative(indent) && isBlock(name, style)) return `\`text-indent: ${indent}\` (its text off the screen)`;
  return undefined;
}

/** A length at least `FAR_OFF_PX` to the negative side (`-9999px`, `-100em`), or at least its whole container or window (`-100%`, `-100vw`). */
function farNegative(value: string | undefined): boolean {
  const match = /^\s*-\s*(\d*\.?\d+)([a-z%]*)\s*$/i.exec(value ?? '');
  if (!match) return false;
  const amount = parseFloat(match[1]!);
  const unit = match[2]!.toLowerCase();
  if (unit === '%' || unit === 'vw' || unit === 'vh') return amount >= 100;
  const perUnit = PX_PER[unit];
  return perUnit !== undefined && amount * perUnit >= FAR_OFF_PX;
}

/**
 * A margin that pulls the box far up or far left (`margin-left: -9999px`,
 * `margin: -9999px 0 0`), as written: the declaration, or undefined. A
 * far negative right or bottom margin moves what follows, not the box.
 */
function farNegativeMargin(style: ReadonlyMap<string, string>): string | undefined {
  const side = (['margin-top', 'margin-left'] as const).find((property) => farNegative(style.get(property)));
  if (side) return `\`${side}: ${style.get(side)}\``;
  const shorthand = style.get('margin');
  if (shorthand === undefined) return undefined;
  // CSS's 1-to-4 value shorthand: top, right, bottom, left.
  const values = shorthand.trim().split(/\s+/);
  const [top, right = top, , left = right] = values;
  return values.length <= 4 && (farNegative(top) || farNegative(left)) ? `\`margin: ${shorthand}\`` : undefined;
}

/**
 * A `transform` that translates the box far away (`translateX(-9999px)`,
 * `translate(0, -100vh)`, `translate3d(-9999px, 0, 0)`): see `movesAway`.
 */
function translatesAway(transform: string): boolean {
  for (const [, fn, args] of transform.toLowerCase().matchAll(/(translate(?:x|y|3d)?)\(([^)]*)\)/g)) {
    const values = args!.split(/\s*,\s*|\s+/).filter(Boolean);
    const [x, y] = fn === 'translatey' ? ['0', values[0]] : fn === 'translatex' ? [values[0], '0'] : [values[0], values[1] ?? '0'];
    if (movesAway([x ?? '0', y ?? '0'])) return true;
  }
  return false;
}

/** A translation `[x, y]` that takes the box off the screen: far to the left or far up (where no scrolling reaches), or far to the right (past the email's width, which mail programs clip). */
function movesAway([x = '0', y = '0']: readonly string[]): boolean {
  return farNegative(x) || farNegative(y) || farNegative(`-${x.trim()}`);
}

/** Whether an element makes a block container: by its kind or its `display`. */
function isBlock(name: string, style: ReadonlyMap<string, string>): boolean {
  const display = style.get('display')?.trim().toLowerCase();
  if (display === undefined) return BLOCKS.has(name);
  return /^(?:block|inline-block|list-item|table-cell|flow-root)$/.test(display);
}

/** `rect(top, right, bottom, left)` (commas or spaces) of no area: its bottom not below its top, or its right not right of its left; `auto` is the box's own edge, not judged. */
function emptyRect(clip: string): boolean {
  const inner = /^\s*rect\(([^)]*)\)\s*$/i.exec(clip)?.[1];
  const edges = inner?.split(/\s*,\s*|\s+/).filter(Boolean).map(pixels);
  if (!edges || edges.length !== 4 || edges.some((edge) => edge === undefined)) return false;
  const [top, right, bottom, left] = edges as number[];
  return bottom! <= top! || right! <= left!;
}

/** `clip-path: inset(…)` insetting the box by half its size or more from each side of an axis (`inset(50%)`, `inset(100%)`), or a circle or ellipse of radius 0. */
function emptyClipPath(value: string): boolean {
  const written = value.trim().toLowerCase();
  if (/^(?:circle|ellipse)\(\s*0(?:[a-z%]+)?(?:\s+0(?:[a-z%]+)?)?(?:\s+at\s[^)]*)?\s*\)$/.test(written)) return true;
  const inner = /^inset\(([^)]*)\)$/.exec(written)?.[1];
  if (inner === undefined) return false;
  const insets = inner.split(/\s+round\s/)[0]!.trim().split(/\s+/);
  if (insets.length > 4) return false;
  // CSS's 1-to-4 value shorthand: top, right, bottom, left.
  const [top, right = top, bottom = top, left = right] = insets.map(percent);
  const sum = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined ? 0 : a + b);
  return sum(top, bottom) >= 100 || sum(left, right) >= 100;
}

/** A `transform` with a scale of zero on either axis (`scale(0)`, `scale(1, 0)`, `scaleX(0)`, `scale3d(0, 1, 1)`): the box shrinks to a point or a line. */
function scalesToNothing(transform: string): boolean {
  for (const [, fn, args] of transform.toLowerCase().matchAll(/(scale(?:x|y|3d)?)\(([^)]*)\)/g)) {
    const values = args!.split(/\s*,\s*|\s+/).filter(Boolean);
    const axes = fn === 'scale' ? (values.length === 1 ? [values[0]!] : values.slice(0, 2)) : fn === 'scale3d' ? values.slice(0, 2) : values.slice(0, 1);
    if (axes.some(isZeroNumber)) return true;
  }
  return false;
}

/** `0`, `0.0`, `0%`: a factor of zero. */
function isZeroNumber(value: string): boolean {
  return /^[+-]?0*\.?0*%?$/.test(value.trim()) && /0/.test(value);
}

/** A length in pixels (`0`, `1px`); undefined for `auto` or a relative unit. */
function pixels(value: string): number | undefined {
  const match = /^([+-]?\d*\.?\d+)(px)?$/i.exec(value);
  if (!match) return undefined;
  return match[2] === undefined && parseFloat(match[1]!) !== 0 ? undefined : parseFloat(match[1]!);
}

/** A percentage's number (`50%` → 50); undefined for any other length. */
function percent(value: string | undefined): number | undefined {
  const match = /^(\d*\.?\d+)%$/.exec(value ?? '');
  return match ? parseFloat(match[1]!) : undefined;
}
