/** Characters of a paper's excerpt on the papers page, a search's result or a filter's alike: two lines of the result list. */
export const EXCERPT_LENGTH = 160;

/**
 * What an excerpt is taken from (words.ts `leadWords`): a summary's first
 * paragraph of prose as words (whitespace collapsed, math between the
 * dollars it was written with), and where math is in them, as [start, end)
 * offsets of `words` that include the dollars. Read off the tree, so an
 * escaped dollar (`\$100`) is never taken for math.
 */
export interface Lead {
  words: string;
  math: [number, number][];
}

/**
 * Words before which a full stop ends no sentence, lower case, without
 * their stop: abbreviations a summary of a paper writes mid-sentence
 * ("e.g. the", "Wei et al. argue", "vs. 7 B", "Fig. 2", "Eq. 3", "Sec. 4",
 * "cf. Dr. Smith", "approx. 5"). Ones that often end a sentence too
 * ("etc.", "no.") are not among them.
 */
const ABBREVIATIONS = new Set(['al', 'approx', 'ca', 'cf', 'ch', 'dr', 'eq', 'eqs', 'fig', 'figs', 'mr', 'mrs', 'ms', 'pp', 'prof', 'resp', 'sec', 'secs', 'tab', 'thm', 'viz', 'vol', 'vs']);

/**
 * The first sentence of `lead` (up to the first `.`, `!` or `?` followed by
 * white space or the end, outside math, a stop that ends no abbreviation;
 * the whole of its words when there is none), cut to `max` characters with
 * `…`: what a list of papers shows of a summary.
 *
 * A stop ends no sentence after a word of `ABBREVIATIONS`, a dotted one
 * ("e.g.", "i.e.", "U.S.") or a single capital, an initial ("J. Smith"):
 * cut there, "Wei et al." read as a whole sentence. One that does end a
 * sentence there ("as in Wei et al. Then…") runs the excerpt on to the
 * next stop, or to `max` with `…`: never a sentence shown whole that was not.
 *
 * A cut falls only between words, never inside math: a word (a URL, a
 * formula without spaces) that would not fit whole is left out, and so is
 * a formula with spaces (`$\rho(\hat a, a)$`), `…` after what is before it.
 * Cut inside, `$\rho(\…` would show an unbalanced dollar and a dangling
 * backslash. Inline code has no delimiters in these words, so a cut between
 * two of its words leaves nothing unbalanced.
 */
export function firstSentence(lead: Lead, max: number): string {
  const text = lead.words;
  const outside = (at: number) => !lead.math.some(([start, end]) => at > start && at < end);
  const end = [...text.matchAll(/[.!?](?=\s|$)/gu)].find((match) => outside(match.index) && !(match[0] === '.' && abbreviationEndsAt(text, match.index)))?.index;
  const sentence = end === undefined ? text : text.slice(0, end + 1);
  if (sentence.length <= max) return sentence;
  // The last space at which the words before it, and `…`, fit in `max`.
  let cut = 0;
  for (const space of sentence.matchAll(/\s/gu)) {
    if (space.index > max - 1) break;
    if (outside(space.index)) cut = space.index;
  }
  return `${sentence.slice(0, cut).trimEnd()}…`;
}

/**
 * Whether the full stop at `stop` in `text` ends an abbreviation rather than
 * a sentence: the word before it (from the last space, opening brackets and
 * quotes left out: "(e.g.") is one of `ABBREVIATIONS` in any case, letters
 * each followed by a stop ("e.g", "U.S"), or one capital letter (an initial).
 */
function abbreviationEndsAt(text: string, stop: number): boolean {
  const word = /[^\s([{"'“‘]*$/u.exec(text.slice(Math.max(0, stop - 20), stop))![0];
  return ABBREVIATIONS.has(word.toLowerCase()) || /^(?:\p{L}\.)+\p{L}$/u.test(word) || /^\p{Lu}$/u.test(word);
}
