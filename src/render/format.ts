/** Small wordings shared by every output, so the HTML and the plaintext say the same. */
import { firstLast, standsForOthers } from '../issue/names.js';
import type { LinePiece } from './bidi.js';
import { DEFAULT_WORDS, fillWord, type WordKey, type Words, type WordsSetting } from '../config/words.js';

/** The words of the months, January to December (config/words.ts): a date's `{month}`. */
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'] as const satisfies readonly WordKey[];

/** What a date is said with: its pattern and the months' names (the config's `words:`, else English). */
export type DateWords = Pick<Words, 'date' | (typeof MONTHS)[number]>;


/** `31_500` bytes → "31.5 KB" (1 KB = 1,000 bytes, as Gmail's clip limit is given). */
export function formatKilobytes(bytes: number): string {
  return `${(bytes / 1000).toFixed(1)} KB`;
}

/** `4_030_000` bytes → "4.0 MB" (1 MB = 1,000,000 bytes, as the issue file limit is given). */
export function formatMegabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

/**
 * "2023-05-29" → "29 May 2023", the same on every machine (no locale, no
 * time zone), in `words` (`{day} {month} {year}` and the months' names:
 * "29. Mai 2023" for `date: "{day}. {month} {year}"` in German).
 */
export function formatDate(isoDate: string, words: DateWords = DEFAULT_WORDS): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  const month = match ? MONTHS[Number(match[2]) - 1] : undefined;
  if (!match || !month) return isoDate;
  return fillWord(words.date, { day: Number(match[3]), month: words[month], year: match[1] });
}

