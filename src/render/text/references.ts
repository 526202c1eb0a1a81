import type { Root } from 'mdast';
import { nodesInTree } from '../../issue/tree-index.js';
import { limitLineOctets } from './octets.js';
import { plainStyle, type TextStyle } from './style.js';
import { cutText, displayWidth } from './wrap.js';

export interface Reference {
  readonly number: number;
  readonly href: string;
}

/**
 * The numbered links of one reference scope: one paper (its prerequisites,
 * summary and opinion share the numbers) or one part of the body. A URL
 * linked twice in a scope keeps its first number. A number the scope's
 * texts write themselves in brackets (a citation, `as [1] shows`) is never
 * a link's: the reader would look it up in the list and find another URL.
 */
export class ReferenceList {
  private readonly numbers = new Map<string, number>();
  private readonly taken: ReadonlySet<number>;
  private last = 0;

  /** `texts`: the trees of the scope's texts, whose `[N]` shown as text are skipped (`writtenNumbers`). */
  constructor(texts: readonly Root[] = []) {
    this.taken = writtenNumbers(texts);
  }

  /** The number of `href`, the next free one on its first use in this scope. */
  number(href: string): number {
    let number = this.numbers.get(href);
    if (number === undefined) {
      do this.last += 1;
      while (this.taken.has(this.last));
      number = this.last;
      this.numbers.set(href, number);
    }
    return number;
  }

  /** In number order. */
  get references(): readonly Reference[] {
    return [...this.numbers].map(([href, number]) => ({ number, href }));
  }

  get size(): number {
    return this.numbers.size;
  }
}

/**
 * The numbers shown in brackets (`[1]`, `[12]`) in what a reader sees of
 * `trees`, which a reference marker would be mistaken for: text, code,
 * math, raw HTML and an image's alt text (`![loss, see [2]](…)` shows as
 * `[image: loss, see [2]]`); not the labels of reference-style links
 * (`[paper][1]`, `[1]: https://…`), which no reader sees.
 */
function writtenNumbers(trees: readonly Root[]): Set<number> {
  const shown = (tree: Root): string[] => [
    ...SHOWN_VALUES.flatMap((type) => nodesInTree(tree, type).map((node) => node.value)),
    ...nodesInTree(tree, 'image').map((node) => node.alt ?? ''),
    ...nodesInTree(tree, 'imageReference').map((node) => node.alt ?? ''),
  ];
  return new Set(trees.flatMap(shown).flatMap((value) => [...value.matchAll(/\[(\d{1,6})\]/g)].map((match) => Number(match[1]))));
}

/** The nodes whose `value` a reader sees as written. */
const SHOWN_VALUES = ['text', 'inlineCode', 'code', 'inlineMath', 'math', 'html'] as const;

/** The marker a reference has both after its link text and in the list. */
export function referenceMarker(number: number): string {
  return `[${number}]`;
}

/**
 * The list printed after a paper, one `[1] https://…` per line, the URLs
 * aligned; empty when the scope has no links. The email never wraps a URL;
 * a style that cuts words (`TextStyle.cutsWords`: the terminal preview,
 * whose lines must fit `width` columns) cuts one too long for its line over
 * the lines below, aligned under its first character, every character kept.
 */
export function formatReferences(list: ReferenceList, style: TextStyle = plainStyle, width = Infinity): string {
  const lines = referenceLines(list, style, width).flatMap((reference) => reference.lines);
  return limitLineOctets(lines.join('\n'), style.maxLineOctets);
}

/**
 * The lines of `formatReferences` before its octet limit, with the
 * reference each shows: one line per reference in the email, whose octets
 * lint's link-url-length measures (`[12] ` and the URL: past
 * `style.maxLineOctets`, the limit cuts it), more where the style cuts words.
 */
export function referenceLines(list: ReferenceList, style: TextStyle = plainStyle, width = Infinity): { reference: Reference; lines: string[] }[] {
  const references = list.references;
  const markerWidth = Math.max(0, ...references.map((reference) => displayWidth(referenceMarker(reference.number))));
  const room = style.cutsWords ? Math.max(1, width - markerWidth - 1) : Infinity;
  return references.map((reference) => ({
    reference,
    lines: cutText(reference.href, room).map((piece, i) => {
      const marker = i === 0 ? style.decorate(referenceMarker(reference.number).padEnd(markerWidth + 1), { muted: true }) : ' '.repeat(markerWidth + 1);
      return marker + style.decorate(piece, { link: reference.href });
    }),
  }));
}
