import { load, type CheerioAPI } from 'cheerio';
import stringWidth from 'string-width';
import { Text, type AnyNode } from 'domhandler';
import type { Element } from 'hast';
import { toHast } from 'mdast-util-to-hast';
import rehypeStringify from 'rehype-stringify';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { remarkWithGfm } from './reference-parser.js';

/**
 * The words a reader sees of a Markdown text, taken two ways: from the stock
 * unified stack (the oracle) and from paperboy's outputs. Each output is
 * brought to words by the same rules, and the deliberate differences
 * between what an output shows and what the stock HTML shows in a browser
 * are undone by narrow, named exceptions (docs/outputs.md says each):
 *
 * - FOOTNOTE MARKERS: a note's number is counted across the whole email
 *   (the stock stack counts per text), so reference markers (`<sup>` links,
 *   superscript digits in the plaintext and preview) are no words anywhere,
 *   nor are the back-links (↩) and the stock footnote section's hidden label.
 * - LINK REFERENCES: the plaintext and the preview number a link's URL
 *   (`text [1]`) and list it after the paper (`[1] https://…`): a bracketed
 *   number is no word anywhere, and a reference list line is dropped.
 * - IMAGES: an image's `alt` is the words it shows (a browser shows them
 *   when images are off; the plaintext writes `[image: alt]`, the web page
 *   links an image of another host as `Image: alt`); the labels are no words.
 * - TASK ITEMS: a checkbox is ☐ or ☑ (the stock stack's `<input>`); the
 *   plaintext writes `[ ]` and `[x]`.
 * - LIST NUMBERS: an ordered item's number, which a browser shows as its
 *   marker, is a word in every output; the plaintext writes it as written
 *   (`003.`), a browser as a number (`3.`).
 * - EMPTY LINKS: a link without text shows its URL in the plaintext and
 *   the preview (a browser shows nothing there), when the URL filter keeps it.
 * - MATH: KaTeX's typesetting on the web page is its TeX source (its
 *   `annotation`), as the emails show it; the emails show the dollars
 *   around it, which are no words anywhere.
 * - RAW HTML: the stock HTML carries it (`allowDangerousHtml`) and the
 *   browser's parse (parse5) shows its text, none of `<script>`, `<style>`,
 *   `<template>`: paperboy's documented policy (docs/issue-format.md). A
 *   raw `<img>` shows no words (the IMAGES rule is Markdown's images'); a
 *   `<noscript>`'s text shows, as in a mail program, which runs no script,
 *   and a `<title>`'s, which paperboy keeps as any element's text.
 * - SOFT HYPHENS: invisible but where a line breaks, so no word boundary.
 * - TABLES: a Markdown table's words are read column by column (header
 *   cell, then the column's cells, top to bottom), in every output: the
 *   plaintext and the preview wrap a wide cell within its column, so a row
 *   reads across several lines.
 *
 * Words are runs of letters, marks and digits; a CJK character, a symbol
 * (an emoji, a currency sign) is a word of its own; punctuation and the
 * plaintext's drawing (tables' box lines, bullets, `*`, `~~`) are none.
 */

/** The schemes a link keeps in every output (rehype-sanitize's default schema; README "One URL filter"). */
const LINK_PROTOCOLS = new Set(['http:', 'https:', 'irc:', 'ircs:', 'mailto:', 'xmpp:']);

const toHtml = unified().use(rehypeStringify, { allowDangerousHtml: true }).freeze();

/**
 * The words of `markdown` as the stock stack's HTML shows them in a browser:
 * remark-parse + remark-gfm + remark-math → mdast-util-to-hast (what
 * remark-rehype runs) with raw HTML kept. For a plaintext (`plain`), a link
 * without text is its URL (resolved against `baseUrl`), which the plaintext
 * writes where a browser shows nothing to click.
 */
