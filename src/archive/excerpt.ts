import { UNSPACED, wordBoundaries } from '../issue/word-cuts.js';

/** Characters of a paper's excerpt on the papers page, a search's result or a filter's alike: two lines of the result list. */
export const EXCERPT_LENGTH = 160;

/**
 * What an excerpt is taken from (words.ts `leadWords`): a summary's first
 * paragraph of prose as words (whitespace collapsed, math between the
 * dollars it was written with, struck text between `~~`), and where math
 * and struck text are in them (`whole`), as [start, end) offsets of `words`
 * that include the dollars or tildes: an excerpt neither ends nor is cut
 * inside one. Read off the tree, so an escaped dollar (`\$100`) is never
 * taken for math.
 */
export interface Lead {
  words: string;
  whole: [number, number][];
}

/**
 * Words before which a full stop ends no sentence, lower case, without
 * their stop: abbreviations a summary of a paper writes mid-sentence
 * ("e.g. the", "vs. 7 B", "Fig. 2", "Eq. 3", "Sec. 4", "cf. Dr. Smith",
 * "approx. 5"). Ones that often end a sentence too ("etc.", "no.") are not
 * among them; "et al." is read as an initial is (`endsSentenceAt`).
 */
const ABBREVIATIONS = new Set(['approx', 'ca', 'cf', 'ch', 'dr', 'eq', 'eqs', 'fig', 'figs', 'mr', 'mrs', 'ms', 'pp', 'prof', 'resp', 'sec', 'secs', 'tab', 'thm', 'viz', 'vol', 'vs']);

/**
 * Words that open sentences and name no author, as written at a sentence's
 * start: after "model B." or "et al." one of them starts a new sentence
 * (`endsSentenceAt`). Determiners, pronouns, conjunctions, prepositions and
 * linking adverbs, closed classes of English. Left out, as surnames that
 * follow an initial in papers' author lists: "He" (K. He), "You" (Y. You),
 * "An", "So", "To", "Do", "May", "Will", "Can", "Still", "She", "Her",
 * "Long", "Young".
 */
const OPENERS = new Set(
  ('A After Again All Also Although And Another Any As At Because Before Both But By Despite Each Either Even Every Finally First ' +
    'For Furthermore Given Hence Here How However I If In Indeed Instead Interestingly It Its Likewise Many Meanwhile Moreover ' +
    'Most Neither Next No None Nor Not Notably Of On Once One Only Or Other Our Overall Second Several Similarly Since Some Such ' +
    'Surprisingly That The Their Then There Therefore These They Third This Those Though Thus Unless Unlike Using We What When ' +
    'Where Whereas Which While Why With Without Yet').split(' '),
);

/** Nouns, lower case, that name things by a capital after them ("Appendix C", "Figure A", "model B", "Type A"): such a capital is no initial. */
const LABELS = new Set(
  ('agent appendix appendices arm case category chapter claim class condition configuration dataset equation experiment ' +
    'figure group level method model models option part phase plan player policy problem question scenario section setting ' +
    'stage step table task theorem tier type variant version').split(' '),
);

/**
 * The first sentence of `lead` (up to the first `.`, `!` or `?` followed by
 * white space or the end, or a Chinese or Japanese stop `。`, outside math and struck text,
 * a stop that ends no abbreviation and is before no lower-case word
 * (`endsSentenceAt`); the whole of its words when there is
 * none), cut to `max` characters with `…`: what a list of papers shows of a
 * summary.
 *
 * A `!` or `?` ends no sentence before a lower-case word ("Yahoo!
 * researchers found", "the so-called why? question"), as a `.` does not.
 * A stop ends no sentence after a word of `ABBREVIATIONS` or a dotted one
 * ("e.g.", "i.e.", "U.S."): cut there, "Wei et al." would read as a whole
 * sentence. After a single capital or "et al." it ends one only where the
 * word after opens a sentence (`endsSentenceAt`): "model B. Then we" ends at
 * "B.", "J. Smith" does not. A stop this misreads runs the excerpt on to
 * the next stop, or to `max` with `…`: never a sentence shown whole that was not.
 *
 * A cut falls only between words (at a space, or where the word
 * segmentation finds one in Chinese, Japanese or Thai: `cutsBetweenWords`),
 * never inside math or struck text: a word (a URL, a
 * formula without spaces) that would not fit whole is left out, and so is
 * a formula with spaces (`$\rho(\hat a, a)$`) or struck words (`~~a b~~`),
 * `…` after what is before it. Cut inside, `$\rho(\…` would show an
 * unbalanced dollar and a dangling backslash, `~~a…` a strike never closed. Inline code has no delimiters in these words, so a cut between
 * two of its words leaves nothing unbalanced.
 */