/** `1 paper`, `2 papers`, `0 papers`: a count with its noun in the number it takes (`plural` where adding "s" is wrong: "summaries"). */
export function counted(count: number, noun: string, plural = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : plural}`;
}

/** The pronoun for `count` things just counted: "1 lint error …: fix it", "2 lint errors …: fix them". */
export function itOrThem(count: number): 'it' | 'them' {
  return count === 1 ? 'it' : 'them';
}

/**
 * "A", "A and B", "A, B and C"; a name written "Last, First" (as BibTeX
 * takes it) makes the list's separator a semicolon, with a serial "and"
 * (Chicago Manual of Style, 6.60): "Vaswani, Ashish; Noam Shazeer; and
 * Parmar, Niki", and for two names "Vaswani, Ashish; and Noam Shazeer".
 * With commas, "Vaswani, Ashish, Noam Shazeer" read as three people, and
 * so did "Vaswani, Ashish and Noam Shazeer". An entry for the authors not named ("et al.", "and
 * others": issue/names.ts `standsForOthers`) ends the list as "et al.",
 * the others without an "and": "Leo Gao, Stella Biderman et al.".
 * `language` (a BCP 47 tag; English when absent): the language whose
 * words join the names (`listJoints`): "A, B und C" in German.
 */
export function joinNames(names: readonly string[], language?: string): string {
  return listedNames(names, language)
    .map(({ name, after }) => name + after)
    .join('');
}

/**
 * The text after each name of `named` but the last, in `language`: in
 * English (or without a language) paperboy's own joints (`joinNames`: ", "
 * and " and ", or "; " and "; and " when a name holds a comma); in any
 * other, its language's, from CLDR's conjunction list pattern through
 * `Intl.ListFormat` ("A, B und C", "A, B et C", "A、B和C"; given the names
 * themselves, as a language may word a joint by the name after it, as
 * Spanish "y" becomes "e" before "i"). Where that language separates the
 * names with a comma and a name holds one, its commas become semicolons
 * and its last joint starts with one ("Vaswani, Ashish; Noam Shazeer; und
 * Parmar, Niki"), as the English does, and for the same reason.
 */
function listJoints(named: readonly string[], language: string | undefined): string[] {
  const commaNames = named.some((name) => name.includes(','));
  const format = language === undefined ? undefined : listFormat(language);
  if (format === undefined) {
    const between = commaNames ? '; ' : ', ';
    return named.slice(1).map((_, i) => (i === named.length - 2 ? (commaNames ? '; and ' : ' and ') : between));
  }
  const joints: string[] = [];
  for (const part of format.formatToParts(named)) {
    if (part.type === 'element') joints.push('');
    else if (joints.length > 0) joints[joints.length - 1] += part.value;
  }
  joints.pop();
  if (!commaNames || !format.formatToParts(['a', 'b', 'c'])[1]!.value.includes(',')) return joints;
  return joints.map((joint, i) => {
    const semicolons = joint.replaceAll(',', ';');
    return i === joints.length - 1 && !semicolons.includes(';') && /^\s/.test(semicolons) ? `;${semicolons}` : semicolons;
  });
}

/** The language whose words `joinNames` joins a list in given `language`: undefined for none or English (paperboy's own joints), else `language`. */
export function joiningLanguage(language: string | undefined): string | undefined {
  return language === undefined || listFormat(language) === undefined ? undefined : language;
}

/** The conjunction `Intl.ListFormat` of `language`, undefined for English (paperboy's own joints, `listJoints`); one per language. */
function listFormat(language: string): Intl.ListFormat | undefined {
  if (!listFormats.has(language)) listFormats.set(language, new Intl.Locale(language).language === 'en' ? undefined : new Intl.ListFormat(language, { type: 'conjunction' }));
  return listFormats.get(language);
}
const listFormats = new Map<string, Intl.ListFormat | undefined>();

/**
 * `joinNames`'s list one name at a time, for a page that links each
 * name: each entry is a name and the text after it (`", "`, `" and "`,
 * `"; and "`, `" "` before "et al.", `""` last), so the entries written
 * in order are `joinNames(names)`. An entry for the authors not named
 * comes last, as `et al.` (`{ name: 'et al.', others: true }`), whatever
 * the issue wrote ("and others", "et al"); the name before it, when shown
 * "First Last" for one written "Last, First", keeps the list's spelling
 * in `written`.
 */
export function listedNames(names: readonly string[], language?: string): ListedName[] {
  const named = names.filter((name) => !standsForOthers(name));
  // Before "et al.", each name is followed by the joint between two: the list goes on past the last one named.
  const joints = named.length === names.length ? listJoints(named, language) : listJoints([...named, 'et al.'], language).slice(0, -1);
  const listed: ListedName[] = named.map((name, i) => ({ name, after: joints[i] ?? '' }));
  if (named.length === names.length) return listed;
  const final = listed.at(-1);
  // A space before "et al." after some name (none when no name is written at all).
  if (final && listed.some(({ name, after }) => name + after !== '')) {
    final.after = ' ';
    // That name read "First Last": "Grosse, Roger et al." reads as Grosse and "Roger et al.".
    const shown = beforeOthers(final.name);
    if (shown !== final.name) Object.assign(final, { name: shown, written: final.name });
  }
  return [...listed, { name: 'et al.', after: '', others: true }];
}

/** One entry of `listedNames`: a name as shown, the text after it, the name as the list wrote it when shown otherwise, and whether it stands for the authors not named. */
interface ListedName {
  name: string;
  after: string;
  written?: string;
  others?: true;
}

/**
 * An author list as a row of a list of papers shows it: `joinNames` of
 * every name while at most `max` are named; past that, the first `shown`
 * names (`names`) and how many other named authors the list has
 * (`more.count`, an "et al." not counted), which a row says after
 * `more.before` (what `joinNames` puts before a last name: `" and "`, or
 * `"; and "` when a name shown is written "Last, First"): "A, B and 2,990
 * more authors". Why: a paper of a big collaboration names thousands of
 * authors and is listed on each one's page, so whole lists would make
 * the author pages grow with the square of its authors (archive/pages.ts
 * `rowAuthors`); its own page lists them all.
 */
export function boundedNames(names: readonly string[], max: number, shown: number, language?: string): { names: LinePiece[]; more: { before: string; count: number } | undefined } {
  const named = names.filter((name) => !standsForOthers(name));
  if (named.length <= max) return { names: namePieces(names, language), more: undefined };
  const first = named.slice(0, shown);
  // The others stand last in the list, as one more entry (its words are the caller's): "A, B and 2,990 more authors".
  const joints = listJoints([...first, String(named.length - shown)], language);
  return { names: first.map((text, i) => ({ text, after: i < first.length - 1 ? joints[i]! : '' })), more: { before: joints.at(-1)!, count: named.length - shown } };
}

/**
 * An author list as an email shows it: every name up to `maxAuthors`
 * (the config's `email.maxAuthors`), else "First Author et al.", the
 * citation style's short form; ten to twenty names took three or four lines.
 */
export function briefAuthors(names: readonly string[], maxAuthors: number, language?: string): string {
  return joinPieces(briefAuthorPieces(names, maxAuthors, language));
}

/**
 * `briefAuthors` one name at a time (`"First Author"` then `"et al."`), so
 * that a template can isolate each name (helpers.ts `isolate`).
 */
export function briefAuthorPieces(names: readonly string[], maxAuthors: number, language?: string): LinePiece[] {
  return names.length > maxAuthors ? firstAuthorEtAl(names) : namePieces(names, language);
}

/** `joinNames` one name at a time: each name and the text after it. */
export function namePieces(names: readonly string[], language?: string): LinePiece[] {
  return listedNames(names, language).map(({ name, after }) => ({ text: name, after }));
}

/**
 * `joinNames` as data for a script that lays the names out (the papers
 * page's results, papers.js): each name and the text after it, a pair,
 * `[["A", ", "], ["B", " and "], ["C", ""]]`, so that it can isolate each
 * name (render/bidi.ts) and join them as `joinNames` does.
 */
export function namePairs(names: readonly string[], language?: string): [name: string, after: string][] {
  return namePieces(names, language).map(({ text, after }) => [text, after]);
}

/** Pieces written in order: `"A, B and C"`. */
export function joinPieces(pieces: readonly LinePiece[]): string {
  return pieces.map(({ text, after }) => text + after).join('');
}

/**
 * The short form of a non-empty author list, "First Author et al.", its
 * name read "First Last" (`beforeOthers`): what the email shows past
 * `email.maxAuthors` and the terminal preview where the list would not fit
 * its line, one spelling for both ("Shevlane, Toby" is "Toby Shevlane et al."),
 * one name at a time (`briefAuthorPieces`).
 */
function firstAuthorEtAl(names: readonly string[]): LinePiece[] {
  return [
    { text: beforeOthers(names[0]!), after: ' ' },
    { text: 'et al.', after: '' },
  ];
}

/** A name right before "et al.": one written "Last, First" as "First Last", so that its comma does not split it from its first name ("Grosse, Roger et al." → "Roger Grosse et al."). */
function beforeOthers(name: string): string {
  return firstLast(name) ?? name;
}

/**
 * Names as a sentence of prose says them ("Thanks to …"): each written
 * "Last, First" read "First Last" (as a name before "et al." is, and an
 * author page's title), then joined as every list of names is
 * (`joinNames`): "Siobhán O'Brien and Łukasz Kaiser". A name with two
 * commas stays as written, and makes the separator a semicolon.
 */
function namesInProse(names: readonly string[], language: string | undefined): LinePiece[] {
  return namePieces(names.map(beforeOthers), language);
}

/**
 * The reviewers' thanks of every output (email HTML and text, preview,
 * archive page, feed); undefined without reviewers. `language`: the
 * sentence's (`joinNames`), English when absent.
 */
export function reviewersThanks(reviewers: readonly string[], sentence: string = DEFAULT_WORDS.reviewersThanks, language?: string): string | undefined {
  return reviewers.length === 0 ? undefined : joinPieces(reviewersThanksPieces(reviewers, sentence, language));
}

/**
 * The language the reviewers' thanks joins their names in (`reviewersThanks`'s
 * `language`): the newsletter's `language` once the config's `words`
 * translates the sentence around them (`reviewersThanks`), else English,
 * the sentence's own (undefined).
 */
export function thanksLanguage(setting: WordsSetting | undefined, language: string): string | undefined {
  return setting?.reviewersThanks === undefined ? undefined : language;
}

/**
 * `reviewersThanks` one name at a time, so that each name can be isolated
 * (bidi.ts): a first piece without a name (`text` empty) for "Thanks to ",
 * then each name, the last followed by " for reviewing this issue.";
 * empty without reviewers. `sentence`: the words around the names, at
 * `{names}` (the config's `words.reviewersThanks`).
 */
export function reviewersThanksPieces(reviewers: readonly string[], sentence: string = DEFAULT_WORDS.reviewersThanks, language?: string): LinePiece[] {
  if (reviewers.length === 0) return [];
  const names = namesInProse(reviewers, language);
  const last = names.at(-1)!;
  const [before = '', after = ''] = sentence.split('{names}');
  return [{ text: '', after: before }, ...names.slice(0, -1), { text: last.text, after: `${last.after}${after}` }];
}

/**
 * A paper's source line, "LessWrong, 2023": a venue that is one of the
 * authors ("Anthropic", by Anthropic) is left out, so it is said once, as
 * the author.
 */
export function paperSourceLine(paper: SourceFacts): string | undefined {
  return joinPieces(sourcePieces(paper)) || undefined;
}

/** `paperSourceLine` one part at a time (the venue, then the year), so that a template can isolate the venue; empty when neither is known. */
export function sourcePieces(paper: SourceFacts): LinePiece[] {
  const venue = paper.venue?.toLowerCase();
  const isAuthor = paper.authors.some((author) => author.toLowerCase() === venue);
  const parts = [isAuthor ? undefined : paper.venue, paper.year === undefined ? undefined : String(paper.year)].filter((part): part is string => Boolean(part));
  return parts.map((text, i) => ({ text, after: i < parts.length - 1 ? ', ' : '' }));
}

interface SourceFacts {
  authors: readonly string[];
  venue: string | undefined;
  year: number | undefined;
}
