import type { Nodes } from 'mdast';

// Word-like segments (Unicode text segmentation, UAX #29), so Chinese or
// Japanese text counts its words, not the runs between spaces.
const segmenter = new Intl.Segmenter(undefined, { granularity: 'word' });

/** Words in a plain string (a title): its word-like segments. */
export function countWordsIn(text: string): number {
  let count = 0;
  for (const segment of segmenter.segment(text)) if (segment.isWordLike) count += 1;
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
  let count = 0;
  let run = '';
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
        count += countWordsIn(node.value);
        return;
    }
    if (!('children' in node)) return;
    const phrasing = node.type === 'emphasis' || node.type === 'strong' || node.type === 'delete' || node.type === 'link' || node.type === 'linkReference';
    if (!phrasing) flush();
    for (const child of node.children as Nodes[]) walk(child);
    if (!phrasing) flush();
  };
  const flush = (): void => {
    count += countWordsIn(run);
    run = '';
  };
  walk(tree);
  flush();
  return count;
}
