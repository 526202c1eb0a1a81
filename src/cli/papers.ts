import { join } from 'node:path';
import { papersBib } from '../archive/bibtex.js';
import { publishedPapers, type PublishedPapers } from '../archive/published.js';
import { withTexts } from '../archive/pages.js';
import { papersCsv, papersJson } from '../archive/data-files.js';
import { draftPapersMatching, hasSearchWords, searchPapers, type DraftPaperMatch } from '../archive/paper-search.js';
import { firstLine } from '../archive/search-index.js';
import { excerptSource } from '../archive/catalog.js';
import { loadConfig, type Config } from '../config/load.js';
import { phrasebook, type Phrasebook } from '../config/words.js';
import { PaperboyError } from '../errors.js';
import { replaceControlCharacters } from '../diagnostics/control-characters.js';
import { tagKey } from '../issue/names.js';
import type { CommandIO } from '../io.js';
import { writeOutFile } from './out-file.js';
import { isolatePiecesText, isolateText } from '../render/bidi.js';
import { briefAuthorPieces } from '../render/format.js';
import { newsletterRoot } from './root.js';
import { shownPath } from '../path-within.js';

interface CommonOptions {
  root: string;
  cache: boolean;
}

export interface SearchCommandOptions extends CommonOptions {
  query: string;
  tag?: string;
  author?: string;
  year?: number;
  json: boolean;
  limit: number;
}

export interface ExportCommandOptions extends CommonOptions {
  format: 'csv' | 'json' | 'bib';
  out?: string;
}

/** The paper database of every published issue: the same records the archive is built from (and its cache). */
async function loadPapers(options: CommonOptions, io: CommandIO): Promise<{ config: Config; papers: PublishedPapers }> {
  const config = await loadConfig(newsletterRoot(io.cwd, options.root));
  return { config, papers: await publishedPapers(config, options) };
}

/**
 * `paperboy papers search [QUERY]`: ranked matches (without words, every
 * paper the filters keep) with issue number, date and the first line of the
 * summary, its sentences in the config's `words:` (config/words.ts: "3
 * papers match", "No published paper matches …", the drafts' lines) and
 * the authors joined in its `language`, as the email joins them; `--json`'s
 * keys stay as they are, for tools. Throws USAGE with neither words nor a
 * filter: a query of punctuation alone (`++`) has no word the index knows,
 * and would list every paper as if it matched.
 */
