/**
 * Pieces of a text to give Intl.Segmenter one at a time, each cut where
 * the segmentation of the whole text has a boundary anyway, so that the
 * pieces' segments are the whole text's.
 *
 * Why: Node 20's Intl.Segmenter takes time that grows with the text's
 * length times its number of segments, and falls off a cliff past some
 * 50,000 code units: measured here, 50,000 Chinese characters take 0.25 s
 * to segment into words and 100,000 take 73 s; 120,000 letters `x` take
 * 7 s into graphemes. A summary of 20,000 words of Russian, or a pasted
 * 200 KB token, made `lint` and `render` run for minutes. Pieces of about
 * a kilobyte take microseconds each.
 *
 * tests/issue/segment-pieces.test.ts checks, over generated texts of every
 * kind of character these rules name (marks, joiners, emoji, flags, Hangul,
 * scripts segmented by dictionary), that the pieces' segments equal the
 * whole text's.
 */

/** Where a piece may end, at the earliest: a kilobyte of UTF-16 code units. */
export const SEGMENT_PIECE = 1024;

/**
 * Where a piece must end: a text with no safe cut for this long (a 200 KB
 * token, a run of Chinese without punctuation) is cut anyway, between two
 * code points (never inside a surrogate pair). Its segments may then differ
 * at that cut from the whole text's (a word counted as two): no reader's
 * text runs this long without a space or a line break.
 */
export const SEGMENT_HARD_LIMIT = 8 * SEGMENT_PIECE;

/**
 * Word boundaries (UAX #29) no rule looks across: a line break, or a space
 * followed by a character that is neither a space (WB3d keeps spaces
 * together) nor one WB4 attaches to what comes before (Extend: marks,
 * emoji modifiers; Format; ZWJ). No rule uses the space as the middle
 * character WB6/7 or WB11/12 look through, and ICU's dictionary runs
 * (Chinese, Japanese, Thai, Lao, Khmer, Burmese) end at it. Also after an
 * ideographic full stop or comma, or a fullwidth `!` or `?`, which are
 * WB=Other (a boundary on each side) and in no dictionary run.
 */
const WORD_CUT = /\n|(?: |[\u3001\u3002\uff01\uff1f])(?=[^\s\p{Grapheme_Extend}\p{Mc}\p{Cf}\p{Emoji_Modifier}])/gu;

/**
 * Grapheme cluster boundaries (UAX #29): between two characters that are
 * both "plain" for GB rules: a base character (Grapheme_Base) of Latin,
 * Greek, Cyrillic, Han, Hiragana, Katakana or Common script that is no
 * spacing mark (GB9a), no emoji (GB11) or emoji modifier (GB9: Extend),
 * no regional indicator (GB12/13), and of no script with prepended
 * characters (GB9b), conjuncts (GB9c) or jamo (GB6–8).
 * No rule joins two such characters, and none looks further.
 */
const PLAIN = '(?:(?![\\p{Mc}\\p{Extended_Pictographic}\\p{Emoji_Modifier}\\p{Regional_Indicator}])[\\p{Grapheme_Base}&&[\\p{sc=Latin}\\p{sc=Greek}\\p{sc=Cyrillic}\\p{sc=Han}\\p{sc=Hiragana}\\p{sc=Katakana}\\p{sc=Common}]])';

/** A cut between two plain characters (see PLAIN): the second one starts the next piece. */
const GRAPHEME_CUT = compileGraphemeCut();

function compileGraphemeCut(): RegExp {
  // The `v` flag (set operations) is Node 20's V8, ES2024; here for the intersection above.
  return new RegExp(`(?<=${PLAIN})(?=${PLAIN})`, 'gv');
}

/** The pieces of `text` for a word segmenter (see WORD_CUT), each at most `hard` code units. */
export function wordPieces(text: string, piece = SEGMENT_PIECE, hard = SEGMENT_HARD_LIMIT): string[] {
  return pieces(text, WORD_CUT, piece, hard, true);
}

/** The pieces of `text` for a grapheme segmenter (see GRAPHEME_CUT), each at most `hard` code units. */
export function graphemePieces(text: string, piece = SEGMENT_PIECE, hard = SEGMENT_HARD_LIMIT): string[] {
  return pieces(text, GRAPHEME_CUT, piece, hard, false);
}

/**
 * Cuts at the first match of `cut` at or after `piece` code units into each
 * piece; with none before `hard`, at `hard` (moved back off a low
 * surrogate). `afterMatch`: the cut is after the matched text (a space),
 * else at the match (a zero-width position).
 */
function pieces(text: string, cut: RegExp, piece: number, hard: number, afterMatch: boolean): string[] {
  const out: string[] = [];
  let start = 0;
  while (text.length - start > piece) {
    // Searched up to the hard limit only (and the two code units a lookahead reads past it): a text with no
    // place to cut would otherwise be searched to its end for every piece, 3 s for a megabyte.
    const window = text.slice(0, Math.min(text.length, start + hard + 2));
    cut.lastIndex = start + piece;
    const found = cut.exec(window);
    let end = found ? (afterMatch ? found.index + found[0].length : found.index) : text.length;
    if (end - start > hard) {
      end = start + hard;
      const code = text.charCodeAt(end);
      if (code >= 0xdc00 && code <= 0xdfff) end -= 1;
    }
    if (end >= text.length) break;
    out.push(text.slice(start, end));
    start = end;
  }
  out.push(text.slice(start));
  return out;
}
