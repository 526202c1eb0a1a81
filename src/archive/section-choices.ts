import { joinSectionPath } from '../config/section-path.js';
import { groupBySection, type SectionGroup } from '../render/sections.js';
import type { RecordSummary } from './issue-output.js';
import type { PaperEntry } from './paper-database.js';

/** One choice of the papers page's section filter: the value papers.js compares (a section path, or `NO_SECTION`) and what the reader reads. */
export interface SectionChoice {
  value: string;
  label: string;
}

/**
 * The section filter's value for the papers outside any section: a space,
 * which no section path can be. Each level of a path is trimmed and never
 * empty (config/section-path.ts `splitSectionPath`, config/schema.ts), so a
 * path starts and ends with a letter that is not white space, whatever its
 * name. A word (`(none)`, as it was) was also the value of a section of
 * that name: choosing either showed the unsectioned papers. In the address
 * it is `section=+`.
 */
export const NO_SECTION = ' ';

/**
 * The section filter's choices: every section a paper's newest coverage
 * names (`latest.section`), in the order the issues show sections (the
 * config's `sections`, `order`, where it names them, else first
 * appearance, oldest paper first: render/sections.ts `groupBySection`),
 * each parent before its subsections and a choice of its own ("Technical
 * alignment, all": its papers and its subsections'); then "No section"
 * when a paper has none. A parent's choice keeps every paper under it
 * (papers.js compares a path and what starts with it and ` / `).
 * `noSection`: its label, the config's `words.noSection`.
 */
export function sectionChoices(papers: readonly PaperEntry<RecordSummary>[], order: readonly string[] | undefined, noSection = 'No section'): SectionChoice[] {
  // By where each paper first appeared: its first issue, then its place in it.
  const first = (paper: PaperEntry<RecordSummary>) => paper.coverage[0]!;
  const oldestFirst = [...papers]
    .sort((a, b) => first(a).issue.number - first(b).issue.number || first(a).number - first(b).number)
    .map((paper) => ({ section: paper.latest.section }));
  const groups = groupBySection(
    oldestFirst.filter((paper) => paper.section.length > 0),
    order,
  );
  const choices = groups.flatMap(choicesOf);
  return oldestFirst.some((paper) => paper.section.length === 0) ? [...choices, { value: NO_SECTION, label: noSection }] : choices;
}

function choicesOf(group: SectionGroup<unknown>): SectionChoice[] {
  const path = joinSectionPath(group.path);
  const own = { value: path, label: group.subsections.length > 0 ? `${path}, all` : path };
  return [own, ...group.subsections.flatMap(choicesOf)];
}