export function referenceWords(markdown: string, plain?: { baseUrl: string }): string[] {
  const hast = toHast(remarkWithGfm.parse(markdown), { allowDangerousHtml: true });
  // Markdown's links and images told from raw HTML's `<a>` and `<img>`, whose tags no output keeps.
  visit(hast, 'element', (element: Element) => {
    if (element.tagName === 'a' || element.tagName === 'img' || element.tagName === 'table') element.properties.dataMarkdown = '';
  });
  const $ = load(toHtml.stringify(hast as never), null, false);
  if (plain) {
    $('a[data-markdown]:not([data-footnote-ref])').each((_, link) => {
      const url = URL.parse($(link).attr('href')!, plain.baseUrl);
      if ($(link).text().trim() === '' && $(link).find('img').length === 0 && url && LINK_PROTOCOLS.has(url.protocol)) $(link).text(url.href);
    });
  }
  return words(visibleText($, '[data-markdown]'));
}

/** The words an HTML fragment (or a slice of a page) shows, the exceptions above applied. */
export function htmlWords(html: string): ShownWords {
  return { words: words(visibleText(load(html, null, false), '')), lineEnds: new Set() };
}

/** Elements a browser sets apart from the text around them (HTML Standard §15.3), so words on either side stay two. */
const APART = new Set(
  'address article aside blockquote br caption center dd details dialog dir div dl dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr legend li main menu nav ol p pre section summary table tbody td tfoot th thead tr ul'.split(' '),
);
const HIDDEN = new Set(['script', 'style', 'template', 'head']);

/** The text a browser shows of `$`, the exceptions above applied; `markdown`: what marks the images and tables Markdown made (`IMAGES`, `TABLES`), all when empty. */
function visibleText($: CheerioAPI, markdown: string): string {
  const images = `img${markdown}`;
  $('[data-footnote-backref], a[data-footnote-ref], [data-footnotes] > .sr-only').remove();
  // As text nodes: an alt or a formula may hold `<`, which a string given to cheerio would parse as a tag.
  $(images).each((_, image) => void $(image).replaceWith(new Text(` ${$(image).attr('alt') ?? ''} `)));
  $('a.remote-image').each((_, link) => void $(link).text($(link).text().replace(/^Image: /, '')));
  $('.katex').each((_, math) => void $(math).replaceWith(new Text(` ${$(math).find('annotation[encoding="application/x-tex"]').text()} `)));
  $('input[type="checkbox"]').each((_, box) => void $(box).replaceWith($(box).attr('checked') === undefined ? '☐' : '☑'));
  $('ol').each((_, list) => {
    if ($(list).closest('[data-footnotes], .footnotes').length > 0) return;
    let number = Number($(list).attr('start') ?? 1);
    $(list)
      .children('li')
      .each((_, item) => {
        if ($(item).attr('value') !== undefined) number = Number($(item).attr('value'));
        $(item).prepend(`${number}. `);
        number += 1;
      });
  });
  $(`table${markdown}`).each((_, table) => {
    const rows = $(table).find('tr').toArray().map((row) => $(row).children('th, td').toArray());
    const byColumn = $('<div></div>');
    const columns = Math.max(0, ...rows.map((cells) => cells.length));
    for (let column = 0; column < columns; column++) byColumn.append(rows.flatMap((cells) => cells.slice(column, column + 1)));
    $(table).replaceWith(byColumn);
  });
  const parts: string[] = [];
  const walk = (node: AnyNode): void => {
    if (node.type === 'text') parts.push(node.data);
    else if (node.type === 'tag' || node.type === 'root' || node.type === 'script' || node.type === 'style') {
      const name = 'name' in node ? node.name : '';
      if (HIDDEN.has(name)) return;
      if (APART.has(name)) parts.push(' ');
      for (const child of 'children' in node ? node.children : []) walk(child);
      if (APART.has(name)) parts.push(' ');
    }
  };
  walk($.root()[0]!);
  return parts.join('');
}

/** The words an output shows, and which of them end a line of a plaintext or a preview (where a word wider than the line is cut: `firstDifference`). */
export interface ShownWords {
  words: string[];
  lineEnds: ReadonlySet<number>;
}