export function firstSentence(lead: Lead, max: number): string {
  const text = lead.words;
  const outside = (at: number) => !lead.whole.some(([start, end]) => at > start && at < end);
  const stop = [...text.matchAll(SENTENCE_END)].find((match) => outside(match.index) && endsSentenceAt(text, match.index, match[0]));
  const sentence = stop === undefined ? text : text.slice(0, stop.index + stop[0].length);
  if (sentence.length <= max) return sentence;
  // The last cut between words at which the words before it, and `…`, fit in `max`.
  let cut = 0;
  for (const at of cutsBetweenWords(sentence.slice(0, max + LOOK_PAST))) if (at <= max - 1 && outside(at)) cut = at;
  return `${sentence.slice(0, cut).trimEnd()}…`;
}

/**
 * A run of white space a line may break at: `\s` but the no-break spaces
 * (U+00A0, U+2007 figure space, U+202F narrow no-break space), which an
 * editor writes so that nothing parts `175 000 000`, `Mr. Smith` or
 * `Fig. 3`: neither a cut of an excerpt nor the end of a sentence.
 */
export const BREAKING_SPACE = /[^\S\u00a0\u2007\u202f]+/;

/**
 * A sentence's end: `.`, `!` or `?` before white space (not a no-break
 * space, `BREAKING_SPACE`) or the end; or a
 * Chinese or Japanese stop (`。`, fullwidth `！`, `？`, `．`, halfwidth `｡`),
 * which needs no space after it, with the stops right after it (`！？`).
 * Before a closing quote or bracket it ends one only with the quote, and
 * where white space or the end follows (`…。」 `): in `「本当だ。」と言った`
 * the sentence goes on after the quote, and an excerpt cut inside it
 * would leave the quote open.
 */
const SENTENCE_END = new RegExp(
  `[.!?](?=${BREAKING_SPACE.source}|$)|[。！？．｡]+(?![」』）〕】》〉〗〙〛”’"')\\]])|[。！？．｡]+[」』）〕】》〉〗〙〛”’"')\\]]+(?=${BREAKING_SPACE.source}|$)`,
  'gu',
);

/**
 * A fullwidth `．` between two digits (ASCII or fullwidth, each one UTF-16
 * unit, so the three characters around the stop): a decimal point. Only a
 * `．` alone: `SENTENCE_END` reads a run of stops (`．．`) as one mark.
 */
const DECIMAL_POINT = /^\p{Nd}．\p{Nd}$/u;

/**
 * Characters past `max` the word segmentation is given, so that the word
 * running across the cut is read whole (its dictionary words are a few
 * characters) and its start found.
 */
const LOOK_PAST = 32;

/**
 * Where `text` may be cut between words, ascending: before each white space,
 * and at each word boundary (word-cuts.ts, the search index's segmentation)
 * beside a character of a script written without spaces ("论文|研究",
 * "ภาษา|ไทย"). Not at the other boundaries inside a run without spaces: a URL
 * or a formula written without spaces is cut nowhere, left out whole.
 */
