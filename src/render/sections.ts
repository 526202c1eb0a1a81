import { splitSectionPath } from '../config/section-path.js';
import { DEFAULT_WORDS, type Words } from '../config/words.js';

/** A section of the papers, before rendering. */
export interface SectionGroup<P> {
  title: string;
  path: string[];
  papers: P[];
  subsections: SectionGroup<P>[];
}

/**
 * Groups papers by their section path (`Parent / Child` nests, SPEC). Sections
 * follow the config's `sections` order where it names them (a parent ranks
 * with its first listed child), then the order in which they first appear.
 * Papers without a section come last, under `otherPapers` ("Other papers",
 * the config's `words.otherPapers`), or as one untitled group when no paper
 * has a section.
 */
export function groupBySection<P extends { section: readonly string[] }>(papers: readonly P[], order: readonly string[] | undefined, otherPapers: string = DEFAULT_WORDS.otherPapers): SectionGroup<P>[] {
  const root: SectionGroup<P> = { title: '', path: [], papers: [], subsections: [] };
  for (const paper of papers) {
    let group = root;
    for (const title of paper.section) {
      let child = group.subsections.find((candidate) => candidate.title === title);
      if (!child) {
        child = { title, path: [...group.path, title], papers: [], subsections: [] };
        group.subsections.push(child);
      }
      group = child;
    }
    group.papers.push(paper);
  }
  const ranks = (order ?? []).map(splitSectionPath);
  const sorted = sortByConfig(root.subsections, ranks);
  if (root.papers.length === 0) return sorted;
  if (sorted.length === 0) return [{ ...root, subsections: [] }];
  return [...sorted, { title: otherPapers, path: [otherPapers], papers: root.papers, subsections: [] }];
}

/** The papers of an email in the order it presents them. */
export interface PaperArrangement<P> {
  /** Highlighted papers, first, as a group under the "Highlights" heading; undefined when none. */
  highlights: SectionGroup<P> | undefined;
  /** The other papers by section (see groupBySection). */
  sections: SectionGroup<P>[];
  /** Highlights, then each section's papers before its subsections'. */
  readingOrder: P[];
}

/**
 * `papers` as an email presents them: the highlighted first, under
 * `words.highlights` ("Highlights"), then the others by section
 * (`groupBySection`, the unsectioned under `words.otherPapers`).
 */
export function arrangePapers<P extends { section: readonly string[]; highlight: boolean }>(
  papers: readonly P[],
  order: readonly string[] | undefined,
  words: Pick<Words, 'highlights' | 'otherPapers'> = DEFAULT_WORDS,
): PaperArrangement<P> {
  const highlighted = papers.filter((paper) => paper.highlight);
  const sections = groupBySection(papers.filter((paper) => !paper.highlight), order, words.otherPapers);
  const highlights = highlighted.length === 0 ? undefined : { title: words.highlights, path: [words.highlights], papers: highlighted, subsections: [] };
  return { highlights, sections, readingOrder: [...highlighted, ...sections.flatMap(papersOf)] };
}

function papersOf<P>(group: SectionGroup<P>): P[] {
  return [...group.papers, ...group.subsections.flatMap(papersOf)];
}

function sortByConfig<P>(groups: SectionGroup<P>[], order: readonly string[][]): SectionGroup<P>[] {
  const rank = (group: SectionGroup<P>) => {
    const index = order.findIndex((entry) => group.path.every((part, i) => entry[i] === part));
    return index === -1 ? order.length : index;
  };
  // Array.prototype.sort is stable: unlisted sections keep their first-appearance order.
  return [...groups]
    .sort((a, b) => rank(a) - rank(b))
    .map((group) => ({ ...group, subsections: sortByConfig(group.subsections, order) }));
}
