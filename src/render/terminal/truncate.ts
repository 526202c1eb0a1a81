import { displayWidth } from '../text/index.js';

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const ELLIPSIS = '…';

/**
 * `text` cut to at most `width` columns by display width, ending in "…"
 * when cut, as an inbox list cuts a subject. Cuts between grapheme clusters,
 * so an emoji or an accented letter is never split.
 */
export function truncateToWidth(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  const room = width - displayWidth(ELLIPSIS);
  let kept = '';
  let keptWidth = 0;
  for (const { segment } of graphemes.segment(text)) {
    const segmentWidth = displayWidth(segment);
    if (keptWidth + segmentWidth > room) break;
    kept += segment;
    keptWidth += segmentWidth;
  }
  return `${kept.trimEnd()}${ELLIPSIS}`;
}
