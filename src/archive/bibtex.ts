import anyAscii from 'any-ascii';
import { standsForOthers, suffixed } from '../issue/names.js';
import type { RecordFacts } from './issue-output.js';
import type { PaperEntry } from './paper-database.js';

/**
 * BibTeX entries for the paper database (`papers.bib`, each paper page). An
 * arXiv paper is an `@misc` with `eprint` and `archivePrefix` (what arXiv's
 * own "Export BibTeX" gives); any other is `@misc` with `howpublished` and
 * `url`. Keys are `lastnameYEARfirstword`, made unique across the file.
 * `papers.bib` (the archive's and `papers export`'s): an entry per paper, in
 * the database's order. `keys`: the papers' citation keys, when the caller
 * has made them already (the site plan does, for every paper page).
 */
export function papersBib<E extends PaperEntry<RecordFacts>>(papers: readonly E[], keys: ReadonlyMap<E, string> = citationKeys(papers)): string {
  return papers.map((paper) => bibtexEntry(paper, keys.get(paper)!)).join('\n');
}

/**
 * Each paper's citation key, `lastnameYEARfirstword`, unique across
 * `papers` (what `bibtexEntry` needs besides the paper). Papers whose keys
 * meet take `b`, `c`… in the order the newsletter first covered them (issue
 * number, then place in that issue's reading order, then id): a paper
 * covered in a new issue never takes the key a reader already cites for
 * one covered before.
 */
export function citationKeys<E extends PaperEntry<RecordFacts>>(papers: readonly E[]): Map<E, string> {
  const used = new Set<string>();
  const keys = new Map<E, string>();
  for (const paper of [...papers].sort(byFirstCoverage)) {
    const base = citationKey(paper);
    let key = base;
    for (let n = 2; used.has(key); n++) key = `${base}${String.fromCharCode(96 + Math.min(n, 26))}${n > 26 ? n : ''}`;
    used.add(key);
    keys.set(paper, key);
  }
  return keys;
}

