import type { Nodes } from 'mdast';
import { wordPieces } from './segment-pieces.js';

// Word-like segments (Unicode text segmentation, UAX #29), so Chinese or
// Japanese text counts its words, not the runs between spaces. Made on first
// use: loading ICU's word data costs about 20 ms, which a warm lint (whose
// rules import this module) never needs.
let segmenter: Intl.Segmenter | undefined;

/** Words in a plain string (a title): its word-like segments. */
export function countWordsIn(text: string): number {
  let count = 0;
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'word' });
  // In pieces: Node 20's segmenter is slow past a few kilobytes (segment-pieces.ts).
  for (const piece of wordPieces(text)) {
    for (const segment of segmenter.segment(piece)) if (segment.isWordLike) count += 1;
  }
  return count;
}

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
