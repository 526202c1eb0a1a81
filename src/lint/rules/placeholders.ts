import { isPlaceholderUrl, URL_MARKERS } from '../../issue/placeholder-url.js';

/**
 * What holds the place of finished text: TODO, TK, FIXME, XXX (whole words,
 * in capitals) and lorem ipsum (any case). Read by lint's no-placeholder,
 * which also reports the words of a placeholder URL (issue/placeholder-url.ts).
 *
 * A marker is a word of its own: one joined to another by a hyphen is part
 * of a name (`XXL-TK`, `Flan-XXX`), and `TK` before a capitalised name is
 * someone's initials (`TK Lee`). Words in quotation marks ("…", “…”, «…»)
 * are quoted, not left to fill: a talk titled "Lorem ipsum considered
 * harmful", a benchmark called "TODO".
 */

/** A marker word, where letters, digits, `_` or a hyphenated word do not go on around it. */
const MARKER = String.raw`(?<![\p{L}\p{N}_])(?<![\p{L}\p{N}]-)(?:TODO|FIXME|XXX|TK(?! \p{Lu}\p{Ll}))(?![\p{L}\p{N}_])(?!-[\p{L}\p{N}])`;
const MARKERS = new RegExp(MARKER, 'gu');
const FILLER = /(?<![\p{L}\p{N}_])lorem\s+ipsum(?![\p{L}\p{N}_])/giu;
const QUOTATION = /"[^"\n]*"|“[^”\n]*”|«[^»\n]*»/gu;
/** What every placeholder contains: a cheap test that spares most text the Unicode-aware patterns above. */
const MAY_HOLD_PLACEHOLDER = /TODO|TK|FIXME|XXX|lorem/i;
const URL_IN_PROSE = /(?:\b[a-z][a-z\d+.-]*:\/\/|\bwww\.)[^\s<>()[\]]*/giu;

export interface Placeholder {
  /** As written, its white space made one space (`lorem  ipsum` → `lorem ipsum`). */
  word: string;
  /** Offsets in the value. */
  start: number;
  end: number;
}

/**
 * The placeholders of a value, in order. A URL is an address, not prose: a
 * `TODO` in `https://github.com/x/y/blob/main/TODO.md` is its file's name,
 * and skipped, but for a placeholder URL (`isPlaceholderUrl`), whose
 * markers are all placeholders.
 */
export function placeholdersIn(value: string): Placeholder[] {
  if (!MAY_HOLD_PLACEHOLDER.test(value)) return [];
  const inProse = markersIn(value);
  // Looking for URLs and quotations costs more than looking for placeholders: only when there may be some.
  if (inProse.length === 0 && value.search(URL_MARKERS) === -1) return [];
  const urls = [...value.matchAll(URL_IN_PROSE)];
  const skipped = [...urls, ...value.matchAll(QUOTATION)].map((match) => [match.index, match.index + match[0].length] as const);
  const inUrls = urls.filter((url) => isPlaceholderUrl(url[0])).flatMap((url) => urlMarkersIn(url[0]).map((match) => ({ ...match, start: url.index + match.start, end: url.index + match.end })));
  return [...inProse.filter((match) => !skipped.some(([start, end]) => match.start >= start && match.start < end)), ...inUrls].sort((a, b) => a.start - b.start);
}

function markersIn(value: string): Placeholder[] {
  return asPlaceholders([...value.matchAll(MARKERS), ...value.matchAll(FILLER)]);
}

function urlMarkersIn(url: string): Placeholder[] {
  return asPlaceholders([...url.matchAll(URL_MARKERS)]);
}

function asPlaceholders(matches: RegExpExecArray[]): Placeholder[] {
  return matches
    .sort((a, b) => a.index - b.index)
    .map((match) => ({ word: match[0].replace(/\s+/g, ' '), start: match.index, end: match.index + match[0].length }));
}