export async function search(options: SearchCommandOptions, io: CommandIO): Promise<number> {
  // A tag is compared folded (issue/names.ts `tagKey`): an emoji or a symbol is one (`🎉`, `c++`), but spaces, accents alone or
  // invisible characters fold to nothing, which would keep every paper, as if no filter were given.
  if (options.tag !== undefined && tagKey(options.tag) === '') {
    throw new PaperboyError('USAGE', `Unexpected --tag \`${options.tag}\`, expected a tag with something other than spaces or invisible characters in it`);
  }
  const filters = { tag: options.tag, author: options.author, year: options.year };
  if (!hasSearchWords(options.query) && Object.values(filters).every((value) => value === undefined)) {
    const hint = 'Pass words, a --tag, an --author or a --year, e.g. `paperboy papers search sparse autoencoders` or `paperboy papers search --author Olah`.';
    if (options.query.trim() === '') throw new PaperboyError('USAGE', 'Missing words to find, or a filter', { hint });
    throw new PaperboyError('USAGE', `The query "${options.query}" has no words to search for: a search matches words (letters and digits) and ignores punctuation and symbols`, { hint });
  }
  const { config, papers } = await loadPapers(options, io);
  const words = phrasebook(config.words, config.language);
  // The shards a build or a previous search kept (search-index.ts): a search reads the index instead of making it.
  const shardCache = options.cache ? join(config.dataDir, 'cache', 'search') : undefined;
  const matches = searchPapers(papers.database, papers.texts, options.query, filters, shardCache, config.language);
  // Said beside the results (on stderr with --json, whose stdout is the array alone): the issue being written is "covered" too.
  const drafts = draftLines(draftPapersMatching(papers.drafts, options.query, filters), new Set(papers.database.papers.map(({ id }) => id)), io.cwd, words);
  // Only the papers shown are read with their texts (their first lines).
  const shown = matches.slice(0, options.limit).map(({ paper, score }) => ({ paper: withTexts(paper, papers.texts), score }));
  if (options.json) {
    const results = shown.map(({ paper, score }) => ({
      id: paper.id,
      title: paper.latest.title,
      authors: paper.latest.authors,
      year: paper.latest.year ?? null,
      tags: paper.tags,
      score,
      url: new URL(`papers/${paper.slug}/`, config.baseUrl).href,
      issues: paper.coverage.map((record) => ({ number: record.issue.number, date: record.issue.date })),
      firstLine: firstLine(paper),
      // The issue whose summary `firstLine` is from (the newest of `issues`), for a paper covered more than once.
      firstLineIssue: paper.coverage.at(-1)!.issue.number,
    }));
    io.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
    // The array is all stdout holds, for tools to read; what it leaves out is said beside it.
    if (shown.length < matches.length) io.stderr.write(countLine(matches.length, shown.length, words));
    io.stderr.write(drafts);
    return 0;
  }
  if (matches.length === 0) {
    // Echoed as typed, but for control characters: an escape sequence pasted into the query would act on the terminal.
    const said = [options.query && `"${options.query}"`, ...filterWords(filters)].filter(Boolean).join(', ');
    io.stdout.write(`${words.say('noPublishedMatch', { query: replaceControlCharacters(said) })}\n${drafts}`);
    return 0;
  }
  for (const { paper } of shown) {
    const covered = paper.coverage.map((record) => `#${record.issue.number} ${record.issue.date}`).join(', ');
    // Authors as the email names them (briefAuthors): past `email.maxAuthors`, "Toby Shevlane et al." rather than a line of every "Last, First"; joined in the newsletter's language, "A, B und C".
    // Each name and the title isolated as in the plaintext email (render/bidi.ts): an Arabic name took the year after it into its run.
    const byline = [isolatePiecesText(briefAuthorPieces(paper.latest.authors, config.email.maxAuthors, config.language)), paper.latest.year ?? undefined].filter((part) => part !== undefined && part !== '').join(', ');
    // The first line is the newest summary's: "#12: " says which, where the line above lists several issues.
    const from = excerptSource(paper);
    io.stdout.write(`${covered}  ${listedText(isolateText(paper.latest.title))}${byline ? ` (${listedText(byline)})` : ''}\n    ${from ? `#${from.issue}: ` : ''}${listedText(firstLine(paper))}\n`);
  }
  io.stdout.write(countLine(matches.length, shown.length, words) + drafts);
  return 0;
}

/**
 * A text of the model as one line of the listing: a tab or a line break
 * in it (a YAML escape, `title: "A\tB"`: the model keeps both as text)
 * with the spaces around it is one space, as the plaintext email and the
 * preview wrap it (render/text/wrap.ts: spaces and tabs collapse to one),
 * and any other control character is U+FFFD, as every output shows it
 * (diagnostics/control-characters.ts). A raw tab jumped to the terminal's
 * next tab stop, and a line break split a result in two.
 */
function listedText(text: string): string {
  return replaceControlCharacters(text.replace(/[ \t]*[\t\r\n][ \t\r\n]*/g, ' '));
}

/**
 * The papers of drafts a search found, each with its draft's number and where its title is written (from `cwd`); '' for none.
 * One whose identity is in `published` is said as covered before, not as "not published yet", which it was said as.
 * A paper not titled yet (found by its arXiv id) says so: its line showed a blank between two gaps.
 */
function draftLines(found: readonly DraftPaperMatch[], published: ReadonlySet<string>, cwd: string, words: Phrasebook): string {
  const line = (paper: DraftPaperMatch) =>
    `  ${paper.number === undefined ? words.say('draftUnnumbered') : words.say('draftNumber', { number: paper.number })}  ${paper.title.trim() === '' ? words.say('noTitleYet') : listedText(isolateText(paper.title))}  (${shownPath(paper.path, cwd)}:${paper.position.start.line}:${paper.position.start.column})\n`;
  const group = (stem: string, papers: readonly DraftPaperMatch[]) => (papers.length === 0 ? '' : `${words.counted(stem, papers.length)}\n${papers.map(line).join('')}`);
  return group('notPublishedInDrafts', found.filter(({ id }) => !published.has(id))) + group('coveredAgainInDrafts', found.filter(({ id }) => published.has(id)));
}

/** "495 papers match; 475 more with --limit." for `total` matches of which `shown` are shown, in `words`. */
function countLine(total: number, shown: number, words: Phrasebook): string {
  return `${words.counted('matches', total)}${total > shown ? words.say('moreWithLimit', { count: total - shown }) : ''}.\n`;
}

/** The filters of a search as its flags say them: `--tag x`. */
function filterWords(filters: Record<string, string | number | undefined>): string[] {
  return Object.entries(filters).flatMap(([flag, value]) => (value === undefined ? [] : [`--${flag} ${value}`]));
}

/** `paperboy papers export --format csv|json|bib`: the archive's data files, on stdout or into `--out`. */
export async function exportPapers(options: ExportCommandOptions, io: CommandIO): Promise<number> {
  const { config, papers } = await loadPapers(options, io);
  const database = papers.withAllTexts();
  const text =
    options.format === 'csv'
      ? papersCsv(database)
      : options.format === 'json'
        ? papersJson(config, database)
        : papersBib(database.papers);
  if (options.out === undefined) io.stdout.write(text);
  else await writeOutFile(options.out, text, io);
  return 0;
}
