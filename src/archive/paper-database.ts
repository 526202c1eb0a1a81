import anyAscii from 'any-ascii';
import { authorKey, firstLast, standsForOthers, tagKey } from '../issue/names.js';
import { slugify } from '../issue/slug.js';
import type { PaperRecord, RecordFacts } from './issue-output.js';
import { sha256 } from '../sha256.js';

/**
 * The paper database: every published paper once, with every summary it got
 * across issues. Built from the issues' records alone (pure), so the pages,
 * the data files, the search index and `paperboy papers` agree.
 */
export interface PaperEntry<R extends RecordFacts = PaperRecord> {
  id: string;
  /** The folder of its page: `papers/<slug>/`. */
  slug: string;
  /** The newest coverage's facts, its paper fields merged across the coverage (`paperFacts`): an editor's later correction wins, and an issue that leaves a field out keeps the earlier one. */
  latest: R;
  /** Every tag any coverage gave it, sorted. */
  tags: string[];
  /** Every summary, oldest issue first. */
  coverage: R[];
}

/**
 * A tag or an author, with the folder of its page and the papers under it.
 * Names that differ only in case, accents or spacing are one facet
 * (`emergence`, `Emergence`; `José Núñez`, `Jose Nunez`), and an author
 * written "Last, First" is the author "First Last" (issue/names.ts),
 * shown with the spelling most papers use (on a tie, the first in sort
 * order), composed: spellings that differ only in Unicode normalization
 * count as one (`mostUsed`).
 */
export interface Facet<R extends RecordFacts = PaperRecord> {
  name: string;
  /** Every spelling the issues gave it, and `name` (which may be one of them composed), sorted. */
  spellings: string[];
  slug: string;
  papers: PaperEntry<R>[];
}

/**
 * `R` is what each record carries: a full `PaperRecord` (texts included),
 * or a build's `RecordSummary` (texts as a hash, see `IssueSummary`).
 */
export interface PaperDatabase<R extends RecordFacts = PaperRecord> {
  /** Newest first coverage first, then by title: the order of every list. */
  papers: PaperEntry<R>[];
  tags: Facet<R>[];
  authors: Facet<R>[];
}

/** Groups the records of `issues` (oldest first) by paper id. */
export function buildPaperDatabase<R extends RecordFacts>(issues: readonly { papers: readonly R[] }[]): PaperDatabase<R> {
  const slugs = new UniqueSlugs();
  const papers = [...coverageById(issues).entries()]
    .map(([id, coverage]): PaperEntry<R> => ({ id, slug: '', latest: paperFacts(coverage), tags: [...new Set(coverage.flatMap((record) => record.tags))].sort(), coverage }))
    .sort((a, b) => b.coverage[0]!.issue.number - a.coverage[0]!.issue.number || a.id.localeCompare(b.id, 'en'));
  // Slugs are given in id order, so adding a paper never renames another's page.
  for (const paper of [...papers].sort((a, b) => (a.id < b.id ? -1 : 1))) paper.slug = slugs.take(paperSlug(paper.id));
  // Tags are written `scaling-laws`, names `Rylan Schaeffer`: each keeps its plain folder written its usual way (`facetSlug`).
  const tags = facets(papers, (paper) => paper.tags, tagKey, '-');
  // A paper's tags as their facets name them: one spelling of a tag everywhere (lists, filters, search).
  const tagName = facetNames(tags);
  for (const paper of papers) paper.tags = [...new Set(paper.tags.map((tag) => tagName.get(tag)!))].sort();
  return { papers, tags, authors: facets(papers, paperAuthors, authorKey, ' ') };
}

/** The records of `issues` (oldest first) by paper id, in order of first coverage, each paper's oldest first: a paper's `coverage`. */
export function coverageById<R extends RecordFacts>(issues: readonly { papers: readonly R[] }[]): Map<string, R[]> {
  const byId = new Map<string, R[]>();
  for (const issue of issues) {
    for (const record of issue.papers) {
      const list = byId.get(record.id);
      if (list) list.push(record);
      else byId.set(record.id, [record]);
    }
  }
  return byId;
}

/**
 * The fields of a record that describe its paper rather than its summary
 * (section, highlight, summarizer, via and the texts are the summary's).
 * Tags are merged otherwise: every tag any coverage gave (`PaperEntry.tags`).
 */
const PAPER_FIELDS = ['title', 'url', 'authors', 'year', 'venue', 'arxiv'] as const satisfies readonly (keyof RecordFacts)[];

