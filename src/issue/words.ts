import type { Nodes } from 'mdast';

// Word-like segments (Unicode text segmentation, UAX #29), so Chinese or
// Japanese text counts its words, not the runs between spaces. Made on first
// use: loading ICU's word data costs about 20 ms, which a warm lint (whose
// rules import this module) never needs.
let segmenter: Intl.Segmenter | undefined;

/** Words in a plain string (a title): its word-like segments. */
export function countWordsIn(text: string): number {
  let count = 0;
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'word' });
  for (const piece of segmentable(text)) {
    for (const segment of segmenter.segment(piece)) if (segment.isWordLike) count += 1;
  }
  return count;
}

/**
 * Pieces of about `SEGMENT_PIECE` code units: Node 20's Intl.Segmenter takes
 * time that grows faster than the text (here 15,000 characters of English
 * 0.1 s, 120,000 3 s; a summary of 20,000 short lines made a cold lint take
 * 5 minutes), so a long text is segmented piece by piece. A piece ends after
 * a line break or after an ASCII space followed by an ASCII letter or digit:
 * UAX #29 always breaks there (WB3a/b; WB999, as no rule joins a space to
 * what follows it but another space), and no rule looks across it, since a
 * space or a line break is never the middle character WB6/7 and WB11/12
 * look through; ICU's dictionary runs (Chinese, Thai) end there too. So
 * the pieces' word-like segments are the text's (tests/issue/words.test.ts
 * checks it against the whole text).
 */
function* segmentable(text: string): Generator<string> {
  let start = 0;
  while (text.length - start > SEGMENT_PIECE) {
    SAFE_BREAK.lastIndex = start + SEGMENT_PIECE;
    const found = SAFE_BREAK.exec(text);
    if (!found) break;
    const end = found.index + found[0].length;
    yield text.slice(start, end);
    start = end;
  }
  yield text.slice(start);
}

const SEGMENT_PIECE = 1024;
const SAFE_BREAK = /\n| (?=[A-Za-z0-9])/g;

/**
 * The words a reader sees in a Markdown tree: the text of each block on its
 * own (mdast-util-to-string of a whole tree would glue a paragraph's last
 * word to the next block's first), with code, math and image alt text;
 * link URLs, definitions and Markdown syntax are not words. The one count
 * of paperboy: the lint's summary limit and the preview's reading time.
 */
export function countWords(tree: Nodes): number {
  return sumWords(blockTexts(tree));
}

function sumWords(texts: readonly string[]): number {
  return texts.reduce((sum, text) => sum + countWordsIn(text), 0);
}

/**
 * `countWords(tree)` when it is over `max`, else undefined; what a word
 * limit needs, mostly without segmenting (a third of a cold lint's rule
 * time went there). In ASCII text, letters, digits and `_` never break
 * apart (UAX #29 rules WB5, WB8–WB10, WB13a/b), and every word-like segment
 * holds one of them, so the runs of `[A-Za-z0-9_]` are at least as many as
 * the words: when they are at most `max`, so are the words.
 * tests/issue/words.test.ts checks the bound against Intl.Segmenter.
 */
export function wordsOver(tree: Nodes, max: number): number | undefined {
  const texts = blockTexts(tree);
  if (texts.reduce((bound, text) => bound + asciiWordBound(text), 0) <= max) return undefined;
  const count = sumWords(texts);
  return count > max ? count : undefined;
}

const BEYOND_PRINTABLE_ASCII = /[^\t\n\r\x20-\x7e]/;
const ASCII_WORD_RUN = /[A-Za-z0-9_]+/g;

/** At least the number of words in `text`: its runs of ASCII word characters, or Infinity for text beyond printable ASCII. */
export function asciiWordBound(text: string): number {
  if (BEYOND_PRINTABLE_ASCII.test(text)) return Infinity;
  return text.match(ASCII_WORD_RUN)?.length ?? 0;
}

/** The text of each block of a tree, in document order (see countWords). */
function blockTexts(tree: Nodes): string[] {
  const texts: string[] = [];
  let run = '';
  const flush = (): void => {
    if (run !== '') texts.push(run);
    run = '';
  };
  const walk = (node: Nodes): void => {
    switch (node.type) {
      case 'text':
      case 'inlineCode':
      case 'inlineMath':
        run += node.value;
        return;
      case 'break':
        run += ' ';
        return;
      case 'image':
      case 'imageReference':
        run += node.alt ?? '';
        return;
      case 'code':
      case 'math':
        flush();
        texts.push(node.value);
        return;
    }
    if (!('children' in node)) return;
    const phrasing = node.type === 'emphasis' || node.type === 'strong' || node.type === 'delete' || node.type === 'link' || node.type === 'linkReference';
    if (!phrasing) flush();
    for (const child of node.children as Nodes[]) walk(child);
    if (!phrasing) flush();
  };
  walk(tree);
  flush();
  return texts;
}
