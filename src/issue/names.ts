// The fold search uses, so a tag filter (`papers search --tag`), the tag pages and an issue's own tag list agree on what one tag is.
import indexOptions from '../../templates/web/search-options.cjs';

const { foldName } = indexOptions;

/**
 * Who a tag or an author named in an issue is, whatever the spelling: the
 * rules that make two spellings one tag page or one author page, and that
 * the outputs follow wherever they list names.
 */

/** What names one tag: a name as search folds a word (case, accents and apostrophes inside words aside: `foldName`), runs of spaces aside too (`Scaling  Laws` is `scaling laws`). */
export function tagKey(tag: string): string {
  return kept(tagKeys, tag, foldedTag);
}

function foldedTag(tag: string): string {
  return foldName(tag).replace(/\s+/g, ' ').trim();
}

/** The key `keys` keeps for `name`, made by `make` the first time. */
function kept(keys: Map<string, string>, name: string, make: (name: string) => string): string {
  let key = keys.get(name);
  if (key === undefined) {
    // Forgotten whole once full: a long-running process (`serve --dev`, `preview --watch`) meets new names without end.
    if (keys.size >= MAX_KEPT_KEYS) keys.clear();
    keys.set(name, (key = make(name)));
  }
  return key;
}

/**
 * `tagKey` by name, kept: the same few thousand names are folded again
 * and again (every author and tag of every issue, by the rules across
 * issues, the paper database and the pages), ~3 µs each: after an edit of
 * one issue of the bench corpus, `author-spelling` and `tag-spelling` spent
 * 145 ms folding the names of the 1,000 issues (`--cpu-prof`).
 */
const tagKeys = new Map<string, string>();
const MAX_KEPT_KEYS = 100_000;

/**
 * What names one author: as `tagKey`, with a name written "Last, First"
 * (exactly one comma, as BibTeX reads "von Last, First": Patashnik,
 * "BibTeXing", 1988, §4) read as "First Last", so "Dong, Yihe" and "Yihe
 * Dong" are one person, and a name written "First Last, Jr." read as
 * "First Last Jr." (`suffixed`). A name with two commas ("Last, Jr,
 * First") or a comma at an end is kept as written.
 */
export function authorKey(name: string): string {
  return kept(authorKeys, name, foldedAuthor);
}

function foldedAuthor(name: string): string {
  const suffix = suffixed(name);
  return tagKey(suffix ? `${suffix.name} ${suffix.suffix}` : (firstLast(name) ?? name));
}

/** `authorKey` by name, kept as `tagKeys`: `author-spelling` asks it twice of every author name of the archive, and reading "Last, First" cut every name again (~30 ms of a one-edit build of the bench corpus, `--cpu-prof`). */
const authorKeys = new Map<string, string>();

/**
 * "Dong, Yihe" as "Yihe Dong" (exactly one comma, a part on each side);
 * undefined for a name written otherwise, and for "Sammy Davis, Jr.", whose
 * comma sets apart a suffix (`suffixed`), not a first name: read as "Last,
 * First" it was "Jr. Sammy Davis" on the author's page.
 */
export function firstLast(name: string): string | undefined {
  const parts = name.split(',').map((part) => part.trim());
  return parts.length === 2 && parts[0] && parts[1] && !NAME_SUFFIX.test(parts[1]) ? `${parts[1]} ${parts[0]}` : undefined;
}

/**
 * A name written "First Last Jr." or "First Last, Jr." (a generational
 * suffix, `NAME_SUFFIX`, after two words or more) as its name and its
 * suffix: "Martin Luther King Jr." is `{ name: "Martin Luther King",
 * suffix: "Jr." }`, whose family name is King, where BibTeX reads the last
 * word, "Jr.", as the family name (Patashnik, "BibTeXing", §4, which
 * writes such a name "King, Jr., Martin Luther"). Undefined for any other
 * name ("Henry II" has one word before it; "Ford, Henry" names no suffix).
 */
export function suffixed(name: string): { name: string; suffix: string } | undefined {
  const match = /^([^,]*?\S)(?:\s*,\s*|\s+)(\S+)\s*$/.exec(name.trim());
  if (!match || !NAME_SUFFIX.test(match[2]!) || match[1]!.trim().split(/\s+/).length < 2) return undefined;
  return { name: match[1]!.trim(), suffix: match[2]! };
}

/** A generational suffix of a name: "Jr.", "Sr." (with or without their stop), "II", "III", "IV". */
const NAME_SUFFIX = /^(?:[JS]r\.?|II|III|IV)$/;

/**
 * Whether an entry of an author list stands for the authors it does not
 * name ("et al.", "et al", "and others", "others", any case): no person,
 * so it gets no author page; BibTeX's own word for it is `others`
 * (Patashnik, "BibTeXing", §4).
 */
export function standsForOthers(name: string): boolean {
  return /^(?:et\.?\s*al\.?|(?:and\s+)?others)$/i.test(name.trim());
}

/** `tags` with each tag once, at its first spelling: `Scaling laws`, `scaling laws` and `Scaling  Laws` are one tag page (`tagKey`), so a paper lists it once. */
export function distinctTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  return tags.filter((tag) => {
    const key = tagKey(tag);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
