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

/** Each paper's citation key, `lastnameYEARfirstword`, unique across `papers` (what `bibtexEntry` needs besides the paper). */
export function citationKeys<E extends PaperEntry<RecordFacts>>(papers: readonly E[]): Map<E, string> {
  const used = new Set<string>();
  const keys = new Map<E, string>();
  // Keys are given in id order, so one paper's key does not depend on which papers came before it in time.
  for (const paper of [...papers].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    const base = citationKey(paper);
    let key = base;
    for (let n = 2; used.has(key); n++) key = `${base}${String.fromCharCode(96 + Math.min(n, 26))}${n > 26 ? n : ''}`;
    used.add(key);
    keys.set(paper, key);
  }
  return keys;
}

function citationKey(paper: PaperEntry<RecordFacts>): string {
  const { authors, year, title } = paper.latest;
  const ascii = (text: string) => text.normalize('NFKD').replace(/[^A-Za-z0-9]/g, '');
  const last = ascii(authors[0]?.split(/\s+/).at(-1) ?? '').toLowerCase() || 'anon';
  const word = ascii(title.split(/\s+/).find((w) => ascii(w).length > 3) ?? title.split(/\s+/)[0] ?? '').toLowerCase();
  return `${last}${year ?? ''}${word}`;
}

/** A paper's BibTeX entry under its citation key (see `citationKeys`). */
export function bibtexEntry(paper: PaperEntry<RecordFacts>, key: string): string {
  const { title, authors, year, venue, arxiv, url } = paper.latest;
  const fields: [string, string | undefined][] = [
    // Double braces keep the title's capitals (BibTeX styles lower-case titles).
    ['title', `{${escapeBibtex(title)}}`],
    ['author', authors.length > 0 ? authors.map(escapeBibtex).join(' and ') : undefined],
    ['year', year === undefined || year === null ? undefined : String(year)],
    ['howpublished', venue ? escapeBibtex(venue) : undefined],
    ['eprint', arxiv ?? undefined],
    ['archivePrefix', arxiv ? 'arXiv' : undefined],
    ['url', url ? escapeBibtex(url) : undefined],
  ];
  const body = fields.filter((field): field is [string, string] => field[1] !== undefined).map(([name, value]) => `  ${name} = {${value}}`);
  return `@misc{${key},\n${body.join(',\n')}\n}\n`;
}

/**
 * Text safe inside a braced BibTeX field: LaTeX's special characters
 * escaped, unbalanced braces impossible (every brace is escaped).
 */
function escapeBibtex(text: string): string {
  return text
    .replace(/[\\{}]/g, (c) => (c === '\\' ? '\\textbackslash{}' : `\\${c}`))
    .replace(/[&%$#_]/g, (c) => `\\${c}`)
    .replace(/~/g, '\\textasciitilde{}')
    .replace(/\^/g, '\\textasciicircum{}')
    // In BibTeX's default (OT1) encoding `<` and `>` print as ¡ and ¿.
    .replace(/</g, '\\textless{}')
    .replace(/>/g, '\\textgreater{}')
    .replace(/[\r\n]+/g, ' ');
}
