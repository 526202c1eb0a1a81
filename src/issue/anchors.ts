import { slugify } from './slug.js';

/**
 * The HTML anchor of each paper of an issue (`#steering-gpt-2-xl-by-adding…`),
 * unique within the issue. Every output links to papers with these, and
 * cross-references in other issues compute them from the stored facts.
 */
export function paperAnchors(titles: readonly string[]): string[] {
  const used = new Map<string, number>();
  return titles.map((title) => {
    const base = slugify(title);
    const count = (used.get(base) ?? 0) + 1;
    used.set(base, count);
    return count === 1 ? base : `${base}-${count}`;
  });
}