/** What `paperFacts` takes from the newest record that gives it: the paper fields, and the section lists show the paper under. */
const MERGED_FIELDS = [...PAPER_FIELDS, 'section'] as const;

/**
 * The newest record of `coverage` (oldest first, not empty) with each paper
 * field (`PAPER_FIELDS`) from the newest record that gives it: an issue
 * that covers a paper again with its title and URL alone keeps the
 * authors, year and venue an earlier issue gave. A field is given unless
 * it is left out (undefined or null), empty text or an empty list. Its
 * `section`, what lists, filters and search results show the paper under,
 * is likewise the newest that names one: a paper covered again outside any
 * section stays listed under the section it had.
 */
export function paperFacts<R extends RecordFacts>(coverage: readonly R[]): R {
  // Most papers are covered once: their one record gives every field it gives (every build asks this of every paper).
  if (coverage.length === 1) return { ...coverage[0]! };
  const newestFirst = [...coverage].reverse();
  const merged: R = { ...newestFirst[0]! };
  for (const field of MERGED_FIELDS) {
    const giver = newestFirst.find((record) => given(record[field]));
    if (giver) Object.assign(merged, { [field]: giver[field] });
  }
  return merged;
}

/** A record's paper fields alone (`PAPER_FIELDS`): what a file that shows the paper, not its summaries, is made of. */
export function paperFields(record: RecordFacts): Pick<RecordFacts, (typeof PAPER_FIELDS)[number]> {
  const { title, url, authors, year, venue, arxiv } = record;
  return { title, url, authors, year, venue, arxiv };
}

function given(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '' && !(Array.isArray(value) && value.length === 0);
}

/** Every spelling of the facets' names, each with its facet's name. */
function facetNames(facets: readonly Facet<RecordFacts>[]): Map<string, string> {
  return new Map(facets.flatMap((facet) => facet.spellings.map((spelling) => [spelling, facet.name] as const)));
}

/**
 * Every author any coverage of `paper` named, newest coverage's first (the
 * merged record's, `paperFacts`, when the newest names none), each name
 * once: a paper summarized again with "R. Schaeffer" where an earlier
 * issue wrote "Rylan Schaeffer" is on both names' pages and found by both.
 * An entry that stands for unnamed authors ("et al.", `standsForOthers`)
 * is no author.
 */
export function paperAuthors<R extends RecordFacts>(paper: PaperEntry<R>): string[] {
  // In loops, without copies: every build asks it of every paper (the author facets); with copies it was 1.2% of a one-edit rebuild's CPU profile (bench corpus).
  const names = new Set<string>();
  for (let i = paper.coverage.length - 1; i >= 0; i--) {
    for (const name of paper.coverage[i]!.authors) if (!names.has(name) && !standsForOthers(name)) names.add(name);
  }
  return [...names];
}

/**
 * What the papers page's author filter looks at, one name a line: every
 * author any coverage named (`paperAuthors`: an earlier issue's names too,
 * never "et al."), and a name written "Last, First" also as "First Last"
 * (`firstLast`), so either way of typing it finds the paper. Names alone:
 * the authors line a result shows joins them with "and", commas and
 * "et al.", which typed into the filter matched every paper.
 */
export function authorFilterNames<R extends RecordFacts>(paper: PaperEntry<R>): string {
  const names = paperAuthors(paper);
  return [...names, ...names.flatMap((name) => firstLast(name) ?? [])].join('\n');
}

/**
 * A paper's folder name: an arXiv id as it is (`arxiv:2309.08600` →
 * `2309.08600`, old-style `hep-th-9901001`), any other id (a normalized URL, a place `issue:5/2`) as a slug with a short
 * hash of the id, so two long URLs that share their first words differ.
 */
export function paperSlug(id: string): string {
  const arxiv = /^arxiv:([\w.-]+(?:\/\d+)?)$/.exec(id)?.[1];
  if (arxiv) return arxiv.replace('/', '-');
  return `${slugify(id, 48)}-${sha256(id).slice(0, 8)}`;
}

