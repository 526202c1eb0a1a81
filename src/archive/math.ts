import katex from 'katex';
import { decodeHexReferences } from '../render/escape-html.js';
import { KATEX_BOUNDS } from '../render/math.js';

/**
 * Math in a sanitized HTML fragment, typeset for the web. The email keeps
 * the TeX source in `<code class="… math-inline">`, between the dollars it
 * was written with (render/html-rewrite.ts), and in `math-display`,
 * between its `$$` lines, since no mail client runs KaTeX; a web page has KaTeX's stylesheet and
 * fonts (copied into the site), so each formula becomes KaTeX's HTML and
 * MathML (the MathML is what screen readers speak).
 *
 * The fragment comes from rehype-stringify after rehype-sanitize: a math
 * element holds only text (its TeX), so one pattern finds each formula, and
 * its only character references are the hexadecimal ones hast-util-to-html
 * writes for `&` and `<` in text (`&#x26;`, `&#x3C;`), which
 * `decodeHexReferences` reads back. KaTeX escapes everything it outputs; a formula KaTeX cannot
 * parse (lint's `math-syntax` reports it) stays as its source, in red.
 */
const MATH_CODE = /<code class="language-math math-inline(?: math-nowrap)?">([^<]*)<\/code>|<pre><code class="language-math math-display">([^<]*)<\/code><\/pre>/g;

/** `html` with every formula typeset by KaTeX (see above); the same input gives the same bytes. */
export function typesetMath(html: string): string {
  if (!html.includes('language-math math-')) return html;
  return html.replace(MATH_CODE, (_match, inline: string | undefined, display: string | undefined) => {
    const typeset = (source: string, displayMode: boolean) =>
      // strict: 'ignore': KaTeX's default ('warn') writes a line of its own to stderr for input LaTeX would not take (`\htmlStyle`), no file or line named; what it renders is the same.
      katex.renderToString(decodeHexReferences(source), { ...KATEX_BOUNDS, displayMode, throwOnError: false, output: 'htmlAndMathml', strict: 'ignore' });
    return inline !== undefined ? typeset(withoutDollars(inline), false) : `<div class="math-display">${typeset(withoutFences(display!), true)}</div>`;
  });
}

/** A display formula's TeX from the email's `$$` lines around it (render/text/written.ts `displayMath`). */
function withoutFences(written: string): string {
  return /^(\$\$+)\n([\s\S]*)\n\1$/.exec(written)?.[2] ?? written;
}

/**
 * An inline formula's TeX from its source as the email shows it, between
 * its dollars (`$x$`, `$ 5 and $`, `$$a$b$$`): what is inside the first run
 * of dollars and as many at the end, less one space at each end when both
 * have one, as the parser reads it (CommonMark 0.31 §6.1 for code spans,
 * which micromark-extension-math follows): the TeX KaTeX was given before
 * the email showed the dollars.
 */
function withoutDollars(written: string): string {
  const inside = /^(\$+)([\s\S]*)\1$/.exec(written)?.[2];
  if (inside === undefined) return written;
  return /^ [\s\S]* $/.test(inside) && /[^ ]/.test(inside) ? inside.slice(1, -1) : inside;
}
