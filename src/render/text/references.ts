import { limitLineOctets } from './octets.js';
import { plainStyle, type TextStyle } from './style.js';
import { displayWidth } from './wrap.js';

export interface Reference {
  readonly number: number;
  readonly href: string;
}

/**
 * The numbered links of one reference scope: one paper (its prerequisites,
 * summary and opinion share the numbers) or one part of the body. A URL
 * linked twice in a scope keeps its first number.
 */
export class ReferenceList {
  private readonly numbers = new Map<string, number>();

  /** The number of `href`, the next free one on its first use in this scope. */
  number(href: string): number {
    let number = this.numbers.get(href);
    if (number === undefined) {
      number = this.numbers.size + 1;
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

/** The marker a reference has both after its link text and in the list. */
export function referenceMarker(number: number): string {
  return `[${number}]`;
}

/**
 * The list printed after a paper, one `[1] https://…` per line, the URLs
 * aligned; empty when the scope has no links. URLs are never wrapped.
 */
export function formatReferences(list: ReferenceList, style: TextStyle = plainStyle): string {
  const references = list.references;
  const markerWidth = Math.max(0, ...references.map((reference) => displayWidth(referenceMarker(reference.number))));
  const lines = references.map(({ number, href }) => {
    const marker = referenceMarker(number).padEnd(markerWidth + 1);
    return style.decorate(marker, { muted: true }) + style.decorate(href, { link: href });
  });
  return limitLineOctets(lines.join('\n'), style.maxLineOctets);
}