/** `keyOf`: what names one facet (`tagKey`, `authorKey`): names with one key are one facet. */
function facets<R extends RecordFacts>(
  papers: readonly PaperEntry<R>[],
  namesOf: (paper: PaperEntry<R>) => readonly string[],
  keyOf: (name: string) => string,
  wordSeparator: WordSeparator,
): Facet<R>[] {
  const byKey = new Map<string, { spellings: Map<string, number>; papers: PaperEntry<R>[] }>();
  // Each name folded once: 10,000 papers name a few thousand authors (58 ms of a rebuild, folded for every paper).
  const keys = new Map<string, string>();
  for (const paper of papers) {
    for (const name of new Set(namesOf(paper))) {
      const key = keys.get(name) ?? keys.set(name, keyOf(name)).get(name)!;
      let facet = byKey.get(key);
      if (!facet) byKey.set(key, (facet = { spellings: new Map(), papers: [] }));
      facet.spellings.set(name, (facet.spellings.get(name) ?? 0) + 1);
      // Two spellings on one paper: the paper once.
      if (facet.papers.at(-1) !== paper) facet.papers.push(paper);
    }
  }
  const byName = (a: string, b: string) => a.localeCompare(b, 'en') || (a < b ? -1 : 1);
  const named = [...byKey].map(([key, { spellings, papers: under }]) => {
    const name = mostUsed(spellings, byName);
    return { key, name, spellings: [...new Set([...spellings.keys(), name])].sort(byName), papers: under };
  });
  // Slugs in key order: two keys get one slug only when a hash's six hex digits meet a name's, which `-2` then parts.
  const slugs = new UniqueSlugs();
  const slugOf = new Map([...named].sort((a, b) => (a.key < b.key ? -1 : 1)).map((facet) => [facet.key, slugs.take(facetSlug(facet.key, wordSeparator))]));
  return named.sort((a, b) => byName(a.name, b.name)).map(({ key, name, spellings, papers: under }) => ({ name, spellings, slug: slugOf.get(key)!, papers: under }));
}

/**
 * The spelling most papers use, composed (NFC), a tie going to the first in
 * `order`. Spellings that differ only in how their accents are encoded
 * ("José" with a precomposed é, or an e and a combining accent, as text
 * pasted from a PDF often has it) look the same and count as one.
 */
function mostUsed(spellings: ReadonlyMap<string, number>, order: (a: string, b: string) => number): string {
  const votes = new Map<string, number>();
  for (const [spelling, count] of spellings) {
    const composed = spelling.normalize('NFC');
    votes.set(composed, (votes.get(composed) ?? 0) + count);
  }
  return [...votes].sort(([a, m], [b, n]) => n - m || order(a, b))[0]![0];
}

/** What separates the words of a facet's names as they are usually written: `-` in tags, a space in names. */
type WordSeparator = '-' | ' ';

/**
 * A facet's folder from its key alone, so that no other tag or author can
 * move it: the key as a slug when the slug says it and the key separates
 * its words the facet's usual way (`scaling-laws`, `rylan schaeffer` →
 * `rylan-schaeffer`), else the slug and a short hash of the key
 * (`scaling laws` → `scaling-laws-` and six hex digits, as `jean-luc
 * picard` gets; `c++` → `c-9f2e1a`, not the `c` another tag may be).
 * Letters are transliterated by any-ascii, as citation keys are
 * (bibtex.ts): `иван петров` → `ivan-petrov-` and six hex digits,
 * `山田 太郎` → `shantian-tailang-…`
 * (was `untitled-…`). Only one way of separating gets plain folders:
 * were both, `scaling laws` and `scaling-laws` would share one, and
 * whichever came first would keep it.
 */
function facetSlug(key: string, wordSeparator: WordSeparator): string {
  const slug = slugify(anyAscii(key));
  const other = wordSeparator === '-' ? ' ' : '-';
  return !key.includes(other) && slug === key.replaceAll(' ', '-') ? slug : `${slug}-${sha256(key).slice(0, 6)}`;
}

/** Slugs made unique in the order they are taken (`a`, `a-2`, …). */
class UniqueSlugs {
  private readonly used = new Set<string>();

  take(base: string): string {
    let slug = base;
    for (let n = 2; this.used.has(slug); n++) slug = `${base}-${n}`;
    this.used.add(slug);
    return slug;
  }
}

/** The folder of the papers without a year, among the years (`papers/year/undated/`). */
export const UNDATED = 'undated';

/**
 * Papers by year, newest year first, papers without a year last: the papers
 * pages, and the search index's shards (an edit re-indexes one year).
 */
export function papersByYear<R extends RecordFacts>(papers: readonly PaperEntry<R>[]): [string, PaperEntry<R>[]][] {
  const byYear = new Map<string, PaperEntry<R>[]>();
  for (const paper of papers) {
    const year = paper.latest.year == null ? UNDATED : String(paper.latest.year);
    const list = byYear.get(year);
    if (list) list.push(paper);
    else byYear.set(year, [paper]);
  }
  return [...byYear.entries()].sort(([a], [b]) => (a === UNDATED ? 1 : b === UNDATED ? -1 : Number(b) - Number(a)));
}