function byFirstCoverage(a: PaperEntry<RecordFacts>, b: PaperEntry<RecordFacts>): number {
  const [first, second] = [a.coverage[0]!, b.coverage[0]!];
  return first.issue.number - second.issue.number || first.number - second.number || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * The key as the newsletter first covered the paper (its first coverage's
 * title, first author and year; a field that coverage left out, the
 * merged one): a later issue covering it again under its new title or
 * author list (arXiv's v2) changes the paper's page, not the key a reader
 * already cites. An edit of that first coverage changes it: a correction.
 */
function citationKey(paper: PaperEntry<RecordFacts>): string {
  const first = paper.coverage[0] ?? paper.latest;
  const authors = first.authors.length > 0 ? first.authors : paper.latest.authors;
  const year = first.year ?? paper.latest.year;
  const title = first.title;
  const last = ascii(familyName(authors[0] ?? '')).toLowerCase() || 'anon';
  const word = ascii(title.split(/\s+/).find((w) => ascii(w).length > 3) ?? title.split(/\s+/)[0] ?? '').toLowerCase();
  return `${last}${year ?? ''}${word}`;
}

/**
 * A key's letters and digits for `text`, transliterated by any-ascii (a
 * table per Unicode block: "Łukasiewicz" `Lukasiewicz`, "Straße"
 * `Strasse`, "Петров" `Petrov`, "山田" `ShanTian`, as Chinese reads it).
 * Stripping accents alone (NFKD) dropped every letter that has no ASCII
 * base (`ukasiewicz`), and made names in other scripts `anon`.
 */
function ascii(text: string): string {
  return anyAscii(text).replace(/[^A-Za-z0-9]/g, '');
}

/**
 * The family name of an author as BibTeX reads the name (Patashnik,
 * "BibTeXing", 1988, §4; Markey, "Tame the BeaST", §11), written "First von
 * Last", "von Last, First" or "von Last, Jr, First": the Last part, the words
 * after the von part (which ends at the last word, the final one aside, that
 * starts in lower case); with no von part, the last word of "First Last" or
 * all of "Last" before a comma. So "Schaeffer, R." and "Rylan Schaeffer"
 * both give "Schaeffer", "van der Berg, Jan" and "Ödön von Horváth" "Berg"
 * and "Horváth". Words are split at spaces only: BibTeX also splits at
 * hyphens ("Skłodowska" of "Maria Curie-Skłodowska"), which would change
 * keys given before. A name with a suffix ("Martin Luther King Jr.",
 * "Sammy Davis, Jr.": names.ts `suffixed`) is read without it: "King",
 * "Davis".
 */
function familyName(author: string): string {
  if (namesSeveral(author)) return author;
  const suffix = suffixed(author);
  if (suffix) return familyName(suffix.name);
  const commas = author.split(',');
  const words = commas[0]!.trim().split(/\s+/).filter(Boolean);
  const lastVon = words.slice(0, -1).map((word) => /^\p{Ll}/u.test(word)).lastIndexOf(true);
  if (lastVon >= 0) return words.slice(lastVon + 1).join(' ');
  return commas.length > 1 ? words.join(' ') : (words.at(-1) ?? '');
}

/** A paper's BibTeX entry under its citation key (see `citationKeys`). */
export function bibtexEntry(paper: PaperEntry<RecordFacts>, key: string): string {
  const { title, authors, year, venue, arxiv, url } = paper.latest;
  const fields: [string, string | undefined][] = [
    // Double braces keep the title's capitals (BibTeX styles lower-case titles).
    ['title', `{${escapeBibtex(title)}}`],
    ['author', authors.length > 0 ? authors.map(authorValue).join(' and ') : undefined],
    ['year', year === undefined || year === null ? undefined : String(year)],
    ['howpublished', venue ? escapeBibtex(venue) : undefined],
    ['eprint', arxiv ? verbatimValue(arxiv) : undefined],
    ['archivePrefix', arxiv ? 'arXiv' : undefined],
    ['url', url ? verbatimValue(url) : undefined],
  ];
  const body = fields.filter((field): field is [string, string] => field[1] !== undefined).map(([name, value]) => `  ${name} = {${value}}`);
  return `@misc{${key},\n${body.join(',\n')}\n}\n`;
}

/**
 * One name of the `author` field. BibTeX splits the field at every `and`
 * between spaces, in any case, outside braces (Patashnik, "BibTeXing",
 * §4): "Tom and Jerry Lab" would be two people, "Tom" and "Jerry Lab". A
 * name holding such an `and` is braced whole, which BibTeX reads as one
 * name with no parts (a "corporate" author, §4), and `familyName` as its
 * family name too. An entry for the authors not named ("et al.",
 * `standsForOthers`) is `others`, which styles print as "et al." (§4).
 */
function authorValue(author: string): string {
  if (standsForOthers(author)) return 'others';
  if (namesSeveral(author)) return `{${escapeBibtex(author)}}`;
  const suffix = suffixed(author);
  return escapeBibtex(suffix ? withSuffixApart(suffix.name, suffix.suffix) : author);
}

/**
 * "First von Last" and its suffix as BibTeX's "von Last, Jr, First"
 * (Patashnik, "BibTeXing", §4), the one form in which BibTeX reads a
 * suffix: written "Martin Luther King Jr." its family name was "Jr.", and
 * "Sammy Davis, Jr." was read "Last, First", first name "Jr.". The von
 * part starts at the first word in lower case, the last word aside, as
 * BibTeX reads "First von Last".
 */
function withSuffixApart(name: string, suffix: string): string {
  const words = name.split(/\s+/);
  const von = words.slice(0, -1).findIndex((word) => /^\p{Ll}/u.test(word));
  const first = von === -1 ? words.length - 1 : von;
  return `${words.slice(first).join(' ')}, ${suffix}, ${words.slice(0, first).join(' ')}`.trimEnd();
}

/** Whether BibTeX would read `author` as several names: an `and` word between whitespace, in any case. */
function namesSeveral(author: string): boolean {
  return /\sand\s/i.test(author);
}

/**
 * A value of a verbatim field (`url`, `eprint`): biblatex (biber) and
 * hyperref's `\url` read its characters as they are, so escaping them for
 * LaTeX (`a\_b`) would put the backslashes into the URL. Only what a .bib
 * reader gives a meaning inside any field is percent-encoded: a brace would
 * end the field or unbalance it, a backslash before the closing brace would
 * escape it, and an unpaired `$` is unclosed math to
 * @retorquere/bibtex-parser (what Zotero's Better BibTeX imports with),
 * which then drops the entry. `{`, `}` and `\` may not stand unencoded in
 * a URI at all (RFC 3986 §2), so `%7B` is how a URI writes `{`; `%24` is not
 * `$` to RFC 3986 (§2.2: `$` is reserved), but it is to every server that
 * decodes its path or query.
 */
function verbatimValue(value: string): string {
  return value.replace(/[{}\\$]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * Text safe inside a braced BibTeX field, printed by LaTeX as written:
 * LaTeX's special characters escaped, and no brace of the text left to
 * count. BibTeX counts every brace when it looks for a field's end, a
 * backslash before it or not, and so does btparse (Text::BibTeX, what biber
 * reads with): `\{` kept only balanced text whole, and a title with one `{`
 * ran on into the next entry, both lost to them. A brace is written as
 * LaTeX's command for it instead (`\textbraceleft{}`), whose own braces pair.
 *
 * Characters LaTeX's text fonts print as something else (the ligatures and
 * slots of the OT1 and T1 encodings: "LaTeX font encodings", encguide.pdf,
 * https://ctan.org/pkg/encguide, and the fonts' ligature tables in
 * cmr10.pl/ecrm1000.pl):
 * - `` ` `` prints ‘, and ``` `` ``` “ (both encodings): `\textasciigrave{}`.
 * - `--` and `---` are the en and em dash ligatures, `''` ” and `,,` „ (T1):
 *   `-{}-`, `'{}'`, `,{}`, an empty group between the two characters breaks
 *   the ligature. A lone `'` prints ’, the apostrophe it stands for.
 * - `<` and `>` print ¡ and ¿ in OT1, BibTeX's default, and `<<`/`>>` are
 *   guillemets in T1: `\textless{}`, `\textgreater{}`.
 * - `|` prints — in OT1: `\textbar{}`; `"` prints ” in OT1 (and is babel's
 *   shorthand in German): `\textquotedbl{}`.
 * tests/archive/bibtex.test.ts reads every one back with
 * @retorquere/bibtex-parser (no TeX is installed to typeset them).
 */
function escapeBibtex(text: string): string {
  return text
    .replace(/[\\{}]/g, (c) => (c === '\\' ? '\\textbackslash{}' : c === '{' ? '\\textbraceleft{}' : '\\textbraceright{}'))
    .replace(/[&%$#_]/g, (c) => `\\${c}`)
    .replace(/~/g, '\\textasciitilde{}')
    .replace(/\^/g, '\\textasciicircum{}')
    .replace(/[<>|"`]/g, (c) => `\\${LATEX_TEXT_COMMANDS[c]!}{}`)
    .replace(/([-',])(?=\1)/g, '$1{}')
    .replace(/[\r\n]+/g, ' ');
}

/** LaTeX's commands for characters its fonts print otherwise (see `escapeBibtex`). */
const LATEX_TEXT_COMMANDS: Record<string, string> = { '<': 'textless', '>': 'textgreater', '|': 'textbar', '"': 'textquotedbl', '`': 'textasciigrave' };