function cutsBetweenWords(text: string): number[] {
  const cuts = new Set([...text.matchAll(new RegExp(BREAKING_SPACE.source, 'gu'))].map((space) => space.index));
  if (UNSPACED.test(text)) {
    for (const at of wordBoundaries(text)) if (UNSPACED_BEFORE.test(text.slice(Math.max(0, at - 2), at)) || UNSPACED.test(String.fromCodePoint(text.codePointAt(at)!))) cuts.add(at);
  }
  return [...cuts].sort((a, b) => a - b);
}

const UNSPACED_BEFORE = new RegExp(`${UNSPACED.source}$`, 'u');

/**
 * Whether the stop `mark` (a match of `SENTENCE_END`) at `stop` in `text`
 * ends a sentence. The word before it is read from the last space, opening
 * brackets and quotes left out ("(e.g."); the word after it from the next
 * space, its opening quotes and brackets and its closing punctuation left
 * out ("However," → "However").
 *
 * - A Chinese or Japanese stop: an end (`SENTENCE_END` has read what
 *   follows it), but for a fullwidth `．` between two digits: the decimal
 *   point of a number written in fullwidth (`１．５`), which cut there would
 *   read as another number.
 * - A `!` or `?`: an end unless the word after begins with a lower-case
 *   letter ("Yahoo! researchers", "the why? question", "Really? yes"): as
 *   for a full stop, a sentence begins with none, and a name or a quoted
 *   question in the middle of one does not end it. A digit after one
 *   ("Wow! 12 of 15") is taken as a new sentence: no abbreviation ends in
 *   `!` or `?` to make it a page or a figure's number.
 *
 * A full stop, by the words around it:
 * - After a word of `ABBREVIATIONS` ("e.g", "Fig", "vs") or letters each followed
 *   by a stop ("e.g", "U.S"): no end. Which of these ends a sentence the
 *   words do not tell: a capital after "U.S." or "Fig." is as often a name.
 * - One capital letter ("B", "J") or "al" (of "et al."): an end when the
 *   word after opens a sentence, no end otherwise. The word after opens one
 *   when it begins with a capital, is no initial itself ("A. B. Jones": "B."
 *   is one) and is either a word of `OPENERS`, which no author is named
 *   ("model B. Then we", "Figure A. Next", "Wei et al. We show"), or the
 *   capital follows a word of `LABELS`, which names things by a letter,
 *   not people ("Appendix C. Experiments", "model B. Results"). So "J. Smith",
 *   "by A. B. Jones", "K. He et al." and "Table 2 and J. Lee" end nothing.
 * - Before a word that begins with a lower-case letter or a digit: no end,
 *   whatever the word before ("on p. 5 of", "Example Inc. and", "step 1. then"):
 *   an English sentence begins with neither, and the list of abbreviations
 *   cannot hold every one.
 * - Any other word: an end ("runs. Then", "etc. Then").
 */
function endsSentenceAt(text: string, stop: number, mark: string): boolean {
  if (mark === '．') return !DECIMAL_POINT.test(text.slice(Math.max(0, stop - 1), stop + 2));
  if (mark !== '.' && mark !== '!' && mark !== '?') return true;
  const after = /^\s+[([{"'“‘]*(\S*)/u.exec(text.slice(stop + 1))?.[1] ?? '';
  if (mark !== '.') return !/^\p{Ll}/u.test(after);
  const before = /[^\s([{"'“‘]*$/u.exec(text.slice(Math.max(0, stop - 20), stop))![0];
  if (ABBREVIATIONS.has(before.toLowerCase()) || /^(?:\p{L}\.)+\p{L}$/u.test(before)) return false;
  if (/^[\p{Ll}\p{Nd}]/u.test(after)) return false;
  if (!/^\p{Lu}$/u.test(before) && before !== 'al') return true;
  if (!/^\p{Lu}/u.test(after) || /^\p{Lu}\.$/u.test(after)) return false;
  if (OPENERS.has(after.replace(/[^\p{L}]+$/u, ''))) return true;
  const label = /(\p{L}+)\s+\p{Lu}$/u.exec(text.slice(Math.max(0, stop - 30), stop))?.[1];
  return before !== 'al' && label !== undefined && LABELS.has(label.toLowerCase());
}