/** The words of a plaintext or a terminal preview (its escape sequences already removed), the exceptions above applied. */
export function plainWords(text: string): ShownWords {
  const shown = text
    .split('\n')
    .filter((line) => !/^\s*\[\d+\] (?:https?|mailto|xmpp|ircs?):\S*$/.test(line))
    .join('\n')
    .replace(/\[image(?::\s|\])/g, ' ')
    .replace(/^(\s*(?:>\s*)*)0+(?=\d+[.)])/gm, '$1')
    .replace(/^(\s*(?:[-*+•◦▪‣]|\d+[.)])\s+)\[([ xX])\]/gm, (_, item: string, box: string) => `${item}${box === ' ' ? '☐' : '☑'}`);
  const result: string[] = [];
  const lineEnds = new Set<number>();
  for (const line of byColumn(shown.split('\n'))) {
    result.push(...words(line));
    if (result.length > 0) lineEnds.add(result.length - 1);
  }
  return { words: result, lineEnds };
}

/**
 * A table's separator line after any quote (`>`, the preview's `│`) or list
 * prefix: `---+---` (plaintext), `───┼───` (preview), or dashes apart by
 * spaces where a cell holds a `|` (`---   ---`). A one-column table needs no
 * reordering.
 */
const TABLE_RULE = /^[\s>│]*[-─]+(?:(?:[+┼]| {2,})[-─]+)+\s*$/;

/**
 * `lines` with each table of two or more columns read column by column
 * (`TABLES`): a line per cell piece, the header's pieces, then the body's,
 * of the first column, then of the next. Columns are cut where the
 * separator line ends each column, by display width.
 */
function byColumn(lines: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const rule = lines[i + 1];
    if (rule === undefined || !TABLE_RULE.test(rule) || lines[i]!.trim() === '') {
      out.push(lines[i]!);
      continue;
    }
    // Where a column ends: at its `+` (`┼`), or at the first space after its dashes.
    const cuts = [...rule].flatMap((char, column, chars) => (char === '+' || char === '┼' || (char === ' ' && /[-─]/.test(chars[column - 1] ?? '') && chars.slice(column).some((next) => /[-─]/.test(next))) ? [column] : []));
    let end = i + 2;
    while (end < lines.length && lines[end]!.trim() !== '') end += 1;
    const rows = [lines[i]!, ...lines.slice(i + 2, end)].map((line) => cells(line, cuts));
    for (let column = 0; column <= cuts.length; column++) out.push(...rows.map((row) => row[column] ?? ''));
    i = end - 1;
  }
  return out;
}

/** The pieces of a table line between the columns at `cuts` (display columns of the separators). */
function cells(line: string, cuts: readonly number[]): string[] {
  const pieces: string[] = [''];
  let column = 0;
  for (const { segment } of new Intl.Segmenter().segment(line)) {
    if (cuts.includes(column)) pieces.push('');
    else pieces[pieces.length - 1] += segment;
    column += stringWidth(segment);
  }
  return pieces;
}

/**
 * Where `shown` parts from `expected` (an index into `expected`), or
 * undefined when they are the same words. A WORD WIDER THAN THE LINE is cut
 * across lines in the plaintext and the preview: pieces that end lines
 * (`lineEnds`) and join into the expected word count as that word.
 */
export function firstDifference(expected: readonly string[], shown: ShownWords): number | undefined {
  const { words: found, lineEnds } = shown;
  let j = 0;
  for (let i = 0; i < expected.length; i++, j++) {
    let word = found[j];
    while (word !== undefined && word !== expected[i] && lineEnds.has(j) && expected[i]!.startsWith(word) && found[j + 1] !== undefined) {
      j += 1;
      word += found[j]!;
    }
    if (word !== expected[i]) return i;
  }
  return j < found.length ? expected.length : undefined;
}

const CJK = /([\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}])/gu;
/** A word: letters, marks and digits (not superscript digits: footnote markers), or one symbol but the box drawing of tables and rules and `$` (math's delimiters, which the emails show). */
const WORD = /(?:(?![¹²³⁰-⁹])[\p{L}\p{M}\p{N}])+|(?![\u2500-\u257f$])[\p{So}\p{Sc}]/gu;

function words(text: string): string[] {
  return (text.replace(/ ?\[\d+\]/g, '').replace(/\u00ad/g, '').replace(/[*_`~]/g, '').replace(CJK, ' $1 ').match(WORD) ?? []) as string[];
}
