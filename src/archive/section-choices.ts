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
 * The section filter's value for the papers outside any section. No
 * section is written so: a section's levels are trimmed and never empty
 * (config/schema.ts), and an issue's `(none)` would be a section of that
 * name, which this choice then also stands for; unlikely enough.
 */
export const NO_SECTION = '(none)';

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
